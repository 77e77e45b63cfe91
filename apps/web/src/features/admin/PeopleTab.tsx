import type { Person } from '@guichet/contracts';
import {
  Badge,
  Button,
  Checkbox,
  Group,
  Modal,
  NativeSelect,
  PasswordInput,
  Stack,
  Table,
  Text,
  TextInput,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconArrowsTransferUp, IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert, fieldError } from '../../components/ErrorAlert';
import { Form } from '../../components/Form';
import { Loading } from '../../components/Loading';
import { api } from '../../lib/api';
import { notify } from '../../lib/notify';
import {
  entityTreeOrder,
  indent,
  useDirectoryMutation,
  useEntities,
  usePeoplePages,
  useSites,
} from '../directory/api';
import { MoveDialog } from './MoveDialog';

interface PersonDraft {
  name: string;
  email: string;
  phone: string;
  language: 'fr' | 'en';
  entityId: string;
  siteId: string;
  password: string;
  active: boolean;
}

function PersonForm({ person, onDone }: { person: Person | null; onDone: () => void }) {
  const { t } = useTranslation();
  const entities = useEntities();
  const [d, setD] = useState<PersonDraft>({
    name: person?.name ?? '',
    email: person?.email ?? '',
    phone: person?.phone ?? '',
    language: person?.language ?? 'fr',
    entityId: person ? String(person.entity.id) : '',
    siteId: person?.site ? String(person.site.id) : '',
    password: '',
    active: person?.active ?? true,
  });
  const [missing, setMissing] = useState<Record<string, boolean>>({});
  const sites = useSites({ entity: d.entityId ? Number(d.entityId) : undefined }, Boolean(d.entityId));
  const save = useDirectoryMutation(
    (body: Record<string, unknown>) =>
      person ? api.patch<Person>(`/people/${person.id}`, body) : api.post<Person>('/people', body),
    [['people'], ['groups']],
  );

  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    const m = { name: !d.name.trim(), email: !d.email.trim(), entityId: !person && !d.entityId };
    setMissing(m);
    if (Object.values(m).some(Boolean)) return;
    const body: Record<string, unknown> = {
      name: d.name.trim(),
      email: d.email.trim(),
      phone: d.phone.trim() || null,
      language: d.language,
      siteId: d.siteId ? Number(d.siteId) : null,
    };
    if (!person) body.entityId = Number(d.entityId);
    else body.active = d.active;
    if (d.password) body.password = d.password;
    save.mutate(body, {
      onSuccess: () => {
        notify(t('admin.saved'));
        onDone();
      },
    });
  };

  return (
    <Stack component={Form} gap="sm" onSubmit={submit}>
      <TextInput
        label={t('admin.name')}
        required
        value={d.name}
        onChange={(e) => setD({ ...d, name: e.currentTarget.value })}
        error={missing.name ? t('form.required') : fieldError(save.error, 'name')}
        autoComplete="off"
      />
      <TextInput
        label={t('field.email')}
        type="email"
        required
        value={d.email}
        onChange={(e) => setD({ ...d, email: e.currentTarget.value })}
        error={missing.email ? t('form.required') : fieldError(save.error, 'email')}
        autoComplete="off"
      />
      <TextInput
        label={t('field.phone')}
        type="tel"
        value={d.phone}
        onChange={(e) => setD({ ...d, phone: e.currentTarget.value })}
        error={fieldError(save.error, 'phone')}
        autoComplete="off"
      />
      <NativeSelect
        label={t('admin.people.language')}
        value={d.language}
        onChange={(e) => setD({ ...d, language: e.currentTarget.value === 'en' ? 'en' : 'fr' })}
        data={[
          { value: 'fr', label: 'Français' },
          { value: 'en', label: 'English' },
        ]}
      />
      {person ? (
        <Text size="sm">
          {t('field.entity')} : {person.entity.name} — {t('admin.people.entityByMove')}
        </Text>
      ) : (
        <NativeSelect
          label={t('field.entity')}
          required
          value={d.entityId}
          onChange={(e) => setD({ ...d, entityId: e.currentTarget.value, siteId: '' })}
          data={[
            { value: '', label: t('common.choose') },
            ...entityTreeOrder(entities.data ?? []).map((en) => ({
              value: String(en.id),
              label: indent(en.depth, en.name),
            })),
          ]}
          error={missing.entityId ? t('form.required') : fieldError(save.error, 'entityId')}
        />
      )}
      <NativeSelect
        label={t('field.siteId')}
        value={d.siteId}
        onChange={(e) => setD({ ...d, siteId: e.currentTarget.value })}
        data={[
          { value: '', label: t('common.none') },
          ...(sites.data?.items ?? []).map((s) => ({ value: String(s.id), label: s.name })),
          ...(person?.site && !sites.data?.items.some((s) => s.id === person.site?.id)
            ? [{ value: String(person.site.id), label: person.site.name }]
            : []),
        ]}
        error={fieldError(save.error, 'siteId')}
      />
      <PasswordInput
        label={person ? t('admin.people.newPassword') : t('admin.people.password')}
        description={t('admin.people.passwordHint')}
        value={d.password}
        onChange={(e) => setD({ ...d, password: e.currentTarget.value })}
        error={fieldError(save.error, 'password')}
        autoComplete="new-password"
        visibilityToggleButtonProps={{ 'aria-label': t('login.showPassword') }}
      />
      {person && (
        <Checkbox
          label={t('admin.people.active')}
          checked={d.active}
          onChange={(e) => setD({ ...d, active: e.currentTarget.checked })}
        />
      )}
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

export function PeopleTab() {
  const { t } = useTranslation();
  const entities = useEntities();
  const [entity, setEntity] = useState('');
  const [q, setQ] = useState('');
  const [debounced] = useDebouncedValue(q.trim(), 300);
  const people = usePeoplePages({ entity: entity ? Number(entity) : undefined, q: debounced || undefined });
  const rows = people.data?.pages.flatMap((p) => p.items) ?? [];
  const [selected, setSelected] = useState<Map<number, Person>>(new Map());
  const [editing, setEditing] = useState<Person | 'new' | null>(null);
  const [moving, setMoving] = useState(false);

  const toggle = (p: Person, on: boolean) =>
    setSelected((s) => {
      const next = new Map(s);
      if (on) next.set(p.id, p);
      else next.delete(p.id);
      return next;
    });
  const allShown = rows.length > 0 && rows.every((r) => selected.has(r.id));
  const someShown = rows.some((r) => selected.has(r.id));
  const toggleAll = (on: boolean) =>
    setSelected((s) => {
      const next = new Map(s);
      for (const r of rows) {
        if (on) next.set(r.id, r);
        else next.delete(r.id);
      }
      return next;
    });

  return (
    <Stack gap="sm">
      <Group align="flex-end" gap="sm" role="search" aria-label={t('admin.people.filters')}>
        <TextInput
          label={t('admin.people.search')}
          type="search"
          value={q}
          onChange={(e) => setQ(e.currentTarget.value)}
          w={260}
        />
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
        <Button
          leftSection={<IconPlus size={16} aria-hidden />}
          variant="default"
          onClick={() => setEditing('new')}
        >
          {t('admin.people.create')}
        </Button>
        <Button
          leftSection={<IconArrowsTransferUp size={16} aria-hidden />}
          disabled={selected.size === 0}
          onClick={() => setMoving(true)}
        >
          {t('admin.people.move', { count: selected.size })}
        </Button>
      </Group>
      <Text size="sm" role="status">
        {t('admin.people.selected', { count: selected.size })}
        {selected.size > 0 && (
          <Button size="compact-xs" variant="subtle" ml="xs" onClick={() => setSelected(new Map())}>
            {t('admin.people.clearSelection')}
          </Button>
        )}
      </Text>
      {people.isPending ? (
        <Loading />
      ) : people.error ? (
        <ErrorAlert error={people.error} />
      ) : (
        <Table.ScrollContainer minWidth={800}>
          <Table verticalSpacing={6} striped>
            <Table.Caption style={{ captionSide: 'top', textAlign: 'left' }}>
              {t('admin.people.caption', { count: rows.length })}
            </Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">
                  <Checkbox
                    aria-label={t('admin.people.selectAll')}
                    checked={allShown}
                    indeterminate={someShown && !allShown}
                    onChange={(e) => toggleAll(e.currentTarget.checked)}
                  />
                </Table.Th>
                <Table.Th scope="col">{t('admin.name')}</Table.Th>
                <Table.Th scope="col">{t('field.email')}</Table.Th>
                <Table.Th scope="col">{t('field.phone')}</Table.Th>
                <Table.Th scope="col">{t('field.entity')}</Table.Th>
                <Table.Th scope="col">{t('field.siteId')}</Table.Th>
                <Table.Th scope="col">{t('admin.people.state')}</Table.Th>
                <Table.Th scope="col">
                  <span className="visually-hidden">{t('common.actions')}</span>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.length === 0 && (
                <Table.Tr>
                  <Table.Td colSpan={8}>{t('admin.people.none')}</Table.Td>
                </Table.Tr>
              )}
              {rows.map((p) => (
                <Table.Tr key={p.id} bg={selected.has(p.id) ? 'blue.0' : undefined}>
                  <Table.Td>
                    <Checkbox
                      aria-label={t('admin.people.selectOne', { name: p.name })}
                      checked={selected.has(p.id)}
                      onChange={(e) => toggle(p, e.currentTarget.checked)}
                    />
                  </Table.Td>
                  <Table.Td>{p.name}</Table.Td>
                  <Table.Td>{p.email}</Table.Td>
                  <Table.Td>{p.phone ?? '—'}</Table.Td>
                  <Table.Td>{p.entity.name}</Table.Td>
                  <Table.Td>{p.site?.name ?? '—'}</Table.Td>
                  <Table.Td>
                    <Badge color={p.active ? 'green' : 'gray'} tt="none">
                      {p.active ? t('admin.people.activeState') : t('admin.people.inactiveState')}
                    </Badge>
                  </Table.Td>
                  <Table.Td>
                    <Button
                      size="compact-sm"
                      variant="subtle"
                      aria-label={t('admin.editOne', { name: p.name })}
                      onClick={() => setEditing(p)}
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
      {people.hasNextPage && (
        <Group>
          <Button
            variant="default"
            onClick={() => void people.fetchNextPage()}
            loading={people.isFetchingNextPage}
          >
            {t('desk.loadMore')}
          </Button>
        </Group>
      )}
      <Modal
        opened={editing !== null}
        onClose={() => setEditing(null)}
        title={editing === 'new' ? t('admin.people.create') : t('admin.people.edit')}
        closeButtonProps={{ 'aria-label': t('common.close') }}
      >
        {editing !== null && (
          <PersonForm person={editing === 'new' ? null : editing} onDone={() => setEditing(null)} />
        )}
      </Modal>
      <Modal
        opened={moving}
        onClose={() => setMoving(false)}
        title={t('admin.move.title', { count: selected.size })}
        size="lg"
        closeButtonProps={{ 'aria-label': t('common.close') }}
      >
        {moving && (
          <MoveDialog
            people={[...selected.values()]}
            onDone={(moved) => {
              setMoving(false);
              if (moved) setSelected(new Map());
            }}
          />
        )}
      </Modal>
    </Stack>
  );
}
