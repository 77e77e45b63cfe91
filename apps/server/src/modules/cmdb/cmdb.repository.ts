import type { CiClass, CiRelationKind, CiStatus } from '@guichet/contracts';
import { and, asc, eq, inArray, type SQL, sql } from 'drizzle-orm';
import { alias, type PgColumn } from 'drizzle-orm/pg-core';
import type { DbOrTx } from '../../db/client.js';
import type { Actor } from '../../platform/auth/actor.js';
import { invalid } from '../../platform/errors.js';
import { entities, people, sites } from '../directory/index.js';
import { tickets, visibleTo as ticketVisibleTo } from '../tickets/index.js';
import { ciEvents, ciRelations, ciUsages, configItems, ticketItems } from './cmdb.table.js';

/** One bigint[] parameter instead of a list of thousands; ids are validated integers. */
export const bigintArray = (ids: readonly number[]) => sql`${`{${ids.join(',')}}`}::bigint[]`;
const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * The visibility of an item as SQL, given its id and entity columns: staff see the items of their
 * scope's entities and the items one of those entities uses. Requesters see nothing.
 */
export function itemVisibleSql(actor: Actor, idCol: SQL | PgColumn, entityCol: SQL | PgColumn): SQL {
  if (!actor.isStaff) return sql`false`;
  if (actor.scope.all) return sql`true`;
  if (actor.scope.entityIds.length === 0) return sql`false`;
  const ids = bigintArray(actor.scope.entityIds);
  return sql`(${entityCol} = any(${ids}) or exists (select 1 from ${ciUsages} u where u.ci_id = ${idCol} and u.entity_id = any(${ids})))`;
}
const visible = (actor: Actor) => itemVisibleSql(actor, configItems.id, configItems.entityId);

const owner = alias(people, 'owner');
const summaryColumns = {
  id: configItems.id,
  class: configItems.class,
  name: configItems.name,
  nameFolded: configItems.nameFolded,
  status: configItems.status,
  entityId: configItems.entityId,
  entityName: entities.name,
  siteId: configItems.siteId,
  siteName: sites.name,
  ownerId: configItems.ownerId,
  ownerName: owner.name,
  serialNumber: configItems.serialNumber,
  inventoryNumber: configItems.inventoryNumber,
  hostname: configItems.hostname,
  updatedAt: configItems.updatedAt,
};
export type CiSummaryRow = {
  id: number;
  class: CiClass;
  name: string;
  nameFolded: string | null;
  status: CiStatus;
  entityId: number;
  entityName: string;
  siteId: number | null;
  siteName: string | null;
  ownerId: number | null;
  ownerName: string | null;
  serialNumber: string | null;
  inventoryNumber: string | null;
  hostname: string | null;
  updatedAt: Date;
};

function selectSummaries(db: DbOrTx) {
  return db
    .select(summaryColumns)
    .from(configItems)
    .innerJoin(entities, eq(entities.id, configItems.entityId))
    .leftJoin(sites, eq(sites.id, configItems.siteId))
    .leftJoin(owner, eq(owner.id, configItems.ownerId));
}

export interface ListFilters {
  q?: string;
  class?: CiClass;
  status?: CiStatus;
  entity?: number;
  site?: number;
  owner?: number;
  limit: number;
  /** keyset position: (name_folded, id) of the last row of the previous page */
  after?: [string, number];
}

/**
 * The inventory list, ordered by (name_folded, id). `q` matches the folded name anywhere (trigram
 * index on name_folded) or the serial, inventory number or hostname exactly, ignoring case (expression
 * indexes on lower(...)). See cmdb.search.test.ts for the plans.
 */
