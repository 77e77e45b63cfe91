import { and, asc, eq, inArray, min, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { DbOrTx } from '../../db/client.js';
import type { Scope } from '../../platform/auth/actor.js';
import { scopeFilter } from '../../platform/scope.js';
import { entities, people } from '../directory/index.js';
import { improvementActions, improvementPlans } from './improvement.table.js';

const creator = alias(people, 'plan_creator');
const owner = alias(people, 'action_owner');

const planColumns = {
  id: improvementPlans.id,
  entityId: improvementPlans.entityId,
  entityName: entities.name,
  entityPath: entities.path,
  title: improvementPlans.title,
  periodStart: improvementPlans.periodStart,
  periodEnd: improvementPlans.periodEnd,
  createdBy: improvementPlans.createdBy,
  createdByName: creator.name,
  version: improvementPlans.version,
  createdAt: improvementPlans.createdAt,
  updatedAt: improvementPlans.updatedAt,
};

const actionColumns = {
  id: improvementActions.id,
  planId: improvementActions.planId,
  title: improvementActions.title,
  description: improvementActions.description,
  ownerId: improvementActions.ownerId,
  ownerName: owner.name,
  dueDate: improvementActions.dueDate,
  status: improvementActions.status,
  kpi: improvementActions.kpi,
  target: improvementActions.target,
  version: improvementActions.version,
  createdAt: improvementActions.createdAt,
  updatedAt: improvementActions.updatedAt,
};

export interface PlanRow {
  id: number;
  entityId: number;
  entityName: string;
  entityPath: string;
  title: string;
  periodStart: string;
  periodEnd: string;
  createdBy: number;
  createdByName: string;
  version: number;
  createdAt: Date;
  updatedAt: Date;
}
export type ActionRow = Awaited<ReturnType<typeof listActions>>[number];
export type PlanValues = Pick<
  typeof improvementPlans.$inferInsert,
  'entityId' | 'title' | 'periodStart' | 'periodEnd'
>;
export type ActionValues = Pick<
  typeof improvementActions.$inferInsert,
  'title' | 'description' | 'ownerId' | 'dueDate' | 'status' | 'kpi' | 'target'
>;

const selectPlans = (db: DbOrTx) =>
  db
    .select(planColumns)
    .from(improvementPlans)
    .innerJoin(entities, eq(entities.id, improvementPlans.entityId))
    .innerJoin(creator, eq(creator.id, improvementPlans.createdBy));

/** Plans and their actions; every read is ANDed with the actor's staff scope on the plan's entity. */
export async function listPlans(db: DbOrTx, scope: Scope, subtreePath: string | null): Promise<PlanRow[]> {
  return selectPlans(db)
    .where(
      and(
        scopeFilter(scope, improvementPlans.entityId),
        subtreePath === null ? undefined : sql`${entities.path} like ${`${subtreePath}%`}`,
      ),
    )
    .orderBy(asc(improvementPlans.periodStart), asc(improvementPlans.id))
    .limit(500);
}

export async function getPlan(
  db: DbOrTx,
  scope: Scope,
  id: number,
  lock = false,
): Promise<PlanRow | undefined> {
  const query = selectPlans(db).where(
    and(eq(improvementPlans.id, id), scopeFilter(scope, improvementPlans.entityId)),
  );
  const [row] = lock ? await query.for('update', { of: improvementPlans }) : await query;
  return row;
}

export function listActions(db: DbOrTx, planIds: number[]) {
  return db
    .select(actionColumns)
    .from(improvementActions)
    .innerJoin(owner, eq(owner.id, improvementActions.ownerId))
    .where(planIds.length === 0 ? sql`false` : inArray(improvementActions.planId, planIds))
    .orderBy(asc(improvementActions.dueDate), asc(improvementActions.id));
}

/** An action with the facts of its plan, when the plan is in scope. */
export async function getAction(db: DbOrTx, scope: Scope, id: number, lock = false) {
  const query = db
    .select({
      ...actionColumns,
      planEntityId: improvementPlans.entityId,
      planEntityPath: entities.path,
      planPeriodStart: improvementPlans.periodStart,
    })
    .from(improvementActions)
    .innerJoin(owner, eq(owner.id, improvementActions.ownerId))
    .innerJoin(improvementPlans, eq(improvementPlans.id, improvementActions.planId))
    .innerJoin(entities, eq(entities.id, improvementPlans.entityId))
    .where(and(eq(improvementActions.id, id), scopeFilter(scope, improvementPlans.entityId)));
  const [row] = lock ? await query.for('update', { of: improvementActions }) : await query;
  return row;
}

export async function insertPlan(db: DbOrTx, values: PlanValues & { createdBy: number }): Promise<number> {
  const [row] = await db.insert(improvementPlans).values(values).returning({ id: improvementPlans.id });
  if (!row) throw new Error('plan insert returned nothing');
  return row.id;
}

export async function updatePlan(
  db: DbOrTx,
  id: number,
  values: Partial<PlanValues>,
  now: Date,
): Promise<void> {
  await db
    .update(improvementPlans)
    .set({ ...values, updatedAt: now, version: sql`${improvementPlans.version} + 1` })
    .where(eq(improvementPlans.id, id));
}

export async function deletePlan(db: DbOrTx, id: number): Promise<void> {
  await db.delete(improvementPlans).where(eq(improvementPlans.id, id));
}

export async function insertAction(db: DbOrTx, values: ActionValues & { planId: number }): Promise<number> {
  const [row] = await db.insert(improvementActions).values(values).returning({ id: improvementActions.id });
  if (!row) throw new Error('action insert returned nothing');
  return row.id;
}

export async function updateAction(
  db: DbOrTx,
  id: number,
  values: Partial<ActionValues>,
  now: Date,
): Promise<void> {
  await db
    .update(improvementActions)
    .set({ ...values, updatedAt: now, version: sql`${improvementActions.version} + 1` })
    .where(eq(improvementActions.id, id));
}

export async function deleteAction(db: DbOrTx, id: number): Promise<void> {
  await db.delete(improvementActions).where(eq(improvementActions.id, id));
}

/** The earliest due date among a plan's actions, to keep them inside a moved period. */
export async function earliestDueDate(db: DbOrTx, planId: number): Promise<string | null> {
  const [row] = await db
    .select({ due: min(improvementActions.dueDate) })
    .from(improvementActions)
    .where(eq(improvementActions.planId, planId));
  return row?.due ?? null;
}

export async function ownerIdsOf(db: DbOrTx, planId: number): Promise<number[]> {
  const rows = await db
    .selectDistinct({ id: improvementActions.ownerId })
    .from(improvementActions)
    .where(eq(improvementActions.planId, planId));
  return rows.map((r) => r.id);
}

export async function entityById(db: DbOrTx, id: number) {
  const [row] = await db
    .select({ id: entities.id, path: entities.path })
    .from(entities)
    .where(eq(entities.id, id));
  return row;
}

/**
 * True when the person is active and holds a staff role (agent, coordinator, admin) covering the
 * entity: on the entity itself, or on an ancestor with its sub-entities.
 */
export async function isStaffCovering(db: DbOrTx, personId: number, entityId: number): Promise<boolean> {
  const { rows } = await db.execute<{ ok: boolean }>(sql`
    select exists (
      select 1
      from people p
      join role_assignments ra on ra.person_id = p.id
      join entities re on re.id = ra.entity_id
      join entities pe on pe.id = ${entityId}
      where p.id = ${personId} and p.active
        and ra.role in ('agent', 'coordinator', 'admin')
        and (ra.entity_id = pe.id or (ra.include_descendants and pe.path like re.path || '%'))
    ) as ok`);
  return rows[0]?.ok === true;
}
