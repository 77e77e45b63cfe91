import type { Actor } from '../../platform/auth/actor.js';
import { inScope } from '../../platform/auth/actor.js';
import { forbidden, notFound } from '../../platform/errors.js';

const OPERATOR_ROLES = new Set(['agent', 'admin']);

/** A role covers an entity when it is on it, or on an ancestor with its sub-entities. */
const covers = (actor: Actor, roles: Set<string>, entityPath: string) =>
  actor.roles.some(
    (r) =>
      roles.has(r.role) &&
      (entityPath.endsWith(`/${r.entityId}/`) ||
        (r.includeDescendants && entityPath.includes(`/${r.entityId}/`))),
  );

/**
 * Who may do what with workstation agents.
 *
 * - Enrolment tokens, agent revocation and policies: administrators of the entity (admin scope).
 * - Reading agents: staff whose scope includes the agent's entity (404 otherwise, like a missing one).
 * - Opening a terminal or running a diagnostic: an agent or admin role covering the workstation's
 *   entity (403 when visible but not allowed: coordinators and observers read only), the same rule
 *   as changing the workstation in the CMDB.
 * - Consenting: only the person signed in on the workstation, in the portal (or the agent's own prompt).
 */
export const agentsPolicy = {
  administer: (actor: Actor, entityId: number) => actor.isAdmin && inScope(actor.adminScope, entityId),
  see: (actor: Actor, entityId: number) => actor.isStaff && inScope(actor.scope, entityId),
  operate: (actor: Actor, entityPath: string) => covers(actor, OPERATOR_ROLES, entityPath),
};

export function requireAdministrator(actor: Actor, entityId: number): void {
  if (!agentsPolicy.administer(actor, entityId)) {
    if (actor.isStaff && inScope(actor.scope, entityId)) throw forbidden('Only an administrator may do this');
    throw notFound('Entity');
  }
}

export function requireOperator(actor: Actor, agent: { entityId: number; entityPath: string }): void {
  if (!agentsPolicy.see(actor, agent.entityId)) throw notFound('Agent');
  if (!agentsPolicy.operate(actor, agent.entityPath)) {
    throw forbidden('You need the agent or admin role over the workstation’s entity to open a session');
  }
}
