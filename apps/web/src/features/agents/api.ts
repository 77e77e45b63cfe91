import type {
  Agent,
  AgentConsentRequest,
  AgentDiagnostic,
  AgentSession,
  AgentSessionCreated,
  EnrolmentToken,
  EnrolmentTokenCreated,
  ItemAgent,
} from '@guichet/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api';

export const agentKeys = {
  all: ['agents'] as const,
  tokens: ['agents', 'tokens'] as const,
  list: ['agents', 'list'] as const,
  item: (ciId: number) => ['agents', 'item', ciId] as const,
  session: (id: number) => ['agents', 'session', id] as const,
  consents: ['agents', 'consents'] as const,
};

export const useEnrolmentTokens = () =>
  useQuery({
    queryKey: agentKeys.tokens,
    queryFn: ({ signal }) => api.get<EnrolmentToken[]>('/agents/enrolment-tokens', undefined, { signal }),
  });

export const useAgents = () =>
  useQuery({
    queryKey: agentKeys.list,
    queryFn: ({ signal }) => api.get<Agent[]>('/agents', undefined, { signal }),
    // online status and last seen move on their own
    refetchInterval: 30_000,
  });

export const useItemAgent = (ciId: number) =>
  useQuery({
    queryKey: agentKeys.item(ciId),
    queryFn: ({ signal }) => api.get<ItemAgent>(`/cmdb/items/${ciId}/agent`, undefined, { signal }),
    refetchInterval: 30_000,
  });

/** A session, looked at again every second while it waits for consent or runs. */
export const useAgentSession = (id: number | null) =>
  useQuery({
    queryKey: agentKeys.session(id ?? 0),
    queryFn: ({ signal }) => api.get<AgentSession>(`/agents/sessions/${id}`, undefined, { signal }),
    enabled: id !== null,
    refetchInterval: (q) =>
      q.state.data && (q.state.data.status === 'pending_consent' || q.state.data.status === 'active')
        ? 1_000
        : false,
  });

export const useConsents = () =>
  useQuery({
    queryKey: agentKeys.consents,
    queryFn: ({ signal }) => api.get<AgentConsentRequest[]>('/agents/consents', undefined, { signal }),
    refetchInterval: 5_000,
  });

export interface SessionRequest {
  agentId: number;
  kind: 'terminal' | 'diagnostic';
  diagnostic?: AgentDiagnostic;
  service?: string;
  ticketNumber?: string;
}

export function useStartSession() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ agentId, ...body }: SessionRequest) =>
      api.post<AgentSessionCreated>(`/agents/${agentId}/sessions`, body),
    onSuccess: () => qc.invalidateQueries({ queryKey: agentKeys.all }),
  });
}

export function useEndSession() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => api.post<AgentSession>(`/agents/sessions/${id}/end`),
    onSuccess: () => qc.invalidateQueries({ queryKey: agentKeys.all }),
  });
}

export function useAgentsMutation<V, R = unknown>(fn: (v: V) => Promise<R>) {
  const qc = useQueryClient();
  return useMutation({ mutationFn: fn, onSuccess: () => qc.invalidateQueries({ queryKey: agentKeys.all }) });
}

export const createToken = (body: {
  entityId: number;
  label: string;
  expiresInHours: number;
  maxUses: number;
}) => api.post<EnrolmentTokenCreated>('/agents/enrolment-tokens', body);

/** The terminal's WebSocket address, on the page's own origin. */
export function terminalSocketUrl(session: AgentSessionCreated, cols: number, rows: number): string {
  const url = new URL(`/api/v1/agents/sessions/${session.id}/terminal`, window.location.href);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  url.searchParams.set('token', session.token);
  url.searchParams.set('cols', String(cols));
  url.searchParams.set('rows', String(rows));
  return url.toString();
}
