import type { Calendar, CalendarInput, SlaPolicy, SlaPolicyInput, TicketSla } from '@guichet/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api';

/** Query keys; a ticket's clocks sit under ['ticket', number] so the live ticket stream refreshes them. */
export const slaKeys = {
  all: ['sla'] as const,
  calendars: ['sla', 'calendars'] as const,
  policies: ['sla', 'policies'] as const,
  ticket: (number: string) => ['ticket', number, 'slas'] as const,
};

export const useCalendars = (enabled = true) =>
  useQuery({
    queryKey: slaKeys.calendars,
    queryFn: ({ signal }) => api.get<Calendar[]>('/sla/calendars', undefined, { signal }),
    enabled,
  });

export const usePolicies = () =>
  useQuery({
    queryKey: slaKeys.policies,
    queryFn: ({ signal }) => api.get<SlaPolicy[]>('/sla/policies', undefined, { signal }),
  });

/** The clocks running (or stopped) on one ticket; staff only. */
export const useTicketSlas = (number: string, enabled = true) =>
  useQuery({
    queryKey: slaKeys.ticket(number),
    queryFn: ({ signal }) =>
      api.get<TicketSla[]>(`/tickets/${encodeURIComponent(number)}/slas`, undefined, { signal }),
    enabled,
    // the elapsed share moves on with business time; time left is recomputed locally in between
    refetchInterval: 60_000,
  });

/** A write on the SLA settings; calendars and policies are refetched afterwards (policies name calendars). */
function useSlaWrite<V, R>(write: (vars: V) => Promise<R>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: write,
    onSuccess: () => void qc.invalidateQueries({ queryKey: slaKeys.all }),
  });
}

export const useSaveCalendar = (calendar: Calendar | null) =>
  useSlaWrite((body: CalendarInput) =>
    calendar
      ? api.put<Calendar>(`/sla/calendars/${calendar.id}`, { ...body, version: calendar.version })
      : api.post<Calendar>('/sla/calendars', body),
  );

export const useDeleteCalendar = () => useSlaWrite((id: number) => api.delete(`/sla/calendars/${id}`));

export type CalendarPreviewBody = {
  calendar: Omit<CalendarInput, 'entityIds' | 'isDefault' | 'name'>;
  start: string;
  minutes: number;
};

export const useCalendarPreview = () =>
  useMutation({
    mutationFn: (body: CalendarPreviewBody) => api.post<{ dueAt: string }>('/sla/calendars/preview', body),
  });

export const useSavePolicy = (policy: SlaPolicy | null) =>
  useSlaWrite((body: SlaPolicyInput) =>
    policy
      ? api.put<SlaPolicy>(`/sla/policies/${policy.id}`, { ...body, version: policy.version })
      : api.post<SlaPolicy>('/sla/policies', body),
  );

export const useDeletePolicy = () => useSlaWrite((id: number) => api.delete(`/sla/policies/${id}`));
