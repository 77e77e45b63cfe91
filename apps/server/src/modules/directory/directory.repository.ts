import { randomUUID } from 'node:crypto';
import { and, asc, eq, inArray, or, type SQL, sql } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import type { DbOrTx } from '../../db/client.js';
import type { Scope } from '../../platform/auth/actor.js';
import { invalid } from '../../platform/errors.js';
import { scopeFilter } from '../../platform/scope.js';
import {
  categories,
  entities,
  groupMembers,
  groups,
  people,
  roleAssignments,
  sites,
} from './directory.table.js';

// ---------------------------------------------------------------------------------------------
// shared helpers

/** `column` (an entity id) is `entityId` or one of its sub-entities. */
export function inSubtree(column: PgColumn, entityId: number): SQL {
  return sql`${column} in (select d.id from ${entities} d, ${entities} a
    where a.id = ${entityId} and d.path like a.path || '%')`;
}

/** Escapes LIKE wildcards so what the user types is matched literally. */
export const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/** One bigint[] parameter instead of thousands ("= any(...)"); ids are validated integers. */
export const bigintArray = (ids: readonly number[]) => sql`${`{${ids.join(',')}}`}::bigint[]`;

export function encodeCursor(values: unknown[]): string {
  return Buffer.from(JSON.stringify(values)).toString('base64url');
}

/** Decodes a keyset cursor; `shape` lists the expected type of each position. */
export function decodeCursor<T extends unknown[]>(raw: string, shape: ('number' | 'string')[]): T {
  try {
    const values = JSON.parse(Buffer.from(raw, 'base64url').toString()) as unknown;
    if (
      Array.isArray(values) &&
      values.length === shape.length &&
      values.every((v, i) => typeof v === shape[i])
    ) {
      return values as T;
    }
  } catch {
    // fall through
  }
  throw invalid('cursor', 'invalid cursor');
}

/** The driver error behind drizzle's wrapper, when it is a unique violation on `constraint`. */
export function isUniqueViolation(err: unknown, constraint: string): boolean {
  for (let e: unknown = err; e && typeof e === 'object'; e = (e as { cause?: unknown }).cause) {
    const { code, constraint: c } = e as { code?: unknown; constraint?: unknown };
    if (code === '23505') return c === undefined || c === constraint;
  }
  return false;
}

// ---------------------------------------------------------------------------------------------
// entities

const entityColumns = {
  id: entities.id,
  parentId: entities.parentId,
  name: entities.name,
  kind: entities.kind,
  path: entities.path,
  depth: entities.depth,
};
export type EntityRow = { id: number; parentId: number | null; name: string; kind: string; path: string };

export async function listEntities(db: DbOrTx, scope: Scope) {
  return db
    .select(entityColumns)
    .from(entities)
    .where(scopeFilter(scope, entities.id))
    .orderBy(asc(entities.path));
}

export async function findEntity(db: DbOrTx, id: number) {
  const [row] = await db.select(entityColumns).from(entities).where(eq(entities.id, id));
  return row;
}

/** Inserts under `parent` and sets the materialised path from the new id (caller's transaction). */
export async function insertEntity(
  tx: DbOrTx,
  parent: { id: number; path: string; depth: number },
  input: { name: string; kind: 'commune' | 'service' },
) {
  const [row] = await tx
    .insert(entities)
    .values({
      parentId: parent.id,
      name: input.name,
      kind: input.kind,
      // unique placeholder until the id is known, in the same transaction
      path: `pending-${randomUUID()}`,
      depth: parent.depth + 1,
    })
    .returning({ id: entities.id });
  if (!row) throw new Error('entity insert returned nothing');
  const [done] = await tx
    .update(entities)
    .set({ path: `${parent.path}${row.id}/` })
    .where(eq(entities.id, row.id))
    .returning(entityColumns);
  if (!done) throw new Error('entity path update returned nothing');
  return done;
}

export async function renameEntity(tx: DbOrTx, id: number, name: string) {
  const [row] = await tx.update(entities).set({ name }).where(eq(entities.id, id)).returning(entityColumns);
  return row;
}

// ---------------------------------------------------------------------------------------------
// sites

const siteColumns = {
  id: sites.id,
  name: sites.name,
  kind: sites.kind,
  address: sites.address,
  entityId: sites.entityId,
  entityName: entities.name,
};
export type SiteRow = {
  id: number;
  name: string;
  kind: (typeof sites.kind.enumValues)[number];
  address: string;
  entityId: number;
  entityName: string;
};

/**
 * Keyset page by (name, id) of the sites in `scope` or under `ownEntity` (the actor's own entity,
 * which the portal form needs). `q` is an ILIKE '%q%' that sites_name_trgm_idx serves.
 */
