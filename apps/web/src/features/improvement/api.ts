import type {
  CockpitTrend,
  ImprovementAction,
  ImprovementActionCreate,
  ImprovementActionUpdate,
  ImprovementPlan,
  ImprovementPlanCreate,
  ImprovementPlanUpdate,
  KpiKey,
} from '@guichet/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, idempotencyKey } from '../../lib/api';

export const improvementKeys = {
  plans: ['improvement', 'plans'] as const,
  trend: (kpi: KpiKey, entityId: number) => ['cockpit', 'trend', { kpi, entityId, months: 6 }] as const,
};

export function usePlans() {
  return useQuery({
    queryKey: improvementKeys.plans,
    queryFn: ({ signal }) => api.get<ImprovementPlan[]>('/improvement/plans', undefined, { signal }),
  });
}

/** A change to plans or actions: the list is read again (it carries the actions and the overdue flags). */
function usePlanMutation<V, R>(fn: (vars: V) => Promise<R>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: () => qc.invalidateQueries({ queryKey: improvementKeys.plans }),
  });
}

export const useCreatePlan = () =>
  usePlanMutation((body: ImprovementPlanCreate) =>
    api.post<ImprovementPlan>('/improvement/plans', body, {
      headers: { 'idempotency-key': idempotencyKey() },
    }),
  );

export const useUpdatePlan = () =>
  usePlanMutation(({ id, ...body }: ImprovementPlanUpdate & { id: number }) =>
    api.patch<ImprovementPlan>(`/improvement/plans/${id}`, body),
  );

export const useDeletePlan = () => usePlanMutation((id: number) => api.delete(`/improvement/plans/${id}`));

export const useCreateAction = () =>
  usePlanMutation(({ planId, ...body }: ImprovementActionCreate & { planId: number }) =>
    api.post<ImprovementAction>(`/improvement/plans/${planId}/actions`, body, {
      headers: { 'idempotency-key': idempotencyKey() },
    }),
  );

export const useUpdateAction = () =>
  usePlanMutation(({ id, ...body }: ImprovementActionUpdate & { id: number }) =>
    api.patch<ImprovementAction>(`/improvement/actions/${id}`, body),
  );

export const useDeleteAction = () =>
  usePlanMutation((id: number) => api.delete(`/improvement/actions/${id}`));

/** The KPI's last six months from the cockpit, for the plan's entity; no retry: an error says "unavailable". */
export function useKpiTrend(kpi: KpiKey, entityId: number) {
  return useQuery({
    queryKey: improvementKeys.trend(kpi, entityId),
    queryFn: ({ signal }) =>
      api.get<CockpitTrend>('/cockpit/trend', { kpi, months: 6, entityId }, { signal }),
    retry: false,
    staleTime: 5 * 60_000,
  });
}
