import type { MajorIncidentCreate, MajorIncidentCreated, MajorIncidentSuggestions } from '@guichet/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useRef } from 'react';
import { api } from '../../lib/api';
import { useStream } from '../../lib/stream';

export const majorIncidentKeys = { suggestions: ['major-incident-suggestions'] as const };

/** The desk's window: tickets of the last hour, three at least to suggest a group. */
const QUERY = { windowMinutes: 60, minTickets: 3 };
const REFRESH_MS = 60_000;
/** a burst of ticket events refreshes the suggestions once, this long after the first */
const COALESCE_MS = 2_000;

/** Grouping suggestions, refreshed every minute and shortly after ticket events of the live stream. */
export function useMajorIncidentSuggestions() {
  const qc = useQueryClient();
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const refresh = () => void qc.invalidateQueries({ queryKey: majorIncidentKeys.suggestions });
  useStream(true, {
    onMessage: (m) => {
      if ((m as { type?: unknown } | null)?.type !== 'ticket.changed' || timer.current) return;
      timer.current = setTimeout(() => {
        timer.current = null;
        refresh();
      }, COALESCE_MS);
    },
    onReconnect: refresh,
  });
  return useQuery({
    queryKey: majorIncidentKeys.suggestions,
    queryFn: ({ signal }) =>
      api.get<MajorIncidentSuggestions>('/cmdb/major-incident-suggestions', QUERY, { signal }),
    refetchInterval: REFRESH_MS,
  });
}

export function useCreateMajorIncident() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ body, key }: { body: MajorIncidentCreate; key: string }) =>
      api.post<MajorIncidentCreated>('/cmdb/major-incidents', body, { headers: { 'idempotency-key': key } }),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: majorIncidentKeys.suggestions });
      void qc.invalidateQueries({ queryKey: ['tickets'] });
    },
  });
}
