import { boolean, index, integer, jsonb, pgTable, text } from 'drizzle-orm/pg-core';
import { at, createdAt, id, ref } from '../../db/columns.js';
import { entities, people } from '../directory/index.js';

/** An outbound webhook: the tickets of `entity_id` and its sub-entities, for the events listed. */
export const webhooks = pgTable(
  'webhooks',
  {
    id: id(),
    entityId: ref('entity_id')
      .notNull()
      .references(() => entities.id),
    name: text('name').notNull(),
    url: text('url').notNull(),
    /** HMAC key of the signature; shown to the admin on create and rotate only */
    secret: text('secret').notNull(),
    events: text('events').array().notNull().$type<('ticket.created' | 'ticket.updated' | 'sla.warning')[]>(),
    active: boolean('active').notNull().default(true),
    createdBy: ref('created_by').references(() => people.id),
    createdAt: createdAt(),
    updatedAt: at('updated_at').notNull().defaultNow(),
    version: integer('version').notNull().default(1),
  },
  (t) => [index('webhooks_entity_idx').on(t.entityId)],
);

/** The delivery log: one row per event sent to a webhook, updated by each attempt. */
export const webhookDeliveries = pgTable(
  'webhook_deliveries',
  {
    id: id(),
    webhookId: ref('webhook_id')
      .notNull()
      .references(() => webhooks.id, { onDelete: 'cascade' }),
    event: text('event', { enum: ['ticket.created', 'ticket.updated', 'sla.warning', 'ping'] }).notNull(),
    /** the body sent, but for its `id` (the delivery id) added at send time */
    payload: jsonb('payload').notNull().$type<Record<string, unknown>>(),
    status: text('status', { enum: ['pending', 'succeeded', 'failed'] })
      .notNull()
      .default('pending'),
    attempts: integer('attempts').notNull().default(0),
    lastStatusCode: integer('last_status_code'),
    lastError: text('last_error'),
    responseExcerpt: text('response_excerpt'),
    durationMs: integer('duration_ms'),
    /** an attempt in flight holds the row until then, so a duplicate job does not send twice at once */
    lockedUntil: at('locked_until'),
    createdAt: createdAt(),
    lastAttemptAt: at('last_attempt_at'),
    deliveredAt: at('delivered_at'),
  },
  (t) => [index('webhook_deliveries_webhook_idx').on(t.webhookId, t.id.desc().nullsFirst())],
);