export function listItemsQuery(db: DbOrTx, actor: Actor, f: ListFilters) {
  const conditions: (SQL | undefined)[] = [visible(actor)];
  if (f.q) {
    const lowered = f.q.toLowerCase();
    conditions.push(sql`(${configItems.nameFolded} like guichet_fold(${`%${escapeLike(f.q)}%`})
      or lower(${configItems.serialNumber}) = ${lowered}
      or lower(${configItems.inventoryNumber}) = ${lowered}
      or lower(${configItems.hostname}) = ${lowered})`);
  }
  if (f.class) conditions.push(eq(configItems.class, f.class));
  if (f.status) conditions.push(eq(configItems.status, f.status));
  if (f.entity) {
    conditions.push(sql`${configItems.entityId} in (select d.id from ${entities} d, ${entities} a
      where a.id = ${f.entity} and d.path like a.path || '%')`);
  }
  if (f.site) conditions.push(eq(configItems.siteId, f.site));
  if (f.owner) conditions.push(eq(configItems.ownerId, f.owner));
  if (f.after) {
    conditions.push(sql`(${configItems.nameFolded}, ${configItems.id}) > (${f.after[0]}, ${f.after[1]})`);
  }
  return selectSummaries(db)
    .where(and(...conditions))
    .orderBy(asc(configItems.nameFolded), asc(configItems.id))
    .limit(f.limit);
}
export const listItems = (db: DbOrTx, actor: Actor, f: ListFilters): Promise<CiSummaryRow[]> =>
  listItemsQuery(db, actor, f);

/** Items owned by a person (the caller's equipment), visible to the actor. */
export async function itemsOwnedBy(db: DbOrTx, actor: Actor, personId: number): Promise<CiSummaryRow[]> {
  return selectSummaries(db)
    .where(and(eq(configItems.ownerId, personId), visible(actor)))
    .orderBy(asc(configItems.nameFolded), asc(configItems.id))
    .limit(200);
}

/** An item with what the detail needs (the entity's path for the write rule); undefined if not visible. */
export async function findItem(db: DbOrTx, actor: Actor, id: number, forUpdate = false) {
  const query = db
    .select({
      ...summaryColumns,
      entityPath: entities.path,
      attributes: configItems.attributes,
      createdAt: configItems.createdAt,
      version: configItems.version,
    })
    .from(configItems)
    .innerJoin(entities, eq(entities.id, configItems.entityId))
    .leftJoin(sites, eq(sites.id, configItems.siteId))
    .leftJoin(owner, eq(owner.id, configItems.ownerId))
    .where(and(eq(configItems.id, id), visible(actor)));
  const [row] = forUpdate ? await query.for('update', { of: configItems }) : await query;
  return row;
}
export type CiRow = NonNullable<Awaited<ReturnType<typeof findItem>>>;

export async function usedBy(db: DbOrTx, ciId: number) {
  return db
    .select({ id: entities.id, name: entities.name })
    .from(ciUsages)
    .innerJoin(entities, eq(entities.id, ciUsages.entityId))
    .where(eq(ciUsages.ciId, ciId))
    .orderBy(asc(entities.name), asc(entities.id));
}

export async function insertItem(tx: DbOrTx, values: typeof configItems.$inferInsert): Promise<number> {
  const [row] = await tx.insert(configItems).values(values).returning({ id: configItems.id });
  if (!row) throw new Error('config item insert failed');
  return row.id;
}

export async function updateItem(
  tx: DbOrTx,
  id: number,
  patch: Partial<typeof configItems.$inferInsert>,
  at: Date,
): Promise<void> {
  await tx
    .update(configItems)
    .set({ ...patch, updatedAt: at, version: sql`${configItems.version} + 1` })
    .where(eq(configItems.id, id));
}

export async function replaceUsages(tx: DbOrTx, ciId: number, entityIds: readonly number[]): Promise<void> {
  await tx.delete(ciUsages).where(eq(ciUsages.ciId, ciId));
  if (entityIds.length > 0) {
    await tx.insert(ciUsages).values(entityIds.map((entityId) => ({ ciId, entityId })));
  }
}

