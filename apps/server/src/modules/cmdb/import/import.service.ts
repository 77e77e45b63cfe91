import {
  type CiClass,
  type CiStatus,
  ciAttributeSchemas,
  ciClassSchema,
  ciStatusSchema,
  type ImportCounts,
  type ImportIssue,
  type ImportMapping,
  type ImportReport,
  importMappingSchema,
  type ReconcileKey,
} from '@guichet/contracts';
import type { z } from 'zod';
import type { Db, DbOrTx } from '../../../db/client.js';
import type { Actor } from '../../../platform/auth/actor.js';
import { inScope } from '../../../platform/auth/actor.js';
import type { Clock } from '../../../platform/clock.js';
import { AppError, forbidden, notFound } from '../../../platform/errors.js';
import { cmdbPolicy, requireCmdbReader } from '../cmdb.policy.js';
import { checkAttributes } from '../cmdb.rules.js';
import { type Cell, type ParsedFile, parseFile, rowNumber } from './import.parse.js';
import * as repo from './import.repository.js';

type Mapping = z.output<typeof importMappingSchema>;
/** Rows per statement when applying. */
export const IMPORT_CHUNK = 1000;
/** Errors and warnings kept in a report. */
const MAX_ISSUES = 1000;

const fold = (s: string) =>
  s
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();

const CLASS_WORDS: Record<string, CiClass> = {
  'systeme d information': 'information_system',
  si: 'information_system',
  logiciel: 'application',
  serveur: 'server',
  'poste de travail': 'workstation',
  pc: 'workstation',
  'pc fixe': 'workstation',
  'ordinateur portable': 'laptop',
  portable: 'laptop',
  imprimante: 'printer',
  telephone: 'phone',
  switch: 'network_device',
  routeur: 'network_device',
  'equipement reseau': 'network_device',
  'lien reseau': 'network_link',
  lien: 'network_link',
  fibre: 'network_link',
};
const STATUS_WORDS: Record<string, CiStatus> = {
  commande: 'ordered',
  'en stock': 'in_stock',
  stock: 'in_stock',
  deploye: 'deployed',
  'en service': 'deployed',
  actif: 'deployed',
  'en reparation': 'in_repair',
  reparation: 'in_repair',
  retire: 'retired',
  reforme: 'retired',
  'hors service': 'retired',
};
function parseEnum<T extends string>(
  schema: z.ZodType<T>,
  words: Record<string, T>,
  v: string,
): T | undefined {
  const direct = schema.safeParse(v.trim().toLowerCase().replace(/[ -]/g, '_'));
  return direct.success ? direct.data : words[fold(v)];
}

const TRUE = new Set(['oui', 'yes', 'true', 'vrai', '1', 'x', 'o', 'y']);
const FALSE = new Set(['non', 'no', 'false', 'faux', '0', 'n']);

/** A cell as the attribute's schema wants it: the cell itself, or as a number, a boolean, a date. */
function coerceAttribute(schema: z.ZodType, cell: Exclude<Cell, null>): unknown {
  const candidates: unknown[] = [];
  if (cell instanceof Date) candidates.push(cell.toISOString().slice(0, 10));
  else if (typeof cell === 'string') {
    candidates.push(cell);
    if (/^-?\d+([.,]\d+)?$/.test(cell)) candidates.push(Number(cell.replace(',', '.')));
    const w = cell.toLowerCase();
    if (TRUE.has(w)) candidates.push(true);
    if (FALSE.has(w)) candidates.push(false);
    const fr = /^(\d{2})\/(\d{2})\/(\d{4})$/.exec(cell);
    if (fr) candidates.push(`${fr[3]}-${fr[2]}-${fr[1]}`);
  } else candidates.push(cell, String(cell));
  for (const c of candidates) if (schema.safeParse(c).success) return c;
  return candidates[0];
}

const text = (c: Cell | undefined): string | null => {
  if (c === null || c === undefined) return null;
  if (c instanceof Date) return c.toISOString().slice(0, 10);
  return String(c).trim() || null;
};

/** The file's key, or the item's when the file has none or differs only in case (no churn). */
const sameKey = (file: string | undefined, item: string | null) =>
  file === undefined || file.toLowerCase() === item?.toLowerCase() ? item : file;

interface PlannedRow {
  row: number;
  kind: 'create' | 'update' | 'unchanged';
  item: repo.NewItemRow;
  changes: Record<string, { from: unknown; to: unknown }>;
}

