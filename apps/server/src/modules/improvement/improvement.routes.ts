import {
  idSchema,
  improvementActionCreateSchema,
  improvementActionSchema,
  improvementActionUpdateSchema,
  improvementPlanCreateSchema,
  improvementPlanListQuerySchema,
  improvementPlanSchema,
  improvementPlanUpdateSchema,
} from '@guichet/contracts';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Db } from '../../db/client.js';
import { requireActor } from '../../platform/auth/auth.plugin.js';
import { createdOnce } from '../../platform/http/idempotency.js';
import type { ImprovementService } from './improvement.service.js';

const tags = ['improvement'];
const idParams = z.object({ id: idSchema });
const idempotencyHeaders = z.object({ 'idempotency-key': z.string().max(200).optional() });

/** Continual improvement plans and their actions: staff read, coordinators and admins write. */
export async function improvementRoutes(
  app: FastifyInstance,
  opts: { improvement: ImprovementService; db: Db },
) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { improvement } = opts;

  const created = <T>(request: FastifyRequest, reply: FastifyReply, run: () => Promise<T>) =>
    createdOnce(opts.db, request, reply, run);

  r.get(
    '/improvement/plans',
    {
      schema: {
        operationId: 'listImprovementPlans',
        tags,
        querystring: improvementPlanListQuerySchema,
        response: { 200: z.array(improvementPlanSchema) },
      },
    },
    async (request) => improvement.listPlans(requireActor(request), request.query),
  );

  r.post(
    '/improvement/plans',
    {
      schema: {
        operationId: 'createImprovementPlan',
        tags,
        headers: idempotencyHeaders,
        body: improvementPlanCreateSchema,
        response: { 201: improvementPlanSchema },
      },
    },
    async (request, reply) =>
      created(request, reply, () => improvement.createPlan(requireActor(request), request.body)),
  );

  r.get(
    '/improvement/plans/:id',
    {
      schema: {
        operationId: 'getImprovementPlan',
        tags,
        params: idParams,
        response: { 200: improvementPlanSchema },
      },
    },
    async (request) => improvement.getPlan(requireActor(request), request.params.id),
  );

  r.patch(
    '/improvement/plans/:id',
    {
      schema: {
        operationId: 'updateImprovementPlan',
        tags,
        params: idParams,
        body: improvementPlanUpdateSchema,
        response: { 200: improvementPlanSchema },
      },
    },
    async (request) => improvement.updatePlan(requireActor(request), request.params.id, request.body),
  );

  r.delete(
    '/improvement/plans/:id',
    {
      schema: { operationId: 'deleteImprovementPlan', tags, params: idParams, response: { 204: z.null() } },
    },
    async (request, reply) => {
      await improvement.deletePlan(requireActor(request), request.params.id);
      return reply.status(204).send(null);
    },
  );

  r.post(
    '/improvement/plans/:id/actions',
    {
      schema: {
        operationId: 'createImprovementAction',
        tags,
        params: idParams,
        headers: idempotencyHeaders,
        body: improvementActionCreateSchema,
        response: { 201: improvementActionSchema },
      },
    },
    async (request, reply) =>
      created(request, reply, () =>
        improvement.createAction(requireActor(request), request.params.id, request.body),
      ),
  );

  r.patch(
    '/improvement/actions/:id',
    {
      schema: {
        operationId: 'updateImprovementAction',
        tags,
        params: idParams,
        body: improvementActionUpdateSchema,
        response: { 200: improvementActionSchema },
      },
    },
    async (request) => improvement.updateAction(requireActor(request), request.params.id, request.body),
  );

  r.delete(
    '/improvement/actions/:id',
    {
      schema: { operationId: 'deleteImprovementAction', tags, params: idParams, response: { 204: z.null() } },
    },
    async (request, reply) => {
      await improvement.deleteAction(requireActor(request), request.params.id);
      return reply.status(204).send(null);
    },
  );
}
