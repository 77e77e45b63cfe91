import {
  commentCreateSchema,
  commentSchema,
  idSchema,
  linkCreateSchema,
  queueCountsSchema,
  reopenBodySchema,
  ticketCreateSchema,
  ticketEventSchema,
  ticketListQuerySchema,
  ticketNumberSchema,
  ticketPageSchema,
  ticketSchema,
  ticketUpdateSchema,
} from '@guichet/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Db } from '../../db/client.js';
import { requireActor } from '../../platform/auth/auth.plugin.js';
import { AppError, invalid } from '../../platform/errors.js';
import type { TicketService } from './ticket.service.js';

const numberParams = z.object({ number: ticketNumberSchema });
const tags = ['tickets'];

/** If-Match carries the version the client read ("3" or W/"3"). */
function ifMatchVersion(header: string | undefined): number | undefined {
  if (!header) return undefined;
  const m = /^(?:W\/)?"?(\d+)"?$/.exec(header.trim());
  if (!m?.[1]) throw invalid('headers.if-match', 'expected the ticket version, e.g. "3"');
  return Number(m[1]);
}

export async function ticketRoutes(app: FastifyInstance, opts: { tickets: TicketService; db: Db }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { tickets } = opts;

  r.post(
    '/tickets',
    {
      schema: {
        operationId: 'createTicket',
        tags,
        body: ticketCreateSchema,
        headers: z.object({ 'idempotency-key': z.string().max(200).optional() }),
        response: { 201: ticketSchema },
      },
    },
    async (request, reply) => {
      const result = await tickets.create(
        requireActor(request),
        request.body,
        request.headers['idempotency-key'],
      );
      if (result.replayed) reply.header('idempotent-replayed', 'true');
      return reply.status(201).send(result.ticket);
    },
  );

  r.get(
    '/tickets',
    {
      schema: {
        operationId: 'listTickets',
        tags,
        querystring: ticketListQuerySchema,
        response: { 200: ticketPageSchema },
      },
    },
    async (request) => tickets.list(requireActor(request), request.query),
  );

  r.get(
    '/tickets/counts',
    { schema: { operationId: 'queueCounts', tags, response: { 200: queueCountsSchema } } },
    async (request) => tickets.counts(requireActor(request)),
  );

  r.get(
    '/tickets/:number',
    { schema: { operationId: 'getTicket', tags, params: numberParams, response: { 200: ticketSchema } } },
    async (request, reply) => {
      const ticket = await tickets.get(requireActor(request), request.params.number);
      reply.header('etag', `"${ticket.version}"`);
      return ticket;
    },
  );

  r.patch(
    '/tickets/:number',
    {
      schema: {
        operationId: 'updateTicket',
        tags,
        params: numberParams,
        body: ticketUpdateSchema,
        response: { 200: ticketSchema },
      },
    },
    async (request, reply) => {
      const ticket = await tickets.update(
        requireActor(request),
        request.params.number,
        request.body,
        ifMatchVersion(request.headers['if-match']),
      );
      reply.header('etag', `"${ticket.version}"`);
      return ticket;
    },
  );

  r.post(
    '/tickets/:number/comments',
    {
      schema: {
        operationId: 'addComment',
        tags,
        params: numberParams,
        body: commentCreateSchema,
        response: { 201: commentSchema },
      },
    },
    async (request, reply) => {
      const c = await tickets.comment(
        requireActor(request),
        request.params.number,
        request.body.body,
        request.body.visibility,
      );
      return reply.status(201).send(c);
    },
  );

  r.get(
    '/tickets/:number/events',
    {
      schema: {
        operationId: 'listTicketEvents',
        tags,
        params: numberParams,
        response: { 200: z.array(ticketEventSchema) },
      },
    },
    async (request) => tickets.events(requireActor(request), request.params.number),
  );

  r.post(
    '/tickets/:number/confirm',
    {
      schema: {
        operationId: 'confirmResolution',
        tags,
        params: numberParams,
        response: { 200: ticketSchema },
      },
    },
    async (request) => tickets.confirm(requireActor(request), request.params.number),
  );

  r.post(
    '/tickets/:number/reopen',
    {
      schema: {
        operationId: 'reopenTicket',
        tags,
        params: numberParams,
        body: reopenBodySchema,
        response: { 200: ticketSchema },
      },
    },
    async (request) => tickets.reopen(requireActor(request), request.params.number, request.body.reason),
  );

  r.post(
    '/tickets/:number/links',
    {
      schema: {
        operationId: 'linkTickets',
        tags,
        params: numberParams,
        body: linkCreateSchema,
        response: { 201: ticketSchema },
      },
    },
    async (request, reply) => {
      const t = await tickets.link(
        requireActor(request),
        request.params.number,
        request.body.kind,
        request.body.target,
      );
      return reply.status(201).send(t);
    },
  );

  r.delete(
    '/tickets/:number/links/:linkId',
    {
      schema: {
        operationId: 'unlinkTickets',
        tags,
        params: numberParams.extend({ linkId: idSchema }),
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      await tickets.unlink(requireActor(request), request.params.number, request.params.linkId);
      return reply.status(204).send(null);
    },
  );

  r.post(
    '/tickets/:number/attachments',
    {
      schema: {
        operationId: 'uploadAttachment',
        tags,
        params: numberParams,
        consumes: ['multipart/form-data'],
        response: {
          201: z.object({
            id: z.number().int(),
            fileName: z.string(),
            contentType: z.string(),
            size: z.number().int(),
            createdAt: z.string(),
          }),
        },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      if (!request.isMultipart())
        throw new AppError('unsupported_media_type', 'Send the file as multipart/form-data');
      const file = await request.file();
      if (!file) throw invalid('file', 'no file in the request');
      const a = await tickets.attach(actor, request.params.number, file);
      return reply.status(201).send(a);
    },
  );

  r.get(
    '/attachments/:id',
    { schema: { operationId: 'downloadAttachment', tags, params: z.object({ id: idSchema }) } },
    async (request, reply) => {
      const a = await tickets.download(requireActor(request), request.params.id);
      reply
        .header('content-type', a.contentType)
        .header('content-length', a.size)
        .header('x-content-type-options', 'nosniff')
        .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(a.fileName)}`);
      return reply.send(a.stream);
    },
  );
}
