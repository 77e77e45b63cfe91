import type { Actor } from '../../platform/auth/actor.js';
import { inScope } from '../../platform/auth/actor.js';
import { forbidden, notFound } from '../../platform/errors.js';

/**
 * Who may read and change the directory.
 *
 * - Staff (agent, coordinator, admin roles) read entities, sites, people, groups and settings of
 *   their staff scope. Requesters are refused (403) on those lists, with two exceptions the
 *   self-service portal needs: anyone signed in reads the categories, and the sites of their own
 *   entity and its sub-entities (the "where are you?" field of the portal form).
 * - Writes need the admin role over the entity concerned: 404 when the entity is not visible at all
 *   (exactly like a missing record), 403 when it is visible but not administered.
 * - Instance-wide data (categories, settings) is changed only by admins of the root (`adminScope.all`).
 */
export const directoryPolicy = {
  readDirectory: (actor: Actor) => actor.isStaff,
  see: (actor: Actor, entityId: number) => actor.isStaff && inScope(actor.scope, entityId),
  manage: (actor: Actor, entityId: number) => inScope(actor.adminScope, entityId),
  manageRoles: (actor: Actor) => actor.isAdmin,
  manageInstance: (actor: Actor) => actor.adminScope.all,
};

/** Staff-only endpoints: a requester gets 403 whatever the record. */
export function requireStaff(actor: Actor, message = 'The directory is for support staff'): void {
  if (!directoryPolicy.readDirectory(actor)) throw forbidden(message);
}

/** 404 when the actor cannot see the entity, 403 when they see it but do not administer it. */
export function requireManage(actor: Actor, entityId: number, what: string): void {
  if (!directoryPolicy.see(actor, entityId) && !directoryPolicy.manage(actor, entityId)) throw notFound(what);
  if (!directoryPolicy.manage(actor, entityId)) {
    throw forbidden(`You need the admin role over this entity to change this ${what.toLowerCase()}`);
  }
}

export function requireInstanceAdmin(actor: Actor): void {
  if (!directoryPolicy.manageInstance(actor)) {
    throw forbidden('Only administrators of the whole organisation can change this');
  }
}
