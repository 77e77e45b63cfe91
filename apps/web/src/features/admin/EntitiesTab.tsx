import type { Entity } from '@guichet/contracts';
import {
  Badge,
  Button,
  Grid,
  Group,
  NativeSelect,
  Paper,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert, fieldError } from '../../components/ErrorAlert';
import { Form } from '../../components/Form';
import { Loading } from '../../components/Loading';
import { api } from '../../lib/api';
import { notify } from '../../lib/notify';
import { directoryKeys, entityTreeOrder, indent, useDirectoryMutation, useEntities } from '../directory/api';

function RenameForm({ entity, onDone }: { entity: Entity; onDone: () => void }) {
  const { t } = useTranslation();
  const [name, setName] = useState(entity.name);
  const rename = useDirectoryMutation(
    (n: string) => api.patch<Entity>(`/entities/${entity.id}`, { name: n }),
    [directoryKeys.entities],
  );
  return (
    <Group
      component={Form}
      gap="xs"
      align="flex-end"
      onSubmit={(e: React.FormEvent) => {
        e.preventDefault();
        if (!name.trim()) return;
        rename.mutate(name.trim(), {
          onSuccess: () => {
            notify(t('admin.saved'));
            onDone();
          },
        });
      }}
    >
      <TextInput
        label={t('admin.entities.newName', { name: entity.name })}
        value={name}
        onChange={(e) => setName(e.currentTarget.value)}
        error={fieldError(rename.error, 'name')}
        size="xs"
        data-autofocus
        autoFocus
      />
      <Button type="submit" size="xs" loading={rename.isPending}>
        {t('common.save')}
      </Button>
      <Button type="button" size="xs" variant="default" onClick={onDone}>
        {t('common.cancel')}
      </Button>
      {rename.error && !fieldError(rename.error, 'name') && <ErrorAlert error={rename.error} />}
    </Group>
  );
}

function EntityTree({
  parentId,
  byParent,
  editing,
  setEditing,
}: {
  parentId: number | null;
  byParent: Map<number | null, Entity[]>;
  editing: number | null;
  setEditing: (id: number | null) => void;
}) {
  const { t } = useTranslation();
  const children = byParent.get(parentId) ?? [];
  if (children.length === 0) return null;
  return (
    <ul className="tree">
      {children.map((e) => (
        <li key={e.id}>
          {editing === e.id ? (
            <RenameForm entity={e} onDone={() => setEditing(null)} />
          ) : (
            <Group gap="xs" py={2}>
              <Text fw={e.depth === 0 ? 700 : 500}>{e.name}</Text>
              <Badge color="gray" tt="none" size="sm">
                {t(`entityKind.${e.kind}`)}
              </Badge>
              <Button
                size="compact-xs"
                variant="subtle"
                aria-label={t('admin.entities.renameOne', { name: e.name })}
                onClick={() => setEditing(e.id)}
              >
                {t('admin.entities.rename')}
              </Button>
            </Group>
          )}
          <EntityTree parentId={e.id} byParent={byParent} editing={editing} setEditing={setEditing} />
        </li>
      ))}
    </ul>
  );
}

export function EntitiesTab() {
  const { t } = useTranslation();
  const entities = useEntities();
  const [editing, setEditing] = useState<number | null>(null);
  const [parentId, setParentId] = useState('');
  const [name, setName] = useState('');
  const [kind, setKind] = useState<'commune' | 'service'>('service');
  const [missing, setMissing] = useState<Record<string, boolean>>({});
  const create = useDirectoryMutation(
    (body: { parentId: number; name: string; kind: 'commune' | 'service' }) =>
      api.post<Entity>('/entities', body),
    [directoryKeys.entities],
  );

  if (entities.isPending) return <Loading />;
  if (entities.error) return <ErrorAlert error={entities.error} />;

  const ordered = entityTreeOrder(entities.data);
  const ids = new Set(ordered.map((e) => e.id));
  const byParent = new Map<number | null, Entity[]>();
  for (const e of ordered) {
    const key = e.parentId !== null && ids.has(e.parentId) ? e.parentId : null;
    byParent.set(key, [...(byParent.get(key) ?? []), e]);
  }

  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    const m = { parentId: !parentId, name: !name.trim() };
    setMissing(m);
    if (m.parentId || m.name) return;
    create.mutate(
      { parentId: Number(parentId), name: name.trim(), kind },
      {
        onSuccess: () => {
          notify(t('admin.entities.created', { name: name.trim() }));
          setName('');
        },
      },
    );
  };

  return (
    <Grid gap="lg">
      <Grid.Col span={{ base: 12, md: 7 }}>
        <Title order={2} fz="h3" mb="sm">
          {t('admin.entities.tree')}
        </Title>
        <Text size="sm" mb="sm">
          {t('admin.entities.count', { count: ordered.length })}
        </Text>
        <EntityTree parentId={null} byParent={byParent} editing={editing} setEditing={setEditing} />
      </Grid.Col>
      <Grid.Col span={{ base: 12, md: 5 }}>
        <Paper withBorder p="md" component={Form} onSubmit={submit}>
          <Stack gap="sm">
            <Title order={2} fz="h4">
              {t('admin.entities.create')}
            </Title>
            <NativeSelect
              label={t('admin.entities.parent')}
              required
              value={parentId}
              onChange={(e) => setParentId(e.currentTarget.value)}
              data={[
                { value: '', label: t('common.choose') },
                ...ordered.map((en) => ({ value: String(en.id), label: indent(en.depth, en.name) })),
              ]}
              error={missing.parentId ? t('form.required') : fieldError(create.error, 'parentId')}
            />
            <TextInput
              label={t('admin.name')}
              required
              value={name}
              onChange={(e) => setName(e.currentTarget.value)}
              error={missing.name ? t('form.required') : fieldError(create.error, 'name')}
            />
            <NativeSelect
              label={t('admin.kind')}
              value={kind}
              onChange={(e) => setKind(e.currentTarget.value as 'commune' | 'service')}
              data={(['commune', 'service'] as const).map((k) => ({ value: k, label: t(`entityKind.${k}`) }))}
            />
            <ErrorAlert error={create.error} />
            <Group>
              <Button type="submit" loading={create.isPending}>
                {t('admin.entities.createSubmit')}
              </Button>
            </Group>
          </Stack>
        </Paper>
      </Grid.Col>
    </Grid>
  );
}
