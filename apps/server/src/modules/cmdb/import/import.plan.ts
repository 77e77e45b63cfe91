import {
  type CiClass,
  type CiRelationKind,
  type CiStatus,
  ciAttributeSchemas,
  ciClassSchema,
  ciStatusSchema,
  type ImportCounts,
  type ImportIssue,
  type importMappingSchema,
  type ReconcileKey,
} from '@guichet/contracts';
import type { z } from 'zod';
import type { DbOrTx } from '../../../db/client.js';
import type { Actor } from '../../../platform/auth/actor.js';
import { inScope } from '../../../platform/auth/actor.js';
import { AppError } from '../../../platform/errors.js';
import { cmdbPolicy } from '../cmdb.policy.js';
import { checkAttributes } from '../cmdb.rules.js';
import {
  CLASS_WORDS,
  coerceAttribute,
  fold,
  parseEnum,
  STATUS_WORDS,
  sameKey,
  text,
} from './import.cells.js';
import { type Cell, type ParsedFile, rowNumber } from './import.parse.js';
import {
  loadExistingRelations,
  loadKnownItems,
  type PlannedRelation,
  planRelations,
  relationKindOf,
  splitNames,
} from './import.relations.js';
import * as repo from './import.repository.js';

export type Mapping = z.output<typeof importMappingSchema>;
/** Rows checked between two yields to the event loop (and progress reports) in a dry run. */
const CHECK_SLICE = 500;

interface PlannedRow {
  row: number;
  kind: 'create' | 'update' | 'unchanged';
  item: repo.NewItemRow;
  changes: Record<string, { from: unknown; to: unknown }>;
  /** the items its relation columns name, by kind */
  relations: Map<CiRelationKind, string[]>;
}

export interface Plan {
  headers: string[];
  mapping: Mapping;
  counts: ImportCounts;
  errors: ImportIssue[];
  warnings: ImportIssue[];
  rows: PlannedRow[];
  /** relations to add; their endpoints are existing items or rows of `rows` */
  relations: PlannedRelation[];
}

const CORE = [
  'name',
  'status',
  'entityId',
  'siteId',
  'ownerId',
  'serialNumber',
  'inventoryNumber',
  'hostname',
] as const;

/**
 * Reads the file's rows through the mapping and decides, row by row, what would happen: create,
 * update (reconciled by the source's key order), unchanged, or an error. Writes nothing.
 */
