import type { CurrentUser, Language, Role } from '@guichet/contracts';

/** Entities whose data an actor may see as staff; `all` skips the filter for the root's desk. */
export interface Scope {
  all: boolean;
  entityIds: readonly number[];
}

export interface RoleGrant {
  role: Role;
  entityId: number;
  entityName: string;
  includeDescendants: boolean;
  entityDepth: number;
}

export interface Actor {
  personId: number;
  name: string;
  email: string;
  language: Language;
  entityId: number;
  entityName: string;
  roles: RoleGrant[];
  /** staff scope: entities covered by the actor's agent, coordinator and admin roles */
  scope: Scope;
  /** entities the actor administers (admin role) */
  adminScope: Scope;
  /** entities whose cockpit figures the actor may see (coordinator, admin and observer roles) */
  cockpitScope: Scope;
  isStaff: boolean;
  isAdmin: boolean;
}

export const inScope = (scope: Scope, entityId: number) => scope.all || scope.entityIds.includes(entityId);

export function toCurrentUser(actor: Actor): CurrentUser {
  return {
    id: actor.personId,
    name: actor.name,
    email: actor.email,
    language: actor.language,
    entity: { id: actor.entityId, name: actor.entityName },
    roles: actor.roles.map((r) => ({
      role: r.role,
      entity: { id: r.entityId, name: r.entityName },
      includeDescendants: r.includeDescendants,
    })),
    isStaff: actor.isStaff,
    isAdmin: actor.isAdmin,
  };
}
