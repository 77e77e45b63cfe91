import { sql } from 'drizzle-orm';
import { boolean, index, integer, pgTable, text } from 'drizzle-orm/pg-core';
import { at, ref } from '../../db/columns.js';
import { entities } from '../directory/index.js';
import { tickets } from '../tickets/index.js';

/**
 * One row per ticket with what the cockpit counts, kept by the `cockpit-facts` outbox consumer
 * (ADR 0013). Period figures are range scans on these timestamps; no query of the cockpit reads
 * the history tables. Times are the application clock's (the tickets' and clocks' own columns,
 * the `at` of the outbox events), so figures follow the same time as the tickets.
 */
export const ticketFacts = pgTable(
  'ticket_facts',
  {
    ticketId: ref('ticket_id')
      .primaryKey()
      .references(() => tickets.id),
    entityId: ref('entity_id')
      .notNull()
      .references(() => entities.id),
    type: text('type', { enum: ['incident', 'request'] }).notNull(),
    channel: text('channel', { enum: ['phone', 'portal', 'email', 'walk_in'] }).notNull(),
    categoryId: ref('category_id'),
    /** the kind of the ticket's site; null without a site */
    siteKind: text('site_kind'),
    createdAt: at('created_at').notNull(),
    /** the moment the response clock would stop: taken in charge (status left `new`) or a staff public reply */
    firstResponseAt: at('first_response_at'),
    firstResolvedAt: at('first_resolved_at'),
    /** the current resolution; null while (re)opened */
    resolvedAt: at('resolved_at'),
    /** when the ticket last left the open statuses (resolved, closed, cancelled); null while open */
    settledAt: at('settled_at'),
    reopenCount: integer('reopen_count').notNull().default(0),
    /** created already resolved (phone intake "resolve now") and never reopened */
    firstContact: boolean('first_contact').notNull().default(false),
    /** when every resolution clock of an SLA policy had stopped; null while one runs or without any */
    slaStoppedAt: at('sla_stopped_at'),
    slaBreached: boolean('sla_breached').notNull().default(false),
    updatedAt: at('updated_at').notNull().defaultNow(),
  },
  (t) => [
    index('ticket_facts_created_idx').on(t.createdAt),
    index('ticket_facts_first_response_idx').on(t.firstResponseAt).where(sql`first_response_at is not null`),
    index('ticket_facts_first_resolved_idx').on(t.firstResolvedAt).where(sql`first_resolved_at is not null`),
    index('ticket_facts_resolved_idx').on(t.resolvedAt).where(sql`resolved_at is not null`),
    index('ticket_facts_sla_stopped_idx').on(t.slaStoppedAt).where(sql`sla_stopped_at is not null`),
    // backlog at an instant: open ones are those settled after it (or never), one range from it to infinity
    index('ticket_facts_settled_idx').using('btree', sql`coalesce(${t.settledAt}, 'infinity'::timestamptz)`),
    index('ticket_facts_entity_idx').on(t.entityId),
  ],
);
