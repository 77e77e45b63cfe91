import type { Person } from '@guichet/contracts';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SearchCombobox } from '../../components/SearchCombobox';
import { usePeopleSearch } from './api';

/** Search-as-you-type for a person (name, e-mail or phone). */
export function PersonPicker({
  label,
  onSelect,
  autoFocus,
  description,
  entity,
}: {
  label: string;
  onSelect: (person: Person) => void;
  autoFocus?: boolean;
  description?: string;
  entity?: number;
}) {
  const { t } = useTranslation();
  const [query, setQuery] = useState({ q: '', enabled: false });
  const search = usePeopleSearch({ q: query.q, entity, limit: 10 }, query.enabled);
  return (
    <SearchCombobox
      label={label}
      description={description}
      autoFocus={autoFocus}
      search={search}
      onQuery={(q, enabled) => setQuery({ q, enabled })}
      details={(p) =>
        [p.email, p.phone, p.entity.name, p.site?.name].filter(Boolean).join(' · ') +
        (p.active ? '' : ` · ${t('picker.inactive')}`)
      }
      resultsText={(count) => t('picker.results', { count })}
      listLabel={t('picker.listLabel')}
      onSelect={onSelect}
    />
  );
}
