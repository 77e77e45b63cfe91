import {
  ciExportQuerySchema,
  idSchema,
  importListQuerySchema,
  importMappingSchema,
  importReportSchema,
  importSourceNameSchema,
  importSourceSchema,
  importSuggestBodySchema,
  importSuggestionSchema,
  importSummarySchema,
} from '@guichet/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Db } from '../../../db/client.js';
import { requireActor } from '../../../platform/auth/auth.plugin.js';
import { AppError, invalid } from '../../../platform/errors.js';
import { exportItems } from './import.export.js';
import { suggestMapping } from './import.mapping.js';
import { IMPORT_MAX_BYTES } from './import.parse.js';
import type { ImportService } from './import.service.js';

const tags = ['cmdb'];

/**
 * Imports of audit spreadsheets (dry run, apply, reports, saved mappings per source) and the export of
 * the filtered inventory. The apply answers when done (one transaction).
 */
export async function cmdbImportRoutes(app: FastifyInstance, opts: { imports: ImportService; db: Db }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { imports } = opts;

  r.post(
    '/cmdb/imports',
    {
      schema: {
        operationId: 'importCis',
        description:
          'multipart/form-data: `file` (CSV or XLSX, at most 20 MB) and optional fields `mapping` (JSON ImportMapping), `source`, `sheet`, `apply` ("true" writes; otherwise a dry run). Answers 201 with the report: dry_run, applied, or failed (a row had an error: nothing written).',
        tags,
        consumes: ['multipart/form-data'],
        response: { 201: importReportSchema },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      if (!request.isMultipart()) {
        throw new AppError('unsupported_media_type', 'Send the file as multipart/form-data');
      }
      const fields: Record<string, string> = {};
      let file: { buffer: Buffer; fileName: string } | undefined;
      for await (const part of request.parts({
        limits: { fileSize: IMPORT_MAX_BYTES, files: 1, fields: 10 },
      })) {
        if (part.type === 'file') {
          const buffer = await part.toBuffer();
          file = { buffer, fileName: part.filename || 'import' };
        } else fields[part.fieldname] = String(part.value);
      }
      if (!file) throw invalid('file', 'no file in the request');
      let mapping: unknown;
      if (fields.mapping) {
        try {
          mapping = JSON.parse(fields.mapping);
        } catch {
          throw invalid('mapping', 'not JSON');
        }
        const parsed = importMappingSchema.safeParse(mapping);
        if (!parsed.success) {
          const errors = parsed.error.issues.map((i) => ({
            path: ['mapping', ...i.path.map(String)].join('.'),
            message: i.message,
          }));
          throw new AppError('validation_failed', errors.map((e) => `${e.path}: ${e.message}`).join('; '), {
            errors,
          });
        }
        mapping = parsed.data;
      }
      const source = fields.source ? importSourceNameSchema.safeParse(fields.source) : undefined;
      if (source && !source.success) throw invalid('source', source.error.issues[0]?.message ?? 'invalid');
      const report = await imports.run(
        actor,
        {
          ...file,
          sheet: fields.sheet || undefined,
          source: source?.data,
          mapping: mapping as z.input<typeof importMappingSchema> | undefined,
          apply: fields.apply === 'true',
        },
        suggestMapping,
      );
      return reply.status(201).send(report);
    },
  );

  r.get(
    '/cmdb/imports',
    {
      schema: {
        operationId: 'listCiImports',
        tags,
        querystring: importListQuerySchema,
        response: { 200: z.array(importSummarySchema) },
      },
    },
    async (request) => imports.list(requireActor(request), request.query.limit),
  );

  r.get(
    '/cmdb/imports/:id',
    {
      schema: {
        operationId: 'getCiImport',
        tags,
        params: z.object({ id: idSchema }),
        response: { 200: importReportSchema },
      },
    },
    async (request) => imports.get(requireActor(request), request.params.id),
  );

  r.post(
    '/cmdb/imports/mapping-suggestion',
    {
      schema: {
        operationId: 'suggestCiImportMapping',
        tags,
        body: importSuggestBodySchema,
        response: { 200: importSuggestionSchema },
      },
    },
    async (request) => {
      requireActor(request);
      return { columns: suggestMapping(request.body.headers) };
    },
  );

  r.get(
    '/cmdb/import-sources',
    { schema: { operationId: 'listCiImportSources', tags, response: { 200: z.array(importSourceSchema) } } },
    async (request) => imports.sources(requireActor(request)),
  );

  r.put(
    '/cmdb/import-sources/:name',
    {
      schema: {
        operationId: 'saveCiImportSource',
        tags,
        params: z.object({ name: importSourceNameSchema }),
        body: importMappingSchema,
        response: { 200: importSourceSchema },
      },
    },
    async (request) => imports.saveSource(requireActor(request), request.params.name, request.body),
  );

  r.get(
    '/cmdb/items/export',
    {
      schema: {
        operationId: 'exportCis',
        description: "The filtered list, every page, as CSV (UTF-8, `;`) or XLSX; the list's filters apply.",
        tags,
        querystring: ciExportQuerySchema,
      },
    },
    async (request, reply) => {
      const out = exportItems(opts.db, requireActor(request), request.query);
      reply
        .header('content-type', out.contentType)
        .header('content-disposition', `attachment; filename="${out.fileName}"`)
        .header('cache-control', 'no-store');
      return reply.send(out.stream);
    },
  );
}
