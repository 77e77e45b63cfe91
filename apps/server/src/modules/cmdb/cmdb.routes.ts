import {
  ciEventSchema,
  ciGraphQuerySchema,
  ciGraphSchema,
  ciInputSchema,
  ciListQuerySchema,
  ciPageSchema,
  ciRelationCreateSchema,
  ciRelationSchema,
  ciSchema,
  ciSummarySchema,
  ciTicketSchema,
  ciUpdateSchema,
  idSchema,
  ticketItemsBodySchema,
  ticketNumberSchema,
} from '@guichet/contracts';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Db } from '../../db/client.js';
import { requireActor } from '../../platform/auth/auth.plugin.js';
import { invalid } from '../../platform/errors.js';
import { createdOnce } from '../../platform/http/idempotency.js';
import type { CmdbService } from './cmdb.service.js';

const tags = ['cmdb'];
const idParams = z.object({ id: idSchema });
const numberParams = z.object({ number: ticketNumberSchema });
const idempotencyHeaders = z.object({ 'idempotency-key': z.string().max(200).optional() });

/** If-Match carries the version the client read ("3" or W/"3"). */
function ifMatchVersion(header: string | undefined): number | undefined {
  if (!header) return undefined;
  const m = /^(?:W\/)?"?(\d+)"?$/.exec(header.trim());
  if (!m?.[1]) throw invalid('headers.if-match', 'expected the item version, e.g. "3"');
  return Number(m[1]);
}

/**
 * The CMDB API: items (list, search, create, update), relations and the graph around an item, its
 * history, and links between tickets and items. Who may do what is in cmdb.policy.ts.
 */
export async function cmdbRoutes(app: FastifyInstance, opts: { cmdb: CmdbService; db: Db }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { cmdb } = opts;

  const created = <T>(request: FastifyRequest, reply: FastifyReply, run: () => Promise<T>) =>
    createdOnce(opts.db, request, reply, run);

  // --------------------------------------------------------------------------------------------- items
  r.get(
    '/cmdb/items',
    {
      schema: {
        operationId: 'listCis',
        tags,
        querystring: ciListQuerySchema,
        response: { 200: ciPageSchema },
      },
    },
    async (request) => cmdb.list(requireActor(request), request.query),
  );

  r.post(
    '/cmdb/items',
    {
      schema: {
        operationId: 'createCi',
        tags,
        body: ciInputSchema,
        headers: idempotencyHeaders,
        response: { 201: ciSchema },
      },
    },
    async (request, reply) => created(request, reply, () => cmdb.create(requireActor(request), request.body)),
  );

  r.get(
    '/cmdb/items/:id',
    { schema: { operationId: 'getCi', tags, params: idParams, response: { 200: ciSchema } } },
    async (request) => cmdb.get(requireActor(request), request.params.id),
  );

  r.patch(
    '/cmdb/items/:id',
    {
      schema: {
        operationId: 'updateCi',
        tags,
        params: idParams,
        body: ciUpdateSchema,
        headers: z.object({ 'if-match': z.string().max(50).optional() }),
        response: { 200: ciSchema },
      },
    },
    async (request) =>
      cmdb.update(
        requireActor(request),
        request.params.id,
        request.body,
        ifMatchVersion(request.headers['if-match']),
      ),
  );

  // ------------------------------------------------------------------------------- relations and graph
  r.get(
    '/cmdb/items/:id/relations',
    {
      schema: {
        operationId: 'listCiRelations',
        tags,
        params: idParams,
        response: { 200: z.array(ciRelationSchema) },
      },
    },
    async (request) => cmdb.relations(requireActor(request), request.params.id),
  );

  r.post(
    '/cmdb/relations',
    {
      schema: {
        operationId: 'createCiRelation',
        tags,
        body: ciRelationCreateSchema,
        response: { 201: ciRelationSchema },
      },
    },
    async (request, reply) => reply.status(201).send(await cmdb.relate(requireActor(request), request.body)),
  );

  r.delete(
    '/cmdb/relations/:id',
    {
      schema: { operationId: 'deleteCiRelation', tags, params: idParams, response: { 204: z.null() } },
    },
    async (request, reply) => {
      await cmdb.unrelate(requireActor(request), request.params.id);
      return reply.status(204).send(null);
    },
  );

  r.get(
    '/cmdb/items/:id/graph',
    {
      schema: {
        operationId: 'getCiGraph',
        tags,
        params: idParams,
        querystring: ciGraphQuerySchema,
        response: { 200: ciGraphSchema },
      },
    },
    async (request) => cmdb.graph(requireActor(request), request.params.id, request.query.depth),
  );

  // ---------------------------------------------------------------------------------- history, tickets
  r.get(
    '/cmdb/items/:id/events',
    {
      schema: {
        operationId: 'listCiEvents',
        tags,
        params: idParams,
        response: { 200: z.array(ciEventSchema) },
      },
    },
    async (request) => cmdb.events(requireActor(request), request.params.id),
  );

  r.get(
    '/cmdb/items/:id/tickets',
    {
      schema: {
        operationId: 'listCiTickets',
        tags,
        params: idParams,
        response: { 200: z.array(ciTicketSchema) },
      },
    },
    async (request) => cmdb.ticketsOfItem(requireActor(request), request.params.id),
  );

  r.get(
    '/tickets/:number/items',
    {
      schema: {
        operationId: 'listTicketItems',
        tags,
        params: numberParams,
        response: { 200: z.array(ciSummarySchema) },
      },
    },
    async (request) => cmdb.itemsOfTicket(requireActor(request), request.params.number),
  );

  r.post(
    '/tickets/:number/items',
    {
      schema: {
        operationId: 'linkTicketItem',
        tags,
        params: numberParams,
        body: ticketItemsBodySchema,
        response: { 201: ciSummarySchema },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await cmdb.linkTicket(requireActor(request), request.params.number, request.body.itemId)),
  );

  r.delete(
    '/tickets/:number/items/:itemId',
    {
      schema: {
        operationId: 'unlinkTicketItem',
        tags,
        params: numberParams.extend({ itemId: idSchema }),
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      await cmdb.unlinkTicket(requireActor(request), request.params.number, request.params.itemId);
      return reply.status(204).send(null);
    },
  );

  r.get(
    '/people/:id/items',
    {
      schema: {
        operationId: 'listPersonItems',
        tags,
        params: idParams,
        response: { 200: z.array(ciSummarySchema) },
      },
    },
    async (request) => cmdb.itemsOfPerson(requireActor(request), request.params.id),
  );
}
