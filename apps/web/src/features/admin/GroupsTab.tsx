import type { Group as SupportGroup } from '@guichet/contracts';
import {
  ActionIcon,
  Badge,
  Button,
  Group,
  Modal,
  NativeSelect,
  Paper,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { IconPlus, IconX } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert, fieldError } from '../../components/ErrorAlert';
import { Form } from '../../components/Form';
import { Loading } from '../../components/Loading';
import { api } from '../../lib/api';
import { type GroupKind, groupKinds } from '../../lib/enums';
import { notify } from '../../lib/notify';
import {
  directoryKeys,
  entityTreeOrder,
  indent,
  useDirectoryMutation,
  useEntities,
  useGroups,
} from '../directory/api';
import { PersonPicker } from '../directory/PersonPicker';

function GroupForm({ group, onDone }: { group: SupportGroup | null; onDone: () => void }) {
  const { t } = useTranslation();
  const entities = useEntities();
  const [name, setName] = useState(group?.name ?? '');
  const [kind, setKind] = useState<GroupKind>(group?.kind ?? 'service_desk');
  const [entityId, setEntityId] = useState(group ? String(group.entity.id) : '');
  const [members, setMembers] = useState<{ id: number; name: string }[]>(group?.members ?? []);
  const [missing, setMissing] = useState<Record<string, boolean>>({});
  const save = useDirectoryMutation(
    (body: { name: string; kind: GroupKind; entityId: number; memberIds: number[] }) =>
      group ? api.patch<SupportGroup>(`/groups/${group.id}`, body) : api.post<SupportGroup>('/groups', body),
    [directoryKeys.groups],
  );
  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    const m = { name: !name.trim(), entityId: !entityId };
    setMissing(m);
    if (m.name || m.entityId) return;
    save.mutate(
      { name: name.trim(), kind, entityId: Number(entityId), memberIds: members.map((x) => x.id) },
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
      <TextInput
        label={t('admin.name')}
        required
        value={name}
        onChange={(e) => setName(e.currentTarget.value)}
        error={missing.name ? t('form.required') : fieldError(save.error, 'name')}
      />
      <NativeSelect
        label={t('admin.kind')}
        value={kind}
        onChange={(e) => setKind(e.currentTarget.value as GroupKind)}
        data={groupKinds.map((k) => ({ value: k, label: t(`groupKind.${k}`) }))}
      />
      <NativeSelect
        label={t('field.entity')}
        required
        value={entityId}
        onChange={(e) => setEntityId(e.currentTarget.value)}
        data={[
          { value: '', label: t('common.choose') },
          ...entityTreeOrder(entities.data ?? []).map((en) => ({
            value: String(en.id),
            label: indent(en.depth, en.name),
          })),
        ]}
        error={missing.entityId ? t('form.required') : fieldError(save.error, 'entityId')}
      />
      <Title order={3} fz="h5">
        {t('admin.groups.members', { count: members.length })}
      </Title>
      {members.length === 0 ? (
        <Text size="sm">{t('admin.groups.noMembers')}</Text>
      ) : (
        <Stack component="ul" gap={2} style={{ listStyle: 'none', margin: 0, padding: 0 }}>
          {members.map((m) => (
            <li key={m.id}>
              <Group gap="xs">
                <Text size="sm">{m.name}</Text>
                <ActionIcon
                  size="sm"
                  variant="subtle"
                  color="red"
                  aria-label={t('admin.groups.removeMember', { name: m.name })}
                  onClick={() => setMembers((list) => list.filter((x) => x.id !== m.id))}
                >
                  <IconX size={14} aria-hidden />
                </ActionIcon>
              </Group>
            </li>
          ))}
        </Stack>
      )}
      <PersonPicker
        label={t('admin.groups.addMember')}
        onSelect={(p) =>
          setMembers((list) =>
            list.some((x) => x.id === p.id) ? list : [...list, { id: p.id, name: p.name }],
          )
        }
      />
      <ErrorAlert error={save.error} showFields />
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

export function GroupsTab() {
  const { t } = useTranslation();
  const groups = useGroups();
  const [editing, setEditing] = useState<SupportGroup | 'new' | null>(null);
  if (groups.isPending) return <Loading />;
  if (groups.error) return <ErrorAlert error={groups.error} />;
  return (
    <Stack gap="sm">
      <Group justify="space-between">
        <Text size="sm">{t('admin.groups.count', { count: groups.data.length })}</Text>
        <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={() => setEditing('new')}>
          {t('admin.groups.create')}
        </Button>
      </Group>
      <SimpleGrid
        cols={{ base: 1, sm: 2, lg: 3 }}
        component="ul"
        style={{ listStyle: 'none', padding: 0, margin: 0 }}
      >
        {groups.data.map((g) => (
          <Paper withBorder p="md" component="li" key={g.id}>
            <Stack gap={6}>
              <Title order={2} fz="h4">
                {g.name}
              </Title>
              <Group gap={6}>
                <Badge color="gray" tt="none">
                  {t(`groupKind.${g.kind}`)}
                </Badge>
                <Text size="sm">{g.entity.name}</Text>
              </Group>
              <Text size="sm" fw={600}>
                {t('admin.groups.members', { count: g.members.length })}
              </Text>
              <Text size="sm">{g.members.map((m) => m.name).join(', ') || t('admin.groups.noMembers')}</Text>
              <Group>
                <Button
                  size="compact-sm"
                  variant="default"
                  aria-label={t('admin.editOne', { name: g.name })}
                  onClick={() => setEditing(g)}
                >
                  {t('common.edit')}
                </Button>
              </Group>
            </Stack>
          </Paper>
        ))}
      </SimpleGrid>
      <Modal
        opened={editing !== null}
        onClose={() => setEditing(null)}
        title={editing === 'new' ? t('admin.groups.create') : t('admin.groups.edit')}
        size="lg"
        closeButtonProps={{ 'aria-label': t('common.close') }}
      >
        {editing !== null && (
          <GroupForm group={editing === 'new' ? null : editing} onDone={() => setEditing(null)} />
        )}
      </Modal>
    </Stack>
  );
}
