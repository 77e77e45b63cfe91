import type { Person } from '@guichet/contracts';
import {
  ActionIcon,
  Button,
  Checkbox,
  Grid,
  Group,
  NativeSelect,
  Paper,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert, fieldError } from '../../components/ErrorAlert';
import { Form } from '../../components/Form';
import { Loading } from '../../components/Loading';
import { api } from '../../lib/api';
import { roles } from '../../lib/enums';
import { notify } from '../../lib/notify';
import {
  directoryKeys,
  entityTreeOrder,
  indent,
  type RoleAssignment,
  useDirectoryMutation,
  useEntities,
  useRoles,
} from '../directory/api';
import { PersonPicker } from '../directory/PersonPicker';

type RoleName = RoleAssignment['role'];

function PersonRoles({ person }: { person: Person }) {
  const { t } = useTranslation();
  const entities = useEntities();
  const list = useRoles(person.id);
  const [role, setRole] = useState<RoleName>('agent');
  const [entityId, setEntityId] = useState(String(person.entity.id));
  const [descendants, setDescendants] = useState(true);
  const grant = useDirectoryMutation(
    (body: { personId: number; role: RoleName; entityId: number; includeDescendants: boolean }) =>
      api.post<RoleAssignment>('/roles', body),
    [directoryKeys.roles(person.id), directoryKeys.groups],
  );
  const revoke = useDirectoryMutation(
    (id: number) => api.delete(`/roles/${id}`),
    [directoryKeys.roles(person.id)],
  );

  return (
    <Stack gap="md">
      <Title order={2} fz="h3">
        {t('admin.roles.of', { name: person.name })}
      </Title>
      {list.isPending ? (
        <Loading />
      ) : list.error ? (
        <ErrorAlert error={list.error} />
      ) : (
        <Table verticalSpacing={6}>
          <Table.Caption style={{ captionSide: 'top', textAlign: 'left' }}>
            {t('admin.roles.caption', { count: list.data.length })}
          </Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('admin.roles.role')}</Table.Th>
              <Table.Th scope="col">{t('field.entity')}</Table.Th>
              <Table.Th scope="col">{t('admin.roles.descendants')}</Table.Th>
              <Table.Th scope="col">
                <span className="visually-hidden">{t('common.actions')}</span>
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {list.data.length === 0 && (
              <Table.Tr>
                <Table.Td colSpan={4}>{t('admin.roles.none')}</Table.Td>
              </Table.Tr>
            )}
            {list.data.map((r) => (
              <Table.Tr key={r.id}>
                <Table.Td>{t(`role.${r.role}`)}</Table.Td>
                <Table.Td>{r.entity.name}</Table.Td>
                <Table.Td>{r.includeDescendants ? t('common.yes') : t('common.no')}</Table.Td>
                <Table.Td>
                  <ActionIcon
                    variant="subtle"
                    color="red"
                    aria-label={t('admin.roles.revoke', { role: t(`role.${r.role}`), entity: r.entity.name })}
                    onClick={() => revoke.mutate(r.id)}
                    loading={revoke.isPending && revoke.variables === r.id}
                  >
                    <IconTrash size={16} aria-hidden />
                  </ActionIcon>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <ErrorAlert error={revoke.error} />
      <Paper
        withBorder
        p="md"
        component={Form}
        onSubmit={(e: React.FormEvent) => {
          e.preventDefault();
          grant.mutate(
            { personId: person.id, role, entityId: Number(entityId), includeDescendants: descendants },
            { onSuccess: () => notify(t('admin.roles.granted')) },
          );
        }}
      >
        <Stack gap="sm">
          <Title order={3} fz="h4">
            {t('admin.roles.grant')}
          </Title>
          <Group grow align="flex-start">
            <NativeSelect
              label={t('admin.roles.role')}
              value={role}
              onChange={(e) => setRole(e.currentTarget.value as RoleName)}
              data={roles.map((r) => ({ value: r, label: t(`role.${r}`) }))}
            />
            <NativeSelect
              label={t('field.entity')}
              value={entityId}
              onChange={(e) => setEntityId(e.currentTarget.value)}
              data={entityTreeOrder(entities.data ?? []).map((en) => ({
                value: String(en.id),
                label: indent(en.depth, en.name),
              }))}
              error={fieldError(grant.error, 'entityId')}
            />
          </Group>
          <Checkbox
            label={t('admin.roles.includeDescendants')}
            checked={descendants}
            onChange={(e) => setDescendants(e.currentTarget.checked)}
          />
          <ErrorAlert error={grant.error} />
          <Group>
            <Button type="submit" loading={grant.isPending}>
              {t('admin.roles.grantSubmit')}
            </Button>
          </Group>
        </Stack>
      </Paper>
    </Stack>
  );
}

export function RolesTab() {
  const { t } = useTranslation();
  const [person, setPerson] = useState<Person | null>(null);
  return (
    <Grid gap="lg">
      <Grid.Col span={{ base: 12, md: 4 }}>
        <Stack gap="sm">
          <PersonPicker label={t('admin.roles.person')} onSelect={setPerson} />
          {person && (
            <Text size="sm">
              {t('admin.roles.selected', { name: person.name, entity: person.entity.name })}
            </Text>
          )}
        </Stack>
      </Grid.Col>
      <Grid.Col span={{ base: 12, md: 8 }}>
        {person ? <PersonRoles person={person} key={person.id} /> : <Text>{t('admin.roles.pick')}</Text>}
      </Grid.Col>
    </Grid>
  );
}
