import { sql } from 'drizzle-orm';
import { bigint, boolean, index, integer, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { at, createdAt, id, ref } from '../../db/columns.js';
import { entities, people } from '../directory/index.js';
import { attachments, tickets } from '../tickets/index.js';

/** One attended remote-assistance session on a ticket, from the code to the end. */
export const remoteSessions = pgTable(
  'remote_sessions',
  {
    id: id(),
    ticketId: ref('ticket_id')
      .notNull()
      .references(() => tickets.id),
    entityId: ref('entity_id')
      .notNull()
      .references(() => entities.id),
    technicianId: ref('technician_id')
      .notNull()
      .references(() => people.id),
    /** the ticket's requester at creation: the only person who can redeem the code */
    requesterId: ref('requester_id')
      .notNull()
      .references(() => people.id),
    status: text('status', {
      enum: ['requested', 'active', 'ended', 'refused', 'expired', 'cancelled'],
    }).notNull(),
    /** sha256(salt:code); cleared once redeemed, so the code is single use */
    codeHash: text('code_hash'),
    codeSalt: text('code_salt').notNull(),
    codeExpiresAt: at('code_expires_at').notNull(),
    codeUsedAt: at('code_used_at'),
    /** wrong codes typed by the requester while this session waited */
    attempts: integer('attempts').notNull().default(0),
    /** the entity's policy allowed it and the technician asked for it; shown on the consent screen */
    recording: boolean('recording').notNull().default(false),
    consentedAt: at('consented_at'),
    startedAt: at('started_at'),
    endedAt: at('ended_at'),
    endedBy: ref('ended_by').references(() => people.id),
    endReason: text('end_reason'),
    createdAt: createdAt(),
  },
  (t) => [
    index('remote_sessions_ticket_idx').on(t.ticketId, t.id),
    index('remote_sessions_requester_open_idx')
      .on(t.requesterId)
      .where(sql`status in ('requested','active')`),
  ],
);

/** Who may open the signalling socket: one short-lived token per participant, stored hashed. */
export const remoteParticipants = pgTable(
  'remote_participants',
  {
    id: id(),
    sessionId: ref('session_id')
      .notNull()
      .references(() => remoteSessions.id),
    personId: ref('person_id')
      .notNull()
      .references(() => people.id),
    role: text('role', { enum: ['sender', 'technician', 'viewer'] }).notNull(),
    tokenHash: text('token_hash').notNull(),
    tokenExpiresAt: at('token_expires_at').notNull(),
    joinedAt: createdAt(),
  },
  (t) => [uniqueIndex('remote_participants_key').on(t.sessionId, t.personId)],
);

/** What happened inside a session: chat lines (the transcript) and files exchanged. Append-only. */
export const remoteSessionEvents = pgTable(
  'remote_session_events',
  {
    id: id(),
    sessionId: ref('session_id')
      .notNull()
      .references(() => remoteSessions.id),
    actorId: ref('actor_id')
      .notNull()
      .references(() => people.id),
    kind: text('kind', { enum: ['chat', 'file'] }).notNull(),
    body: text('body'),
    attachmentId: ref('attachment_id').references(() => attachments.id),
    at: createdAt(),
  },
  (t) => [index('remote_session_events_session_idx').on(t.sessionId, t.id)],
);

/** Screen recordings: files like attachments, kept apart so that only staff in scope can read them. */
export const remoteRecordings = pgTable(
  'remote_recordings',
  {
    id: id(),
    sessionId: ref('session_id')
      .notNull()
      .references(() => remoteSessions.id),
    ticketId: ref('ticket_id')
      .notNull()
      .references(() => tickets.id),
    entityId: ref('entity_id')
      .notNull()
      .references(() => entities.id),
    fileName: text('file_name').notNull(),
    contentType: text('content_type').notNull(),
    size: bigint('size', { mode: 'number' }).notNull(),
    storageKey: text('storage_key').notNull(),
    sha256: text('sha256').notNull(),
    uploadedBy: ref('uploaded_by')
      .notNull()
      .references(() => people.id),
    createdAt: createdAt(),
  },
  (t) => [index('remote_recordings_session_idx').on(t.sessionId)],
);

/** Per-entity policy; an entity without a row inherits its nearest ancestor's, the default forbids recording. */
export const remotePolicies = pgTable('remote_policies', {
  entityId: ref('entity_id')
    .primaryKey()
    .references(() => entities.id),
  recordingAllowed: boolean('recording_allowed').notNull(),
  updatedBy: ref('updated_by')
    .notNull()
    .references(() => people.id),
  updatedAt: at('updated_at').notNull().defaultNow(),
});
