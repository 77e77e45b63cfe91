import type { ImportCounts, ImportIssue, ImportMapping } from '@guichet/contracts';
import { boolean, index, integer, jsonb, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { at, createdAt, id, ref } from '../../../db/columns.js';
import { people } from '../../directory/index.js';

/** A source of audit files (a contractor, a campaign): its column mapping, reused on the next file. */
export const cmdbImportSources = pgTable(
  'cmdb_import_sources',
  {
    id: id(),
    name: text('name').notNull(),
    /** columns, fixed values and the reconciliation order (ImportMapping) */
    mapping: jsonb('mapping').notNull().$type<ImportMapping>(),
    createdBy: ref('created_by').references(() => people.id),
    createdAt: createdAt(),
    updatedAt: at('updated_at').notNull().defaultNow(),
  },
  (t) => [uniqueIndex('cmdb_import_sources_name_key').on(t.name)],
);

/** The report of every import, dry run or applied, with who ran it. */
export const cmdbImports = pgTable(
  'cmdb_imports',
  {
    id: id(),
    status: text('status', { enum: ['dry_run', 'applied', 'failed'] }).notNull(),
    source: text('source'),
    fileName: text('file_name').notNull(),
    actorId: ref('actor_id').references(() => people.id),
    counts: jsonb('counts').notNull().$type<ImportCounts>(),
    /** capped lists of errors and warnings */
    errors: jsonb('errors').notNull().$type<ImportIssue[]>(),
    warnings: jsonb('warnings').notNull().$type<ImportIssue[]>(),
    issuesTruncated: boolean('issues_truncated').notNull().default(false),
    headers: jsonb('headers').notNull().$type<string[]>(),
    mapping: jsonb('mapping').notNull().$type<ImportMapping>(),
    durationMs: integer('duration_ms').notNull(),
    at: createdAt(),
  },
  (t) => [index('cmdb_imports_at_idx').on(t.at, t.id)],
);
