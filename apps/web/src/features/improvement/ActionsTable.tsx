import type { ImprovementAction, ImprovementActionStatus, ImprovementPlan } from '@guichet/contracts';
import { Badge, Button, Group, NativeSelect, Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useFormat } from '../../lib/format';
import { notify } from '../../lib/notify';
import { useUpdateAction } from './api';
import { KpiTrend } from './KpiTrend';
import { actionStatuses } from './labels';

/**
 * A plan's actions: title, owner, due date (« en retard » when past and not done), status (a select
 * for those who may edit), the KPI aimed at and its trend from the cockpit.
 */
export function ActionsTable({
  plan,
  onEdit,
  onDelete,
}: {
  plan: ImprovementPlan;
  onEdit: (action: ImprovementAction) => void;
  onDelete: (action: ImprovementAction) => void;
}) {
  const { t } = useTranslation();
  const f = useFormat();
  const update = useUpdateAction();
  if (plan.actions.length === 0) {
    return <Text size="sm">{t('improvement.noActions')}</Text>;
  }
  const setStatus = (a: ImprovementAction, status: ImprovementActionStatus) =>
    update.mutate(
      { id: a.id, version: a.version, status },
      { onSuccess: () => notify(t('improvement.actionSaved')) },
    );
  return (
    <Stack gap="xs">
      <Table.ScrollContainer minWidth={760}>
        <Table striped verticalSpacing="xs">
          <Table.Caption className="visually-hidden">
            {t('improvement.actionsTitle', { title: plan.title })}
          </Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('improvement.fields.actionTitle')}</Table.Th>
              <Table.Th scope="col">{t('improvement.fields.owner')}</Table.Th>
              <Table.Th scope="col">{t('improvement.fields.dueDate')}</Table.Th>
              <Table.Th scope="col">{t('improvement.fields.status')}</Table.Th>
              <Table.Th scope="col">{t('improvement.fields.kpi')}</Table.Th>
              <Table.Th scope="col">{t('improvement.fields.trend')}</Table.Th>
              {plan.canEdit && (
                <Table.Th scope="col">
                  <span className="visually-hidden">{t('improvement.editAction')}</span>
                </Table.Th>
              )}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {plan.actions.map((a) => (
              <Table.Tr key={a.id}>
                <Table.Th scope="row" fw={500}>
                  {a.title}
                  {a.description && (
                    <Text size="xs" c="dimmed" className="pre-wrap" fw={400}>
                      {a.description}
                    </Text>
                  )}
                </Table.Th>
                <Table.Td>{a.owner.name}</Table.Td>
                <Table.Td>
                  <Group gap={6} wrap="nowrap">
                    <span>{f.date(a.dueDate)}</span>
                    {a.overdue && (
                      <Badge color="red" variant="light" tt="none">
                        {t('improvement.overdue')}
                      </Badge>
                    )}
                  </Group>
                </Table.Td>
                <Table.Td>
                  {plan.canEdit ? (
                    <NativeSelect
                      size="xs"
                      aria-label={t('improvement.statusOf', { title: a.title })}
                      data={actionStatuses.map((s) => ({ value: s, label: t(`improvement.status.${s}`) }))}
                      value={a.status}
                      disabled={update.isPending && update.variables?.id === a.id}
                      onChange={(e) => setStatus(a, e.currentTarget.value as ImprovementActionStatus)}
                    />
                  ) : (
                    t(`improvement.status.${a.status}`)
                  )}
                </Table.Td>
                <Table.Td>
                  {t(`improvement.kpi.${a.kpi}`)}
                  {a.target !== null && (
                    <Text size="xs" c="dimmed">
                      {t('improvement.target', { value: f.number(a.target) })}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>
                  <KpiTrend kpi={a.kpi} entityId={plan.entity.id} />
                </Table.Td>
                {plan.canEdit && (
                  <Table.Td>
                    <Group gap={4} wrap="nowrap">
                      <Button
                        size="compact-sm"
                        variant="subtle"
                        aria-label={t('improvement.editActionNamed', { title: a.title })}
                        onClick={() => onEdit(a)}
                      >
                        {t('improvement.editAction')}
                      </Button>
                      <Button
                        size="compact-sm"
                        variant="subtle"
                        color="red"
                        aria-label={t('improvement.deleteActionNamed', { title: a.title })}
                        onClick={() => onDelete(a)}
                      >
                        {t('improvement.delete')}
                      </Button>
                    </Group>
                  </Table.Td>
                )}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <ErrorAlert error={update.error} />
    </Stack>
  );
}