export interface Plan {
  headers: string[];
  mapping: Mapping;
  counts: ImportCounts;
  errors: ImportIssue[];
  warnings: ImportIssue[];
  rows: PlannedRow[];
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
): Promise<Plan> {
  const errors: ImportIssue[] = [];
  const warnings: ImportIssue[] = [];
  const field = new Map<string, number>(); // mapped field -> column index
  for (const [header, f] of Object.entries(mapping.columns)) {
    if (!f) continue;
    const col = file.headers.findIndex((h) => h.toLowerCase() === header.toLowerCase());
    if (col === -1)
      throw new AppError(
        'validation_failed',
        `The mapping names a column the file does not have: "${header}"`,
        { errors: [{ path: `mapping.columns.${header}`, message: 'no such column in the file' }] },
      );
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
  for (const r of file.rows) {
    const e = text(get(r, 'owner'));
    if (e) emails.add(e.toLowerCase());
    for (const k of mapping.reconcileOrder) {
      const v = text(get(r, k));
      if (v) keys[k].add(v.toLowerCase());
    }
  }
  const ownerByEmail = new Map((await repo.peopleByEmail(db, [...emails])).map((p) => [p.email, p.id]));
  const existing = await repo.findByKeys(
    db,
    {
      serialNumber: [...keys.serialNumber],
      inventoryNumber: [...keys.inventoryNumber],
      hostname: [...keys.hostname],
    },
    lock,
  );
  const index: Record<ReconcileKey, Map<string, repo.ExistingItem>> = {
    serialNumber: new Map(),
    inventoryNumber: new Map(),
    hostname: new Map(),
  };
  for (const item of existing) {
    for (const k of mapping.reconcileOrder) {
      const v = item[k]?.toLowerCase();
      if (v && !index[k].has(v)) index[k].set(v, item); // the oldest item wins a shared key
    }
  }

  const seenKey = new Map<string, number>();
  const claimed = new Map<number, number>(); // item id -> row
  const rows: PlannedRow[] = [];
  const counts: ImportCounts = { rows: file.rows.length, create: 0, update: 0, unchanged: 0, error: 0 };
  const resolveEntity = (v: string) => {
    if (/^\d+$/.test(v)) return entById.get(Number(v));
    const found = entByName.get(fold(v)) ?? [];
    return found.length === 1 ? found[0] : undefined;
  };

  file.rows.forEach((r, i) => {
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
      const pick = own.length === 1 ? own[0] : found.length === 1 ? found[0] : undefined;
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
      rows.push({ row, kind: 'create', item, changes });
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
    rows.push({ row, kind, item, changes });
  });
  return { headers: file.headers, mapping, counts, errors, warnings, rows };
}

function capped(plan: Plan) {
  const truncated = plan.errors.length > MAX_ISSUES || plan.warnings.length > MAX_ISSUES;
  return {
    errors: plan.errors.slice(0, MAX_ISSUES),
    warnings: plan.warnings.slice(0, MAX_ISSUES),
    issuesTruncated: truncated,
  };
}

export function toImportReport(r: repo.ImportReportRow): ImportReport {
  const { row } = r;
  return {
    id: row.id,
    status: row.status,
    source: row.source,
    fileName: row.fileName,
    by: row.actorId === null ? null : { id: row.actorId, name: r.byName ?? '' },
    at: row.at.toISOString(),
    durationMs: row.durationMs,
    counts: row.counts,
    errors: row.errors,
    warnings: row.warnings,
    issuesTruncated: row.issuesTruncated,
    headers: row.headers,
    mapping: importMappingSchema.parse(row.mapping),
  };
}

export interface ImportRequest {
  buffer: Buffer;
  fileName: string;
  sheet?: string;
  /** a saved source: its mapping is used when none is given, and the mapping used is saved to it */
  source?: string;
  mapping?: ImportMapping;
  apply: boolean;
  /** called after each chunk written (the CLI prints it) */
  onProgress?: (done: number, total: number) => void;
}

/** Staff who may write somewhere (agents, admins) import; the rows are checked one by one. */
function requireImporter(actor: Actor) {
  requireCmdbReader(actor);
  if (!actor.roles.some((r) => r.role === 'agent' || r.role === 'admin')) {
    throw forbidden('Importing needs the agent or admin role');
  }
}

export function createImportService({ db, clock }: { db: Db; clock: Clock }) {
  async function mappingFor(
    req: ImportRequest,
    headers: string[],
    suggest: (h: string[]) => Mapping['columns'],
  ): Promise<Mapping> {
    if (req.mapping) return importMappingSchema.parse(req.mapping);
    if (req.source) {
      const saved = await repo.findSource(db, req.source);
      if (saved) return importMappingSchema.parse(saved.mapping);
    }
    return importMappingSchema.parse({ columns: suggest(headers) });
  }

  return {
    /**
     * A dry run (nothing written but the report) or an apply: all-or-nothing in one transaction,
     * refused as a whole (status failed, nothing written) when any row has an error.
     */
    async run(
      actor: Actor,
      req: ImportRequest,
      suggest: (h: string[]) => Mapping['columns'],
    ): Promise<ImportReport> {
      requireImporter(actor);
      const started = Date.now();
      const file = await parseFile(req.buffer, { fileName: req.fileName, sheet: req.sheet });
      const mapping = await mappingFor(req, file.headers, suggest);
      const record = async (tx: DbOrTx, p: Plan, status: 'dry_run' | 'applied' | 'failed') =>
        repo.insertImport(tx, {
          status,
          source: req.source ?? null,
          fileName: req.fileName,
          actorId: actor.personId,
          counts: p.counts,
          ...capped(p),
          headers: p.headers,
          mapping: p.mapping,
          durationMs: Date.now() - started,
        });
      let id: number;
      if (!req.apply) {
        id = await record(db, await plan(db, actor, file, mapping, false), 'dry_run');
      } else {
        const failed = await db.transaction(async (tx) => {
          const p = await plan(tx, actor, file, mapping, true);
          if (p.counts.error > 0) return p;
          const now = clock.now();
          const creates = p.rows.filter((r) => r.kind === 'create');
          const updates = p.rows.filter((r) => r.kind === 'update');
          const ids = await repo.reserveItemIds(tx, creates.length);
          creates.forEach((r, i) => {
            r.item.id = ids[i] as number;
          });
          const total = creates.length + updates.length;
          let done = 0;
          for (const list of [creates, updates]) {
            for (let i = 0; i < list.length; i += IMPORT_CHUNK) {
              const chunk = list.slice(i, i + IMPORT_CHUNK);
              if (list === creates)
                await repo.insertItems(
                  tx,
                  chunk.map((r) => r.item),
                );
              else
                await repo.updateItems(
                  tx,
                  chunk.map((r) => r.item),
                  now,
                );
              await repo.insertEvents(
                tx,
                actor.personId,
                chunk.map((r) => ({
                  ciId: r.item.id,
                  kind: r.kind === 'create' ? 'created' : 'updated',
                  changes: { ...r.changes, import: { from: null, to: req.fileName } },
                })),
              );
              done += chunk.length;
              req.onProgress?.(done, total);
            }
          }
          if (req.source) await repo.saveSource(tx, req.source, p.mapping, actor.personId, now);
          id = await record(tx, p, 'applied');
          return null;
        });
        if (failed) id = await record(db, failed, 'failed');
      }
      // biome-ignore lint/style/noNonNullAssertion: set on every path above
      return this.get(actor, id!);
    },

    async get(actor: Actor, id: number): Promise<ImportReport> {
      requireImporter(actor);
      const r = await repo.findImport(db, id);
      if (!r || (!actor.isAdmin && r.row.actorId !== actor.personId)) throw notFound('Import');
      return toImportReport(r);
    },

    /** Admins see every import; agents their own. */
    async list(actor: Actor, limit: number) {
      requireImporter(actor);
      const rows = await repo.listImports(db, limit, actor.isAdmin ? undefined : actor.personId);
      return rows.map((r) => {
        const { errors: _e, warnings: _w, headers: _h, mapping: _m, ...summary } = toImportReport(r);
        return summary;
      });
    },

    async sources(actor: Actor) {
      requireImporter(actor);
      return (await repo.listSources(db)).map((s) => ({
        name: s.name,
        mapping: importMappingSchema.parse(s.mapping),
        updatedAt: s.updatedAt.toISOString(),
      }));
    },

    async saveSource(actor: Actor, name: string, mapping: ImportMapping) {
      requireImporter(actor);
      const parsed = importMappingSchema.parse(mapping);
      await repo.saveSource(db, name, parsed, actor.personId, clock.now());
      return { name, mapping: parsed, updatedAt: clock.now().toISOString() };
    },
  };
}
export type ImportService = ReturnType<typeof createImportService>;
