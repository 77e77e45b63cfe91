import type { CiSummary } from '@guichet/contracts';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SearchCombobox } from '../../components/SearchCombobox';
import { useCiSearch } from './api';

/** Search-as-you-type for a configuration item (name, serial, inventory number, hostname). */
export function CiPicker({
  label,
  onSelect,
  exclude = [],
  description,
  error,
}: {
  label: string;
  onSelect: (item: CiSummary) => void;
  /** items not to offer (the item itself, those already linked) */
  exclude?: readonly number[];
  description?: string;
  error?: string;
}) {
  const { t } = useTranslation();
  const [query, setQuery] = useState({ q: '', enabled: false });
  const search = useCiSearch(query.q, query.enabled);
  return (
    <SearchCombobox
      label={label}
      description={description}
      error={error}
      search={search}
      onQuery={(q, enabled) => setQuery({ q, enabled })}
      exclude={exclude}
      details={(item) =>
        [
          t(`cmdb.class.${item.class}`),
          item.hostname,
          item.serialNumber,
          item.inventoryNumber,
          item.entity.name,
          item.site?.name,
        ]
          .filter(Boolean)
          .join(' · ')
      }
      resultsText={(count) => t('cmdb.picker.results', { count })}
      listLabel={t('cmdb.picker.listLabel')}
      onSelect={onSelect}
    />
  );
}
