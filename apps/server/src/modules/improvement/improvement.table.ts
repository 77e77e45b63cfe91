import type { KpiKey } from '@guichet/contracts';
import { sql } from 'drizzle-orm';
import { check, date, index, integer, numeric, pgTable, text } from 'drizzle-orm/pg-core';
import { at, createdAt, id, ref } from '../../db/columns.js';
import { entities, people } from '../directory/index.js';

/** A continual improvement plan: the actions an entity (and its sub-entities) commits to over a period. */
export const improvementPlans = pgTable(
  'improvement_plans',
  {
    id: id(),
    entityId: ref('entity_id')
      .notNull()
      .references(() => entities.id),
    title: text('title').notNull(),
    periodStart: date('period_start').notNull(),
    periodEnd: date('period_end').notNull(),
    createdBy: ref('created_by')
      .notNull()
      .references(() => people.id),
    createdAt: createdAt(),
    updatedAt: at('updated_at').notNull().defaultNow(),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    check('improvement_plans_period_check', sql`${t.periodEnd} >= ${t.periodStart}`),
    index('improvement_plans_entity_period_idx').on(t.entityId, t.periodStart),
  ],
);

export const improvementActions = pgTable(
  'improvement_actions',
  {
    id: id(),
    planId: ref('plan_id')
      .notNull()
      .references(() => improvementPlans.id, { onDelete: 'cascade' }),
    title: text('title').notNull(),
    description: text('description').notNull().default(''),
    ownerId: ref('owner_id')
      .notNull()
      .references(() => people.id),
    dueDate: date('due_date').notNull(),
    status: text('status', { enum: ['planned', 'in_progress', 'done', 'cancelled'] }).notNull(),
    /** a cockpit KpiKey (contracts' kpiKeySchema) */
    kpi: text('kpi').notNull().$type<KpiKey>(),
    target: numeric('target', { mode: 'number' }),
    createdAt: createdAt(),
    updatedAt: at('updated_at').notNull().defaultNow(),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    index('improvement_actions_plan_idx').on(t.planId, t.dueDate),
    index('improvement_actions_owner_idx').on(t.ownerId),
  ],
);
