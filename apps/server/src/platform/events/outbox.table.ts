import { sql } from 'drizzle-orm';
import { customType, index, jsonb, pgTable, text } from 'drizzle-orm/pg-core';
import { createdAt, id, ref } from '../../db/columns.js';

/**
 * A 64-bit transaction id (PostgreSQL's xid8); both drivers hand it over as text. Compared in SQL
 * only, so the text form is enough in code.
 */
export const xid8 = customType<{ data: string; driverData: string }>({ dataType: () => 'xid8' });

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
    /**
     * The writing transaction: consumers read in (tx_id, id) order below the oldest transaction
     * still running, so a row committed late with a low id is never skipped (outbox-consumer.ts).
     */
    txId: xid8('tx_id').notNull().default(sql`pg_current_xact_id()`),
  },
  (t) => [index('outbox_created_idx').on(t.createdAt), index('outbox_tx_idx').on(t.txId, t.id)],
);
