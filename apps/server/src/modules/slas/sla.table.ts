import type { PendingReason, WeeklyHours } from '@guichet/contracts';
import { sql } from 'drizzle-orm';
import {
  boolean,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { at, createdAt, id, ref } from '../../db/columns.js';
import { categories, entities, groups } from '../directory/index.js';
import { tickets } from '../tickets/index.js';

export const businessCalendars = pgTable(
  'business_calendars',
  {
    id: id(),
    name: text('name').notNull(),
    timeZone: text('time_zone').notNull(),
    /** null: open all the time */
    weekly: jsonb('weekly').$type<WeeklyHours>(),
    publicHolidays: boolean('public_holidays').notNull(),
    closedDates: jsonb('closed_dates').notNull().$type<string[]>(),
    isDefault: boolean('is_default').notNull().default(false),
    version: integer('version').notNull().default(1),
    createdAt: createdAt(),
    updatedAt: at('updated_at').notNull().defaultNow(),
  },
  (t) => [uniqueIndex('business_calendars_one_default').on(t.isDefault).where(sql`is_default`)],
);

/** The calendar of an entity's tickets; sub-entities without their own inherit it. */
export const entityCalendars = pgTable('entity_calendars', {
  entityId: ref('entity_id')
    .primaryKey()
    .references(() => entities.id),
  calendarId: ref('calendar_id')
    .notNull()
    .references(() => businessCalendars.id, { onDelete: 'cascade' }),
});

export interface EscalationRule {
  metric: 'response' | 'resolution';
  percent: number;
  notifyCoordinators: boolean;
  reassignGroupId: number | null;
  raisePriority: boolean;
}
export interface SlaTarget {
  priority: number;
  responseMinutes: number | null;
  resolutionMinutes: number | null;
}

export const slaPolicies = pgTable('sla_policies', {
  id: id(),
  name: text('name').notNull(),
  kind: text('kind', { enum: ['sla', 'ola', 'uc'] }).notNull(),
  active: boolean('active').notNull().default(true),
  ticketType: text('ticket_type', { enum: ['incident', 'request'] }),
  entityId: ref('entity_id').references(() => entities.id),
  categoryId: ref('category_id').references(() => categories.id),
  groupId: ref('group_id').references(() => groups.id),
  calendarId: ref('calendar_id').references(() => businessCalendars.id),
  targets: jsonb('targets').notNull().$type<SlaTarget[]>(),
  warnPercent: integer('warn_percent').notNull(),
  pauseOn: jsonb('pause_on').notNull().$type<PendingReason[]>(),
  escalations: jsonb('escalations').notNull().$type<EscalationRule[]>(),
  version: integer('version').notNull().default(1),
  createdAt: createdAt(),
  updatedAt: at('updated_at').notNull().defaultNow(),
});

/**
 * One running, paused or stopped clock of a ticket. Time consumed is kept in business minutes
 * up to the start of the current running segment, so pauses and recalculations never lose it.
 */
export const ticketSlas = pgTable(
  'ticket_slas',
  {
    id: id(),
    ticketId: ref('ticket_id')
      .notNull()
      .references(() => tickets.id),
    policyId: ref('policy_id')
      .notNull()
      .references(() => slaPolicies.id),
    metric: text('metric', { enum: ['response', 'resolution'] }).notNull(),
    calendarId: ref('calendar_id')
      .notNull()
      .references(() => businessCalendars.id),
    targetMinutes: integer('target_minutes').notNull(),
    status: text('status', { enum: ['running', 'paused', 'stopped'] }).notNull(),
    /** business minutes consumed before `segment_started_at` */
    elapsedMinutes: doublePrecision('elapsed_minutes').notNull().default(0),
    segmentStartedAt: at('segment_started_at'),
    /** while running: when the target is reached */
    dueAt: at('due_at'),
    /** while running: when the warning threshold is reached */
    warnAt: at('warn_at'),
    /** while running: the next threshold (warning, breach, escalation) to act on */
    nextCheckAt: at('next_check_at'),
    /** thresholds (percent of the target) already acted on */
    fired: jsonb('fired').notNull().$type<number[]>().default([]),
    breachedAt: at('breached_at'),
    startedAt: at('started_at').notNull(),
    stoppedAt: at('stopped_at'),
  },
  (t) => [
    uniqueIndex('ticket_slas_key').on(t.ticketId, t.policyId, t.metric),
    index('ticket_slas_next_check_idx').on(t.nextCheckAt).where(sql`next_check_at is not null`),
    index('ticket_slas_calendar_running_idx').on(t.calendarId).where(sql`status = 'running'`),
    index('ticket_slas_policy_idx').on(t.policyId),
  ],
);

/** Append-only history of each clock. */
export const ticketSlaEvents = pgTable(
  'ticket_sla_events',
  {
    id: id(),
    ticketSlaId: ref('ticket_sla_id')
      .notNull()
      .references(() => ticketSlas.id),
    kind: text('kind', {
      enum: [
        'started',
        'paused',
        'resumed',
        'recalculated',
        'warning',
        'breached',
        'escalated',
        'met',
        'missed',
      ],
    }).notNull(),
    detail: jsonb('detail').notNull().$type<Record<string, unknown>>().default({}),
    at: createdAt(),
  },
  (t) => [index('ticket_sla_events_sla_idx').on(t.ticketSlaId, t.id)],
);
