import type { Actor } from '../../platform/auth/actor.js';
import { inScope } from '../../platform/auth/actor.js';
import { forbidden, notFound } from '../../platform/errors.js';

const WRITER_ROLES = new Set(['coordinator', 'admin']);

/**
 * Who may read and change improvement plans.
 *
 * - Staff read them (agents follow the actions they own); requesters get 403 on every route.
 * - A plan is visible when its entity is in the actor's staff scope; otherwise 404, like a missing one.
 * - Plans and their actions are written by coordinators and admins whose role covers the plan's
 *   entity (the role's own entity, or an ancestor when the role includes sub-entities); an agent
 *   who sees the plan gets 403.
 */
export const improvementPolicy = {
  read: (actor: Actor) => actor.isStaff,
  see: (actor: Actor, entityId: number) => actor.isStaff && inScope(actor.scope, entityId),
  /** `entityPath` is the plan entity's materialised path, "/1/5/12/" */
  write: (actor: Actor, entityPath: string) =>
    actor.roles.some(
      (r) =>
        WRITER_ROLES.has(r.role) &&
        (entityPath.endsWith(`/${r.entityId}/`) ||
          (r.includeDescendants && entityPath.includes(`/${r.entityId}/`))),
    ),
};

export function requireImprovementReader(actor: Actor): void {
  if (!improvementPolicy.read(actor)) throw forbidden('Improvement plans are for support staff');
}

export function requirePlanWriter(actor: Actor, plan: { entityPath: string }): void {
  if (!improvementPolicy.write(actor, plan.entityPath)) {
    throw forbidden('You need the coordinator or admin role over the plan’s entity to change it');
  }
}

/** A plan the actor sees (the repository already scoped the read). */
export function requireVisible<T>(row: T | undefined, what: string): T {
  if (!row) throw notFound(what);
  return row;
}