export async function listSites(
  db: DbOrTx,
  scope: Scope,
  p: { entity?: number; ownEntity: number; q?: string; limit: number; cursor?: string },
) {
  const where: (SQL | undefined)[] = [
    scope.all ? undefined : or(scopeFilter(scope, sites.entityId), inSubtree(sites.entityId, p.ownEntity)),
  ];
  if (p.entity) where.push(inSubtree(sites.entityId, p.entity));
  if (p.q) where.push(sql`${sites.name} ilike ${`%${escapeLike(p.q)}%`}`);
  if (p.cursor) {
    const [name, id] = decodeCursor<[string, number]>(p.cursor, ['string', 'number']);
    where.push(sql`(${sites.name}, ${sites.id}) > (${name}, ${id})`);
  }
  const rows = await db
    .select(siteColumns)
    .from(sites)
    .innerJoin(entities, eq(entities.id, sites.entityId))
    .where(and(...where))
    .orderBy(asc(sites.name), asc(sites.id))
    .limit(p.limit + 1);
  const more = rows.length > p.limit;
  const items = more ? rows.slice(0, p.limit) : rows;
  const last = items.at(-1);
  return { items, nextCursor: more && last ? encodeCursor([last.name, last.id]) : null };
}

export async function findSite(db: DbOrTx, id: number) {
  const [row] = await db
    .select({ ...siteColumns, entityPath: entities.path })
    .from(sites)
    .innerJoin(entities, eq(entities.id, sites.entityId))
    .where(eq(sites.id, id));
  return row;
}

export async function insertSite(tx: DbOrTx, input: typeof sites.$inferInsert) {
  const [row] = await tx.insert(sites).values(input).returning({ id: sites.id });
  if (!row) throw new Error('site insert returned nothing');
  return row.id;
}

export async function updateSite(tx: DbOrTx, id: number, patch: Partial<typeof sites.$inferInsert>) {
  if (Object.keys(patch).length > 0) await tx.update(sites).set(patch).where(eq(sites.id, id));
}

// ---------------------------------------------------------------------------------------------
// groups

/**
 * Groups an actor may see: those of entities in scope, and those of their ancestors (the
 * metropolis experts serve the communes). `path` of an ancestor is a prefix of a scoped entity's.
 */
function groupVisibility(scope: Scope): SQL | undefined {
  if (scope.all) return undefined;
  if (scope.entityIds.length === 0) return sql`false`;
  return sql`exists (select 1 from ${entities} se
    where se.id = any(${bigintArray(scope.entityIds)}) and se.path like entities.path || '%')`;
}

const groupColumns = {
  id: groups.id,
  name: groups.name,
  kind: groups.kind,
  entityId: groups.entityId,
  entityName: entities.name,
};

export async function listGroups(db: DbOrTx, scope: Scope) {
  const rows = await db
    .select(groupColumns)
    .from(groups)
    .innerJoin(entities, eq(entities.id, groups.entityId))
    .where(groupVisibility(scope))
    .orderBy(asc(entities.depth), asc(groups.name), asc(groups.id));
  return withMembers(db, rows);
}

/** The group with `visible` telling whether the scope sees it (missing: undefined). */
export async function findGroup(db: DbOrTx, scope: Scope, id: number) {
  const [row] = await db
    .select({ ...groupColumns, visible: sql<boolean>`${groupVisibility(scope) ?? sql`true`}` })
    .from(groups)
    .innerJoin(entities, eq(entities.id, groups.entityId))
    .where(eq(groups.id, id));
  return row;
}

export async function loadGroup(db: DbOrTx, id: number) {
  const rows = await db
    .select(groupColumns)
    .from(groups)
    .innerJoin(entities, eq(entities.id, groups.entityId))
    .where(eq(groups.id, id));
  const [group] = await withMembers(db, rows);
  return group;
}

async function withMembers<T extends { id: number }>(db: DbOrTx, rows: T[]) {
  if (rows.length === 0) return [];
  const members = await db
    .select({ groupId: groupMembers.groupId, id: people.id, name: people.name })
    .from(groupMembers)
    .innerJoin(people, eq(people.id, groupMembers.personId))
    .where(
      inArray(
        groupMembers.groupId,
        rows.map((r) => r.id),
      ),
    )
    .orderBy(asc(people.name), asc(people.id));
  const byGroup = new Map<number, { id: number; name: string }[]>();
  for (const m of members) {
    const list = byGroup.get(m.groupId) ?? [];
    list.push({ id: m.id, name: m.name });
    byGroup.set(m.groupId, list);
  }
  return rows.map((r) => ({ ...r, members: byGroup.get(r.id) ?? [] }));
}

export async function memberIds(db: DbOrTx, groupId: number): Promise<number[]> {
  const rows = await db
    .select({ id: groupMembers.personId })
    .from(groupMembers)
    .where(eq(groupMembers.groupId, groupId));
  return rows.map((r) => r.id);
}

