import type {
  NotificationEvent,
  NotificationPage,
  NotificationPreferences,
  NotificationPreferencesUpdate,
} from '@guichet/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api';
import { useStream } from '../../lib/stream';

export const notificationKeys = {
  all: ['notifications'] as const,
  recent: ['notifications', 'recent'] as const,
  preferences: ['notifications', 'preferences'] as const,
};

export function useRecentNotifications(enabled: boolean) {
  return useQuery({
    queryKey: notificationKeys.recent,
    queryFn: ({ signal }) => api.get<NotificationPage>('/notifications', { limit: 20 }, { signal }),
    enabled,
  });
}

export function useMarkRead() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { ids: number[] } | { all: true }) =>
      api.post<{ unread: number }>('/notifications/read', body),
    onSettled: () => qc.invalidateQueries({ queryKey: notificationKeys.recent }),
  });
}

export function useNotificationPreferences() {
  return useQuery({
    queryKey: notificationKeys.preferences,
    queryFn: ({ signal }) =>
      api.get<NotificationPreferences>('/notifications/preferences', undefined, { signal }),
  });
}

export function useSaveNotificationPreferences() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: NotificationPreferencesUpdate) =>
      api.put<NotificationPreferences>('/notifications/preferences', body),
    onSuccess: (saved) => qc.setQueryData(notificationKeys.preferences, saved),
  });
}

const isNotificationEvent = (m: unknown): m is NotificationEvent =>
  typeof m === 'object' && m !== null && (m as { type?: unknown }).type === 'notification';

/** Refreshes the bell when the server pushes a new notification (or after a reconnection). */
export function useLiveNotifications(enabled: boolean, onNew?: (e: NotificationEvent) => void): void {
  const qc = useQueryClient();
  useStream(enabled, {
    onMessage: (m) => {
      if (!isNotificationEvent(m)) return;
      void qc.invalidateQueries({ queryKey: notificationKeys.recent });
      onNew?.(m);
    },
    onReconnect: () => void qc.invalidateQueries({ queryKey: notificationKeys.recent }),
  });
}
