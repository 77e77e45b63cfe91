import { Loader, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconSearch } from '@tabler/icons-react';
import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from './ErrorAlert';

const MIN_CHARS = 2;

/** What a search hook answers: TanStack Query's result, reduced to what the combobox reads. */
export interface SearchResult<T> {
  data?: { items: T[] };
  isPending: boolean;
  isFetching: boolean;
  error: unknown;
}

/**
 * Search-as-you-type as an ARIA 1.2 combobox: the results are a listbox; ↓/↑ move, Enter picks,
 * Escape closes; the number of results is announced. PersonPicker and CiPicker are this with their
 * own search and wording.
 */
export function SearchCombobox<T extends { id: number; name: string }>({
  label,
  description,
  error,
  autoFocus,
  search,
  onQuery,
  details,
  resultsText,
  listLabel,
  onSelect,
  exclude = [],
}: {
  label: string;
  description?: string;
  error?: string;
  autoFocus?: boolean;
  /** the search the parent runs for the latest query (hooks stay at the parent's top level) */
  search: SearchResult<T>;
  /** called when the debounced query changes; `enabled`: long enough to search */
  onQuery: (q: string, enabled: boolean) => void;
  /** the line under an option's name */
  details: (item: T) => string;
  resultsText: (count: number) => string;
  listLabel: string;
  onSelect: (item: T) => void;
  /** items not to offer (already chosen) */
  exclude?: readonly number[];
}) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const [debounced] = useDebouncedValue(text.trim(), 250);
  const enabled = debounced.length >= MIN_CHARS;
  // biome-ignore lint/correctness/useExhaustiveDependencies: only a new query is worth telling
  useEffect(() => onQuery(debounced, enabled), [debounced, enabled]);
  const results = enabled ? (search.data?.items ?? []).filter((i) => !exclude.includes(i.id)) : [];
  const listId = useId();
  const statusId = useId();
  const optionId = (i: number) => `${listId}-opt-${i}`;
  const listRef = useRef<HTMLDivElement>(null);
  const blurTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const expanded = open && enabled && !search.isPending;

  // biome-ignore lint/correctness/useExhaustiveDependencies: new results start from the first one
  useEffect(() => setActive(0), [debounced]);

  useEffect(() => {
    if (!expanded) return;
    listRef.current?.querySelector(`#${CSS.escape(optionId(active))}`)?.scrollIntoView({ block: 'nearest' });
  });

  const pick = (item: T) => {
    onSelect(item);
    setText('');
    setOpen(false);
  };

  const onKeyDown = (e: React.KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowDown') {
      e.preventDefault();
      setOpen(true);
      setActive((a) => (results.length ? (a + 1) % results.length : 0));
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      setActive((a) => (results.length ? (a - 1 + results.length) % results.length : 0));
    } else if (e.key === 'Enter') {
      const item = results[active];
      if (expanded && item) {
        e.preventDefault();
        pick(item);
      }
    } else if (e.key === 'Escape') {
      if (open) {
        e.preventDefault();
        setOpen(false);
      } else setText('');
    } else if (e.key === 'Home' && expanded) {
      setActive(0);
    } else if (e.key === 'End' && expanded) {
      setActive(Math.max(results.length - 1, 0));
    }
  };

  let status = '';
  if (text.trim().length > 0 && text.trim().length < MIN_CHARS)
    status = t('picker.minChars', { n: MIN_CHARS });
  else if (enabled && !search.isPending) status = resultsText(results.length);

  return (
    <div style={{ position: 'relative' }}>
      <TextInput
        label={label}
        description={description}
        error={error}
        type="text"
        role="combobox"
        aria-expanded={expanded}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={expanded && results[active] ? optionId(active) : undefined}
        aria-describedby={statusId}
        autoComplete="off"
        spellCheck={false}
        autoFocus={autoFocus}
        leftSection={<IconSearch size={16} aria-hidden />}
        rightSection={enabled && search.isFetching ? <Loader size="xs" aria-hidden /> : null}
        value={text}
        onChange={(e) => {
          clearTimeout(blurTimer.current);
          setText(e.currentTarget.value);
          setOpen(true);
        }}
        onFocus={() => {
          clearTimeout(blurTimer.current);
          setOpen(true);
        }}
        onBlur={() => {
          // let a click on an option land before the list closes
          blurTimer.current = setTimeout(() => setOpen(false), 150);
        }}
        onKeyDown={onKeyDown}
      />
      <Text id={statusId} size="xs" mt={4} role="status" aria-live="polite">
        {status}
      </Text>
      <div
        ref={listRef}
        id={listId}
        role="listbox"
        aria-label={listLabel}
        className="listbox"
        hidden={!expanded || results.length === 0}
      >
        {results.map((item, i) => (
          // biome-ignore lint/a11y/useKeyWithClickEvents: the keyboard drives the combobox input (aria-activedescendant)
          <div
            key={item.id}
            id={optionId(i)}
            role="option"
            tabIndex={-1}
            aria-selected={i === active}
            onMouseDown={(e) => e.preventDefault()}
            onClick={() => pick(item)}
            onMouseEnter={() => setActive(i)}
          >
            <Text size="sm" fw={600} span>
              {item.name}
            </Text>
            <Text size="xs" span display="block">
              {details(item)}
            </Text>
          </div>
        ))}
      </div>
      {search.error ? <ErrorAlert error={search.error} /> : null}
    </div>
  );
}
