import {
  notificationListQuerySchema,
  notificationPageSchema,
  notificationPreferencesSchema,
  notificationPreferencesUpdateSchema,
  notificationReadResultSchema,
  notificationReadSchema,
} from '@guichet/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { requireActor } from '../../platform/auth/auth.plugin.js';
import type { NotificationService } from './notification.service.js';

const tags = ['notifications'];

/** The signed-in person's notification centre and preferences. */
export async function notificationRoutes(app: FastifyInstance, opts: { notifications: NotificationService }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { notifications } = opts;

  r.get(
    '/notifications',
    {
      schema: {
        operationId: 'listNotifications',
        tags,
        querystring: notificationListQuerySchema,
        response: { 200: notificationPageSchema },
      },
    },
    async (request) => notifications.list(requireActor(request), request.query),
  );

  r.post(
    '/notifications/read',
    {
      schema: {
        operationId: 'markNotificationsRead',
        tags,
        body: notificationReadSchema,
        response: { 200: notificationReadResultSchema },
      },
    },
    async (request) => notifications.markRead(requireActor(request), request.body),
  );

  r.get(
    '/notifications/preferences',
    {
      schema: {
        operationId: 'getNotificationPreferences',
        tags,
        response: { 200: notificationPreferencesSchema },
      },
    },
    async (request) => notifications.preferences(requireActor(request)),
  );

  r.put(
    '/notifications/preferences',
    {
      schema: {
        operationId: 'updateNotificationPreferences',
        tags,
        body: notificationPreferencesUpdateSchema,
        response: { 200: notificationPreferencesSchema },
      },
    },
    async (request) => notifications.savePreferences(requireActor(request), request.body),
  );
}
