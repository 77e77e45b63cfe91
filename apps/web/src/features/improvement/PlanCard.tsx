import type { ImprovementAction, ImprovementPlan } from '@guichet/contracts';
import { Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../lib/format';
import { ActionsTable } from './ActionsTable';

/** One plan: its title, entity and period, its actions, and the edit buttons for coordinators and admins. */
export function PlanCard({
  plan,
  onEditPlan,
  onDeletePlan,
  onNewAction,
  onEditAction,
  onDeleteAction,
}: {
  plan: ImprovementPlan;
  onEditPlan: () => void;
  onDeletePlan: () => void;
  onNewAction: () => void;
  onEditAction: (action: ImprovementAction) => void;
  onDeleteAction: (action: ImprovementAction) => void;
}) {
  const { t } = useTranslation();
  const f = useFormat();
  const headingId = `plan-${plan.id}-title`;
  return (
    <Paper withBorder p="md" component="article" aria-labelledby={headingId}>
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start" wrap="wrap">
          <Stack gap={2}>
            <Title order={3} fz="h4" id={headingId}>
              {plan.title}
            </Title>
            <Text size="sm">
              {t('improvement.period', { start: f.date(plan.periodStart), end: f.date(plan.periodEnd) })}
            </Text>
            <Text size="sm" c="dimmed">
              {t('improvement.entityOf', { entity: plan.entity.name })}
            </Text>
          </Stack>
          {plan.canEdit && (
            <Group gap="xs">
              <Button size="compact-sm" variant="default" onClick={onNewAction}>
                {t('improvement.newAction')}
              </Button>
              <Button
                size="compact-sm"
                variant="subtle"
                aria-label={t('improvement.editPlanNamed', { title: plan.title })}
                onClick={onEditPlan}
              >
                {t('improvement.editPlan')}
              </Button>
              <Button
                size="compact-sm"
                variant="subtle"
                color="red"
                aria-label={t('improvement.deletePlanNamed', { title: plan.title })}
                onClick={onDeletePlan}
              >
                {t('improvement.deletePlan')}
              </Button>
            </Group>
          )}
        </Group>
        <ActionsTable plan={plan} onEdit={onEditAction} onDelete={onDeleteAction} />
      </Stack>
    </Paper>
  );
}
