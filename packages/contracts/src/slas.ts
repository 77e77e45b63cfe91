import { z } from 'zod';
import { refSchema } from './common.js';
import { pendingReasonSchema, prioritySchema, ticketTypeSchema } from './tickets.js';

const name = z.string().trim().min(1).max(200);
const hhmm = z
  .string()
  .regex(/^(([01]\d|2[0-3]):[0-5]\d|24:00)$/, 'a time such as 08:00 (from 00:00 to 24:00)');
const localDate = z.iso.date('a date such as 2026-12-24');

/** One opening of a weekday, local wall-clock times, end exclusive. */
export const openingSchema = z.object({ start: hhmm, end: hhmm });
export const weekdaySchema = z.enum(['1', '2', '3', '4', '5', '6', '7']);
/** Monday "1" … Sunday "7"; a missing day is closed. */
export const weeklyHoursSchema = z.partialRecord(weekdaySchema, z.array(openingSchema).max(6));
export type WeeklyHours = z.infer<typeof weeklyHoursSchema>;

export const calendarInputSchema = z.object({
  name,
  timeZone: z.string().trim().min(1).max(64).default('Europe/Paris'),
  /** null: open all the time (24/7) */
  weekly: weeklyHoursSchema.nullable(),
  /** French public holidays, fixed and Easter-based, are closed */
  publicHolidays: z.boolean().default(true),
  closedDates: z.array(localDate).max(366).default([]),
  /** entities whose tickets count time on this calendar (with their sub-entities, unless these have their own) */
  entityIds: z.array(z.number().int().positive()).max(500).default([]),
  /** the calendar used where no entity has one */
  isDefault: z.boolean().default(false),
});
export type CalendarInput = z.input<typeof calendarInputSchema>;

export const calendarSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  timeZone: z.string(),
  weekly: weeklyHoursSchema.nullable(),
  publicHolidays: z.boolean(),
  closedDates: z.array(z.string()),
  entities: z.array(refSchema),
  isDefault: z.boolean(),
  version: z.number().int(),
});
export type Calendar = z.infer<typeof calendarSchema>;

/** "When would this be due?", for the admin screen to try a calendar before saving it. */
export const calendarPreviewSchema = z.object({
  calendar: calendarInputSchema.omit({ entityIds: true, isDefault: true, name: true }),
  start: z.iso.datetime({ offset: true }),
  minutes: z.number().int().min(0).max(525_600),
});
export const calendarPreviewResultSchema = z.object({ dueAt: z.string() });

export const slaKindSchema = z.enum(['sla', 'ola', 'uc']);
export type SlaKind = z.infer<typeof slaKindSchema>;
export const slaMetricSchema = z.enum(['response', 'resolution']);
export type SlaMetric = z.infer<typeof slaMetricSchema>;

const minutes = z.number().int().min(1).max(525_600).nullable();
export const slaTargetSchema = z.object({
  priority: prioritySchema,
  /** time to take the ticket into account, in business minutes */
  responseMinutes: minutes,
  resolutionMinutes: minutes,
});

export const escalationSchema = z.object({
  metric: slaMetricSchema,
  /** percentage of the target consumed, 100 = the breach */
  percent: z.number().int().min(1).max(1000),
  notifyCoordinators: z.boolean().default(true),
  /** hand the ticket to this group (its agent is cleared) */
  reassignGroupId: z.number().int().positive().nullable().default(null),
  /** raise the priority by one step (never above 1) */
  raisePriority: z.boolean().default(false),
});
export type Escalation = z.input<typeof escalationSchema>;

