import type {
  Ci,
  CiClass,
  CiEvent,
  CiGraph,
  CiImpact,
  CiInput,
  CiRelation,
  CiRelationKind,
  CiStatus,
  CiSummary,
  TicketStatus,
} from '@guichet/contracts';
import {
  keepPreviousData,
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
} from '@tanstack/react-query';
import { api, isApiError } from '../../lib/api';
import { ticketKeys } from '../tickets/keys';

/** GET /cmdb/items/:id/tickets (contracts: ciTicketSchema). */
export interface CiTicket {
  number: string;
  title: string;
  status: TicketStatus;
  createdAt: string;
}

/** The body of PATCH /cmdb/items/:id (contracts: ciUpdateSchema). */
export type CiUpdate = Partial<Omit<CiInput, 'class'>> & { version?: number };

export interface CiListParams {
  q?: string;
  class?: CiClass;
  status?: CiStatus;
  entity?: number;
  site?: number;
  owner?: number;
  limit?: number;
}

interface CiPage {
  items: CiSummary[];
  nextCursor: string | null;
}

export const cmdbKeys = {
  all: ['cmdb'] as const,
  list: (params: CiListParams) => ['cmdb', 'list', params] as const,
  item: (id: number) => ['cmdb', 'item', id] as const,
  relations: (id: number) => ['cmdb', 'item', id, 'relations'] as const,
  graph: (id: number, depth: number) => ['cmdb', 'item', id, 'graph', depth] as const,
  events: (id: number) => ['cmdb', 'item', id, 'events'] as const,
  tickets: (id: number) => ['cmdb', 'item', id, 'tickets'] as const,
  impact: (id: number) => ['cmdb', 'item', id, 'impact'] as const,
  ticketItems: (number: string) => ['cmdb', 'ticket', number] as const,
  personItems: (id: number) => ['cmdb', 'person', id] as const,
};

const itemPath = (id: number) => `/cmdb/items/${id}`;
const ticketItemsPath = (number: string) => `/tickets/${encodeURIComponent(number)}/items`;

/** The inventory, page after page ("load more" follows nextCursor). */
export const useCiList = (params: CiListParams, enabled = true) =>
  useInfiniteQuery({
    queryKey: cmdbKeys.list(params),
    queryFn: ({ pageParam, signal }) =>
      api.get<CiPage>('/cmdb/items', { limit: 50, ...params, cursor: pageParam ?? undefined }, { signal }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    placeholderData: keepPreviousData,
    enabled,
  });

/** A short search for comboboxes. */
export const useCiSearch = (q: string, enabled: boolean) =>
  useQuery({
    queryKey: ['cmdb', 'search', q],
    queryFn: ({ signal }) => api.get<CiPage>('/cmdb/items', { q, limit: 10 }, { signal }),
    enabled,
    placeholderData: keepPreviousData,
  });

export const useCi = (id: number) =>
  useQuery({
    queryKey: cmdbKeys.item(id),
    queryFn: ({ signal }) => api.get<Ci>(itemPath(id), undefined, { signal }),
    enabled: id > 0,
  });

export const useCiRelations = (id: number) =>
  useQuery({
    queryKey: cmdbKeys.relations(id),
    queryFn: ({ signal }) => api.get<CiRelation[]>(`${itemPath(id)}/relations`, undefined, { signal }),
  });

export const useCiGraph = (id: number, depth: number) =>
  useQuery({
    queryKey: cmdbKeys.graph(id, depth),
    queryFn: ({ signal }) => api.get<CiGraph>(`${itemPath(id)}/graph`, { depth }, { signal }),
    placeholderData: keepPreviousData,
  });

export const useCiEvents = (id: number) =>
  useQuery({
    queryKey: cmdbKeys.events(id),
    queryFn: ({ signal }) => api.get<CiEvent[]>(`${itemPath(id)}/events`, undefined, { signal }),
  });

export const useCiTickets = (id: number) =>
  useQuery({
    queryKey: cmdbKeys.tickets(id),
    queryFn: ({ signal }) => api.get<CiTicket[]>(`${itemPath(id)}/tickets`, undefined, { signal }),
  });

/** GET /cmdb/items/:id/impact: heavy (a walk of the whole graph), so only once asked for (`enabled`). */
export const useCiImpact = (id: number, enabled: boolean) =>
  useQuery({
    queryKey: cmdbKeys.impact(id),
    queryFn: ({ signal }) => api.get<CiImpact>(`${itemPath(id)}/impact`, undefined, { signal }),
    enabled,
    staleTime: 60_000,
  });

export const useTicketItems = (number: string) =>
  useQuery({
    queryKey: cmdbKeys.ticketItems(number),
    queryFn: ({ signal }) => api.get<CiSummary[]>(ticketItemsPath(number), undefined, { signal }),
  });

export const usePersonItems = (personId: number | null) =>
  useQuery({
    queryKey: cmdbKeys.personItems(personId ?? 0),
    queryFn: ({ signal }) => api.get<CiSummary[]>(`/people/${personId}/items`, undefined, { signal }),
    enabled: personId !== null,
  });

/** Any CMDB write: the inventory queries are refetched afterwards (they are cheap and scoped). */
function useCmdbWrite<V, R>(write: (vars: V) => Promise<R>, onDone?: (data: R) => void) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: write,
    onSuccess: (data) => {
      onDone?.(data);
      void qc.invalidateQueries({ queryKey: cmdbKeys.all });
    },
  });
}

export const useCreateCi = () => useCmdbWrite((body: CiInput) => api.post<Ci>('/cmdb/items', body));

/** PATCH with the version read; a 409 stale_version reloads the item so the next try uses the new one. */
export function useUpdateCi(id: number) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: CiUpdate) => api.patch<Ci>(itemPath(id), body),
    onSuccess: (ci) => {
      qc.setQueryData(cmdbKeys.item(id), ci);
      void qc.invalidateQueries({ queryKey: cmdbKeys.all });
    },
    onError: (err) => {
      if (isApiError(err) && err.code === 'stale_version')
        void qc.invalidateQueries({ queryKey: cmdbKeys.item(id) });
    },
  });
}

export const useAddRelation = () =>
  useCmdbWrite((body: { kind: CiRelationKind; sourceId: number; targetId: number }) =>
    api.post<CiRelation>('/cmdb/relations', body),
  );

export const useRemoveRelation = () =>
  useCmdbWrite((relationId: number) => api.delete(`/cmdb/relations/${relationId}`));

/** Linking shows in the ticket's timeline too: refetch it. */
export function useLinkTicketItem(number: string) {
  const qc = useQueryClient();
  return useCmdbWrite(
    (itemId: number) => api.post<unknown>(ticketItemsPath(number), { itemId }),
    () => void qc.invalidateQueries({ queryKey: ticketKeys.events(number) }),
  );
}

export function useUnlinkTicketItem(number: string) {
  const qc = useQueryClient();
  return useCmdbWrite(
    (itemId: number) => api.delete(`${ticketItemsPath(number)}/${itemId}`),
    () => void qc.invalidateQueries({ queryKey: ticketKeys.events(number) }),
  );
}

/** Links items to a ticket just created (phone intake), one call per item. */
export const linkItemsToTicket = (number: string, itemIds: readonly number[]) =>
  Promise.all(itemIds.map((itemId) => api.post<unknown>(ticketItemsPath(number), { itemId })));
