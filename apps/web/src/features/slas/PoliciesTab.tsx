import type { SlaKind, SlaPolicy } from '@guichet/contracts';
import { Button, Group, Modal, NativeSelect, Stack, Table, Text } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { slaKinds } from '../../lib/enums';
import { useDeletePolicy, usePolicies } from './api';
import { ConfirmDelete } from './ConfirmDelete';
import { formatMinutes } from './duration';
import { PolicyForm } from './PolicyForm';

/** "P1 : 15 min / 4 h · P2 : …" */
function useTargetsSummary() {
  const { t } = useTranslation();
  return (p: SlaPolicy) =>
    [...p.targets]
      .sort((a, b) => a.priority - b.priority)
      .map(
        (x) =>
          `${t('priority.short', { p: x.priority })} : ${x.responseMinutes ? formatMinutes(t, x.responseMinutes) : '—'} / ${
            x.resolutionMinutes ? formatMinutes(t, x.resolutionMinutes) : '—'
          }`,
      )
      .join(' · ');
}

/** Administration › Niveaux de service: SLAs, OLAs and underpinning contracts, filterable by kind. */
export function PoliciesTab() {
  const { t } = useTranslation();
  const policies = usePolicies();
  const remove = useDeletePolicy();
  const targets = useTargetsSummary();
  const [kind, setKind] = useState<SlaKind | ''>('');
  const [editing, setEditing] = useState<SlaPolicy | 'new' | null>(null);
  if (policies.isPending) return <Loading />;
  if (policies.error) return <ErrorAlert error={policies.error} />;
  const shown = policies.data.filter((p) => !kind || p.kind === kind);
  const scope = (p: SlaPolicy) =>
    [
      p.ticketType ? t(`ticketType.${p.ticketType}`) : t('slas.policies.anyType'),
      p.entity?.name ?? t('slas.policies.anyEntity'),
      p.category?.name,
      p.group ? t('slas.policies.groupScope', { group: p.group.name }) : null,
    ]
      .filter(Boolean)
      .join(' · ');
  return (
    <Stack gap="sm">
      <Group justify="space-between" align="flex-end">
        <NativeSelect
          label={t('slas.policies.filter')}
          value={kind}
          onChange={(e) => setKind(e.currentTarget.value as SlaKind | '')}
          data={[
            { value: '', label: t('slas.policies.allKinds') },
            ...slaKinds.map((k) => ({ value: k, label: t(`slas.kind.${k}`) })),
          ]}
        />
        <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={() => setEditing('new')}>
          {t('slas.policies.create')}
        </Button>
      </Group>
      <Table.ScrollContainer minWidth={900}>
        <Table>
          <Table.Caption style={{ captionSide: 'top', textAlign: 'left' }}>
            {t('slas.policies.caption', { count: shown.length })}
          </Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('slas.policies.name')}</Table.Th>
              <Table.Th scope="col">{t('slas.policies.kind')}</Table.Th>
              <Table.Th scope="col">{t('slas.policies.state')}</Table.Th>
              <Table.Th scope="col">{t('slas.policies.scope')}</Table.Th>
              <Table.Th scope="col">{t('slas.policies.calendar')}</Table.Th>
              <Table.Th scope="col">{t('slas.policies.targetsShort')}</Table.Th>
              <Table.Th scope="col">{t('common.actions')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {shown.length === 0 && (
              <Table.Tr>
                <Table.Td colSpan={7}>{t('slas.policies.none')}</Table.Td>
              </Table.Tr>
            )}
            {shown.map((p) => (
              <Table.Tr key={p.id}>
                <Table.Th scope="row" fw={600}>
                  {p.name}
                </Table.Th>
                <Table.Td>{t(`slas.kind.${p.kind}`)}</Table.Td>
                <Table.Td>
                  {p.active ? t('slas.policies.activeState') : t('slas.policies.inactiveState')}
                </Table.Td>
                <Table.Td>{scope(p)}</Table.Td>
                <Table.Td>{p.calendar?.name ?? t('slas.policies.entityCalendar')}</Table.Td>
                <Table.Td>
                  <Text size="sm">{targets(p)}</Text>
                </Table.Td>
                <Table.Td>
                  <Group gap={4} wrap="nowrap">
                    <Button
                      size="compact-sm"
                      variant="default"
                      aria-label={t('admin.editOne', { name: p.name })}
                      onClick={() => setEditing(p)}
                    >
                      {t('common.edit')}
                    </Button>
                    <ConfirmDelete
                      id={p.id}
                      name={p.name}
                      mutation={remove}
                      conflictText={t('slas.policies.inUse')}
                    />
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <Modal
        opened={editing !== null}
        onClose={() => setEditing(null)}
        title={editing === 'new' ? t('slas.policies.create') : t('slas.policies.edit')}
        size="xl"
        closeButtonProps={{ 'aria-label': t('common.close') }}
      >
        {editing !== null && (
          <PolicyForm policy={editing === 'new' ? null : editing} onDone={() => setEditing(null)} />
        )}
      </Modal>
    </Stack>
  );
}
