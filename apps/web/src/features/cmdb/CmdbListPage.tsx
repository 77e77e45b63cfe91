import type { CiClass, CiStatus } from '@guichet/contracts';
import {
  Anchor,
  Button,
  CloseButton,
  Group,
  NativeSelect,
  Stack,
  Table,
  Text,
  TextInput,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconDownload, IconPlus, IconSearch, IconUpload } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { PageTitle } from '../../components/PageTitle';
import { API_BASE } from '../../lib/api';
import { ciClasses, ciStatuses } from '../../lib/enums';
import { useFormat } from '../../lib/format';
import { useSession } from '../auth/session';
import { entityTreeOrder, indent, useEntities, useSites } from '../directory/api';
import { PersonPicker } from '../directory/PersonPicker';
import { useCiList } from './api';
import { CiStatusBadge } from './CiStatusBadge';
import { canImport } from './import/canImport';

/**
 * The inventory: search, filter by class, status, entity, site and owner, page with "load more", export what is
 * filtered. Filters live in the URL.
 */
export function CmdbListPage() {
  const { t } = useTranslation();
  const { user } = useSession();
  const f = useFormat();
  const [params, setParams] = useSearchParams();
  const [search, setSearch] = useState(params.get('q') ?? '');
  const [q] = useDebouncedValue(search.trim(), 300);
  const cls = (params.get('class') ?? '') as CiClass | '';
  const status = (params.get('status') ?? '') as CiStatus | '';
  const entity = Number(params.get('entity')) || undefined;
  const site = Number(params.get('site')) || undefined;
  const owner = Number(params.get('owner')) || undefined;
  const ownerName = params.get('ownerName') ?? '';
  const filters = {
    q: q || undefined,
    class: cls || undefined,
    status: status || undefined,
    entity,
    site,
    owner,
  };
  const list = useCiList(filters);
  const entities = useEntities();
  const sites = useSites({ entity }, entity !== undefined);
  const exportHref = (format: 'csv' | 'xlsx') => {
    const query = new URLSearchParams({ format });
    for (const [k, v] of Object.entries(filters)) if (v !== undefined) query.set(k, String(v));
    return `${API_BASE}/cmdb/items/export?${query}`;
  };
  const rows = list.data?.pages.flatMap((p) => p.items) ?? [];

  const setFilters = (values: Record<string, string>) =>
    setParams(
      (p) => {
        const next = new URLSearchParams(p);
        for (const [key, value] of Object.entries(values)) {
          if (value) next.set(key, value);
          else next.delete(key);
        }
        return next;
      },
      { replace: true },
    );
  const setFilter = (key: string, value: string) => setFilters({ [key]: value });

  return (
    <Stack gap="md">
      <Group justify="space-between" align="center">
        <PageTitle>{t('cmdb.list.title')}</PageTitle>
        <Group gap="xs">
          <Button
            component="a"
            href={exportHref('csv')}
            variant="default"
            leftSection={<IconDownload size={16} aria-hidden />}
            aria-label={t('cmdb.list.exportCsvLong')}
          >
            {t('cmdb.list.exportCsv')}
          </Button>
          <Button
            component="a"
            href={exportHref('xlsx')}
            variant="default"
            leftSection={<IconDownload size={16} aria-hidden />}
            aria-label={t('cmdb.list.exportXlsxLong')}
          >
            {t('cmdb.list.exportXlsx')}
          </Button>
          {canImport(user) && (
            <Button
              component={Link}
              to="/cmdb/import"
              variant="default"
              leftSection={<IconUpload size={16} aria-hidden />}
            >
              {t('cmdbImport.open')}
            </Button>
          )}
          <Button component={Link} to="/cmdb/new" leftSection={<IconPlus size={16} aria-hidden />}>
            {t('cmdb.list.new')}
          </Button>
        </Group>
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
        <NativeSelect
          label={t('cmdb.field.entity')}
          value={entity ? String(entity) : ''}
          // a site belongs to one entity: changing the entity drops the site filter
          onChange={(e) => setFilters({ entity: e.currentTarget.value, site: '' })}
          data={[
            { value: '', label: t('cmdb.list.allEntities') },
            ...entityTreeOrder(entities.data ?? []).map((en) => ({
              value: String(en.id),
              label: indent(en.depth, en.name),
            })),
          ]}
        />
        <NativeSelect
          label={t('cmdb.field.site')}
          description={entity ? undefined : t('cmdb.list.siteNeedsEntity')}
          disabled={!entity}
          value={site ? String(site) : ''}
          onChange={(e) => setFilter('site', e.currentTarget.value)}
          data={[
            { value: '', label: t('cmdb.list.allSites') },
            ...(sites.data?.items ?? []).map((s) => ({ value: String(s.id), label: s.name })),
          ]}
        />
        {owner ? (
          <Stack gap={2}>
            <Text size="sm" fw={500}>
              {t('cmdb.field.owner')}
            </Text>
            <Group gap={4} wrap="nowrap">
              <Text size="sm">{ownerName || `#${owner}`}</Text>
              <CloseButton
                size="sm"
                aria-label={t('cmdb.list.ownerClear', { name: ownerName || `#${owner}` })}
                onClick={() => setFilters({ owner: '', ownerName: '' })}
              />
            </Group>
          </Stack>
        ) : (
          <PersonPicker
            label={t('cmdb.list.ownerFilter')}
            onSelect={(p) => setFilters({ owner: String(p.id), ownerName: p.name })}
          />
        )}
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
