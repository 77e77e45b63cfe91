import { z } from 'zod';
import { ciAttributeSchemas, ciClassSchema, ciListQuerySchema, ciStatusSchema } from './cmdb.js';

/** Core fields a file column can feed; `attributes.<key>` feeds a per-class attribute. */
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