export async function plan(
  db: DbOrTx,
  actor: Actor,
  file: ParsedFile,
  mapping: Mapping,
  lock: boolean,
  onChecked?: (done: number, total: number) => void,
): Promise<Plan> {
  const errors: ImportIssue[] = [];
  const warnings: ImportIssue[] = [];
  const field = new Map<string, number>(); // mapped field -> column index
  const relationCols = new Map<CiRelationKind, number[]>();
  for (const [header, f] of Object.entries(mapping.columns)) {
    if (!f) continue;
    const col = file.headers.findIndex((h) => h.toLowerCase() === header.toLowerCase());
    if (col === -1)
      throw new AppError(
        'validation_failed',
        `The mapping names a column the file does not have: "${header}"`,
        { errors: [{ path: `mapping.columns.${header}`, message: 'no such column in the file' }] },
      );
    const kind = relationKindOf(f);
    if (kind) {
      // a link's "end A" and "end B" columns both feed connected_to
      relationCols.set(kind, [...(relationCols.get(kind) ?? []), col]);
      continue;
    }
    if (field.has(f))
      throw new AppError('validation_failed', `Two columns feed ${f}`, {
        errors: [{ path: `mapping.columns.${header}`, message: `${f} is already mapped` }],
      });
    field.set(f, col);
  }
  if (!field.has('name') && !['serialNumber', 'inventoryNumber', 'hostname'].some((k) => field.has(k))) {
    throw new AppError('validation_failed', 'Map at least the name or an identifying column', {
      errors: [
        { path: 'mapping.columns', message: 'map the name or a serial number, inventory number or hostname' },
      ],
    });
  }
  const get = (r: Cell[], f: string) => {
    const col = field.get(f);
    return col === undefined ? null : (r[col] ?? null);
  };

  // references, loaded once
  const ents = await repo.allEntities(db);
  const entById = new Map(ents.map((e) => [e.id, e]));
  const entByName = new Map<string, (typeof ents)[number][]>();
  for (const e of ents) entByName.set(fold(e.name), [...(entByName.get(fold(e.name)) ?? []), e]);
  const siteByName = new Map<string, { id: number; entityId: number }[]>();
  if (field.has('site')) {
    for (const s of await repo.allSites(db)) {
      if (!inScope(actor.scope, s.entityId)) continue;
      siteByName.set(fold(s.name), [...(siteByName.get(fold(s.name)) ?? []), s]);
    }
  }
  const emails = new Set<string>();
  const keys: Record<ReconcileKey, Set<string>> = {
    serialNumber: new Set(),
    inventoryNumber: new Set(),
    hostname: new Set(),
  };
  const names = new Set<string>();
  for (const r of file.rows) {
    const e = text(get(r, 'owner'));
    if (e) emails.add(e.toLowerCase());
    let identified = false;
    for (const k of ['serialNumber', 'inventoryNumber', 'hostname'] as const) {
      const v = text(get(r, k));
      if (!v) continue;
      identified = true;
      if (mapping.reconcileOrder.includes(k)) keys[k].add(v.toLowerCase());
    }
    const name = text(get(r, 'name'));
    if (!identified && name) names.add(name);
  }
  const ownerByEmail = new Map((await repo.peopleByEmail(db, [...emails])).map((p) => [p.email, p.id]));
  const existing = await repo.findByKeys(
    db,
    {
      serialNumber: [...keys.serialNumber],
      inventoryNumber: [...keys.inventoryNumber],
      hostname: [...keys.hostname],
      names: [...names],
    },
    lock,
  );
  const index: Record<ReconcileKey, Map<string, repo.ExistingItem>> = {
    serialNumber: new Map(),
    inventoryNumber: new Map(),
    hostname: new Map(),
  };
  // a row with no identifier at all (applications, links, sites) is known by class, entity and name
  const byName = new Map<string, repo.ExistingItem[]>();
  const nameKey = (cls: string, entityId: number, name: string) => `${cls}|${entityId}|${fold(name)}`;
  for (const item of existing) {
    const k = nameKey(item.class, item.entityId, item.name);
    byName.set(k, [...(byName.get(k) ?? []), item]);
    for (const k of mapping.reconcileOrder) {
      const v = item[k]?.toLowerCase();
      if (v && !index[k].has(v)) index[k].set(v, item); // the oldest item wins a shared key
    }
  }

  const seenKey = new Map<string, number>();
  const claimed = new Map<number, number>(); // item id -> row
  const rows: PlannedRow[] = [];
  const counts: ImportCounts = { rows: file.rows.length, create: 0, update: 0, unchanged: 0, error: 0 };
  const relationsOf = (r: Cell[]) => {
    const out = new Map<CiRelationKind, string[]>();
    for (const [kind, cols] of relationCols) {
      const names = cols.flatMap((c) => splitNames(text(r[c]) ?? ''));
      if (names.length > 0) out.set(kind, names);
    }
    return out;
  };
  const resolveEntity = (v: string) => {
    if (/^\d+$/.test(v)) return entById.get(Number(v));
    const found = entByName.get(fold(v)) ?? [];
    return found.length === 1 ? found[0] : undefined;
  };

  const planRow = (r: Cell[], i: number): void => {
    const row = rowNumber(file, i);
    const rowErrors: ImportIssue[] = [];
    const err = (f: string | null, message: string) => rowErrors.push({ row, field: f, message });
    const warn = (f: string | null, message: string) => warnings.push({ row, field: f, message });

    // identification: duplicates in the file first, then the existing item by the key order
    const keyValues: Partial<Record<ReconcileKey, string>> = {};
    for (const k of ['serialNumber', 'inventoryNumber', 'hostname'] as const) {
      const v = text(get(r, k));
      if (!v) continue;
      keyValues[k] = v;
      const seen = seenKey.get(`${k}:${v.toLowerCase()}`);
      if (seen !== undefined)
        err(k, `same ${k} as row ${seen}: one item per serial number, inventory number and hostname`);
      else seenKey.set(`${k}:${v.toLowerCase()}`, row);
    }
    let match: repo.ExistingItem | undefined;
    for (const k of mapping.reconcileOrder) {
      const v = keyValues[k];
      match = v ? index[k].get(v.toLowerCase()) : undefined;
      if (match) break;
    }
    if (!match && Object.keys(keyValues).length === 0) {
      const name = text(get(r, 'name'));
      const classCell = text(get(r, 'class'));
      const cls = classCell ? parseEnum(ciClassSchema, CLASS_WORDS, classCell) : mapping.fixed.class;
      const entityCell = text(get(r, 'entity')) ?? mapping.fixed.entity ?? null;
      const entity = entityCell ? resolveEntity(entityCell) : undefined;
      const same = name && cls && entity ? (byName.get(nameKey(cls, entity.id, name)) ?? []) : [];
      if (same.length === 1) match = same[0];
      else if (same.length > 1)
        err('name', `several items of this class and entity are named "${name}": give an identifier`);
    }
    if (match) {
      const other = claimed.get(match.id);
      if (other !== undefined) err(null, `row ${other} already updates this item (id ${match.id})`);
      else claimed.set(match.id, row);
    }

    // class, name, status
    const classCell = text(get(r, 'class'));
    let cls: CiClass | undefined = mapping.fixed.class;
    if (classCell) {
      cls = parseEnum(ciClassSchema, CLASS_WORDS, classCell);
      if (!cls) err('class', `unknown class "${classCell}"`);
    }
    if (match && cls && cls !== match.class) {
      err('class', `the existing item (id ${match.id}) is a ${match.class}, not a ${cls}`);
    }
    const finalClass = match?.class ?? cls;
    if (!finalClass && !classCell) err('class', 'required');
    const name = text(get(r, 'name'));
    if (!match && !name) err('name', 'required');
    if (name && name.length > 200) err('name', 'at most 200 characters');
    const statusCell = text(get(r, 'status'));
    let status: CiStatus | undefined = mapping.fixed.status;
    if (statusCell) {
      status = parseEnum(ciStatusSchema, STATUS_WORDS, statusCell);
      if (!status) err('status', `unknown status "${statusCell}"`);
    }

    // entity and scope: the importer writes in the row's entity (and the existing item's)
    const entityCell = text(get(r, 'entity')) ?? mapping.fixed.entity ?? null;
    let entity = match ? entById.get(match.entityId) : undefined;
    if (entityCell) {
      const e = resolveEntity(entityCell);
      if (!e) err('entity', `unknown entity "${entityCell}"`);
      else entity = e;
    } else if (!match) err('entity', 'required');
    if (entity && !(cmdbPolicy.seeEntity(actor, entity.id) && cmdbPolicy.write(actor, entity.path))) {
      err('entity', `out of your scope: you may not change the items of ${entity.name}`);
    }
    if (match && !cmdbPolicy.write(actor, match.entityPath)) {
      err(null, `matches an existing item (id ${match.id}) you may not change`);
    }

    // site and owner
    let siteId: number | null | undefined;
    const siteCell = text(get(r, 'site'));
    if (siteCell) {
      const found = siteByName.get(fold(siteCell)) ?? [];
      const own = found.filter((s) => s.entityId === entity?.id);
      // a commune's service sits at the commune's sites ("Garage municipal" exists in several communes)
      const kin = found.filter((s) => {
        const owner = entById.get(s.entityId);
        return owner && entity && (entity.path.startsWith(owner.path) || owner.path.startsWith(entity.path));
      });
      const pick = [own, kin, found].find((list) => list.length === 1)?.[0];
      if (!pick)
        err(
          'site',
          found.length > 1 ? `several sites are named "${siteCell}"` : `unknown site "${siteCell}"`,
        );
      else siteId = pick.id;
    }
    let ownerId: number | null | undefined;
    const ownerCell = text(get(r, 'owner'));
    if (ownerCell) {
      ownerId = ownerByEmail.get(ownerCell.toLowerCase());
      if (ownerId === undefined) err('owner', `unknown person "${ownerCell}"`);
    }

    // attributes: the file's values over the item's, checked against the class's schema
    const attrs: Record<string, unknown> = {};
    if (finalClass) {
      const shape = ciAttributeSchemas[finalClass].shape as Record<string, z.ZodType>;
      for (const [f] of field) {
        if (!f.startsWith('attributes.')) continue;
        const key = f.slice('attributes.'.length);
        const cell = get(r, f);
        if (cell === null) continue;
        const schema = shape[key];
        if (!schema) {
          if (!mapping.fixed.class && !classCell) continue;
          warn(f, `not an attribute of a ${finalClass}: ignored`);
          continue;
        }
        attrs[key] = coerceAttribute(schema, cell);
      }
    }
    const merged = { ...(match?.attributes ?? {}), ...attrs };
    if (finalClass) {
      const checked = checkAttributes(finalClass, merged);
      if (!checked.ok) for (const e of checked.errors) err(e.path, e.message);
    }

    if (rowErrors.length > 0) {
      counts.error++;
      errors.push(...rowErrors);
      return;
    }
    if (!finalClass || !entity) return; // unreachable: reported above

    if (!match) {
      const item: repo.NewItemRow = {
        id: 0,
        class: finalClass,
        name: name as string,
        status: status ?? 'deployed',
        entityId: entity.id,
        siteId: siteId ?? null,
        ownerId: ownerId ?? null,
        serialNumber: keyValues.serialNumber ?? null,
        inventoryNumber: keyValues.inventoryNumber ?? null,
        hostname: keyValues.hostname ?? null,
        attributes: merged,
      };
      const changes: Record<string, { from: unknown; to: unknown }> = {
        class: { from: null, to: finalClass },
      };
      for (const f of CORE) if (item[f] !== null) changes[f] = { from: null, to: item[f] };
      for (const [k, v] of Object.entries(merged)) changes[`attributes.${k}`] = { from: null, to: v };
      counts.create++;
      rows.push({ row, kind: 'create', item, changes, relations: relationsOf(r) });
      return;
    }

    // update: only what the file says; a blank cell leaves the field as it is
    if (match.status === 'retired' && (status ?? 'deployed') !== 'retired') {
      status = status ?? 'deployed';
      warn('status', `item ${match.id} was retired and reappears: set back to ${status}`);
    }
    const item: repo.NewItemRow = {
      id: match.id,
      class: match.class,
      name: name ?? match.name,
      status: status ?? match.status,
      entityId: entity.id,
      siteId: siteId ?? match.siteId,
      ownerId: ownerId ?? match.ownerId,
      serialNumber: sameKey(keyValues.serialNumber, match.serialNumber),
      inventoryNumber: sameKey(keyValues.inventoryNumber, match.inventoryNumber),
      hostname: sameKey(keyValues.hostname, match.hostname),
      attributes: merged,
    };
    const changes: Record<string, { from: unknown; to: unknown }> = {};
    const before = match as unknown as Record<string, unknown>;
    for (const f of CORE) if (item[f] !== before[f]) changes[f] = { from: before[f], to: item[f] };
    for (const [k, v] of Object.entries(attrs)) {
      const from = match.attributes[k] ?? null;
      if (JSON.stringify(from) !== JSON.stringify(v)) changes[`attributes.${k}`] = { from, to: v };
    }
    const kind = Object.keys(changes).length === 0 ? 'unchanged' : 'update';
    counts[kind]++;
    rows.push({ row, kind, item, changes, relations: relationsOf(r) });
  };
  const total = file.rows.length;
  onChecked?.(0, total);
  for (let i = 0; i < total; i++) {
    planRow(file.rows[i] as Cell[], i);
    // let the event loop breathe (progress lines reach the client, other requests are served)
    if ((i + 1) % CHECK_SLICE === 0 && i + 1 < total) {
      onChecked?.(i + 1, total);
      await new Promise((resolve) => setImmediate(resolve));
    }
  }
  onChecked?.(total, total);
  const relations = relationCols.size > 0 ? await resolveRelations(db, actor, rows, counts, errors) : [];
  return { headers: file.headers, mapping, counts, errors, warnings, rows, relations };
}

