import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '../../db/client.js';
import {
  categories,
  entities,
  groupMembers,
  groups,
  people,
  roleAssignments,
  sites,
} from './directory.table.js';

/** Small reads other modules need to validate references; they go through index.ts. */
export async function findPerson(db: DbOrTx, id: number) {
  const [row] = await db
    .select({ id: people.id, entityId: people.entityId, siteId: people.siteId, active: people.active })
    .from(people)
    .where(eq(people.id, id));
  return row;
}

/** The same lookup prepared once, for hot paths outside a transaction (ticket creation). */
export function preparePersonLookup(db: Db) {
  return db
    .select({
      id: people.id,
      entityId: people.entityId,
      siteId: people.siteId,
      active: people.active,
      name: people.name,
      email: people.email,
      phone: people.phone,
      entityName: entities.name,
      siteName: sites.name,
    })
    .from(people)
    .innerJoin(entities, eq(entities.id, people.entityId))
    .leftJoin(sites, eq(sites.id, people.siteId))
    .where(eq(people.id, sql.placeholder('id')))
    .prepare('person_by_id');
}

export async function isStaffPerson(db: DbOrTx, personId: number): Promise<boolean> {
  const [row] = await db
    .select({ id: roleAssignments.id })
    .from(roleAssignments)
    .where(
      and(
        eq(roleAssignments.personId, personId),
        inArray(roleAssignments.role, ['agent', 'coordinator', 'admin']),
      ),
    )
    .limit(1);
  return row !== undefined;
}

export async function findGroup(db: DbOrTx, id: number) {
  const [row] = await db
    .select({ id: groups.id, entityId: groups.entityId, path: entities.path })
    .from(groups)
    .innerJoin(entities, eq(entities.id, groups.entityId))
    .where(eq(groups.id, id));
  return row;
}

export async function isGroupMember(db: DbOrTx, groupId: number, personId: number): Promise<boolean> {
  const [row] = await db
    .select({ g: groupMembers.groupId })
    .from(groupMembers)
    .where(and(eq(groupMembers.groupId, groupId), eq(groupMembers.personId, personId)));
  return row !== undefined;
}

export async function findSite(db: DbOrTx, id: number) {
  const [row] = await db
    .select({ id: sites.id, entityId: sites.entityId })
    .from(sites)
    .where(eq(sites.id, id));
  return row;
}

export async function categoryExists(db: DbOrTx, id: number): Promise<boolean> {
  const [row] = await db.select({ id: categories.id }).from(categories).where(eq(categories.id, id));
  return row !== undefined;
}

/** True when `ancestorId` is `entityId` or one of its ancestors. */
export async function isAncestorOrSelf(db: DbOrTx, ancestorId: number, entityId: number): Promise<boolean> {
  const { rows } = await db.execute<{ ok: boolean }>(sql`
    select exists (
      select 1 from entities a, entities e
      where a.id = ${ancestorId} and e.id = ${entityId} and e.path like a.path || '%'
    ) as ok`);
  return rows[0]?.ok === true;
}
