import { sql } from 'drizzle-orm';
import { index, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { createdAt, id, ref } from '../../db/columns.js';
import { mailMessages } from '../../platform/mail/mail-message.table.js';
import { entities, people } from '../directory/index.js';

/** Who receives an entity's monthly report (ADR 0016): an address and the report's language. */
export const reportSubscriptions = pgTable(
  'report_subscriptions',
  {
    id: id(),
    entityId: ref('entity_id')
      .notNull()
      .references(() => entities.id),
    email: text('email').notNull(),
    language: text('language', { enum: ['fr', 'en'] })
      .notNull()
      .default('fr'),
    createdBy: ref('created_by')
      .notNull()
      .references(() => people.id),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('report_subscriptions_entity_email_key').on(t.entityId, sql`lower(${t.email})`)],
);

/**
 * One row per report e-mailed (entity, month, address): the scheduled job inserts it with the
 * message in one transaction and skips the addresses that have one, so a re-run sends nothing twice.
 */
export const reportDeliveries = pgTable(
  'report_deliveries',
  {
    id: id(),
    entityId: ref('entity_id')
      .notNull()
      .references(() => entities.id),
    /** YYYY-MM */
    month: text('month').notNull(),
    email: text('email').notNull(),
    mailMessageId: ref('mail_message_id').references(() => mailMessages.id),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('report_deliveries_key').on(t.entityId, t.month, sql`lower(${t.email})`),
    index('report_deliveries_month_idx').on(t.month),
  ],
);
