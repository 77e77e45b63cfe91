import { z } from 'zod';
import { idSchema, refSchema } from './common.js';

/** A calendar date in the organisation's time zone (Europe/Paris), e.g. 2026-11-01. */
const localDateSchema = z.iso.date();

/** The figures a period is judged on; also what an improvement action aims to move. */
export const kpiKeySchema = z.enum([
  'volume',
  'first_contact_resolution_rate',
  'first_response_mean_minutes',
  'first_response_p90_minutes',
  'resolution_mean_minutes',
  'resolution_p90_minutes',
  'sla_compliance_rate',
  'reopen_rate',
  'satisfaction_mean',
  'backlog',
]);
export type KpiKey = z.infer<typeof kpiKeySchema>;

/** Scope filter shared by every cockpit route: an entity and its sub-entities, inside the caller's scope. */
export const cockpitScopeQuerySchema = z.object({ entityId: idSchema.optional() });

export const cockpitPeriodQuerySchema = cockpitScopeQuerySchema
  .extend({ from: localDateSchema, to: localDateSchema })
  .refine((q) => q.from <= q.to, { message: 'from must not be after to', path: ['to'] })
  .refine((q) => Date.parse(q.to) - Date.parse(q.from) <= 366 * 86_400_000, {
    message: 'a period spans at most 366 days',
    path: ['to'],
  });
export type CockpitPeriodQuery = z.infer<typeof cockpitPeriodQuerySchema>;

const countSchema = z.object({ key: z.string(), count: z.number().int() });
const refCountSchema = refSchema.extend({ count: z.number().int() });

/** Live state of the desk, as of generatedAt. */
export const cockpitNowSchema = z.object({
  generatedAt: z.string(),
  open: z.object({
    total: z.number().int(),
    /** keys are ticket statuses among the open ones */
    byStatus: z.array(countSchema),
    /** keys are priorities "1".."5" */
    byPriority: z.array(countSchema),
    /** id null: no group */
    byGroup: z.array(refCountSchema.extend({ id: z.number().int().nullable() })),
    byEntity: z.array(refCountSchema),
  }),
  unassigned: z.number().int(),
  waitingForRequester: z.number().int(),
  /** running resolution clocks past their warning threshold, not yet breached */
  nearBreach: z.number().int(),
  breached: z.number().int(),
  today: z.object({ incoming: z.number().int(), resolved: z.number().int() }),
  /** open tickets per agent holding at least one, most loaded first */
  agentLoad: z.array(refCountSchema.extend({ inProgress: z.number().int(), pending: z.number().int() })),
});
export type CockpitNow = z.infer<typeof cockpitNowSchema>;

/** A figure over the period and over the previous period of the same length; null when undefined (no data). */
export const kpiValueSchema = z.object({ current: z.number().nullable(), previous: z.number().nullable() });
export type KpiValue = z.infer<typeof kpiValueSchema>;

const breakdownRowSchema = z.object({
  key: z.string(),
  /** display name when the key is an id (category, entity); the key itself otherwise */
  label: z.string(),
  current: z.number().int(),
  previous: z.number().int(),
});

export const cockpitPeriodSchema = z.object({
  period: z.object({ from: localDateSchema, to: localDateSchema }),
  previous: z.object({ from: localDateSchema, to: localDateSchema }),
  /** every KpiKey; backlog here is the open tickets at the end of each period (the daily series is below) */
  kpis: z.record(kpiKeySchema, kpiValueSchema),
  byChannel: z.array(breakdownRowSchema),
  byCategory: z.array(breakdownRowSchema),
  byEntity: z.array(breakdownRowSchema),
  /** keys are site kinds (town hall, school, …) and "none" */
  bySiteKind: z.array(breakdownRowSchema),
  /** open tickets at the end of each day of the period */
  backlog: z.array(z.object({ date: localDateSchema, open: z.number().int() })),
  satisfactionCount: kpiValueSchema,
});
export type CockpitPeriod = z.infer<typeof cockpitPeriodSchema>;

export const cockpitTrendQuerySchema = cockpitScopeQuerySchema.extend({
  kpi: kpiKeySchema,
  months: z.coerce.number().int().min(2).max(24).default(6),
});
/** One value per calendar month, oldest first, the current month last (to date). */
export const cockpitTrendSchema = z.object({
  kpi: kpiKeySchema,
  points: z.array(z.object({ month: z.string().regex(/^\d{4}-\d{2}$/), value: z.number().nullable() })),
});
export type CockpitTrend = z.infer<typeof cockpitTrendSchema>;

/** Live nudge over the stream: the cockpit figures of this entity changed; clients refetch (throttled). */
export const cockpitChangedEventSchema = z.object({
  type: z.literal('cockpit.changed'),
  entityId: z.number().int().nullable(),
});

/** The cockpit tables that can be exported; the period ones need from and to. */
export const cockpitExportTableSchema = z.enum([
  'kpis',
  'byChannel',
  'byCategory',
  'byEntity',
  'bySiteKind',
  'backlog',
  'openByStatus',
  'openByPriority',
  'openByGroup',
  'openByEntity',
  'agentLoad',
]);
export type CockpitExportTable = z.infer<typeof cockpitExportTableSchema>;
export const cockpitPeriodTables: readonly CockpitExportTable[] = [
  'kpis',
  'byChannel',
  'byCategory',
  'byEntity',
  'bySiteKind',
  'backlog',
];

export const cockpitExportQuerySchema = cockpitScopeQuerySchema
  .extend({
    table: cockpitExportTableSchema,
    format: z.enum(['csv', 'xlsx']).default('csv'),
    from: localDateSchema.optional(),
    to: localDateSchema.optional(),
  })
  .refine((q) => !cockpitPeriodTables.includes(q.table) || q.from !== undefined, {
    message: 'this table covers a period: from is required',
    path: ['from'],
  })
  .refine((q) => !cockpitPeriodTables.includes(q.table) || q.to !== undefined, {
    message: 'this table covers a period: to is required',
    path: ['to'],
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, { message: 'from must not be after to', path: ['to'] })
  .refine((q) => !q.from || !q.to || Date.parse(q.to) - Date.parse(q.from) <= 366 * 86_400_000, {
    message: 'a period spans at most 366 days',
    path: ['to'],
  });
export type CockpitExportQuery = z.infer<typeof cockpitExportQuerySchema>;
