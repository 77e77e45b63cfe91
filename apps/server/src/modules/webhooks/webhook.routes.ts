import {
  idSchema,
  webhookCreateSchema,
  webhookDeliveryPageSchema,
  webhookDeliveryQuerySchema,
  webhookDeliverySchema,
  webhookSchema,
  webhookUpdateSchema,
  webhookWithSecretSchema,
} from '@guichet/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireActor } from '../../platform/auth/auth.plugin.js';
import type { WebhookService } from './webhook.service.js';

const idParams = z.object({ id: idSchema });
const deliveryParams = z.object({ id: idSchema, deliveryId: idSchema });
const tags = ['webhooks'];

/** Outbound webhooks: admins register receivers per entity, read the delivery log and replay it. */
export async function webhookRoutes(app: FastifyInstance, opts: { webhooks: WebhookService }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { webhooks } = opts;

  r.get(
    '/webhooks',
    { schema: { operationId: 'listWebhooks', tags, response: { 200: z.array(webhookSchema) } } },
    async (request) => webhooks.list(requireActor(request)),
  );

  r.post(
    '/webhooks',
    {
      schema: {
        operationId: 'createWebhook',
        tags,
        body: webhookCreateSchema,
        response: { 201: webhookWithSecretSchema },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await webhooks.create(requireActor(request), request.body)),
  );

  r.get(
    '/webhooks/:id',
    { schema: { operationId: 'getWebhook', tags, params: idParams, response: { 200: webhookSchema } } },
    async (request) => webhooks.get(requireActor(request), request.params.id),
  );

  r.patch(
    '/webhooks/:id',
    {
      schema: {
        operationId: 'updateWebhook',
        tags,
        params: idParams,
        body: webhookUpdateSchema,
        response: { 200: webhookSchema },
      },
    },
    async (request) => webhooks.update(requireActor(request), request.params.id, request.body),
  );

  r.delete(
    '/webhooks/:id',
    { schema: { operationId: 'deleteWebhook', tags, params: idParams, response: { 204: z.null() } } },
    async (request, reply) => {
      await webhooks.remove(requireActor(request), request.params.id);
      return reply.status(204).send(null);
    },
  );

  r.post(
    '/webhooks/:id/rotate-secret',
    {
      schema: {
        operationId: 'rotateWebhookSecret',
        tags,
        params: idParams,
        response: { 200: webhookWithSecretSchema },
      },
    },
    async (request) => webhooks.rotateSecret(requireActor(request), request.params.id),
  );

  r.post(
    '/webhooks/:id/ping',
    {
      schema: {
        operationId: 'pingWebhook',
        tags,
        params: idParams,
        response: { 202: webhookDeliverySchema },
      },
    },
    async (request, reply) =>
      reply.status(202).send(await webhooks.ping(requireActor(request), request.params.id)),
  );

  r.get(
    '/webhooks/:id/deliveries',
    {
      schema: {
        operationId: 'listWebhookDeliveries',
        tags,
        params: idParams,
        querystring: webhookDeliveryQuerySchema,
        response: { 200: webhookDeliveryPageSchema },
      },
    },
    async (request) => webhooks.deliveries(requireActor(request), request.params.id, request.query),
  );

  r.post(
    '/webhooks/:id/deliveries/:deliveryId/redeliver',
    {
      schema: {
        operationId: 'redeliverWebhookDelivery',
        tags,
        params: deliveryParams,
        response: { 202: webhookDeliverySchema },
      },
    },
    async (request, reply) =>
      reply
        .status(202)
        .send(await webhooks.redeliver(requireActor(request), request.params.id, request.params.deliveryId)),
  );
}
