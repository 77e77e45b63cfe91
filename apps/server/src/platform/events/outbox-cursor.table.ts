import { bigint, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { xid8 } from './outbox.table.js';

/** Where each outbox consumer is: the (tx_id, id) of the last outbox row it processed. */
export const outboxCursors = pgTable('outbox_cursors', {
  consumer: text('consumer').primaryKey(),
  txId: xid8('tx_id').notNull(),
  lastId: bigint('last_id', { mode: 'number' }).notNull(),
  /** what it reads: the maintenance trim keeps the unprocessed rows of these topics only */
  topics: text('topics').array().notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});
