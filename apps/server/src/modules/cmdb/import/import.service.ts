import {
  IMPORT_PREVIEW_ROWS,
  type ImportMapping,
  type ImportPreview,
  type ImportReport,
  importMappingSchema,
} from '@guichet/contracts';
import type { Db, DbOrTx } from '../../../db/client.js';
import type { Actor } from '../../../platform/auth/actor.js';
import type { Clock } from '../../../platform/clock.js';
import { forbidden, notFound } from '../../../platform/errors.js';
import { requireCmdbReader } from '../cmdb.policy.js';
import { text } from './import.cells.js';
import { mergeMapping } from './import.mapping.js';
import { type ParsedFile, parseFile, rowNumber } from './import.parse.js';
import { type Mapping, type Plan, plan } from './import.plan.js';
import { insertPlannedRelations } from './import.relations.js';
import * as repo from './import.repository.js';

/** Rows per statement when applying. */
export const IMPORT_CHUNK = 1000;
/** Errors and warnings kept in a report. */
const MAX_ISSUES = 1000;

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
  /** called while the rows are checked (every few hundred rows) */
  onChecking?: (done: number, total: number) => void;
}

/** A file parsed and its mapping resolved: what an import needs before it starts checking rows. */
export interface PreparedImport {
  req: ImportRequest;
  file: ParsedFile;
  mapping: Mapping;
  started: number;
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
    /** A dry run or an apply, in one call (prepare then execute). */
    async run(
      actor: Actor,
      req: ImportRequest,
      suggest: (h: string[]) => Mapping['columns'],
    ): Promise<ImportReport> {
      return this.execute(actor, await this.prepare(actor, req, suggest));
    },

    /**
     * Checks the rights, parses the file and resolves the mapping: every error here (malformed file,
     * unknown sheet) is thrown before anything is checked or written, so HTTP can still answer 400.
     */
    async prepare(
      actor: Actor,
      req: ImportRequest,
      suggest: (h: string[]) => Mapping['columns'],
    ): Promise<PreparedImport> {
      requireImporter(actor);
      const started = Date.now();
      const file = await parseFile(req.buffer, { fileName: req.fileName, sheet: req.sheet });
      const mapping = await mappingFor(req, file.headers, suggest);
      return { req, file, mapping, started };
    },

    /**
     * A dry run (nothing written but the report) or an apply: all-or-nothing in one transaction,
     * refused as a whole (status failed, nothing written) when any row has an error.
     */
    async execute(actor: Actor, prepared: PreparedImport): Promise<ImportReport> {
      requireImporter(actor);
      const { req, file, mapping, started } = prepared;
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
        id = await record(db, await plan(db, actor, file, mapping, false, req.onChecking), 'dry_run');
      } else {
        const failed = await db.transaction(async (tx) => {
          const p = await plan(tx, actor, file, mapping, true, req.onChecking);
          if (p.counts.error > 0) return p;
          const now = clock.now();
          const creates = p.rows.filter((r) => r.kind === 'create');
          const updates = p.rows.filter((r) => r.kind === 'update');
          const ids = await repo.reserveItemIds(tx, creates.length);
          creates.forEach((r, i) => {
            r.item.id = ids[i] as number;
          });
          const total = creates.length + updates.length + p.relations.length;
          let done = 0;
          // one history line per item and import: its fields, and the relations it gained
          const history = new Map<number, repo.ItemEvent>();
          const imported = { from: null, to: req.fileName };
          for (const list of [creates, updates]) {
            for (let i = 0; i < list.length; i += IMPORT_CHUNK) {
              const chunk = list.slice(i, i + IMPORT_CHUNK);
              const items = chunk.map((r) => r.item);
              if (list === creates) await repo.insertItems(tx, items);
              else await repo.updateItems(tx, items, now);
              for (const r of chunk) {
                const kind = r.kind === 'create' ? 'created' : 'updated';
                history.set(r.item.id, {
                  ciId: r.item.id,
                  kind,
                  changes: { ...r.changes, import: imported },
                });
              }
              done += chunk.length;
              req.onProgress?.(done, total);
            }
          }
          // relations once every row has its id
          const idOfRow = (row: number) => (p.rows[row] as Plan['rows'][number]).item.id;
          for (let i = 0; i < p.relations.length; i += IMPORT_CHUNK) {
            const chunk = p.relations.slice(i, i + IMPORT_CHUNK);
            for (const added of await insertPlannedRelations(tx, chunk, idOfRow, actor.personId)) {
              for (const end of [added.source.id, added.target.id]) {
                const line = history.get(end) ?? {
                  ciId: end,
                  kind: 'related',
                  changes: { import: imported },
                };
                const list = (line.changes.relations as { to: unknown[] } | undefined)?.to ?? [];
                line.changes.relations = { from: null, to: [...list, added] };
                history.set(end, line);
              }
            }
            done += chunk.length;
            req.onProgress?.(done, total);
          }
          const lines = [...history.values()];
          for (let i = 0; i < lines.length; i += IMPORT_CHUNK) {
            await repo.insertEvents(tx, actor.personId, lines.slice(i, i + IMPORT_CHUNK));
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

    /** Parses only: the file's shape, its first rows and the mapping a dry run would use. */
    async preview(
      actor: Actor,
      req: { buffer: Buffer; fileName: string; sheet?: string; source?: string },
      suggest: (h: string[]) => Mapping['columns'],
    ): Promise<ImportPreview> {
      requireImporter(actor);
      const file = await parseFile(req.buffer, { fileName: req.fileName, sheet: req.sheet });
      const saved = req.source ? await repo.findSource(db, req.source) : undefined;
      const mapping = mergeMapping(
        file.headers,
        suggest(file.headers),
        saved ? importMappingSchema.parse(saved.mapping) : undefined,
      );
      const shown = file.rows.slice(0, IMPORT_PREVIEW_ROWS);
      return {
        format: file.format,
        encoding: file.encoding ?? null,
        delimiter: file.delimiter ?? null,
        sheets: file.sheets ?? [],
        sheet: file.sheet ?? null,
        headers: file.headers,
        rows: shown.map((r) => r.map((c) => text(c))),
        rowNumbers: shown.map((_, i) => rowNumber(file, i)),
        rowCount: file.rows.length,
        mapping,
        fromSource: saved !== undefined,
      };
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
