import type {
  ImprovementAction,
  ImprovementPlan,
  improvementActionCreateSchema,
  improvementActionUpdateSchema,
  improvementPlanCreateSchema,
  improvementPlanListQuerySchema,
  improvementPlanUpdateSchema,
} from '@guichet/contracts';
import type { z } from 'zod';
import type { Db, DbOrTx } from '../../db/client.js';
import { audit } from '../../platform/audit/audit.js';
import type { Actor } from '../../platform/auth/actor.js';
import type { Clock } from '../../platform/clock.js';
import { AppError, forbidden, invalid, notFound } from '../../platform/errors.js';
import { byTiming, localToday, toAction, toPlan } from './improvement.mapper.js';
import { improvementPolicy, requireImprovementReader, requirePlanWriter } from './improvement.policy.js';
import * as repo from './improvement.repository.js';

type Out<T extends z.ZodType> = z.output<T>;

export interface ImprovementServiceDeps {
  db: Db;
  clock: Clock;
}

function checkVersion(what: string, current: number, sent: number | undefined) {
  if (sent !== undefined && sent !== current) {
    throw new AppError('stale_version', `The ${what} is at version ${current}, you sent ${sent}`, {
      currentVersion: current,
    });
  }
}

/**
 * Continual improvement: plans per period and entity, each with actions that have an owner, a due
 * date, a status and the KPI they aim to move. Due dates may not precede the plan's period start
 * but may fall after its end: an action carried past the period stays in its plan, flagged overdue.
 */
