import type { ImprovementAction, ImprovementPlan } from '@guichet/contracts';
import { Button, Group, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { PageTitle } from '../../components/PageTitle';
import { notify } from '../../lib/notify';
import { useCurrentUser } from '../auth/session';
import { ActionFormModal } from './ActionFormModal';
import { useDeleteAction, useDeletePlan, usePlans } from './api';
import { ConfirmModal } from './ConfirmModal';
import { PlanCard } from './PlanCard';
import { PlanFormModal } from './PlanFormModal';

const TIMINGS = ['current', 'upcoming', 'past'] as const;

type Dialog =
  | { kind: 'plan'; plan: ImprovementPlan | null }
  | { kind: 'action'; plan: ImprovementPlan; action: ImprovementAction | null }
  | { kind: 'deletePlan'; plan: ImprovementPlan }
  | { kind: 'deleteAction'; action: ImprovementAction };

/** Continual improvement: plans by period (current first), their actions and the trend of each KPI. */
export function ImprovementPage() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const plans = usePlans();
  const deletePlan = useDeletePlan();
  const deleteAction = useDeleteAction();
  const [dialog, setDialog] = useState<Dialog | null>(null);
  // the server decides per plan (canEdit); creating needs a coordinator or admin role somewhere
  const mayCreate = me.roles.some((r) => r.role === 'coordinator' || r.role === 'admin');
  const close = () => {
    deletePlan.reset();
    deleteAction.reset();
    setDialog(null);
  };

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-end" wrap="wrap">
        <Stack gap={4}>
          <PageTitle>{t('improvement.title')}</PageTitle>
          <Text size="sm">{t('improvement.intro')}</Text>
        </Stack>
        {mayCreate && (
          <Button onClick={() => setDialog({ kind: 'plan', plan: null })}>{t('improvement.newPlan')}</Button>
        )}
      </Group>

      {plans.isPending ? (
        <Loading />
      ) : plans.error ? (
        <ErrorAlert error={plans.error} />
      ) : plans.data.length === 0 ? (
        <Text>{t('improvement.noPlans')}</Text>
      ) : (
        TIMINGS.map((timing) => {
          const group = plans.data.filter((p) => p.timing === timing);
          if (group.length === 0) return null;
          return (
            <section key={timing} aria-labelledby={`plans-${timing}`}>
              <Title order={2} fz="h3" mb="sm" id={`plans-${timing}`}>
                {t(`improvement.timing.${timing}`)}
              </Title>
              <Stack gap="md">
                {group.map((plan) => (
                  <PlanCard
                    key={plan.id}
                    plan={plan}
                    onEditPlan={() => setDialog({ kind: 'plan', plan })}
                    onDeletePlan={() => setDialog({ kind: 'deletePlan', plan })}
                    onNewAction={() => setDialog({ kind: 'action', plan, action: null })}
                    onEditAction={(action) => setDialog({ kind: 'action', plan, action })}
                    onDeleteAction={(action) => setDialog({ kind: 'deleteAction', action })}
                  />
                ))}
              </Stack>
            </section>
          );
        })
      )}

      {dialog?.kind === 'plan' && <PlanFormModal plan={dialog.plan} onClose={close} />}
      {dialog?.kind === 'action' && (
        <ActionFormModal plan={dialog.plan} action={dialog.action} onClose={close} />
      )}
      <ConfirmModal
        opened={dialog?.kind === 'deletePlan'}
        title={
          dialog?.kind === 'deletePlan' ? t('improvement.deletePlanNamed', { title: dialog.plan.title }) : ''
        }
        text={
          dialog?.kind === 'deletePlan'
            ? t('improvement.deletePlanConfirm', {
                title: dialog.plan.title,
                count: dialog.plan.actions.length,
              })
            : ''
        }
        error={deletePlan.error}
        pending={deletePlan.isPending}
        onConfirm={() => {
          if (dialog?.kind !== 'deletePlan') return;
          deletePlan.mutate(dialog.plan.id, {
            onSuccess: () => {
              notify(t('improvement.planDeleted'));
              close();
            },
          });
        }}
        onClose={close}
      />
      <ConfirmModal
        opened={dialog?.kind === 'deleteAction'}
        title={
          dialog?.kind === 'deleteAction'
            ? t('improvement.deleteActionNamed', { title: dialog.action.title })
            : ''
        }
        text={
          dialog?.kind === 'deleteAction'
            ? t('improvement.deleteActionConfirm', { title: dialog.action.title })
            : ''
        }
        error={deleteAction.error}
        pending={deleteAction.isPending}
        onConfirm={() => {
          if (dialog?.kind !== 'deleteAction') return;
          deleteAction.mutate(dialog.action.id, {
            onSuccess: () => {
              notify(t('improvement.actionDeleted'));
              close();
            },
          });
        }}
        onClose={close}
      />
    </Stack>
  );
}
