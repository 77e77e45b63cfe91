import {
  type CiClass,
  type CiRelationKind,
  ciRelationKindSchema,
  type ImportIssue,
} from '@guichet/contracts';
import { eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../../db/client.js';
import type { Actor } from '../../../platform/auth/actor.js';
import { entities } from '../../directory/index.js';
import { cmdbPolicy } from '../cmdb.policy.js';
import { bigintArray, itemVisibleSql } from '../cmdb.repository.js';
import { LINK_END_COUNT, relationRefusal } from '../cmdb.rules.js';
import { ciRelations, configItems } from '../cmdb.table.js';

/**
 * Relation columns of an import: a column mapped to `relation.<kind>` names, in each cell, the items
 * the row's item is related to ("runs on" → the server's hostname, "part of" → the information system).
 * Several names in one cell are separated by "|". For a network link, `relation.connected_to` names its
 * two ends, which are the relations' sources (cmdb.rules.ts): an audit sheet lists a link with its
 * "end A" and "end B" columns. An import only adds relations; it never removes one.
 */
export const RELATION_FIELD_PREFIX = 'relation.';

export function relationKindOf(field: string): CiRelationKind | null {
  if (!field.startsWith(RELATION_FIELD_PREFIX)) return null;
  const parsed = ciRelationKindSchema.safeParse(field.slice(RELATION_FIELD_PREFIX.length));
  return parsed.success ? parsed.data : null;
}

/** An item a relation may point at: a row of the file (its index in the plan) or an existing item. */
export type Endpoint = { row: number } | { id: number };

/** What the relation planner needs of each planned row. */
export interface RowForRelations {
  /** spreadsheet row number, for messages */
  row: number;
  /** the existing item it updates, or null when the row creates one */
  id: number | null;
  class: CiClass;
  name: string;
  serialNumber: string | null;
  inventoryNumber: string | null;
  hostname: string | null;
  /** kind → the names given by the relation columns of this row */
  relations: Map<CiRelationKind, string[]>;
}

export interface KnownItem {
  id: number;
  class: CiClass;
  name: string;
  serialNumber: string | null;
  inventoryNumber: string | null;
  hostname: string | null;
  entityId: number;
  entityPath: string;
}

/** An end of a planned relation, named and classed for the history line. */
export interface RelationEnd {
  at: Endpoint;
  name: string;
  class: CiClass;
}

export interface PlannedRelation {
  row: number;
  kind: CiRelationKind;
  source: RelationEnd;
  target: RelationEnd;
}

export interface RelationPlan {
  relations: PlannedRelation[];
  counts: { create: number; unchanged: number };
  /** errors by the index of the row in the plan */
  errors: Map<number, ImportIssue[]>;
}

export const splitNames = (cell: string): string[] =>
  cell
    .split('|')
    .map((s) => s.trim())
    .filter(Boolean);

const fold = (s: string) =>
  s
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    // ligatures do not decompose: "cœur" and "coeur" are the same word to a person typing it
    .replace(/œ/g, 'oe')
    .replace(/æ/g, 'ae')
    .replace(/\s+/g, ' ')
    .trim();

interface Candidate {
  endpoint: Endpoint;
  key: string;
  class: CiClass;
  name: string;
}

/**
 * Resolves each name (serial number, inventory number or hostname first, then the name) among the
 * file's rows, then the existing items the actor sees, and checks each relation: its direction rule,
 * the right to change its source, a network link's two ends. Pure: the caller loads `known` and
 * `existing` (relations between known items).
 */
export function planRelations(
  actor: Actor,
  rows: readonly RowForRelations[],
  known: readonly KnownItem[],
  existing: ReadonlySet<string>,
  linkEnds: ReadonlyMap<number, number>,
): RelationPlan {
  const errors = new Map<number, ImportIssue[]>();
  const fail = (index: number, issue: ImportIssue) =>
    errors.set(index, [...(errors.get(index) ?? []), issue]);

  // identifiers are unique per item; names may be shared (several "École Jean Jaurès"): ambiguous then
  const byKey = new Map<string, Candidate>();
  const byName = new Map<string, Candidate[]>();
  const knownById = new Map(known.map((k) => [k.id, k]));
  const index = (c: Candidate, keys: (string | null)[], name: string) => {
    for (const k of keys) if (k && !byKey.has(fold(k))) byKey.set(fold(k), c);
    const list = byName.get(fold(name)) ?? [];
    if (!list.some((o) => o.key === c.key)) byName.set(fold(name), [...list, c]);
  };
  rows.forEach((r, i) => {
    const endpoint: Endpoint = r.id === null ? { row: i } : { id: r.id };
    const c = { endpoint, key: r.id === null ? `r${i}` : `i${r.id}`, class: r.class, name: r.name };
    index(c, [r.serialNumber, r.inventoryNumber, r.hostname], r.name);
  });
  for (const k of known) {
    const c = { endpoint: { id: k.id }, key: `i${k.id}`, class: k.class, name: k.name };
    index(c, [k.serialNumber, k.inventoryNumber, k.hostname], k.name);
  }
  const resolve = (name: string): Candidate | string => {
    const byIdentifier = byKey.get(fold(name));
    if (byIdentifier) return byIdentifier;
    const named = byName.get(fold(name)) ?? [];
    if (named.length === 1) return named[0] as Candidate;
    return named.length === 0
      ? `unknown item "${name}"`
      : `several items are named "${name}": give its serial number, inventory number or hostname`;
  };
  const writable = (e: Endpoint, rowIndex: number) => {
    if ('row' in e) return true; // the row's own entity was checked with the row
    if (e.id === rows[rowIndex]?.id) return true;
    const item = knownById.get(e.id);
    return item !== undefined && cmdbPolicy.write(actor, item.entityPath);
  };
  const keyOf = (e: Endpoint) => ('row' in e ? `r${e.row}` : `i${e.id}`);

  const relations: PlannedRelation[] = [];
  const counts = { create: 0, unchanged: 0 };
  const planned = new Set<string>();
  const ends = new Map<string, number>();
  rows.forEach((r, i) => {
    const self: Candidate = {
      endpoint: r.id === null ? { row: i } : { id: r.id },
      key: r.id === null ? `r${i}` : `i${r.id}`,
      class: r.class,
      name: r.name,
    };
    for (const [kind, names] of r.relations) {
      for (const name of names) {
        const field = `${RELATION_FIELD_PREFIX}${kind}`;
        const other = resolve(name);
        if (typeof other === 'string') {
          fail(i, { row: r.row, field, message: other });
          continue;
        }
        if (other.key === self.key) {
          fail(i, { row: r.row, field, message: 'an item cannot relate to itself' });
          continue;
        }
        // a link's ends are the sources of its connected_to relations
        const linkRow = kind === 'connected_to' && r.class === 'network_link';
        const [source, target] = linkRow ? [other, self] : [self, other];
        const refusal = relationRefusal(kind, source.class, target.class);
        if (refusal) {
          fail(i, { row: r.row, field, message: `"${name}": ${refusal}` });
          continue;
        }
        if (!writable(source.endpoint, i)) {
          fail(i, { row: r.row, field, message: `"${name}": out of your scope, you may not change it` });
          continue;
        }
        const key = `${keyOf(source.endpoint)}:${kind}:${keyOf(target.endpoint)}`;
        if (planned.has(key)) continue; // named twice in the file: one relation
        planned.add(key);
        if (existing.has(key)) {
          counts.unchanged++;
          continue;
        }
        if (kind === 'connected_to' && target.class === 'network_link') {
          const t = keyOf(target.endpoint);
          const before = 'id' in target.endpoint ? (linkEnds.get(target.endpoint.id) ?? 0) : 0;
          const n = (ends.get(t) ?? before) + 1;
          ends.set(t, n);
          if (n > LINK_END_COUNT) {
            fail(i, { row: r.row, field, message: 'a network link has two ends, this one would have more' });
            continue;
          }
        }
        counts.create++;
        const end = (c: Candidate): RelationEnd => ({ at: c.endpoint, name: c.name, class: c.class });
        relations.push({ row: r.row, kind, source: end(source), target: end(target) });
      }
    }
  });
  return { relations, counts, errors };
}

/** Every item the actor sees, with its identifiers: the names a relation column may give. */
export async function loadKnownItems(db: DbOrTx, actor: Actor): Promise<KnownItem[]> {
  const rows = await db
    .select({
      id: configItems.id,
      class: configItems.class,
      name: configItems.name,
      serialNumber: configItems.serialNumber,
      inventoryNumber: configItems.inventoryNumber,
      hostname: configItems.hostname,
      entityId: configItems.entityId,
      entityPath: entities.path,
    })
    .from(configItems)
    .innerJoin(entities, eq(entities.id, configItems.entityId))
    .where(itemVisibleSql(actor, configItems.id, configItems.entityId));
  return rows;
}

/**
 * Of the relations a first pass planned between existing items, those already there
 * ("i<source>:<kind>:i<target>"), and the ends the named existing links already have: two indexed
 * look-ups, however large the CMDB.
 */
export async function loadExistingRelations(
  db: DbOrTx,
  candidates: readonly PlannedRelation[],
): Promise<{ existing: Set<string>; linkEnds: Map<number, number> }> {
  const existing = new Set<string>();
  const linkEnds = new Map<number, number>();
  const pairs: { s: number; k: CiRelationKind; t: number }[] = [];
  const links = new Set<number>();
  for (const r of candidates) {
    if ('id' in r.source.at && 'id' in r.target.at)
      pairs.push({ s: r.source.at.id, k: r.kind, t: r.target.at.id });
    if (r.kind === 'connected_to' && r.target.class === 'network_link' && 'id' in r.target.at)
      links.add(r.target.at.id);
  }
  if (pairs.length > 0) {
    const { rows } = await db.execute<{ s: string; k: string; t: string }>(sql`
      select r.source_id as s, r.kind as k, r.target_id as t
      from jsonb_to_recordset(${JSON.stringify(pairs)}::jsonb) as x(s bigint, k text, t bigint)
      join ci_relations r on r.source_id = x.s and r.kind = x.k and r.target_id = x.t`);
    for (const r of rows) existing.add(`i${r.s}:${r.k}:i${r.t}`);
  }
  if (links.size > 0) {
    const rows = await db
      .select({ id: ciRelations.targetId, n: sql<number>`count(*)::int` })
      .from(ciRelations)
      .where(
        sql`${ciRelations.kind} = 'connected_to' and ${ciRelations.targetId} = any(${bigintArray([...links])})`,
      )
      .groupBy(ciRelations.targetId);
    for (const r of rows) linkEnds.set(Number(r.id), r.n);
  }
  return { existing, linkEnds };
}

/** A relation as an item's history shows it (the shape of toCiRelation). */
export interface AddedRelation {
  id: number;
  kind: CiRelationKind;
  source: { id: number; name: string; class: CiClass };
  target: { id: number; name: string; class: CiClass };
}

/**
 * Writes planned relations once every row has its id, in one statement (the rows travel as one JSON
 * parameter). Returns those actually added, for the history; one already there is skipped.
 */
export async function insertPlannedRelations(
  tx: DbOrTx,
  relations: readonly PlannedRelation[],
  idOfRow: (row: number) => number,
  actorId: number,
): Promise<AddedRelation[]> {
  if (relations.length === 0) return [];
  const id = (e: Endpoint) => ('id' in e ? e.id : idOfRow(e.row));
  const rows = relations.map((r) => ({ kind: r.kind, s: id(r.source.at), t: id(r.target.at) }));
  const { rows: inserted } = await tx.execute<{
    id: string | number;
    kind: CiRelationKind;
    s: string;
    t: string;
  }>(sql`
    insert into ci_relations (kind, source_id, target_id, created_by)
    select x.kind, x.s, x.t, ${actorId}::bigint
    from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as x(kind text, s bigint, t bigint)
    on conflict do nothing
    returning id, kind, source_id as s, target_id as t`);
  const planned = new Map(relations.map((r) => [`${id(r.source.at)}:${r.kind}:${id(r.target.at)}`, r]));
  return inserted.map((r) => {
    const p = planned.get(`${r.s}:${r.kind}:${r.t}`) as PlannedRelation;
    return {
      id: Number(r.id),
      kind: r.kind,
      source: { id: Number(r.s), name: p.source.name, class: p.source.class },
      target: { id: Number(r.t), name: p.target.name, class: p.target.class },
    };
  });
}
