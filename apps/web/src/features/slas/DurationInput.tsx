import { TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { formatMinutes, parseDuration } from './duration';

/**
 * A duration typed as minutes ("90") or in words ("4 h", "1 h 30", "2 j"); the hint below repeats
 * how it was read ("= 1 h 30"), or says it could not be.
 */
export function DurationInput({
  label,
  value,
  onChange,
  error,
  hideLabel = false,
}: {
  label: string;
  value: string;
  onChange: (v: string) => void;
  error?: string;
  /** the label is given by the table headers around it: keep it for assistive technologies only */
  hideLabel?: boolean;
}) {
  const { t } = useTranslation();
  const minutes = parseDuration(value);
  const invalid = minutes !== null && !Number.isFinite(minutes);
  return (
    <TextInput
      label={hideLabel ? undefined : label}
      aria-label={hideLabel ? label : undefined}
      value={value}
      onChange={(e) => onChange(e.currentTarget.value)}
      description={minutes !== null && !invalid ? `= ${formatMinutes(t, minutes)}` : undefined}
      error={invalid ? t('slas.durationInvalid') : error}
      inputMode="text"
      autoComplete="off"
      w={140}
    />
  );
}
