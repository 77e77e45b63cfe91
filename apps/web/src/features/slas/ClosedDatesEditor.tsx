import { Button, Group, Stack, Text, TextInput } from '@mantine/core';
import { IconPlus, IconX } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fieldError } from '../../components/ErrorAlert';
import { useFormat } from '../../lib/format';

/** Extra closed days (a bridge day, a local holiday): a date input, and the list with remove buttons. */
export function ClosedDatesEditor({
  value,
  onChange,
  error,
}: {
  value: string[];
  onChange: (v: string[]) => void;
  error: unknown;
}) {
  const { t } = useTranslation();
  const f = useFormat();
  const [date, setDate] = useState('');
  const add = () => {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return;
    if (!value.includes(date)) onChange([...value, date].sort());
    setDate('');
  };
  // a local date, shown without a time-zone shift
  const show = (d: string) => f.date(`${d}T12:00:00Z`);
  return (
    <Stack gap="xs">
      <Group align="flex-end" gap="xs">
        <TextInput
          type="date"
          label={t('slas.calendars.closedDate')}
          value={date}
          onChange={(e) => setDate(e.currentTarget.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              add();
            }
          }}
        />
        <Button
          variant="default"
          leftSection={<IconPlus size={14} aria-hidden />}
          onClick={add}
          disabled={!date}
        >
          {t('slas.calendars.addClosedDate')}
        </Button>
      </Group>
      {value.length === 0 ? (
        <Text size="sm">{t('slas.calendars.noClosedDates')}</Text>
      ) : (
        <Stack component="ul" gap={2} style={{ listStyle: 'none', margin: 0, padding: 0 }}>
          {value.map((d, i) => (
            <li key={d}>
              <Group gap="xs">
                <Text size="sm">
                  <time dateTime={d}>{show(d)}</time>
                </Text>
                <Button
                  variant="subtle"
                  color="red"
                  size="compact-xs"
                  leftSection={<IconX size={12} aria-hidden />}
                  onClick={() => onChange(value.filter((x) => x !== d))}
                  aria-label={t('slas.calendars.removeClosedDate', { date: show(d) })}
                >
                  {t('slas.remove')}
                </Button>
                {fieldError(error, `closedDates.${i}`) && (
                  <Text size="sm" c="red.8">
                    {fieldError(error, `closedDates.${i}`)}
                  </Text>
                )}
              </Group>
            </li>
          ))}
        </Stack>
      )}
    </Stack>
  );
}