export const slaPolicyInputSchema = z
  .object({
    name,
    /** sla: promised to requesters; ola: an internal group; uc: the contractor's groups */
    kind: slaKindSchema,
    active: z.boolean().default(true),
    ticketType: ticketTypeSchema.nullable().default(null),
    /** tickets of this entity and its sub-entities; null: every entity */
    entityId: z.number().int().positive().nullable().default(null),
    categoryId: z.number().int().positive().nullable().default(null),
    /** ola and uc: the group whose time is measured, while it holds the ticket */
    groupId: z.number().int().positive().nullable().default(null),
    /** null: the calendar of the ticket's entity */
    calendarId: z.number().int().positive().nullable().default(null),
    targets: z.array(slaTargetSchema).min(1).max(5),
    /** the queue turns to "warning" at this share of the target */
    warnPercent: z.number().int().min(1).max(99).default(75),
    /** the clock stops while the ticket is pending for these reasons */
    pauseOn: z.array(pendingReasonSchema).default(['requester']),
    escalations: z.array(escalationSchema).max(20).default([]),
  })
  .superRefine((p, ctx) => {
    if (p.kind !== 'sla' && !p.groupId) {
      ctx.addIssue({ code: 'custom', path: ['groupId'], message: 'an OLA or a contract measures a group' });
    }
    const seen = new Set<number>();
    for (const [i, t] of p.targets.entries()) {
      if (seen.has(t.priority)) {
        ctx.addIssue({
          code: 'custom',
          path: ['targets', i, 'priority'],
          message: 'one target per priority',
        });
      }
      seen.add(t.priority);
      if (t.responseMinutes && t.resolutionMinutes && t.responseMinutes > t.resolutionMinutes) {
        ctx.addIssue({
          code: 'custom',
          path: ['targets', i, 'responseMinutes'],
          message: 'the response target is longer than the resolution target',
        });
      }
    }
  });
export type SlaPolicyInput = z.input<typeof slaPolicyInputSchema>;

export const slaPolicySchema = z.object({
  id: z.number().int(),
  name: z.string(),
  kind: slaKindSchema,
  active: z.boolean(),
  ticketType: ticketTypeSchema.nullable(),
  entity: refSchema.nullable(),
  category: refSchema.nullable(),
  group: refSchema.nullable(),
  calendar: refSchema.nullable(),
  targets: z.array(slaTargetSchema),
  warnPercent: z.number().int(),
  pauseOn: z.array(pendingReasonSchema),
  escalations: z.array(
    escalationSchema.extend({ reassignGroup: refSchema.nullable() }).omit({ reassignGroupId: true }),
  ),
  version: z.number().int(),
});
export type SlaPolicy = z.infer<typeof slaPolicySchema>;

export const ticketSlaStatusSchema = z.enum(['running', 'paused', 'stopped']);
export const ticketSlaEventKindSchema = z.enum([
  'started',
  'paused',
  'resumed',
  'recalculated',
  'warning',
  'breached',
  'escalated',
  'met',
  'missed',
]);
export const ticketSlaSchema = z.object({
  id: z.number().int(),
  policy: z.object({ id: z.number().int(), name: z.string(), kind: slaKindSchema }),
  metric: slaMetricSchema,
  status: ticketSlaStatusSchema,
  targetMinutes: z.number().int(),
  /** business minutes consumed so far */
  elapsedMinutes: z.number(),
  /** null unless running */
  dueAt: z.string().nullable(),
  breachedAt: z.string().nullable(),
  stoppedAt: z.string().nullable(),
  startedAt: z.string(),
  calendar: refSchema,
  history: z.array(
    z.object({
      kind: ticketSlaEventKindSchema,
      at: z.string(),
      /** e.g. { percent: 75 }, { priority: { from: 3, to: 2 } }, { group: "N3" } */
      detail: z.record(z.string(), z.unknown()),
    }),
  ),
});
export type TicketSla = z.infer<typeof ticketSlaSchema>;

/** Pushed on the stream when a clock crosses a threshold; `recipients` are told in the notification centre. */
export const slaAlertEventSchema = z.object({
  type: z.literal('sla.alert'),
  level: z.enum(['warning', 'breached', 'escalated']),
  number: z.string(),
  title: z.string(),
  policy: z.string(),
  metric: slaMetricSchema,
  percent: z.number().int(),
  dueAt: z.string().nullable(),
  recipients: z.array(z.number().int()),
  at: z.string(),
});
export type SlaAlertEvent = z.infer<typeof slaAlertEventSchema>;

/** Pushed when new tickets' clocks start (a moment after their creation): the queues refresh their time left. */
export const slaStartedEventSchema = z.object({
  type: z.literal('sla.started'),
  numbers: z.array(z.string()),
});
export type SlaStartedEvent = z.infer<typeof slaStartedEventSchema>;