export async function appendEvent(
  tx: DbOrTx,
  ciIds: readonly number[],
  actorId: number,
  kind: (typeof ciEvents.$inferInsert)['kind'],
  changes: Record<string, { from: unknown; to: unknown }>,
): Promise<void> {
  if (ciIds.length === 0) return;
  await tx.insert(ciEvents).values(ciIds.map((ciId) => ({ ciId, actorId, kind, changes })));
}

export async function listEvents(db: DbOrTx, ciId: number) {
  return db
    .select({
      id: ciEvents.id,
      kind: ciEvents.kind,
      actorId: ciEvents.actorId,
      actorName: people.name,
      at: ciEvents.at,
      changes: ciEvents.changes,
    })
    .from(ciEvents)
    .leftJoin(people, eq(people.id, ciEvents.actorId))
    .where(eq(ciEvents.ciId, ciId))
    .orderBy(asc(ciEvents.id))
    .limit(1000);
}

// ----------------------------------------------------------------------------------------- references

/** The entities that exist among `ids`, with their paths. */
export async function findEntities(db: DbOrTx, ids: readonly number[]) {
  if (ids.length === 0) return [];
  return db
    .select({ id: entities.id, path: entities.path })
    .from(entities)
    .where(inArray(entities.id, [...ids]));
}

export async function findSiteEntity(db: DbOrTx, siteId: number): Promise<number | undefined> {
  const [row] = await db.select({ entityId: sites.entityId }).from(sites).where(eq(sites.id, siteId));
  return row?.entityId;
}

export async function personEntity(db: DbOrTx, personId: number): Promise<number | undefined> {
  const [row] = await db.select({ entityId: people.entityId }).from(people).where(eq(people.id, personId));
  return row?.entityId;
}

// ------------------------------------------------------------------------------------------ relations

const source = alias(configItems, 'source');
const target = alias(configItems, 'target');
const relationColumns = {
  id: ciRelations.id,
  kind: ciRelations.kind,
  sourceId: source.id,
  sourceName: source.name,
  sourceClass: source.class,
  targetId: target.id,
  targetName: target.name,
  targetClass: target.class,
};
export type RelationRow = {
  id: number;
  kind: CiRelationKind;
  sourceId: number;
  sourceName: string;
  sourceClass: CiClass;
  targetId: number;
  targetName: string;
  targetClass: CiClass;
};

/** An item's relations, both ways, whose other end the actor may also see. */
export async function relationsOf(db: DbOrTx, actor: Actor, ciId: number): Promise<RelationRow[]> {
  return db
    .select(relationColumns)
    .from(ciRelations)
    .innerJoin(source, eq(source.id, ciRelations.sourceId))
    .innerJoin(target, eq(target.id, ciRelations.targetId))
    .where(
      and(
        sql`(${ciRelations.sourceId} = ${ciId} or ${ciRelations.targetId} = ${ciId})`,
        itemVisibleSql(actor, source.id, source.entityId),
        itemVisibleSql(actor, target.id, target.entityId),
      ),
    )
    .orderBy(asc(ciRelations.kind), asc(ciRelations.id))
    .limit(1000);
}

export async function findRelation(db: DbOrTx, id: number): Promise<RelationRow | undefined> {
  const [row] = await db
    .select(relationColumns)
    .from(ciRelations)
    .innerJoin(source, eq(source.id, ciRelations.sourceId))
    .innerJoin(target, eq(target.id, ciRelations.targetId))
    .where(eq(ciRelations.id, id));
  return row;
}

/** Inserts a relation; undefined when the same one already exists. */
export async function insertRelation(
  tx: DbOrTx,
  values: { kind: CiRelationKind; sourceId: number; targetId: number; createdBy: number },
): Promise<number | undefined> {
  const [row] = await tx
    .insert(ciRelations)
    .values(values)
    .onConflictDoNothing()
    .returning({ id: ciRelations.id });
  return row?.id;
}

