import type { Role } from '@guichet/contracts';
import { and, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import type { Actor, RoleGrant, Scope } from '../../platform/auth/actor.js';
import { entities, people, roleAssignments } from './directory.table.js';

const staffRoles: Role[] = ['agent', 'coordinator', 'admin'];
/** observers (a municipality's representative) see figures only: never staff, never the desk */
const cockpitRoles: Role[] = ['coordinator', 'admin', 'observer'];

function scopeFor(grants: RoleGrant[], roles: Role[], tree: Map<number, number[]>): Scope {
  const relevant = grants.filter((g) => roles.includes(g.role));
  if (relevant.some((g) => g.entityDepth === 0 && g.includeDescendants)) return { all: true, entityIds: [] };
  const ids = new Set<number>();
  for (const g of relevant) {
    ids.add(g.entityId);
    if (g.includeDescendants) for (const d of tree.get(g.entityId) ?? []) ids.add(d);
  }
  return { all: false, entityIds: [...ids] };
}

/** Loads a person with their roles and resolves their scopes (two queries). */
export async function loadActor(db: DbOrTx, personId: number): Promise<Actor | null> {
  const [person] = await db
    .select({
      id: people.id,
      name: people.name,
      email: people.email,
      language: people.language,
      entityId: people.entityId,
      entityName: entities.name,
      active: people.active,
    })
    .from(people)
    .innerJoin(entities, eq(entities.id, people.entityId))
    .where(eq(people.id, personId));
  if (!person?.active) return null;

  const rows = await db
    .select({
      role: roleAssignments.role,
      entityId: roleAssignments.entityId,
      entityName: entities.name,
      includeDescendants: roleAssignments.includeDescendants,
      entityDepth: entities.depth,
      descendants: sql<
        number[] | null
      >`case when ${roleAssignments.includeDescendants} and ${entities.depth} > 0
        then (select array_agg(d.id) from ${entities} d where d.path like ${entities.path} || '%' and d.id <> ${entities.id})
        end`,
    })
    .from(roleAssignments)
    .innerJoin(entities, eq(entities.id, roleAssignments.entityId))
    .where(and(eq(roleAssignments.personId, personId)));

  const tree = new Map<number, number[]>();
  const roles: RoleGrant[] = rows.map((r) => {
    tree.set(r.entityId, (r.descendants ?? []).map(Number));
    return {
      role: r.role,
      entityId: r.entityId,
      entityName: r.entityName,
      includeDescendants: r.includeDescendants,
      entityDepth: r.entityDepth,
    };
  });
  const scope = scopeFor(roles, staffRoles, tree);
  const adminScope = scopeFor(roles, ['admin'], tree);
  const cockpitScope = scopeFor(roles, cockpitRoles, tree);
  return {
    personId: person.id,
    name: person.name,
    email: person.email,
    language: person.language,
    entityId: person.entityId,
    entityName: person.entityName,
    roles,
    scope,
    adminScope,
    cockpitScope,
    isStaff: roles.some((r) => staffRoles.includes(r.role)),
    isAdmin: roles.some((r) => r.role === 'admin'),
  };
}
