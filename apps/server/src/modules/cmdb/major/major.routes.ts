import {
  majorIncidentCreatedSchema,
  majorIncidentCreateSchema,
  majorIncidentSuggestionsQuerySchema,
  majorIncidentSuggestionsSchema,
} from '@guichet/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireActor } from '../../../platform/auth/auth.plugin.js';
import type { MajorIncidentService } from './major.service.js';

const tags = ['cmdb'];

/** Major incidents: grouping suggestions for the desk, and the grouping. */
export async function cmdbMajorIncidentRoutes(app: FastifyInstance, opts: { major: MajorIncidentService }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/cmdb/major-incident-suggestions',
    {
      schema: {
        operationId: 'getMajorIncidentSuggestions',
        tags,
        querystring: majorIncidentSuggestionsQuerySchema,
        response: { 200: majorIncidentSuggestionsSchema },
      },
    },
    async (request) => opts.major.suggestions(requireActor(request), request.query),
  );
  r.post(
    '/cmdb/major-incidents',
    {
      schema: {
        operationId: 'createMajorIncident',
        tags,
        body: majorIncidentCreateSchema,
        headers: z.object({ 'idempotency-key': z.string().max(200).optional() }),
        response: { 201: majorIncidentCreatedSchema },
      },
    },
    async (request, reply) => {
      const result = await opts.major.create(
        requireActor(request),
        request.body,
        request.headers['idempotency-key'],
      );
      if (result.replayed) reply.header('idempotent-replayed', 'true');
      return reply.status(201).send(result.body);
    },
  );
}
