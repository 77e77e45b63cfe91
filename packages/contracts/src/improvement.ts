import { z } from 'zod';
import { kpiKeySchema } from './cockpit.js';
import { idSchema, refSchema } from './common.js';

const localDateSchema = z.iso.date();
const title = z.string().trim().min(1).max(200);

export const improvementActionStatusSchema = z.enum(['planned', 'in_progress', 'done', 'cancelled']);
export type ImprovementActionStatus = z.infer<typeof improvementActionStatusSchema>;

/** Optimistic concurrency: send the version read; omitted means "whatever is there". */
const versionSchema = z.number().int().positive().optional();

const planFields = {
  entityId: z.number().int().positive(),
  title,
  periodStart: localDateSchema,
  periodEnd: localDateSchema,
};
const periodOrder = {
  check: (p: { periodStart?: string | undefined; periodEnd?: string | undefined }) =>
    !p.periodStart || !p.periodEnd || p.periodStart <= p.periodEnd,
  message: { message: 'the period must not end before it starts', path: ['periodEnd'] },
};

export const improvementPlanCreateSchema = z
  .object(planFields)
  .refine(periodOrder.check, periodOrder.message);
export type ImprovementPlanCreate = z.input<typeof improvementPlanCreateSchema>;

export const improvementPlanUpdateSchema = z
  .object({ ...planFields, version: versionSchema })
  .partial()
  .refine(periodOrder.check, periodOrder.message)
  .refine((v) => Object.keys(v).some((k) => k !== 'version'), { message: 'nothing to update' });
export type ImprovementPlanUpdate = z.input<typeof improvementPlanUpdateSchema>;

const actionFields = {
  title,
  description: z.string().trim().max(5_000).default(''),
  ownerId: z.number().int().positive(),
  dueDate: localDateSchema,
  status: improvementActionStatusSchema.default('planned'),
  kpi: kpiKeySchema,
  /** the value the action aims for, in the KPI's unit (%, minutes, count); null: a direction only */
  target: z.number().finite().min(-1e9).max(1e9).nullable().default(null),
};

export const improvementActionCreateSchema = z.object(actionFields);
export type ImprovementActionCreate = z.input<typeof improvementActionCreateSchema>;

export const improvementActionUpdateSchema = z
  .object({
    title: actionFields.title,
    description: z.string().trim().max(5_000),
    ownerId: actionFields.ownerId,
    dueDate: localDateSchema,
    status: improvementActionStatusSchema,
    kpi: kpiKeySchema,
    target: z.number().finite().min(-1e9).max(1e9).nullable(),
    version: versionSchema,
  })
  .partial()
  .refine((v) => Object.keys(v).some((k) => k !== 'version'), { message: 'nothing to update' });
export type ImprovementActionUpdate = z.input<typeof improvementActionUpdateSchema>;

export const improvementActionSchema = z.object({
  id: z.number().int(),
  planId: z.number().int(),
  title: z.string(),
  description: z.string(),
  owner: refSchema,
  dueDate: localDateSchema,
  status: improvementActionStatusSchema,
  kpi: kpiKeySchema,
  target: z.number().nullable(),
  /** past its due date (Europe/Paris) and neither done nor cancelled */
  overdue: z.boolean(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type ImprovementAction = z.infer<typeof improvementActionSchema>;

export const improvementPlanSchema = z.object({
  id: z.number().int(),
  entity: refSchema,
  title: z.string(),
  periodStart: localDateSchema,
  periodEnd: localDateSchema,
  /** where the period stands today (Europe/Paris) */
  timing: z.enum(['current', 'upcoming', 'past']),
  createdBy: refSchema,
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
  actions: z.array(improvementActionSchema),
  /** the caller may change the plan and its actions (coordinator or admin over its entity) */
  canEdit: z.boolean(),
});
export type ImprovementPlan = z.infer<typeof improvementPlanSchema>;

export const improvementPlanListQuerySchema = z.object({
  /** plans of this entity and its sub-entities */
  entityId: idSchema.optional(),
  timing: z.enum(['current', 'upcoming', 'past']).optional(),
});
export type ImprovementPlanListQuery = z.input<typeof improvementPlanListQuerySchema>;
