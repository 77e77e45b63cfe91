import type { Person } from '@guichet/contracts';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SearchCombobox } from '../../components/SearchCombobox';
import { usePeopleSearch } from '../directory/api';

/** Search for an action's owner; the server checks they are support staff working for the plan's entity. */
export function OwnerPicker({
  label,
  description,
  error,
  onSelect,
}: {
  label: string;
  description?: string;
  error?: string | undefined;
  onSelect: (person: Person) => void;
}) {
  const { t } = useTranslation();
  const [query, setQuery] = useState({ q: '', enabled: false });
  const search = usePeopleSearch({ q: query.q, limit: 10 }, query.enabled);
  return (
    <SearchCombobox
      label={label}
      description={description}
      error={error}
      search={search}
      onQuery={(q, enabled) => setQuery({ q, enabled })}
      details={(p) => [p.email, p.entity.name].filter(Boolean).join(' · ')}
      resultsText={(count) => t('picker.results', { count })}
      listLabel={t('picker.listLabel')}
      onSelect={onSelect}
    />
  );
}