/**
 * Once every row is planned (a row may name an item further down the file), resolves the relation
 * columns; a row with a bad relation becomes an error row.
 */
async function resolveRelations(
  db: DbOrTx,
  actor: Actor,
  rows: PlannedRow[],
  counts: ImportCounts,
  errors: ImportIssue[],
): Promise<PlannedRelation[]> {
  const known = await loadKnownItems(db, actor);
  const forRelations = rows.map((r) => ({
    row: r.row,
    id: r.kind === 'create' ? null : r.item.id,
    class: r.item.class,
    name: r.item.name,
    serialNumber: r.item.serialNumber,
    inventoryNumber: r.item.inventoryNumber,
    hostname: r.item.hostname,
    relations: r.relations,
  }));
  // a first pass resolves the names; what exists already between existing items is then read for
  // those relations only, and the second pass counts them unchanged (and a link's ends)
  const first = planRelations(actor, forRelations, known, new Set(), new Map());
  const { existing, linkEnds } = await loadExistingRelations(db, first.relations);
  const planned =
    existing.size + linkEnds.size > 0 ? planRelations(actor, forRelations, known, existing, linkEnds) : first;
  for (const [index, issues] of planned.errors) {
    const r = rows[index] as PlannedRow;
    counts[r.kind]--;
    counts.error++;
    errors.push(...issues);
  }
  errors.sort((a, b) => a.row - b.row);
  counts.relations = planned.counts;
  return planned.relations;
}