export async function deleteRelation(tx: DbOrTx, id: number): Promise<void> {
  await tx.delete(ciRelations).where(eq(ciRelations.id, id));
}

export async function countRelations(
  db: DbOrTx,
  where: { kind: CiRelationKind; targetId: number },
): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(ciRelations)
    .where(and(eq(ciRelations.kind, where.kind), eq(ciRelations.targetId, where.targetId)));
  return Number(row?.n ?? 0);
}

// ------------------------------------------------------------------------------------------ ticket links

/** Tickets concerning an item that the actor may see, newest first. */
export async function ticketsOfItem(db: DbOrTx, actor: Actor, ciId: number) {
  return db
    .select({
      number: tickets.number,
      title: tickets.title,
      status: tickets.status,
      createdAt: tickets.createdAt,
    })
    .from(ticketItems)
    .innerJoin(tickets, eq(tickets.id, ticketItems.ticketId))
    .where(and(eq(ticketItems.ciId, ciId), ticketVisibleTo(actor)))
    .orderBy(sql`${tickets.createdAt} desc`, sql`${tickets.id} desc`)
    .limit(200);
}

/** Items a ticket concerns that the actor may see. */
export async function itemsOfTicket(db: DbOrTx, actor: Actor, ticketId: number): Promise<CiSummaryRow[]> {
  return selectSummaries(db)
    .innerJoin(ticketItems, eq(ticketItems.ciId, configItems.id))
    .where(and(eq(ticketItems.ticketId, ticketId), visible(actor)))
    .orderBy(asc(configItems.nameFolded), asc(configItems.id));
}

/** true when the link was created, false when it already existed. */
export async function linkTicket(
  tx: DbOrTx,
  ticketId: number,
  ciId: number,
  createdBy: number,
): Promise<boolean> {
  const rows = await tx
    .insert(ticketItems)
    .values({ ticketId, ciId, createdBy })
    .onConflictDoNothing()
    .returning({ ciId: ticketItems.ciId });
  return rows.length > 0;
}

/** true when a link was removed. */
export async function unlinkTicket(tx: DbOrTx, ticketId: number, ciId: number): Promise<boolean> {
  const rows = await tx
    .delete(ticketItems)
    .where(and(eq(ticketItems.ticketId, ticketId), eq(ticketItems.ciId, ciId)))
    .returning({ ciId: ticketItems.ciId });
  return rows.length > 0;
}

/** Decodes a list cursor: [name_folded, id]. */
export function decodeListCursor(raw: string): [string, number] {
  try {
    const v = JSON.parse(Buffer.from(raw, 'base64url').toString()) as unknown;
    if (Array.isArray(v) && v.length === 2 && typeof v[0] === 'string' && typeof v[1] === 'number') {
      return [v[0], v[1]];
    }
  } catch {
    // fall through
  }
  throw invalid('cursor', 'invalid cursor');
}
export const encodeListCursor = (row: { nameFolded: string | null; id: number }) =>
  Buffer.from(JSON.stringify([row.nameFolded ?? '', row.id])).toString('base64url');

/** Names of the entities, sites and people an item's history refers to by id. */
export async function referenceNames(
  db: DbOrTx,
  ids: { entityIds: number[]; siteIds: number[]; personIds: number[] },
): Promise<{ entities: Map<number, string>; sites: Map<number, string>; people: Map<number, string> }> {
  const names = async (table: typeof entities | typeof sites | typeof people, list: number[]) => {
    if (list.length === 0) return new Map<number, string>();
    const rows = await db
      .select({ id: table.id, name: table.name })
      .from(table)
      .where(inArray(table.id, [...new Set(list)]));
    return new Map(rows.map((r) => [r.id, r.name]));
  };
  return {
    entities: await names(entities, ids.entityIds),
    sites: await names(sites, ids.siteIds),
    people: await names(people, ids.personIds),
  };
}
