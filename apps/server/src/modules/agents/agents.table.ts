import { boolean, index, integer, jsonb, pgTable, primaryKey, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { at, createdAt, id, ref } from '../../db/columns.js';
import { configItems } from '../cmdb/index.js';
import { entities, people } from '../directory/index.js';
import { tickets } from '../tickets/index.js';

/** One-time or limited-use secrets an administrator hands out to enrol an entity's workstations. */
export const agentEnrolmentTokens = pgTable(
  'agent_enrolment_tokens',
  {
    id: id(),
    entityId: ref('entity_id')
      .notNull()
      .references(() => entities.id),
    label: text('label').notNull(),
    /** sha256 of the secret: a stolen database does not enrol anything */
    tokenHash: text('token_hash').notNull(),
    expiresAt: at('expires_at').notNull(),
    maxUses: integer('max_uses').notNull(),
    uses: integer('uses').notNull().default(0),
    revokedAt: at('revoked_at'),
    createdBy: ref('created_by').references(() => people.id),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('agent_enrolment_tokens_hash_key').on(t.tokenHash),
    index('agent_enrolment_tokens_entity_idx').on(t.entityId, t.id),
  ],
);

/** An enrolled workstation agent. Its secret opens its WebSocket and nothing else. */
export const agents = pgTable(
  'agents',
  {
    id: id(),
    entityId: ref('entity_id')
      .notNull()
      .references(() => entities.id),
    enrolmentTokenId: ref('enrolment_token_id')
      .notNull()
      .references(() => agentEnrolmentTokens.id),
    /** the workstation's CMDB item, set by the first inventory */
    ciId: ref('ci_id').references(() => configItems.id, { onDelete: 'set null' }),
    hostname: text('hostname').notNull(),
    serialNumber: text('serial_number'),
    os: text('os'),
    agentVersion: text('agent_version'),
    /** the login name of the person signed in on the workstation, as the agent last reported it */
    loggedInUser: text('logged_in_user'),
    secretHash: text('secret_hash').notNull(),
    lastSeenAt: at('last_seen_at'),
    lastInventoryAt: at('last_inventory_at'),
    revokedAt: at('revoked_at'),
    createdAt: createdAt(),
  },
  (t) => [
    index('agents_entity_idx').on(t.entityId, t.id),
    index('agents_ci_idx').on(t.ciId),
    index('agents_token_idx').on(t.enrolmentTokenId),
  ],
);

/**
 * The last full inventory of an agent: hardware detail and the installed software list. The CMDB item
 * keeps the few typed attributes (manufacturer, model, OS, RAM, IP); the lists live here, one row per
 * agent, replaced by each report (changes are summarised in the item's history).
 */
export const agentInventories = pgTable('agent_inventories', {
  agentId: ref('agent_id')
    .primaryKey()
    .references(() => agents.id, { onDelete: 'cascade' }),
  collectedAt: at('collected_at').notNull(),
  hardware: jsonb('hardware').notNull().$type<Record<string, unknown>>(),
  software: jsonb('software').notNull().$type<{ name: string; version: string }[]>(),
  receivedAt: createdAt(),
});

/** Per entity and class of machine: unattended access allowed, and the services a technician may restart. */
export const agentPolicies = pgTable(
  'agent_policies',
  {
    entityId: ref('entity_id')
      .notNull()
      .references(() => entities.id),
    class: text('class').notNull(),
    unattended: boolean('unattended').notNull().default(false),
    services: jsonb('services').notNull().$type<string[]>().default([]),
    updatedBy: ref('updated_by').references(() => people.id),
    updatedAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.entityId, t.class] })],
);

/** A terminal or diagnostic session a technician asked for on an agent. */
export const agentSessions = pgTable(
  'agent_sessions',
  {
    id: id(),
    agentId: ref('agent_id')
      .notNull()
      .references(() => agents.id),
    entityId: ref('entity_id')
      .notNull()
      .references(() => entities.id),
    ciId: ref('ci_id').references(() => configItems.id, { onDelete: 'set null' }),
    ticketId: ref('ticket_id').references(() => tickets.id),
    kind: text('kind', { enum: ['terminal', 'diagnostic'] }).notNull(),
    diagnostic: text('diagnostic', { enum: ['network', 'disk', 'processes', 'restart_service'] }),
    service: text('service'),
    status: text('status', { enum: ['pending_consent', 'active', 'refused', 'ended'] }).notNull(),
    consent: text('consent', { enum: ['user', 'unattended'] }),
    /** who answered the consent request: the portal user's id, or null for the agent's local prompt */
    consentBy: ref('consent_by').references(() => people.id),
    requestedBy: ref('requested_by')
      .notNull()
      .references(() => people.id),
    /** sha256 of the terminal's single-use connection token */
    tokenHash: text('token_hash'),
    tokenExpiresAt: at('token_expires_at'),
    createdAt: createdAt(),
    startedAt: at('started_at'),
    endedAt: at('ended_at'),
    endReason: text('end_reason'),
  },
  (t) => [
    index('agent_sessions_agent_idx').on(t.agentId, t.id),
    index('agent_sessions_ci_idx').on(t.ciId, t.id),
  ],
);

/**
 * Append-only record of what ran in a session (command line and its output, diagnostics). No route
 * changes or deletes it: the technician reads it, never edits it.
 */
export const agentSessionLogs = pgTable(
  'agent_session_logs',
  {
    id: id(),
    sessionId: ref('session_id')
      .notNull()
      .references(() => agentSessions.id),
    kind: text('kind', { enum: ['command', 'diagnostic', 'event'] }).notNull(),
    command: text('command').notNull(),
    output: text('output').notNull(),
    truncated: boolean('truncated').notNull().default(false),
    at: createdAt(),
  },
  (t) => [index('agent_session_logs_session_idx').on(t.sessionId, t.id)],
);
