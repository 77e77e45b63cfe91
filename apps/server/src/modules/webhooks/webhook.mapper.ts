import type { Webhook, WebhookDelivery } from '@guichet/contracts';
import type { WebhookDeliveryRow, WebhookRow } from './webhook.repository.js';
import { maskSecret } from './webhook.signature.js';

export const toWebhook = (w: WebhookRow): Webhook => ({
  id: w.id,
  entity: { id: w.entityId, name: w.entityName },
  name: w.name,
  url: w.url,
  events: w.events,
  active: w.active,
  secretHint: maskSecret(w.secret),
  createdAt: w.createdAt.toISOString(),
  updatedAt: w.updatedAt.toISOString(),
  version: w.version,
});

export const toDelivery = (d: WebhookDeliveryRow): WebhookDelivery => ({
  id: d.id,
  webhookId: d.webhookId,
  event: d.event,
  status: d.status,
  attempts: d.attempts,
  lastStatusCode: d.lastStatusCode,
  lastError: d.lastError,
  responseExcerpt: d.responseExcerpt,
  durationMs: d.durationMs,
  createdAt: d.createdAt.toISOString(),
  lastAttemptAt: d.lastAttemptAt?.toISOString() ?? null,
  deliveredAt: d.deliveredAt?.toISOString() ?? null,
});
