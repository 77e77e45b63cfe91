import type { Site } from '@guichet/contracts';
import { Button, Group, Modal, NativeSelect, Stack, Table, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert, fieldError } from '../../components/ErrorAlert';
import { Form } from '../../components/Form';
import { Loading } from '../../components/Loading';
import { api } from '../../lib/api';
import { type SiteKind, siteKinds } from '../../lib/enums';
import { notify } from '../../lib/notify';
import { entityTreeOrder, indent, useDirectoryMutation, useEntities, useSitePages } from '../directory/api';

interface SiteDraft {
  entityId: string;
  name: string;
  kind: SiteKind;
  address: string;
}

function SiteForm({ site, onDone }: { site: Site | null; onDone: () => void }) {
  const { t } = useTranslation();
  const entities = useEntities();
  const [draft, setDraft] = useState<SiteDraft>({
    entityId: site ? String(site.entity.id) : '',
    name: site?.name ?? '',
    kind: site?.kind ?? 'office',
    address: site?.address ?? '',
  });
  const [missing, setMissing] = useState<Record<string, boolean>>({});
  const save = useDirectoryMutation(
    (body: { entityId: number; name: string; kind: SiteKind; address: string }) =>
      site ? api.patch<Site>(`/sites/${site.id}`, body) : api.post<Site>('/sites', body),
    [['sites']],
  );
  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    const m = { entityId: !draft.entityId, name: !draft.name.trim() };
    setMissing(m);
    if (m.entityId || m.name) return;
    save.mutate(
      {
        entityId: Number(draft.entityId),
        name: draft.name.trim(),
        kind: draft.kind,
        address: draft.address.trim(),
      },
      {
        onSuccess: () => {
          notify(t('admin.saved'));
          onDone();
        },
      },
    );
  };
  return (
    <Stack component={Form} gap="sm" onSubmit={submit}>
      <NativeSelect
        label={t('field.entity')}
        required
        value={draft.entityId}
        onChange={(e) => setDraft({ ...draft, entityId: e.currentTarget.value })}
        data={[
          { value: '', label: t('common.choose') },
          ...entityTreeOrder(entities.data ?? []).map((en) => ({
            value: String(en.id),
            label: indent(en.depth, en.name),
          })),
        ]}
        error={missing.entityId ? t('form.required') : fieldError(save.error, 'entityId')}
      />
      <TextInput
        label={t('admin.name')}
        required
        value={draft.name}
        onChange={(e) => setDraft({ ...draft, name: e.currentTarget.value })}
        error={missing.name ? t('form.required') : fieldError(save.error, 'name')}
      />
      <NativeSelect
        label={t('admin.kind')}
        value={draft.kind}
        onChange={(e) => setDraft({ ...draft, kind: e.currentTarget.value as SiteKind })}
        data={siteKinds.map((k) => ({ value: k, label: t(`siteKind.${k}`) }))}
      />
      <TextInput
        label={t('admin.sites.address')}
        value={draft.address}
        onChange={(e) => setDraft({ ...draft, address: e.currentTarget.value })}
        error={fieldError(save.error, 'address')}
        autoComplete="street-address"
      />
      <ErrorAlert error={save.error} />
      <Group>
        <Button type="submit" loading={save.isPending}>
          {t('common.save')}
        </Button>
        <Button type="button" variant="default" onClick={onDone}>
          {t('common.cancel')}
        </Button>
      </Group>
    </Stack>
  );
}

export function SitesTab() {
  const { t } = useTranslation();
  const entities = useEntities();
  const [entity, setEntity] = useState('');
  const [q, setQ] = useState('');
  const [debounced] = useDebouncedValue(q.trim(), 300);
  const sites = useSitePages({ entity: entity ? Number(entity) : undefined, q: debounced || undefined });
  const [editing, setEditing] = useState<Site | 'new' | null>(null);
  const rows = sites.data?.pages.flatMap((p) => p.items) ?? [];

  return (
    <Stack gap="sm">
      <Group align="flex-end" gap="sm" role="search" aria-label={t('admin.sites.filters')}>
        <NativeSelect
          label={t('field.entity')}
          value={entity}
          onChange={(e) => setEntity(e.currentTarget.value)}
          data={[
            { value: '', label: t('common.allFeminine') },
            ...entityTreeOrder(entities.data ?? []).map((en) => ({
              value: String(en.id),
              label: indent(en.depth, en.name),
            })),
          ]}
        />
        <TextInput
          label={t('admin.sites.search')}
          type="search"
          value={q}
          onChange={(e) => setQ(e.currentTarget.value)}
        />
        <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={() => setEditing('new')}>
          {t('admin.sites.create')}
        </Button>
      </Group>
      {sites.isPending ? (
        <Loading />
      ) : sites.error ? (
        <ErrorAlert error={sites.error} />
      ) : (
        <Table.ScrollContainer minWidth={700}>
          <Table verticalSpacing={6} striped>
            <Table.Caption style={{ captionSide: 'top', textAlign: 'left' }}>
              {t('admin.sites.caption', { count: rows.length })}
            </Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('admin.name')}</Table.Th>
                <Table.Th scope="col">{t('admin.kind')}</Table.Th>
                <Table.Th scope="col">{t('admin.sites.address')}</Table.Th>
                <Table.Th scope="col">{t('field.entity')}</Table.Th>
                <Table.Th scope="col">
                  <span className="visually-hidden">{t('common.actions')}</span>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.length === 0 && (
                <Table.Tr>
                  <Table.Td colSpan={5}>{t('admin.sites.none')}</Table.Td>
                </Table.Tr>
              )}
              {rows.map((s) => (
                <Table.Tr key={s.id}>
                  <Table.Td>{s.name}</Table.Td>
                  <Table.Td>{t(`siteKind.${s.kind}`)}</Table.Td>
                  <Table.Td>
                    {s.address || (
                      <Text span c="dimmed">
                        —
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>{s.entity.name}</Table.Td>
                  <Table.Td>
                    <Button
                      size="compact-sm"
                      variant="subtle"
                      aria-label={t('admin.editOne', { name: s.name })}
                      onClick={() => setEditing(s)}
                    >
                      {t('common.edit')}
                    </Button>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {sites.hasNextPage && (
        <Group>
          <Button
            variant="default"
            onClick={() => void sites.fetchNextPage()}
            loading={sites.isFetchingNextPage}
          >
            {t('desk.loadMore')}
          </Button>
        </Group>
      )}
      <Modal
        opened={editing !== null}
        onClose={() => setEditing(null)}
        title={editing === 'new' ? t('admin.sites.create') : t('admin.sites.edit')}
        closeButtonProps={{ 'aria-label': t('common.close') }}
      >
        {editing !== null && (
          <SiteForm site={editing === 'new' ? null : editing} onDone={() => setEditing(null)} />
        )}
      </Modal>
    </Stack>
  );
}
