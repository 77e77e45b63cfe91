import {
  ciExportQuerySchema,
  IMPORT_STREAM_CONTENT_TYPE,
  type ImportMapping,
  idSchema,
  importListQuerySchema,
  importMappingSchema,
  importPreviewSchema,
  importReportSchema,
  importSourceNameSchema,
  importSourceSchema,
  importSuggestBodySchema,
  importSuggestionSchema,
  importSummarySchema,
} from '@guichet/contracts';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Db } from '../../../db/client.js';
import { requireActor } from '../../../platform/auth/auth.plugin.js';
import { AppError, invalid } from '../../../platform/errors.js';
import { exportItems } from './import.export.js';
import { suggestMapping } from './import.mapping.js';
import { IMPORT_MAX_BYTES } from './import.parse.js';
import type { ImportService } from './import.service.js';
import { importLineStream } from './import.stream.js';

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
          'multipart/form-data: `file` (CSV or XLSX, at most 20 MB) and optional fields `mapping` (JSON ImportMapping), `source`, `sheet`, `apply` ("true" writes; otherwise a dry run). Answers 201 with the report: dry_run, applied, or failed (a row had an error: nothing written). With `Accept: application/x-ndjson` it answers 200 with NDJSON lines (ImportStreamLine): `progress` lines (phase checking then writing), then one `report` or `error` line; request errors found before the stream starts still answer 400.',
        tags,
        consumes: ['multipart/form-data'],
        response: { 201: importReportSchema },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      const form = await readImportForm(request);
      const mapping = parseMappingField(form.fields.mapping);
      const req = {
        ...form.file,
        sheet: form.fields.sheet || undefined,
        source: parseSourceField(form.fields.source),
        mapping,
        apply: form.fields.apply === 'true',
      };
      if (!wantsStream(request)) {
        const report = await imports.run(actor, req, suggestMapping);
        return reply.status(201).send(report);
      }
      // parse before answering, so a malformed file is still a plain 400
      const prepared = await imports.prepare(actor, req, suggestMapping);
      const out = importLineStream(request.log);
      prepared.req.onChecking = out.progress('checking');
      prepared.req.onProgress = out.progress('writing');
      void imports.execute(actor, prepared).then(out.report, out.fail);
      // the typed reply knows only the 201 JSON report; this answer is a stream of lines
      const streamed = reply as unknown as FastifyReply;
      return streamed
        .status(200)
        .header('content-type', `${IMPORT_STREAM_CONTENT_TYPE}; charset=utf-8`)
        .header('cache-control', 'no-store')
        .header('x-accel-buffering', 'no') // a reverse proxy must pass the lines as they come
        .send(out.stream);
    },
  );

  r.post(
    '/cmdb/imports/preview',
    {
      schema: {
        operationId: 'previewCiImport',
        description:
          'multipart/form-data: `file` (CSV or XLSX, at most 20 MB) and optional `sheet` and `source`. Parses only: the format, encoding, delimiter, sheets, headers, the first rows, the row count and the mapping a dry run would start from (the saved mapping of the source over the suggestion). Writes nothing.',
        tags,
        consumes: ['multipart/form-data'],
        response: { 200: importPreviewSchema },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const form = await readImportForm(request);
      return imports.preview(
        actor,
        { ...form.file, sheet: form.fields.sheet || undefined, source: parseSourceField(form.fields.source) },
        suggestMapping,
      );
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

const wantsStream = (request: FastifyRequest) =>
  (request.headers.accept ?? '').toLowerCase().includes(IMPORT_STREAM_CONTENT_TYPE);

/** The import form: one file (at most 20 MB) and a few text fields. */
async function readImportForm(request: FastifyRequest) {
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
  return { file, fields };
}

function parseMappingField(raw: string | undefined): ImportMapping | undefined {
  if (!raw) return undefined;
  let mapping: unknown;
  try {
    mapping = JSON.parse(raw);
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
  return parsed.data;
}

function parseSourceField(raw: string | undefined): string | undefined {
  if (!raw) return undefined;
  const source = importSourceNameSchema.safeParse(raw);
  if (!source.success) throw invalid('source', source.error.issues[0]?.message ?? 'invalid');
  return source.data;
}
