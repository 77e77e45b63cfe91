import type {
  Comment,
  LinkKind,
  Queue,
  QueueCounts,
  Ticket,
  TicketCreate,
  TicketEvent,
  TicketPage,
  TicketStatus,
  TicketType,
  TicketUpdate,
} from '@guichet/contracts';
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, idempotencyKey, isApiError } from '../../lib/api';
import { ticketKeys } from './keys';

const path = (number: string) => `/tickets/${encodeURIComponent(number)}`;

export function useTicket(number: string) {
  return useQuery({
    queryKey: ticketKeys.detail(number),
    queryFn: ({ signal }) => api.get<Ticket>(path(number), undefined, { signal }),
  });
}

export function useTicketEvents(number: string) {
  return useQuery({
    queryKey: ticketKeys.events(number),
    queryFn: ({ signal }) => api.get<TicketEvent[]>(`${path(number)}/events`, undefined, { signal }),
  });
}

export type TicketSort = '-updatedAt' | '-createdAt' | 'createdAt' | 'priority' | 'slaDueAt';

/** The query string of GET /tickets (contracts: ticketListQuerySchema). */
export interface TicketListParams {
  queue?: Queue;
  status?: readonly TicketStatus[];
  type?: TicketType;
  q?: string;
  assignee?: 'me' | 'none' | number;
  group?: number;
  requester?: number;
  entity?: number;
  priority?: number;
  sort?: TicketSort;
  limit?: number;
}

/** A queue or a search, page after page ("load more" follows nextCursor). */
export function useTicketList(params: TicketListParams, enabled = true) {
  return useInfiniteQuery({
    queryKey: ticketKeys.list(params),
    queryFn: ({ pageParam, signal }) =>
      api.get<TicketPage>('/tickets', { ...params, cursor: pageParam ?? undefined }, { signal }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    enabled,
    // the live stream invalidates lists; keep what is on screen while it refetches
    placeholderData: (prev) => prev,
  });
}

export function useQueueCounts(enabled = true) {
  return useQuery({
    queryKey: ticketKeys.counts(),
    queryFn: ({ signal }) => api.get<QueueCounts>('/tickets/counts', undefined, { signal }),
    enabled,
  });
}

/** After any write on a ticket: store the fresh ticket, refresh its timeline and the queues. */
function useTicketWrite<V>(number: string, write: (vars: V) => Promise<Ticket | unknown>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: write,
    onSuccess: (data) => {
      if (data && typeof data === 'object' && 'number' in data && 'version' in data) {
        qc.setQueryData(ticketKeys.detail(number), data as Ticket);
      }
      void qc.invalidateQueries({ queryKey: ticketKeys.detail(number) });
      void qc.invalidateQueries({ queryKey: ticketKeys.all });
    },
    onError: (err) => {
      // someone else changed it: reload so the person sees the current state
      if (isApiError(err) && (err.code === 'stale_version' || err.code === 'invalid_transition')) {
        void qc.invalidateQueries({ queryKey: ticketKeys.detail(number) });
      }
    },
  });
}

export const useUpdateTicket = (number: string) =>
  useTicketWrite(number, (patch: TicketUpdate) => api.patch<Ticket>(path(number), patch));

export const useAddComment = (number: string) =>
  useTicketWrite(number, (body: { body: string; visibility: 'public' | 'internal' }) =>
    api.post<Comment>(`${path(number)}/comments`, body),
  );

export const useConfirmResolution = (number: string) =>
  useTicketWrite(number, () => api.post<Ticket>(`${path(number)}/confirm`));

export const useReopen = (number: string) =>
  useTicketWrite(number, (reason: string) => api.post<Ticket>(`${path(number)}/reopen`, { reason }));

export const useAddLink = (number: string) =>
  useTicketWrite(number, (body: { kind: LinkKind; target: string }) =>
    api.post<Ticket>(`${path(number)}/links`, body),
  );

export const useRemoveLink = (number: string) =>
  useTicketWrite(number, (linkId: number) => api.delete(`${path(number)}/links/${linkId}`));

export const useUploadAttachment = (number: string) =>
  useTicketWrite(number, (file: File) => {
    const form = new FormData();
    form.append('file', file, file.name);
    return api.post(`${path(number)}/attachments`, form);
  });

export function useCreateTicket() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ body, key }: { body: TicketCreate; key: string }) =>
      api.post<Ticket>('/tickets', body, { headers: { 'idempotency-key': key } }),
    onSuccess: (t) => {
      qc.setQueryData(ticketKeys.detail(t.number), t);
      void qc.invalidateQueries({ queryKey: ticketKeys.all });
    },
  });
}

export { idempotencyKey };
