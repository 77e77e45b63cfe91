import { Group, Radio, Text } from '@mantine/core';
import { forwardRef } from 'react';
import { useTranslation } from 'react-i18next';

const SCORES = [1, 2, 3, 4, 5] as const;

/**
 * The 1–5 score as native radio buttons in a fieldset: the legend asks the question, each option is
 * read « 4 sur 5 », arrow keys move between them. `ref` is the first radio, for focusing the survey.
 */
export const ScoreRadios = forwardRef<
  HTMLInputElement,
  { value: number | null; onChange: (score: number) => void; error?: string | undefined; name: string }
>(function ScoreRadios({ value, onChange, error, name }, ref) {
  const { t } = useTranslation();
  const errorId = `${name}-error`;
  return (
    <fieldset
      className="satisfaction-fieldset"
      aria-describedby={error ? errorId : undefined}
      aria-invalid={error ? true : undefined}
      style={{ border: 0, margin: 0, padding: 0, minInlineSize: 0 }}
    >
      <legend style={{ padding: 0, marginBottom: 'var(--mantine-spacing-xs)', fontWeight: 500 }}>
        {t('satisfaction.scoreLegend')}
      </legend>
      <Group gap="md">
        {SCORES.map((score) => (
          <Radio
            key={score}
            ref={score === 1 ? ref : undefined}
            name={name}
            value={String(score)}
            checked={value === score}
            onChange={() => onChange(score)}
            label={t('satisfaction.scoreOption', { score })}
          />
        ))}
      </Group>
      {error && (
        <Text id={errorId} size="sm" c="red.8" mt={4}>
          {error}
        </Text>
      )}
    </fieldset>
  );
});
