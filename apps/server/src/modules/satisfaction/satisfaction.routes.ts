import { satisfactionInputSchema, ticketNumberSchema, ticketSatisfactionSchema } from '@guichet/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireActor } from '../../platform/auth/auth.plugin.js';
import type { SatisfactionService } from './satisfaction.service.js';

const tags = ['satisfaction'];
const numberParams = z.object({ number: ticketNumberSchema });

/** A ticket's resolution survey: read by whoever sees the ticket, answered by its requester only. */
export async function satisfactionRoutes(app: FastifyInstance, opts: { satisfaction: SatisfactionService }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { satisfaction } = opts;

  r.get(
    '/tickets/:number/satisfaction',
    {
      schema: {
        operationId: 'getTicketSatisfaction',
        tags,
        params: numberParams,
        response: { 200: ticketSatisfactionSchema },
      },
    },
    async (request) => satisfaction.get(requireActor(request), request.params.number),
  );

  r.put(
    '/tickets/:number/satisfaction',
    {
      schema: {
        operationId: 'answerTicketSatisfaction',
        tags,
        params: numberParams,
        body: satisfactionInputSchema,
        response: { 200: ticketSatisfactionSchema },
      },
    },
    async (request) => satisfaction.answer(requireActor(request), request.params.number, request.body),
  );
}
