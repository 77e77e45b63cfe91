import type {
  ReportFormat,
  ReportSubscription,
  ReportSubscriptionInput,
  ReportSubscriptionList,
} from '@guichet/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { API_BASE, api, toQueryString } from '../../lib/api';

export const reportKeys = {
  subscriptions: (entityId: number) => ['reports', 'subscriptions', entityId] as const,
};

/** A plain link: the browser downloads the file with the session cookie. */
export const monthlyReportUrl = (entityId: number, month: string, format: ReportFormat): string =>
  `${API_BASE}/reports/monthly${toQueryString({ entityId, month, format })}`;

export const useReportSubscriptions = (entityId: number | undefined, enabled: boolean) =>
  useQuery({
    queryKey: reportKeys.subscriptions(entityId ?? 0),
    queryFn: ({ signal }) =>
      api.get<ReportSubscriptionList>(`/reports/subscriptions/${entityId}`, undefined, { signal }),
    enabled: enabled && entityId !== undefined,
    // a 403 (not an administrator of this entity) will not change by retrying
    retry: false,
  });

export function useAddSubscription(entityId: number) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: ReportSubscriptionInput) =>
      api.post<ReportSubscription>(`/reports/subscriptions/${entityId}`, input),
    onSuccess: () => client.invalidateQueries({ queryKey: reportKeys.subscriptions(entityId) }),
  });
}

export function useRemoveSubscription(entityId: number) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => api.delete(`/reports/subscriptions/${entityId}/${id}`),
    onSuccess: () => client.invalidateQueries({ queryKey: reportKeys.subscriptions(entityId) }),
  });
}
