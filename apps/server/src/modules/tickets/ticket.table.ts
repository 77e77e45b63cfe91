import { sql } from 'drizzle-orm';
import { bigint, index, integer, jsonb, pgSequence, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { at, createdAt, id, ref, tsvector } from '../../db/columns.js';
import { categories, entities, groups, people, sites } from '../directory/index.js';

export const incidentNumberSeq = pgSequence('ticket_incident_number_seq');
export const requestNumberSeq = pgSequence('ticket_request_number_seq');

export const tickets = pgTable(
  'tickets',
  {
    id: id(),
    number: text('number').notNull(),
    type: text('type', { enum: ['incident', 'request'] }).notNull(),
    title: text('title').notNull(),
    description: text('description').notNull().default(''),
    status: text('status', {
      enum: ['new', 'assigned', 'in_progress', 'pending', 'resolved', 'closed', 'cancelled'],
    }).notNull(),
    pendingReason: text('pending_reason', { enum: ['requester', 'third_party', 'change', 'other'] }),
    channel: text('channel', { enum: ['phone', 'portal', 'email', 'walk_in'] }).notNull(),
    categoryId: ref('category_id').references(() => categories.id),
    impact: integer('impact').notNull(),
    urgency: integer('urgency').notNull(),
    priority: integer('priority').notNull(),
    entityId: ref('entity_id')
      .notNull()
      .references(() => entities.id),
    requesterId: ref('requester_id')
      .notNull()
      .references(() => people.id),
    siteId: ref('site_id').references(() => sites.id),
    groupId: ref('group_id').references(() => groups.id),
    assigneeId: ref('assignee_id').references(() => people.id),
    resolutionCode: text('resolution_code', {
      enum: [
        'solved',
        'workaround',
        'solved_remotely',
        'not_reproducible',
        'duplicate',
        'user_error',
        'cancelled_by_requester',
      ],
    }),
    resolutionNotes: text('resolution_notes'),
    createdBy: ref('created_by')
      .notNull()
      .references(() => people.id),
    createdAt: createdAt(),
    updatedAt: at('updated_at').notNull().defaultNow(),
    resolvedAt: at('resolved_at'),
    closedAt: at('closed_at'),
    version: integer('version').notNull().default(1),
    /** The most urgent running service-level clock, kept by the SLA engine for the queues. */
    slaState: text('sla_state', { enum: ['running', 'paused'] }),
    slaDueAt: at('sla_due_at'),
    slaWarnAt: at('sla_warn_at'),
    /** number, title, description and comments, French stemming; maintained by the repository */
    search: tsvector('search').notNull(),
  },
  // DESC indexes must say NULLS FIRST, as ORDER BY … DESC does, or the planner cannot read them in order
  (t) => [
    uniqueIndex('tickets_number_key').on(t.number),
    index('tickets_entity_updated_idx').on(
      t.entityId,
      t.updatedAt.desc().nullsFirst(),
      t.id.desc().nullsFirst(),
    ),
    index('tickets_updated_idx').on(t.updatedAt.desc().nullsFirst(), t.id.desc().nullsFirst()),
    index('tickets_open_assignee_idx')
      .on(t.assigneeId, t.updatedAt.desc().nullsFirst(), t.id.desc().nullsFirst())
      .where(sql`status in ('new','assigned','in_progress','pending')`),
    index('tickets_open_group_idx')
      .on(t.groupId, t.updatedAt.desc().nullsFirst(), t.id.desc().nullsFirst())
      .where(sql`status in ('new','assigned','in_progress','pending')`),
    index('tickets_requester_idx').on(t.requesterId, t.updatedAt.desc().nullsFirst()),
    // "my tickets" also covers what I declared for someone else
    index('tickets_created_by_idx').on(t.createdBy, t.updatedAt.desc().nullsFirst()),
    index('tickets_status_idx').on(t.status, t.updatedAt.desc().nullsFirst(), t.id.desc().nullsFirst()),
    index('tickets_search_idx').using('gin', t.search),
    // "closest to breach": open tickets by due time, those without a running clock last
    index('tickets_open_sla_due_idx')
      .on(t.slaDueAt.asc().nullsLast(), t.id)
      .where(sql`status in ('new','assigned','in_progress','pending')`),
  ],
);

export const ticketComments = pgTable(
  'ticket_comments',
  {
    id: id(),
    ticketId: ref('ticket_id')
      .notNull()
      .references(() => tickets.id),
    authorId: ref('author_id')
      .notNull()
      .references(() => people.id),
    visibility: text('visibility', { enum: ['public', 'internal'] }).notNull(),
    body: text('body').notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('ticket_comments_ticket_idx').on(t.ticketId, t.id)],
);

/** Append-only history: nothing updates or deletes these rows. */
export const ticketEvents = pgTable(
  'ticket_events',
  {
    id: id(),
    ticketId: ref('ticket_id')
      .notNull()
      .references(() => tickets.id),
    entityId: ref('entity_id')
      .notNull()
      .references(() => entities.id),
    actorId: ref('actor_id').references(() => people.id),
    kind: text('kind').notNull(),
    changes: jsonb('changes').notNull().$type<Record<string, { from: unknown; to: unknown }>>(),
    commentId: ref('comment_id').references(() => ticketComments.id),
    at: createdAt(),
  },
  (t) => [index('ticket_events_ticket_idx').on(t.ticketId, t.id)],
);

export const ticketLinks = pgTable(
  'ticket_links',
  {
    id: id(),
    /** stored one way: parent→child as (parent, child, 'parent'); duplicate as (dup, original, 'duplicate_of') */
    fromTicketId: ref('from_ticket_id')
      .notNull()
      .references(() => tickets.id),
    toTicketId: ref('to_ticket_id')
      .notNull()
      .references(() => tickets.id),
    kind: text('kind', { enum: ['parent', 'duplicate_of', 'related'] }).notNull(),
    createdBy: ref('created_by')
      .notNull()
      .references(() => people.id),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('ticket_links_key').on(t.fromTicketId, t.toTicketId, t.kind),
    index('ticket_links_to_idx').on(t.toTicketId),
  ],
);

export const attachments = pgTable(
  'attachments',
  {
    id: id(),
    ticketId: ref('ticket_id')
      .notNull()
      .references(() => tickets.id),
    entityId: ref('entity_id')
      .notNull()
      .references(() => entities.id),
    fileName: text('file_name').notNull(),
    contentType: text('content_type').notNull(),
    size: bigint('size', { mode: 'number' }).notNull(),
    /** path relative to DATA_DIR/files */
    storageKey: text('storage_key').notNull(),
    sha256: text('sha256').notNull(),
    uploadedBy: ref('uploaded_by')
      .notNull()
      .references(() => people.id),
    createdAt: createdAt(),
  },
  (t) => [index('attachments_ticket_idx').on(t.ticketId)],
);
