import type { CiClass, CiStatus } from '@guichet/contracts';
import { Anchor, Button, Group, NativeSelect, Stack, Table, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconPlus, IconSearch } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { PageTitle } from '../../components/PageTitle';
import { ciClasses, ciStatuses } from '../../lib/enums';
import { useFormat } from '../../lib/format';
import { useCiList } from './api';
import { CiStatusBadge } from './CiStatusBadge';

/** The inventory: search, filter by class and status, page with "load more". Filters live in the URL. */
export function CmdbListPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const [params, setParams] = useSearchParams();
  const [search, setSearch] = useState(params.get('q') ?? '');
  const [q] = useDebouncedValue(search.trim(), 300);
  const cls = (params.get('class') ?? '') as CiClass | '';
  const status = (params.get('status') ?? '') as CiStatus | '';
  const list = useCiList({ q: q || undefined, class: cls || undefined, status: status || undefined });
  const rows = list.data?.pages.flatMap((p) => p.items) ?? [];

  const setFilter = (key: string, value: string) =>
    setParams(
      (p) => {
        const next = new URLSearchParams(p);
        if (value) next.set(key, value);
        else next.delete(key);
        return next;
      },
      { replace: true },
    );

  return (
    <Stack gap="md">
      <Group justify="space-between" align="center">
        <PageTitle>{t('cmdb.list.title')}</PageTitle>
        <Button component={Link} to="/cmdb/new" leftSection={<IconPlus size={16} aria-hidden />}>
          {t('cmdb.list.new')}
        </Button>
      </Group>

      <Group align="flex-end" gap="sm" wrap="wrap" role="search" aria-label={t('cmdb.list.filters')}>
        <TextInput
          label={t('cmdb.list.search')}
          description={t('cmdb.list.searchHint')}
          type="search"
          leftSection={<IconSearch size={16} aria-hidden />}
          value={search}
          onChange={(e) => {
            const value = e.currentTarget.value;
            setSearch(value);
            setFilter('q', value.trim());
          }}
          w={320}
        />
        <NativeSelect
          label={t('cmdb.field.class')}
          value={cls}
          onChange={(e) => setFilter('class', e.currentTarget.value)}
          data={[
            { value: '', label: t('cmdb.list.allClasses') },
            ...ciClasses.map((c) => ({ value: c, label: t(`cmdb.class.${c}`) })),
          ]}
        />
        <NativeSelect
          label={t('cmdb.field.status')}
          value={status}
          onChange={(e) => setFilter('status', e.currentTarget.value)}
          data={[
            { value: '', label: t('cmdb.list.allStatuses') },
            ...ciStatuses.map((s) => ({ value: s, label: t(`cmdb.status.${s}`) })),
          ]}
        />
      </Group>

      {list.isPending ? (
        <Loading />
      ) : list.error ? (
        <ErrorAlert error={list.error} />
      ) : (
        <>
          <Table.ScrollContainer minWidth={1000}>
            <Table
              highlightOnHover
              verticalSpacing={6}
              aria-busy={list.isPlaceholderData || undefined}
              style={list.isPlaceholderData ? { opacity: 0.6 } : undefined}
            >
              <Table.Caption style={{ captionSide: 'top', textAlign: 'left' }}>
                {t('cmdb.list.caption', { count: rows.length })}
              </Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('cmdb.field.name')}</Table.Th>
                  <Table.Th scope="col">{t('cmdb.field.class')}</Table.Th>
                  <Table.Th scope="col">{t('cmdb.field.status')}</Table.Th>
                  <Table.Th scope="col">{t('cmdb.field.entity')}</Table.Th>
                  <Table.Th scope="col">{t('cmdb.field.site')}</Table.Th>
                  <Table.Th scope="col">{t('cmdb.field.owner')}</Table.Th>
                  <Table.Th scope="col">{t('cmdb.field.serialNumber')}</Table.Th>
                  <Table.Th scope="col">{t('cmdb.field.hostname')}</Table.Th>
                  <Table.Th scope="col">{t('cmdb.field.updatedAt')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rows.length === 0 && (
                  <Table.Tr>
                    <Table.Td colSpan={9}>{t('cmdb.list.empty')}</Table.Td>
                  </Table.Tr>
                )}
                {rows.map((r) => (
                  <Table.Tr key={r.id}>
                    <Table.Td>
                      <Anchor component={Link} to={`/cmdb/items/${r.id}`} fw={600} size="sm">
                        {r.name}
                      </Anchor>
                      {r.inventoryNumber && (
                        <Text span size="xs" display="block">
                          {t('cmdb.list.inventoryShort', { number: r.inventoryNumber })}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>{t(`cmdb.class.${r.class}`)}</Table.Td>
                    <Table.Td>
                      <CiStatusBadge status={r.status} />
                    </Table.Td>
                    <Table.Td>{r.entity.name}</Table.Td>
                    <Table.Td>{r.site?.name ?? '—'}</Table.Td>
                    <Table.Td>{r.owner?.name ?? '—'}</Table.Td>
                    <Table.Td ff="monospace">{r.serialNumber ?? '—'}</Table.Td>
                    <Table.Td ff="monospace">{r.hostname ?? '—'}</Table.Td>
                    <Table.Td>
                      <time dateTime={r.updatedAt}>{f.dateTime(r.updatedAt)}</time>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          {list.hasNextPage && (
            <Group>
              <Button
                variant="default"
                onClick={() => void list.fetchNextPage()}
                loading={list.isFetchingNextPage}
              >
                {t('cmdb.list.loadMore')}
              </Button>
            </Group>
          )}
        </>
      )}
    </Stack>
  );
}
