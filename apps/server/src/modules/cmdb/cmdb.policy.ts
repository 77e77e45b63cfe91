import type { Actor } from '../../platform/auth/actor.js';
import { inScope } from '../../platform/auth/actor.js';
import { forbidden, notFound } from '../../platform/errors.js';

const WRITER_ROLES = new Set(['agent', 'admin']);
const WRITE_REFUSED = 'You need the agent or admin role over the entity that owns this item to change it';

/**
 * Who may read and change the CMDB.
 *
 * - Only staff read it; requesters get 403 on every route.
 * - Staff see an item when its entity is in their scope, or when one of their scope's entities uses it
 *   (`ci_usages`: a metropolis application used by Pessac is visible to Pessac's agents). Otherwise 404.
 * - Writes (create, update, relations, ticket links on the item's side) need an agent or admin role
 *   covering the item's own entity: the desk and local support keep the inventory of what they support.
 *   Coordinators read only; entities that merely use a shared item do not change it (403: visible, not
 *   allowed). Roles are checked against the entity's path, so a role without sub-entities covers only
 *   its own entity.
 */
export const cmdbPolicy = {
  read: (actor: Actor) => actor.isStaff,
  seeEntity: (actor: Actor, entityId: number) => actor.isStaff && inScope(actor.scope, entityId),
  /** `entityPath` is the item's entity materialised path, "/1/5/12/" */
  write: (actor: Actor, entityPath: string) =>
    actor.roles.some(
      (r) =>
        WRITER_ROLES.has(r.role) &&
        (entityPath.endsWith(`/${r.entityId}/`) ||
          (r.includeDescendants && entityPath.includes(`/${r.entityId}/`))),
    ),
};

export function requireCmdbReader(actor: Actor): void {
  if (!cmdbPolicy.read(actor)) throw forbidden('The CMDB is for support staff');
}

/** Creating in (or moving to) an entity: 404 when it is not visible at all, 403 when visible but not writable. */
export function requireWritableEntity(actor: Actor, entity: { id: number; path: string } | undefined): void {
  if (!entity || !cmdbPolicy.seeEntity(actor, entity.id)) throw notFound('Entity');
  if (!cmdbPolicy.write(actor, entity.path)) throw forbidden(WRITE_REFUSED);
}

/** Changing an item the actor can see (the repository already answered 404 otherwise). */
export function requireWritableItem(actor: Actor, item: { entityPath: string }): void {
  if (!cmdbPolicy.write(actor, item.entityPath)) throw forbidden(WRITE_REFUSED);
}
