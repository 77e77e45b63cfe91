import {
  calendarInputSchema,
  calendarPreviewResultSchema,
  calendarPreviewSchema,
  calendarSchema,
  idSchema,
  slaPolicyInputSchema,
  slaPolicySchema,
  ticketNumberSchema,
  ticketSlaSchema,
} from '@guichet/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireActor } from '../../platform/auth/auth.plugin.js';
import type { CalendarService } from './calendar.service.js';
import type { PolicyService } from './policy.service.js';
import type { createTicketSlaView } from './ticket-sla.view.js';

const idParams = z.object({ id: idSchema });
const version = z.object({ version: z.number().int().positive().optional() });

/** Business calendars, service levels and a ticket's clocks. Reads: staff; writes: administrators. */
export async function slaRoutes(
  app: FastifyInstance,
  opts: {
    calendars: CalendarService;
    policies: PolicyService;
    ticketSlas: ReturnType<typeof createTicketSlaView>;
  },
) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { calendars, policies } = opts;

  r.get(
    '/sla/calendars',
    { schema: { operationId: 'listCalendars', tags: ['slas'], response: { 200: z.array(calendarSchema) } } },
    async (request) => calendars.list(requireActor(request)),
  );
  r.post(
    '/sla/calendars',
    {
      schema: {
        operationId: 'createCalendar',
        tags: ['slas'],
        body: calendarInputSchema,
        response: { 201: calendarSchema },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await calendars.create(requireActor(request), request.body)),
  );
  r.post(
    '/sla/calendars/preview',
    {
      schema: {
        operationId: 'previewCalendar',
        tags: ['slas'],
        body: calendarPreviewSchema,
        response: { 200: calendarPreviewResultSchema },
      },
    },
    async (request) => {
      requireActor(request);
      return calendars.preview(request.body);
    },
  );
  r.get(
    '/sla/calendars/:id',
    {
      schema: {
        operationId: 'getCalendar',
        tags: ['slas'],
        params: idParams,
        response: { 200: calendarSchema },
      },
    },
    async (request) => calendars.get(requireActor(request), request.params.id),
  );
  r.put(
    '/sla/calendars/:id',
    {
      schema: {
        operationId: 'updateCalendar',
        tags: ['slas'],
        params: idParams,
        body: calendarInputSchema.extend(version.shape),
        response: { 200: calendarSchema },
      },
    },
    async (request) => calendars.update(requireActor(request), request.params.id, request.body),
  );
  r.delete(
    '/sla/calendars/:id',
    { schema: { operationId: 'deleteCalendar', tags: ['slas'], params: idParams } },
    async (request, reply) => {
      await calendars.remove(requireActor(request), request.params.id);
      return reply.status(204).send();
    },
  );

  r.get(
    '/sla/policies',
    {
      schema: { operationId: 'listSlaPolicies', tags: ['slas'], response: { 200: z.array(slaPolicySchema) } },
    },
    async (request) => policies.list(requireActor(request)),
  );
  r.post(
    '/sla/policies',
    {
      schema: {
        operationId: 'createSlaPolicy',
        tags: ['slas'],
        body: slaPolicyInputSchema,
        response: { 201: slaPolicySchema },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await policies.create(requireActor(request), request.body)),
  );
  r.get(
    '/sla/policies/:id',
    {
      schema: {
        operationId: 'getSlaPolicy',
        tags: ['slas'],
        params: idParams,
        response: { 200: slaPolicySchema },
      },
    },
    async (request) => policies.get(requireActor(request), request.params.id),
  );
  r.put(
    '/sla/policies/:id',
    {
      schema: {
        operationId: 'updateSlaPolicy',
        tags: ['slas'],
        params: idParams,
        body: slaPolicyInputSchema.and(version),
        response: { 200: slaPolicySchema },
      },
    },
    async (request) => policies.update(requireActor(request), request.params.id, request.body),
  );
  r.delete(
    '/sla/policies/:id',
    { schema: { operationId: 'deleteSlaPolicy', tags: ['slas'], params: idParams } },
    async (request, reply) => {
      await policies.remove(requireActor(request), request.params.id);
      return reply.status(204).send();
    },
  );

  r.get(
    '/tickets/:number/slas',
    {
      schema: {
        operationId: 'listTicketSlas',
        tags: ['tickets', 'slas'],
        params: z.object({ number: ticketNumberSchema }),
        response: { 200: z.array(ticketSlaSchema) },
      },
    },
    async (request) => opts.ticketSlas(requireActor(request), request.params.number),
  );
}
