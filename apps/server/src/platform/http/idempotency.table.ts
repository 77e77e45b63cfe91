import { integer, jsonb, pgTable, primaryKey, text } from 'drizzle-orm/pg-core';
import { createdAt, ref } from '../../db/columns.js';

/** Responses of creating POSTs replayed for a repeated Idempotency-Key (per person). */
export const idempotencyKeys = pgTable(
  'idempotency_keys',
  {
    personId: ref('person_id').notNull(),
    key: text('key').notNull(),
    statusCode: integer('status_code').notNull(),
    body: jsonb('body').notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.personId, t.key] })],
);
