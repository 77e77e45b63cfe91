import { index, jsonb, pgTable, text } from 'drizzle-orm/pg-core';
import { createdAt, id, ref } from '../../db/columns.js';

/**
 * Transactional outbox: a write and its events commit together; a NOTIFY in the same
 * transaction wakes every process's dispatcher, which fans the event out to its sockets.
 */
export const outbox = pgTable(
  'outbox',
  {
    id: id(),
    topic: text('topic').notNull(),
    entityId: ref('entity_id'),
    /** people who see the event regardless of scope (the requester of a ticket) */
    audience: jsonb('audience').notNull().$type<number[]>(),
    payload: jsonb('payload').notNull().$type<Record<string, unknown>>(),
    createdAt: createdAt(),
  },
  (t) => [index('outbox_created_idx').on(t.createdAt)],
);
