import type { Queue, TicketStatus, TicketSummary, TicketType } from '@guichet/contracts';
import { Badge, Button, Group, NativeSelect, Stack, Table, Tabs, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconSearch } from '@tabler/icons-react';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { PriorityBadge, StatusBadge } from '../../components/Badges';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { PageTitle } from '../../components/PageTitle';
import { priorities, queues, ticketStatuses, ticketTypes } from '../../lib/enums';
import { useFormat } from '../../lib/format';
import { SlaTimeLeft } from '../slas/SlaTimeLeft';
import { useSlaAlerts } from '../slas/useSlaAlerts';
import { type TicketListParams, type TicketSort, useQueueCounts, useTicketList } from '../tickets/api';
import { MajorIncidentAlert } from './MajorIncidentAlert';

const sorts: readonly TicketSort[] = ['-updatedAt', '-createdAt', 'createdAt', 'priority', 'slaDueAt'];
const PAGE = 50;

const isQueue = (v: string | null): v is Queue => (queues as readonly string[]).includes(v ?? '');
const isTyping = (el: EventTarget | null) =>
  el instanceof HTMLElement &&
  (el.isContentEditable ||
    ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName) ||
    el.getAttribute('role') === 'combobox');

/** Reads the desk filters from the URL, so a reload or "back" keeps them. */
function useDeskFilters() {
  const [params, setParams] = useSearchParams();
  const queue: Queue = isQueue(params.get('queue')) ? (params.get('queue') as Queue) : 'mine';
  const status = params.get('status') ?? '';
  const type = params.get('type') ?? '';
  const priority = params.get('priority') ?? '';
  const q = params.get('q') ?? '';
  const sortParam = params.get('sort') ?? '';
  const sort: TicketSort = (sorts as readonly string[]).includes(sortParam)
    ? (sortParam as TicketSort)
    : '-updatedAt';
  const set = (key: string, value: string) =>
    setParams(
      (p) => {
        const next = new URLSearchParams(p);
        if (value) next.set(key, value);
        else next.delete(key);
        return next;
      },
      { replace: key === 'q' },
    );
  return { queue, status, type, priority, q, sort, set };
}

