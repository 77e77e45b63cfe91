import { Select } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { type ResolutionCode, resolutionCodes } from '../../lib/enums';

/** The resolution code as a listbox combobox (type to filter, ↓/↑, Enter). */
export function ResolutionCodeSelect({
  value,
  onChange,
  error,
  required,
}: {
  value: ResolutionCode | '';
  onChange: (value: ResolutionCode | '') => void;
  error?: string;
  required?: boolean;
}) {
  const { t } = useTranslation();
  return (
    <Select
      label={t('field.resolutionCode')}
      placeholder={t('common.choose')}
      required={required}
      value={value || null}
      onChange={(v) => onChange((v as ResolutionCode | null) ?? '')}
      data={resolutionCodes.map((r) => ({ value: r, label: t(`resolutionCode.${r}`) }))}
      allowDeselect={false}
      error={error}
      comboboxProps={{ withinPortal: true, keepMounted: false }}
    />
  );
}
