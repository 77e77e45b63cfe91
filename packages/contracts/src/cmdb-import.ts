import { z } from 'zod';
import {
  ciAttributeSchemas,
  ciClassSchema,
  ciListQuerySchema,
  ciRelationKindSchema,
  ciStatusSchema,
} from './cmdb.js';
import { errorCodes } from './errors.js';

/**
 * Core fields a file column can feed; `attributes.<key>` feeds a per-class attribute; `relation.<kind>`
 * names the items the row's item relates to (several columns may feed one kind: a link's two ends).
 */
export const importCoreFields = [
  'class',
  'name',
  'status',
  'entity',
  'site',
  'owner',
  'serialNumber',
  'inventoryNumber',
  'hostname',
] as const;
const attributeKeys = [
  ...new Set(Object.values(ciAttributeSchemas).flatMap((s) => Object.keys(s.shape))),
].sort();
export const importFieldSchema = z.union([
  z.enum(importCoreFields),
  z.templateLiteral(['attributes.', z.enum(attributeKeys as [string, ...string[]])]),
  z.templateLiteral(['relation.', ciRelationKindSchema]),
]);
export type ImportField = z.infer<typeof importFieldSchema>;

/** The keys that identify an existing item, tried in order. */
export const reconcileKeySchema = z.enum(['serialNumber', 'inventoryNumber', 'hostname']);
export type ReconcileKey = z.infer<typeof reconcileKeySchema>;
export const defaultReconcileOrder: ReconcileKey[] = ['serialNumber', 'inventoryNumber', 'hostname'];

/**
 * How a file's columns feed items: `columns` maps a header to a field (unlisted or null headers are
 * ignored); `fixed` gives a value to every row (the class of a one-class file, the entity, a status).
 */
export const importMappingSchema = z.object({
  columns: z.record(z.string().max(200), importFieldSchema.nullable()),
  fixed: z
    .object({
      class: ciClassSchema.optional(),
      status: ciStatusSchema.optional(),
      /** an entity id or name */
      entity: z.string().trim().min(1).max(200).optional(),
    })
    .default({}),
  reconcileOrder: z
    .array(reconcileKeySchema)
    .min(1)
    .max(3)
    .refine((a) => new Set(a).size === a.length, 'each key once')
    .default(defaultReconcileOrder),
});
export type ImportMapping = z.input<typeof importMappingSchema>;

export const importSourceSchema = z.object({
  name: z.string(),
  mapping: importMappingSchema,
  updatedAt: z.string(),
});
export type ImportSource = z.infer<typeof importSourceSchema>;
export const importSourceNameSchema = z
  .string()
  .trim()
  .min(1)
  .max(100)
  .regex(/^[\p{L}\p{N} ._-]+$/u, 'letters, digits, spaces, dots, dashes');

export const importSuggestBodySchema = z.object({ headers: z.array(z.string().max(200)).min(1).max(500) });
export const importSuggestionSchema = z.object({
  columns: z.record(z.string(), importFieldSchema.nullable()),
});

export const importIssueSchema = z.object({
  /** the row number as a spreadsheet shows it (the header is row 1) */
  row: z.number().int(),
  /** the item field concerned (name, site, attributes.ramGb…), or null for the whole row */
  field: z.string().nullable(),
  message: z.string(),
});
export type ImportIssue = z.infer<typeof importIssueSchema>;

export const importStatusSchema = z.enum(['dry_run', 'applied', 'failed']);
export const importCountsSchema = z.object({
  rows: z.number().int(),
  create: z.number().int(),
  update: z.number().int(),
  unchanged: z.number().int(),
  error: z.number().int(),
  /** relations the relation columns add, or find already there; absent when no column names relations */
  relations: z.object({ create: z.number().int(), unchanged: z.number().int() }).optional(),
});
export type ImportCounts = z.infer<typeof importCountsSchema>;

/** An import kept with who ran it; errors and warnings are capped (`issuesTruncated`). */
export const importReportSchema = z.object({
  id: z.number().int(),
  status: importStatusSchema,
  source: z.string().nullable(),
  fileName: z.string(),
  by: z.object({ id: z.number().int(), name: z.string() }).nullable(),
  at: z.string(),
  durationMs: z.number().int(),
  counts: importCountsSchema,
  errors: z.array(importIssueSchema),
  warnings: z.array(importIssueSchema),
  issuesTruncated: z.boolean(),
  /** the file's headers and the mapping used */
  headers: z.array(z.string()),
  mapping: importMappingSchema,
});
export type ImportReport = z.infer<typeof importReportSchema>;
export const importSummarySchema = importReportSchema.omit({
  errors: true,
  warnings: true,
  headers: true,
  mapping: true,
});
export const importListQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

/** The export takes the list's filters (all pages) and a format. */
export const ciExportQuerySchema = ciListQuerySchema
  .omit({ limit: true, cursor: true })
  .extend({ format: z.enum(['csv', 'xlsx']).default('csv') });

/** POST /cmdb/imports/preview: what the file looks like before any mapping is chosen. */
export const importPreviewSchema = z.object({
  format: z.enum(['csv', 'xlsx']),
  /** CSV only: how the bytes were decoded */
  encoding: z.enum(['utf-8', 'windows-1252']).nullable(),
  /** CSV only: the delimiter guessed from the header line */
  delimiter: z.string().nullable(),
  /** XLSX only: every sheet of the workbook, and the one read */
  sheets: z.array(z.string()),
  sheet: z.string().nullable(),
  headers: z.array(z.string()),
  /** the first data rows as displayed text (dates as YYYY-MM-DD), aligned on headers */
  rows: z.array(z.array(z.string().nullable())),
  /** the spreadsheet row number of each preview row */
  rowNumbers: z.array(z.number().int()),
  rowCount: z.number().int(),
  /** the suggested mapping, with the saved mapping of the source (when given) taking precedence */
  mapping: importMappingSchema,
  /** true when the source had a saved mapping that was used */
  fromSource: z.boolean(),
});
export type ImportPreview = z.infer<typeof importPreviewSchema>;
export const IMPORT_PREVIEW_ROWS = 10;

/**
 * The lines of POST /cmdb/imports answered as NDJSON (`Accept: application/x-ndjson`): progress lines
 * while the rows are checked then written, then one final `report` or `error` line.
 */
export const importProgressPhaseSchema = z.enum(['checking', 'writing']);
export type ImportProgressPhase = z.infer<typeof importProgressPhaseSchema>;
export const importStreamLineSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('progress'),
    phase: importProgressPhaseSchema,
    done: z.number().int(),
    total: z.number().int(),
  }),
  z.object({ type: z.literal('report'), report: importReportSchema }),
  z.object({
    type: z.literal('error'),
    error: z.object({
      code: z.enum(errorCodes),
      message: z.string(),
      errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
    }),
  }),
]);
export type ImportStreamLine = z.infer<typeof importStreamLineSchema>;
export const IMPORT_STREAM_CONTENT_TYPE = 'application/x-ndjson';