export function DeskPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const navigate = useNavigate();
  const filters = useDeskFilters();
  const counts = useQueueCounts();
  const [search, setSearch] = useState(filters.q);
  const [debounced] = useDebouncedValue(search, 300);
  const [selected, setSelected] = useState(0);
  const tableRef = useRef<HTMLTableSectionElement>(null);
  // a clock crossing a threshold refreshes the queue (the state also turns locally at warnAt / dueAt)
  useSlaAlerts(true);

  // biome-ignore lint/correctness/useExhaustiveDependencies: push the debounced text into the URL only
  useEffect(() => {
    if (debounced.trim() !== filters.q) filters.set('q', debounced.trim());
  }, [debounced]);

  const statusFilter: readonly TicketStatus[] | undefined =
    filters.status === 'any'
      ? ticketStatuses
      : (ticketStatuses as readonly string[]).includes(filters.status)
        ? [filters.status as TicketStatus]
        : undefined;
  const params: TicketListParams = {
    queue: filters.queue,
    status: statusFilter,
    type: (ticketTypes as readonly string[]).includes(filters.type)
      ? (filters.type as TicketType)
      : undefined,
    priority: filters.priority ? Number(filters.priority) : undefined,
    q: filters.q || undefined,
    sort: filters.sort,
    limit: PAGE,
  };
  const list = useTicketList(params);
  const rows: TicketSummary[] = list.data?.pages.flatMap((p) => p.items) ?? [];
  const selectedIndex = Math.min(selected, Math.max(rows.length - 1, 0));

  const focusRow = (index: number) => {
    const bounded = Math.max(0, Math.min(rows.length - 1, index));
    setSelected(bounded);
    const link = tableRef.current?.querySelectorAll<HTMLAnchorElement>('tr a[data-ticket]')[bounded];
    link?.focus();
    link?.closest('tr')?.scrollIntoView({ block: 'nearest' });
  };

  // j / k anywhere on the page (outside form fields) move through the queue; Enter opens
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.altKey || e.ctrlKey || e.metaKey || isTyping(e.target)) return;
      const inTable = tableRef.current?.contains(e.target as Node) ?? false;
      if (e.key === 'j' || (inTable && e.key === 'ArrowDown')) {
        e.preventDefault();
        focusRow(inTable ? selectedIndex + 1 : selectedIndex);
      } else if (e.key === 'k' || (inTable && e.key === 'ArrowUp')) {
        e.preventDefault();
        focusRow(inTable ? selectedIndex - 1 : selectedIndex);
      } else if (e.key === 'Enter' && !inTable && rows[selectedIndex] && e.target === document.body) {
        navigate(`/desk/tickets/${rows[selectedIndex]?.number}`);
      }
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  });

  const queueLabel = (q: Queue) => t(`desk.queue.${q}`);
  const countOf = (q: Queue) => counts.data?.[q];

  const content = (
    <Stack gap="sm">
      <Group align="flex-end" gap="sm" wrap="wrap" role="search" aria-label={t('desk.filters')}>
        <TextInput
          label={t('desk.search')}
          type="search"
          leftSection={<IconSearch size={16} aria-hidden />}
          value={search}
          onChange={(e) => setSearch(e.currentTarget.value)}
          w={260}
        />
        <NativeSelect
          label={t('field.status')}
          value={filters.status}
          onChange={(e) => filters.set('status', e.currentTarget.value)}
          data={[
            { value: '', label: t('desk.openStatuses') },
            ...ticketStatuses.map((s) => ({ value: s, label: t(`status.${s}`) })),
            { value: 'any', label: t('desk.anyStatus') },
          ]}
        />
        <NativeSelect
          label={t('field.type')}
          value={filters.type}
          onChange={(e) => filters.set('type', e.currentTarget.value)}
          data={[
            { value: '', label: t('common.all') },
            ...ticketTypes.map((s) => ({ value: s, label: t(`ticketType.${s}`) })),
          ]}
        />
        <NativeSelect
          label={t('field.priority')}
          value={filters.priority}
          onChange={(e) => filters.set('priority', e.currentTarget.value)}
          data={[
            { value: '', label: t('common.allFeminine') },
            ...priorities.map((p) => ({
              value: String(p),
              label: `${t('priority.short', { p })} ${t(`priority.${p}`)}`,
            })),
          ]}
        />
        <NativeSelect
          label={t('desk.sort')}
          value={filters.sort}
          onChange={(e) =>
            filters.set('sort', e.currentTarget.value === '-updatedAt' ? '' : e.currentTarget.value)
          }
          data={sorts.map((s) => ({ value: s, label: t(`desk.sortBy.${s}`) }))}
        />
      </Group>

      <Text size="sm" id="desk-keys">
        {t('desk.keyboardHint')}
      </Text>

      {list.isPending ? (
        <Loading />
      ) : list.error ? (
        <ErrorAlert error={list.error} />
      ) : (
        <Table.ScrollContainer minWidth={900}>
          <Table
            className="ticket-table"
            highlightOnHover
            striped={false}
            verticalSpacing={6}
            aria-describedby="desk-keys"
            // while another queue or filter loads, the previous rows stay, dimmed and marked busy
            aria-busy={list.isPlaceholderData || undefined}
            style={list.isPlaceholderData ? { opacity: 0.6 } : undefined}
          >
            <Table.Caption style={{ captionSide: 'top', textAlign: 'left' }}>
              {t('desk.caption', { queue: queueLabel(filters.queue), count: rows.length })}
            </Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('field.number')}</Table.Th>
                <Table.Th scope="col">{t('field.title')}</Table.Th>
                <Table.Th scope="col">{t('field.requester')}</Table.Th>
                <Table.Th scope="col">{t('field.entity')}</Table.Th>
                <Table.Th scope="col" aria-sort={filters.sort === 'priority' ? 'ascending' : undefined}>
                  {t('field.priority')}
                </Table.Th>
                <Table.Th scope="col">{t('field.status')}</Table.Th>
                <Table.Th scope="col" aria-sort={filters.sort === 'slaDueAt' ? 'ascending' : undefined}>
                  {t('slas.queue.column')}
                </Table.Th>
                <Table.Th scope="col">{t('field.groupId')}</Table.Th>
                <Table.Th scope="col">{t('field.assigneeId')}</Table.Th>
                <Table.Th scope="col" aria-sort={filters.sort === '-updatedAt' ? 'descending' : undefined}>
                  {t('field.updatedAt')}
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody ref={tableRef}>
              {rows.length === 0 && (
                <Table.Tr>
                  <Table.Td colSpan={10}>{t('desk.empty')}</Table.Td>
                </Table.Tr>
              )}
              {rows.map((r, i) => (
                <Table.Tr
                  key={r.id}
                  data-selected={i === selectedIndex}
                  onClick={(e) => {
                    if ((e.target as HTMLElement).closest('a')) return;
                    navigate(`/desk/tickets/${r.number}`);
                  }}
                  style={{ cursor: 'pointer' }}
                >
                  <Table.Td>
                    <Link to={`/desk/tickets/${r.number}`} data-ticket onFocus={() => setSelected(i)}>
                      {r.number}
                    </Link>
                  </Table.Td>
                  <Table.Td>
                    {r.title}
                    <Text span size="xs" c="dimmed" display="block">
                      {t(`ticketType.${r.type}`)}
                    </Text>
                  </Table.Td>
                  <Table.Td>{r.requester.name}</Table.Td>
                  <Table.Td>{r.entity.name}</Table.Td>
                  <Table.Td>
                    <PriorityBadge priority={r.priority} />
                  </Table.Td>
                  <Table.Td>
                    <StatusBadge status={r.status} />
                  </Table.Td>
                  <Table.Td>
                    <SlaTimeLeft sla={r.sla} />
                  </Table.Td>
                  <Table.Td>{r.group?.name ?? '—'}</Table.Td>
                  <Table.Td>{r.assignee?.name ?? t('desk.unassigned')}</Table.Td>
                  <Table.Td>
                    <time dateTime={r.updatedAt}>{f.dateTime(r.updatedAt)}</time>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {list.hasNextPage && (
        <Group>
          <Button
            variant="default"
            onClick={() => void list.fetchNextPage()}
            loading={list.isFetchingNextPage}
          >
            {t('desk.loadMore')}
          </Button>
        </Group>
      )}
    </Stack>
  );

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-end">
        <PageTitle>{t('desk.title')}</PageTitle>
      </Group>

      <MajorIncidentAlert />

      <Tabs
        value={filters.queue}
        onChange={(v) => {
          if (isQueue(v)) {
            filters.set('queue', v === 'mine' ? '' : v);
            setSelected(0);
          }
        }}
      >
        <Tabs.List aria-label={t('desk.queues')}>
          {queues.map((q) => (
            <Tabs.Tab
              key={q}
              value={q}
              rightSection={
                countOf(q) === undefined ? undefined : (
                  <Badge size="sm" color="gray" variant="light" circle={false}>
                    {f.number(countOf(q) ?? 0)}
                  </Badge>
                )
              }
            >
              {queueLabel(q)}
            </Tabs.Tab>
          ))}
        </Tabs.List>

        {queues.map((q) => (
          <Tabs.Panel key={q} value={q} pt="md">
            {q === filters.queue && content}
          </Tabs.Panel>
        ))}
      </Tabs>
    </Stack>
  );
}
