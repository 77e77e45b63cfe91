import type {
  Webhook,
  WebhookDelivery,
  WebhookDeliveryPage,
  WebhookWithSecret,
  webhookCreateSchema,
  webhookUpdateSchema,
} from '@guichet/contracts';
import { eq } from 'drizzle-orm';
import type { z } from 'zod';
import type { Db, DbOrTx } from '../../db/client.js';
import { audit } from '../../platform/audit/audit.js';
import type { Actor } from '../../platform/auth/actor.js';
import type { Clock } from '../../platform/clock.js';
import { AppError, conflict, notFound } from '../../platform/errors.js';
import type { JobQueue } from '../../platform/jobs/job-queue.js';
import { entities } from '../directory/index.js';
import { type DeliveryRetry, deliveryJobs, WEBHOOK_DELIVERY_QUEUE } from './webhook.delivery.js';
import { toDelivery, toWebhook } from './webhook.mapper.js';
import { requireAdministeredEntity, requireWebhookAdmin } from './webhook.policy.js';
import { webhookRepository as repo, type WebhookRow } from './webhook.repository.js';
import { newWebhookSecret } from './webhook.signature.js';

type Out<T extends z.ZodType> = z.output<T>;

export interface WebhookServiceDeps {
  db: Db;
  clock: Clock;
  jobs: Pick<JobQueue, 'send'>;
  retry: DeliveryRetry;
}

/** Managing webhooks (admins, within their entities) and reading or replaying their deliveries. */
export function createWebhookService({ db, clock, jobs, retry }: WebhookServiceDeps) {
  async function visible(tx: DbOrTx, actor: Actor, id: number): Promise<WebhookRow> {
    requireWebhookAdmin(actor);
    const row = await repo.get(tx, actor.adminScope, id);
    if (!row) throw notFound('Webhook');
    return row;
  }

  async function reload(tx: DbOrTx, actor: Actor, id: number): Promise<WebhookRow> {
    const row = await repo.get(tx, actor.adminScope, id);
    if (!row) throw new Error(`webhook ${id} vanished inside its transaction`);
    return row;
  }

  const entry = (actor: Actor, action: string, w: Pick<WebhookRow, 'id' | 'entityId'>, details = {}) => ({
    actorId: actor.personId,
    action,
    targetType: 'webhook',
    targetId: w.id,
    entityId: w.entityId,
    details,
  });

  /** A new delivery of `event` and its job, in `tx`. Refused while the webhook is disabled. */
  async function enqueue(
    tx: DbOrTx,
    hook: WebhookRow,
    event: WebhookDelivery['event'],
    payload: Record<string, unknown>,
  ) {
    if (!hook.active) throw conflict('The webhook is disabled: enable it first');
    const [delivery] = await repo.insertDeliveries(tx, [{ webhookId: hook.id, event, payload }]);
    if (!delivery) throw new Error('delivery insert returned nothing');
    await jobs.send(tx, WEBHOOK_DELIVERY_QUEUE, deliveryJobs([delivery], retry));
    return toDelivery(delivery);
  }

  return {
    async list(actor: Actor): Promise<Webhook[]> {
      requireWebhookAdmin(actor);
      return (await repo.list(db, actor.adminScope)).map(toWebhook);
    },

    async get(actor: Actor, id: number): Promise<Webhook> {
      return toWebhook(await visible(db, actor, id));
    },

    async create(actor: Actor, input: Out<typeof webhookCreateSchema>): Promise<WebhookWithSecret> {
      requireWebhookAdmin(actor);
      requireAdministeredEntity(actor, input.entityId);
      return db.transaction(async (tx) => {
        const [entity] = await tx
          .select({ id: entities.id })
          .from(entities)
          .where(eq(entities.id, input.entityId));
        if (!entity) throw notFound('Entity');
        const secret = newWebhookSecret();
        const id = await repo.insert(tx, { ...input, secret, createdBy: actor.personId });
        const row = await reload(tx, actor, id);
        await audit(
          tx,
          entry(actor, 'webhook.created', row, { name: row.name, url: row.url, events: row.events }),
        );
        return { ...toWebhook(row), secret };
      });
    },

    async update(actor: Actor, id: number, input: Out<typeof webhookUpdateSchema>): Promise<Webhook> {
      return db.transaction(async (tx) => {
        const before = await visible(tx, actor, id);
        const { version, ...values } = input;
        if (before.version !== version) {
          throw new AppError(
            'stale_version',
            `The webhook is at version ${before.version}, you sent ${version}`,
            {
              version: before.version,
            },
          );
        }
        const changed: Record<string, { from: unknown; to: unknown }> = {};
        for (const [field, to] of Object.entries(values)) {
          const from = before[field as keyof typeof values];
          if (to !== undefined && JSON.stringify(from) !== JSON.stringify(to)) changed[field] = { from, to };
        }
        if (Object.keys(changed).length === 0) return toWebhook(before);
        if (!(await repo.update(tx, id, version, values)))
          throw new AppError('stale_version', 'The webhook changed');
        await audit(tx, entry(actor, 'webhook.updated', before, changed));
        return toWebhook(await reload(tx, actor, id));
      });
    },

    async remove(actor: Actor, id: number): Promise<void> {
      await db.transaction(async (tx) => {
        const row = await visible(tx, actor, id);
        await repo.remove(tx, id);
        await audit(tx, entry(actor, 'webhook.deleted', row, { name: row.name, url: row.url }));
      });
    },

    async rotateSecret(actor: Actor, id: number): Promise<WebhookWithSecret> {
      return db.transaction(async (tx) => {
        const row = await visible(tx, actor, id);
        const secret = newWebhookSecret();
        if (!(await repo.update(tx, id, row.version, { secret })))
          throw new AppError('stale_version', 'The webhook changed');
        await audit(tx, entry(actor, 'webhook.secret_rotated', row));
        return { ...toWebhook(await reload(tx, actor, id)), secret };
      });
    },

    async ping(actor: Actor, id: number): Promise<WebhookDelivery> {
      return db.transaction(async (tx) => {
        const hook = await visible(tx, actor, id);
        return enqueue(tx, hook, 'ping', {
          event: 'ping',
          occurredAt: clock.now().toISOString(),
          webhook: { id: hook.id, name: hook.name, events: hook.events },
        });
      });
    },

    async deliveries(
      actor: Actor,
      id: number,
      query: { limit: number; cursor?: string | undefined },
    ): Promise<WebhookDeliveryPage> {
      const hook = await visible(db, actor, id);
      const rows = await repo.listDeliveries(
        db,
        hook.id,
        query.limit + 1,
        query.cursor ? Number(query.cursor) : null,
      );
      const items = rows.slice(0, query.limit).map(toDelivery);
      const last = items.at(-1);
      return { items, nextCursor: rows.length > query.limit && last ? String(last.id) : null };
    },

    /** A new delivery of the same event and payload: the log keeps every attempt of the old one. */
    async redeliver(actor: Actor, id: number, deliveryId: number): Promise<WebhookDelivery> {
      return db.transaction(async (tx) => {
        const hook = await visible(tx, actor, id);
        const original = await repo.getDelivery(tx, hook.id, deliveryId);
        if (!original) throw notFound('Delivery');
        const delivery = await enqueue(tx, hook, original.event, original.payload);
        await audit(
          tx,
          entry(actor, 'webhook.redelivered', hook, { deliveryId, newDeliveryId: delivery.id }),
        );
        return delivery;
      });
    },
  };
}
export type WebhookService = ReturnType<typeof createWebhookService>;
