import { ciImpactSchema, idSchema } from '@guichet/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireActor } from '../../../platform/auth/auth.plugin.js';
import type { ImpactService } from './impact.service.js';

/** GET /cmdb/items/:id/impact: what fails when the item fails (see impact.repository.ts). */
export async function cmdbImpactRoutes(app: FastifyInstance, opts: { impact: ImpactService }) {
  app.withTypeProvider<ZodTypeProvider>().get(
    '/cmdb/items/:id/impact',
    {
      schema: {
        operationId: 'getCiImpact',
        tags: ['cmdb'],
        params: z.object({ id: idSchema }),
        response: { 200: ciImpactSchema },
      },
    },
    async (request) => opts.impact.impact(requireActor(request), request.params.id),
  );
}