export function createImprovementService({ db, clock }: ImprovementServiceDeps) {
  const today = () => localToday(clock.now());

  async function visiblePlan(tx: DbOrTx, actor: Actor, id: number, lock = false) {
    requireImprovementReader(actor);
    const plan = await repo.getPlan(tx, actor.scope, id, lock);
    if (!plan) throw notFound('Improvement plan');
    return plan;
  }

  async function presentPlan(tx: DbOrTx, actor: Actor, id: number): Promise<ImprovementPlan> {
    const plan = await visiblePlan(tx, actor, id);
    const actions = await repo.listActions(tx, [plan.id]);
    return toPlan(plan, actions, today(), improvementPolicy.write(actor, plan.entityPath));
  }

  /** The entity a plan is (re)attached to: 400 when the actor cannot see it, 403 when they cannot write there. */
  async function writableEntity(tx: DbOrTx, actor: Actor, entityId: number) {
    const entity = improvementPolicy.see(actor, entityId) ? await repo.entityById(tx, entityId) : undefined;
    if (!entity) throw invalid('entityId', 'unknown entity');
    if (!improvementPolicy.write(actor, entity.path)) {
      throw forbidden('You need the coordinator or admin role over this entity to plan for it');
    }
    return entity;
  }

  async function checkOwner(tx: DbOrTx, ownerId: number, entityId: number) {
    if (!(await repo.isStaffCovering(tx, ownerId, entityId))) {
      throw invalid('ownerId', 'the owner must be an active support person working for the plan’s entity');
    }
  }

  const auditEntry = (
    actor: Actor,
    action: string,
    targetType: string,
    targetId: number,
    entityId: number,
    details = {},
  ) => ({
    actorId: actor.personId,
    action,
    targetType,
    targetId,
    entityId,
    details,
  });

  return {
    async listPlans(
      actor: Actor,
      query: Out<typeof improvementPlanListQuerySchema>,
    ): Promise<ImprovementPlan[]> {
      requireImprovementReader(actor);
      let subtree: string | null = null;
      if (query.entityId !== undefined) {
        const entity = improvementPolicy.see(actor, query.entityId)
          ? await repo.entityById(db, query.entityId)
          : undefined;
        if (!entity) throw notFound('Entity');
        subtree = entity.path;
      }
      const plans = await repo.listPlans(db, actor.scope, subtree);
      const actions = await repo.listActions(
        db,
        plans.map((p) => p.id),
      );
      const byPlan = new Map<number, repo.ActionRow[]>();
      for (const a of actions) byPlan.set(a.planId, [...(byPlan.get(a.planId) ?? []), a]);
      const now = today();
      return plans
        .map((p) => toPlan(p, byPlan.get(p.id) ?? [], now, improvementPolicy.write(actor, p.entityPath)))
        .filter((p) => query.timing === undefined || p.timing === query.timing)
        .sort(byTiming);
    },

    getPlan: (actor: Actor, id: number) => presentPlan(db, actor, id),

    async createPlan(actor: Actor, input: Out<typeof improvementPlanCreateSchema>): Promise<ImprovementPlan> {
      requireImprovementReader(actor);
      return db.transaction(async (tx) => {
        await writableEntity(tx, actor, input.entityId);
        const id = await repo.insertPlan(tx, { ...input, createdBy: actor.personId });
        await audit(
          tx,
          auditEntry(actor, 'improvement_plan.created', 'improvement_plan', id, input.entityId, {
            title: input.title,
          }),
        );
        return presentPlan(tx, actor, id);
      });
    },

    async updatePlan(
      actor: Actor,
      id: number,
      input: Out<typeof improvementPlanUpdateSchema>,
    ): Promise<ImprovementPlan> {
      return db.transaction(async (tx) => {
        const before = await visiblePlan(tx, actor, id, true);
        requirePlanWriter(actor, before);
        const { version, ...values } = input;
        checkVersion('plan', before.version, version);
        const periodStart = values.periodStart ?? before.periodStart;
        const periodEnd = values.periodEnd ?? before.periodEnd;
        if (periodEnd < periodStart) throw invalid('periodEnd', 'the period must not end before it starts');
        if (values.periodStart !== undefined) {
          const earliest = await repo.earliestDueDate(tx, id);
          if (earliest !== null && earliest < periodStart) {
            throw invalid('periodStart', `an action is due on ${earliest}, before this start`);
          }
        }
        if (values.entityId !== undefined && values.entityId !== before.entityId) {
          await writableEntity(tx, actor, values.entityId);
          for (const ownerId of await repo.ownerIdsOf(tx, id)) {
            if (!(await repo.isStaffCovering(tx, ownerId, values.entityId))) {
              throw invalid(
                'entityId',
                'some action owners do not work for this entity: reassign them first',
              );
            }
          }
        }
        await repo.updatePlan(tx, id, values, clock.now());
        await audit(
          tx,
          auditEntry(actor, 'improvement_plan.updated', 'improvement_plan', id, before.entityId, values),
        );
        return presentPlan(tx, actor, id);
      });
    },

    async deletePlan(actor: Actor, id: number): Promise<void> {
      await db.transaction(async (tx) => {
        const plan = await visiblePlan(tx, actor, id, true);
        requirePlanWriter(actor, plan);
        await repo.deletePlan(tx, id);
        await audit(
          tx,
          auditEntry(actor, 'improvement_plan.deleted', 'improvement_plan', id, plan.entityId, {
            title: plan.title,
          }),
        );
      });
    },

    async createAction(
      actor: Actor,
      planId: number,
      input: Out<typeof improvementActionCreateSchema>,
    ): Promise<ImprovementAction> {
      return db.transaction(async (tx) => {
        const plan = await visiblePlan(tx, actor, planId, true);
        requirePlanWriter(actor, plan);
        if (input.dueDate < plan.periodStart) {
          throw invalid('dueDate', `the due date must not precede the plan’s start (${plan.periodStart})`);
        }
        await checkOwner(tx, input.ownerId, plan.entityId);
        const id = await repo.insertAction(tx, { ...input, planId });
        const row = await repo.getAction(tx, actor.scope, id);
        if (!row) throw new Error(`action ${id} vanished inside its transaction`);
        return toAction(row, today());
      });
    },

    async updateAction(
      actor: Actor,
      id: number,
      input: Out<typeof improvementActionUpdateSchema>,
    ): Promise<ImprovementAction> {
      requireImprovementReader(actor);
      return db.transaction(async (tx) => {
        const before = await repo.getAction(tx, actor.scope, id, true);
        if (!before) throw notFound('Improvement action');
        requirePlanWriter(actor, { entityPath: before.planEntityPath });
        const { version, ...values } = input;
        checkVersion('action', before.version, version);
        if (values.dueDate !== undefined && values.dueDate < before.planPeriodStart) {
          throw invalid(
            'dueDate',
            `the due date must not precede the plan’s start (${before.planPeriodStart})`,
          );
        }
        if (values.ownerId !== undefined && values.ownerId !== before.ownerId) {
          await checkOwner(tx, values.ownerId, before.planEntityId);
        }
        await repo.updateAction(tx, id, values, clock.now());
        const row = await repo.getAction(tx, actor.scope, id);
        if (!row) throw new Error(`action ${id} vanished inside its transaction`);
        return toAction(row, today());
      });
    },

    async deleteAction(actor: Actor, id: number): Promise<void> {
      requireImprovementReader(actor);
      await db.transaction(async (tx) => {
        const action = await repo.getAction(tx, actor.scope, id, true);
        if (!action) throw notFound('Improvement action');
        requirePlanWriter(actor, { entityPath: action.planEntityPath });
        await repo.deleteAction(tx, id);
        await audit(
          tx,
          auditEntry(actor, 'improvement_action.deleted', 'improvement_action', id, action.planEntityId, {
            title: action.title,
          }),
        );
      });
    },
  };
}
export type ImprovementService = ReturnType<typeof createImprovementService>;
