import type {
  RemoteFile,
  RemoteJoin,
  RemotePolicy,
  RemoteRecording,
  RemoteSession,
  RemoteSessionCreated,
} from '@guichet/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api';
import { ticketKeys } from '../tickets/keys';

/** Under the ticket's key: the live stream's ticket.changed refreshes it with the rest of the ticket. */
export const remoteKeys = {
  ofTicket: (number: string) => [...ticketKeys.detail(number), 'remote'] as const,
  session: (id: number) => ['remote', 'session', id] as const,
  policy: (entityId: number) => ['remote', 'policy', entityId] as const,
};

export function useTicketRemoteSession(number: string, enabled = true) {
  return useQuery({
    queryKey: remoteKeys.ofTicket(number),
    queryFn: ({ signal }) =>
      api
        .get<{ session: RemoteSession | null }>(
          `/tickets/${encodeURIComponent(number)}/remote-session`,
          undefined,
          {
            signal,
          },
        )
        .then((r) => r.session),
    enabled,
  });
}

export function useRemoteSession(id: number) {
  return useQuery({
    queryKey: remoteKeys.session(id),
    queryFn: ({ signal }) => api.get<RemoteSession>(`/remote/sessions/${id}`, undefined, { signal }),
  });
}

export function useRemotePolicy(entityId: number, enabled = true) {
  return useQuery({
    queryKey: remoteKeys.policy(entityId),
    queryFn: ({ signal }) => api.get<RemotePolicy>(`/remote/policies/${entityId}`, undefined, { signal }),
    enabled,
  });
}

export function useStartRemoteSession(number: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (record: boolean) =>
      api.post<RemoteSessionCreated>(`/tickets/${encodeURIComponent(number)}/remote-sessions`, { record }),
    onSuccess: (created) => {
      qc.setQueryData(remoteKeys.ofTicket(number), created.session);
      void qc.invalidateQueries({ queryKey: ticketKeys.events(number) });
    },
  });
}

export const redeemCode = (code: string) => api.post<RemoteSession>('/remote/code', { code });

export const answerConsent = (id: number, consent: boolean) =>
  api.post<RemoteSession>(`/remote/sessions/${id}/consent`, { consent });

export const joinSession = (id: number) => api.post<RemoteJoin>(`/remote/sessions/${id}/join`);

export const endSession = (id: number) => api.post<RemoteSession>(`/remote/sessions/${id}/end`);

export function shareFile(id: number, file: File) {
  const form = new FormData();
  form.append('file', file, file.name);
  return api.post<RemoteFile>(`/remote/sessions/${id}/files`, form);
}

export function uploadRecording(id: number, blob: Blob) {
  const form = new FormData();
  form.append('file', blob, `session-${id}.webm`);
  return api.post<RemoteRecording>(`/remote/sessions/${id}/recordings`, form);
}

export const recordingUrl = (id: number) => `/api/v1/remote/recordings/${id}`;
