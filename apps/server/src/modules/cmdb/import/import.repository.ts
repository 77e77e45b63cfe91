import type { CiClass, CiStatus, ImportMapping } from '@guichet/contracts';
import { desc, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../../db/client.js';
import { entities, people, sites } from '../../directory/index.js';
import { configItems } from '../cmdb.table.js';
import { cmdbImportSources, cmdbImports } from './import.table.js';

export type ExistingItem = {
  id: number;
  class: CiClass;
  name: string;
  status: CiStatus;
  entityId: number;
  entityPath: string;
  siteId: number | null;
  ownerId: number | null;
  serialNumber: string | null;
  inventoryNumber: string | null;
  hostname: string | null;
  attributes: Record<string, unknown>;
};

const KEY_COLUMNS = {
  serialNumber: 'serial_number',
  inventoryNumber: 'inventory_number',
  hostname: 'hostname',
} as const;

/**
 * Items whose serial, inventory number or hostname (lower-cased), or whose name, is among the file's, whatever the
 * actor's scope (the caller refuses the ones it may not change). Uses the lower(...) indexes; the
 * values travel as one JSON parameter. Locked when applying.
 */
export async function findByKeys(
  db: DbOrTx,
  keys: Record<keyof typeof KEY_COLUMNS | 'names', string[]>,
  forUpdate: boolean,
): Promise<ExistingItem[]> {
  const parts = (Object.keys(KEY_COLUMNS) as (keyof typeof KEY_COLUMNS)[])
    .filter((k) => keys[k].length > 0)
    .map(
      (k) =>
        sql`select c.id from config_items c where lower(c.${sql.raw(KEY_COLUMNS[k])}) = any(array(select jsonb_array_elements_text(${JSON.stringify(keys[k])}::jsonb)))`,
    );
  // rows with no identifier: candidates by folded name (config_items_name_order_idx); the caller
  // keeps those of the row's class and entity
  if (keys.names.length > 0)
    parts.push(
      sql`select c.id from config_items c where c.name_folded = any(array(select guichet_fold(v) from jsonb_array_elements_text(${JSON.stringify(keys.names)}::jsonb) v))`,
    );
  if (parts.length === 0) return [];
  const { rows } = await db.execute<ExistingItem>(sql`
    select c.id::float8 as id, c.class, c.name, c.status, c.entity_id::float8 as "entityId", e.path as "entityPath",
      c.site_id::float8 as "siteId", c.owner_id::float8 as "ownerId", c.serial_number as "serialNumber",
      c.inventory_number as "inventoryNumber", c.hostname, c.attributes
    from config_items c join entities e on e.id = c.entity_id
    where c.id in (${sql.join(parts, sql` union `)})
    order by c.id
    ${forUpdate ? sql`for update of c` : sql``}`);
  return rows.map((r) => ({
    ...r,
    id: Number(r.id),
    entityId: Number(r.entityId),
    siteId: r.siteId === null ? null : Number(r.siteId),
    ownerId: r.ownerId === null ? null : Number(r.ownerId),
  }));
}

export const allEntities = (db: DbOrTx) =>
  db.select({ id: entities.id, name: entities.name, path: entities.path }).from(entities);

export const allSites = (db: DbOrTx) =>
  db.select({ id: sites.id, name: sites.name, entityId: sites.entityId }).from(sites);

export async function peopleByEmail(db: DbOrTx, emails: string[]) {
  if (emails.length === 0) return [];
  return db
    .select({ id: people.id, email: sql<string>`lower(${people.email})` })
    .from(people)
    .where(
      sql`lower(${people.email}) = any(array(select jsonb_array_elements_text(${JSON.stringify(emails)}::jsonb)))`,
    );
}

export interface NewItemRow {
  id: number;
  class: CiClass;
  name: string;
  status: CiStatus;
  entityId: number;
  siteId: number | null;
  ownerId: number | null;
  serialNumber: string | null;
  inventoryNumber: string | null;
  hostname: string | null;
  attributes: Record<string, unknown>;
}

/** n fresh item ids from the identity's sequence, so inserted rows and their history line up. */
export async function reserveItemIds(tx: DbOrTx, n: number): Promise<number[]> {
  if (n === 0) return [];
  const { rows } = await tx.execute<{ id: string | number }>(
    sql`select nextval(pg_get_serial_sequence('config_items', 'id')) as id from generate_series(1, ${n}::int)`,
  );
  return rows.map((r) => Number(r.id));
}

const ITEM_RECORD = sql`id bigint, class text, name text, status text, "entityId" bigint, "siteId" bigint,
  "ownerId" bigint, "serialNumber" text, "inventoryNumber" text, hostname text, attributes jsonb`;

/** One statement per chunk, the rows as one JSON parameter. */
export async function insertItems(tx: DbOrTx, rows: NewItemRow[]): Promise<void> {
  if (rows.length === 0) return;
  await tx.execute(sql`
    insert into config_items (id, class, name, status, entity_id, site_id, owner_id, serial_number,
      inventory_number, hostname, attributes)
    overriding system value
    select x.id, x.class, x.name, x.status, x."entityId", x."siteId", x."ownerId", x."serialNumber",
      x."inventoryNumber", x.hostname, x.attributes
    from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as x(${ITEM_RECORD})`);
}

/** Rewrites the core columns and attributes of existing items (their final values), bumping version. */
export async function updateItems(tx: DbOrTx, rows: NewItemRow[], at: Date): Promise<void> {
  if (rows.length === 0) return;
  await tx.execute(sql`
    update config_items c set name = x.name, status = x.status, entity_id = x."entityId", site_id = x."siteId",
      owner_id = x."ownerId", serial_number = x."serialNumber", inventory_number = x."inventoryNumber",
      hostname = x.hostname, attributes = x.attributes, updated_at = ${at.toISOString()}::timestamptz,
      version = c.version + 1
    from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as x(${ITEM_RECORD})
    where c.id = x.id`);
}

/** One line of an item's history written by an import. */
export interface ItemEvent {
  ciId: number;
  kind: 'created' | 'updated' | 'related';
  changes: Record<string, unknown>;
}

export async function insertEvents(tx: DbOrTx, actorId: number, events: ItemEvent[]): Promise<void> {
  if (events.length === 0) return;
  await tx.execute(sql`
    insert into ci_events (ci_id, actor_id, kind, changes)
    select x."ciId", ${actorId}::bigint, x.kind, x.changes
    from jsonb_to_recordset(${JSON.stringify(events)}::jsonb) as x("ciId" bigint, kind text, changes jsonb)`);
}

export async function findSource(db: DbOrTx, name: string) {
  const [row] = await db.select().from(cmdbImportSources).where(eq(cmdbImportSources.name, name));
  return row;
}

export async function listSources(db: DbOrTx) {
  return db.select().from(cmdbImportSources).orderBy(cmdbImportSources.name);
}

export async function saveSource(
  db: DbOrTx,
  name: string,
  mapping: ImportMapping,
  actorId: number,
  at: Date,
) {
  await db
    .insert(cmdbImportSources)
    .values({ name, mapping, createdBy: actorId, updatedAt: at })
    .onConflictDoUpdate({ target: cmdbImportSources.name, set: { mapping, updatedAt: at } });
}

export async function insertImport(db: DbOrTx, values: typeof cmdbImports.$inferInsert): Promise<number> {
  const [row] = await db.insert(cmdbImports).values(values).returning({ id: cmdbImports.id });
  if (!row) throw new Error('import report insert failed');
  return row.id;
}

const reportColumns = {
  row: cmdbImports,
  byName: people.name,
};

export async function findImport(db: DbOrTx, id: number) {
  const [r] = await db
    .select(reportColumns)
    .from(cmdbImports)
    .leftJoin(people, eq(people.id, cmdbImports.actorId))
    .where(eq(cmdbImports.id, id));
  return r;
}

export async function listImports(db: DbOrTx, limit: number, actorId?: number) {
  return db
    .select(reportColumns)
    .from(cmdbImports)
    .leftJoin(people, eq(people.id, cmdbImports.actorId))
    .where(actorId === undefined ? undefined : eq(cmdbImports.actorId, actorId))
    .orderBy(desc(cmdbImports.at), desc(cmdbImports.id))
    .limit(limit);
}
export type ImportReportRow = NonNullable<Awaited<ReturnType<typeof findImport>>>;

/** Attributes and owner e-mails of a page of items, for the export. */
export async function exportDetails(db: DbOrTx, ids: number[]) {
  if (ids.length === 0) return [];
  return db
    .select({ id: configItems.id, attributes: configItems.attributes, ownerEmail: people.email })
    .from(configItems)
    .leftJoin(people, eq(people.id, configItems.ownerId))
    .where(sql`${configItems.id} = any(${`{${ids.join(',')}}`}::bigint[])`);
}