/** For each id that exists: its entity and whether it holds a staff role anywhere. */
export async function staffFacts(db: DbOrTx, ids: readonly number[]) {
  if (ids.length === 0) return [];
  return db
    .select({
      id: people.id,
      entityId: people.entityId,
      active: people.active,
      // spelled out: drizzle leaves columns unqualified in single-table selects
      staff: sql<boolean>`exists (select 1 from ${roleAssignments} r
        where r.person_id = people.id and r.role in ('agent', 'coordinator', 'admin'))`,
    })
    .from(people)
    .where(inArray(people.id, [...ids]));
}

export async function insertGroup(tx: DbOrTx, input: typeof groups.$inferInsert) {
  const [row] = await tx.insert(groups).values(input).returning({ id: groups.id });
  if (!row) throw new Error('group insert returned nothing');
  return row.id;
}

export async function updateGroup(tx: DbOrTx, id: number, patch: Partial<typeof groups.$inferInsert>) {
  if (Object.keys(patch).length > 0) await tx.update(groups).set(patch).where(eq(groups.id, id));
}

export async function replaceMembers(tx: DbOrTx, groupId: number, ids: readonly number[]) {
  await tx.delete(groupMembers).where(eq(groupMembers.groupId, groupId));
  if (ids.length > 0) {
    await tx.insert(groupMembers).values(ids.map((personId) => ({ groupId, personId })));
  }
}

// ---------------------------------------------------------------------------------------------
// role assignments

const roleColumns = {
  id: roleAssignments.id,
  personId: roleAssignments.personId,
  personName: people.name,
  role: roleAssignments.role,
  entityId: roleAssignments.entityId,
  entityName: entities.name,
  includeDescendants: roleAssignments.includeDescendants,
};

export async function listRoles(db: DbOrTx, adminScope: Scope, personId?: number) {
  return db
    .select(roleColumns)
    .from(roleAssignments)
    .innerJoin(people, eq(people.id, roleAssignments.personId))
    .innerJoin(entities, eq(entities.id, roleAssignments.entityId))
    .where(
      and(
        scopeFilter(adminScope, roleAssignments.entityId),
        personId ? eq(roleAssignments.personId, personId) : undefined,
      ),
    )
    .orderBy(asc(people.name), asc(entities.path), asc(roleAssignments.role), asc(roleAssignments.id));
}

export async function findRole(db: DbOrTx, id: number) {
  const [row] = await db
    .select(roleColumns)
    .from(roleAssignments)
    .innerJoin(people, eq(people.id, roleAssignments.personId))
    .innerJoin(entities, eq(entities.id, roleAssignments.entityId))
    .where(eq(roleAssignments.id, id));
  return row;
}

/** Inserts the grant; undefined when the same (person, role, entity) already exists. */
export async function insertRole(tx: DbOrTx, input: typeof roleAssignments.$inferInsert) {
  const [row] = await tx
    .insert(roleAssignments)
    .values(input)
    .onConflictDoNothing({
      target: [roleAssignments.personId, roleAssignments.role, roleAssignments.entityId],
    })
    .returning({ id: roleAssignments.id });
  return row?.id;
}

export async function deleteRole(tx: DbOrTx, id: number) {
  await tx.delete(roleAssignments).where(eq(roleAssignments.id, id));
}

// ---------------------------------------------------------------------------------------------
// categories

const categoryColumns = {
  id: categories.id,
  parentId: categories.parentId,
  name: categories.name,
  nameEn: categories.nameEn,
};

export async function listCategories(db: DbOrTx) {
  return db.select(categoryColumns).from(categories).orderBy(asc(categories.name), asc(categories.id));
}

export async function findCategory(db: DbOrTx, id: number) {
  const [row] = await db.select(categoryColumns).from(categories).where(eq(categories.id, id));
  return row;
}

export async function insertCategory(tx: DbOrTx, input: typeof categories.$inferInsert) {
  const [row] = await tx.insert(categories).values(input).returning(categoryColumns);
  if (!row) throw new Error('category insert returned nothing');
  return row;
}

export async function updateCategory(tx: DbOrTx, id: number, patch: Partial<typeof categories.$inferInsert>) {
  if (Object.keys(patch).length > 0) await tx.update(categories).set(patch).where(eq(categories.id, id));
  return findCategory(tx, id);
}

/** True when `candidateId` is `id` or one of its sub-categories (a parent there would make a cycle). */
export async function isCategoryInSubtree(db: DbOrTx, id: number, candidateId: number): Promise<boolean> {
  const { rows } = await db.execute<{ hit: boolean }>(sql`
    with recursive sub(id) as (
      select ${id}::bigint
      union
      select c.id from ${categories} c join sub on c.parent_id = sub.id
    )
    select exists (select 1 from sub where id = ${candidateId}::bigint) as hit`);
  return rows[0]?.hit === true;
}
