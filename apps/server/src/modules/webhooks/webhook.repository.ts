import { and, desc, eq, lt, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import type { Scope } from '../../platform/auth/actor.js';
import { scopeFilter } from '../../platform/scope.js';
import { entities } from '../directory/index.js';
import { webhookDeliveries, webhooks } from './webhook.table.js';

export type WebhookRow = typeof webhooks.$inferSelect & { entityName: string };
export type WebhookDeliveryRow = typeof webhookDeliveries.$inferSelect;
export type WebhookEventName = WebhookRow['events'][number];
export type DeliveryEventName = WebhookDeliveryRow['event'];

const columns = {
  id: webhooks.id,
  entityId: webhooks.entityId,
  name: webhooks.name,
  url: webhooks.url,
  secret: webhooks.secret,
  events: webhooks.events,
  active: webhooks.active,
  createdBy: webhooks.createdBy,
  createdAt: webhooks.createdAt,
  updatedAt: webhooks.updatedAt,
  version: webhooks.version,
  entityName: entities.name,
};

const selectWebhooks = (db: DbOrTx) =>
  db.select(columns).from(webhooks).innerJoin(entities, eq(entities.id, webhooks.entityId));

/** Webhooks and their delivery log; every read of a webhook is ANDed with the admin scope. */
export const webhookRepository = {
  list: (db: DbOrTx, scope: Scope): Promise<WebhookRow[]> =>
    selectWebhooks(db).where(scopeFilter(scope, webhooks.entityId)).orderBy(entities.path, webhooks.name),

  async get(db: DbOrTx, scope: Scope, id: number): Promise<WebhookRow | null> {
    const [row] = await selectWebhooks(db).where(
      and(eq(webhooks.id, id), scopeFilter(scope, webhooks.entityId)),
    );
    return row ?? null;
  },

  async insert(
    db: DbOrTx,
    values: Pick<
      typeof webhooks.$inferInsert,
      'entityId' | 'name' | 'url' | 'secret' | 'events' | 'active' | 'createdBy'
    >,
  ): Promise<number> {
    const [row] = await db.insert(webhooks).values(values).returning({ id: webhooks.id });
    if (!row) throw new Error('webhook insert failed');
    return row.id;
  },

  /** Applies the change only at the version read; false when someone changed it meanwhile. */
  async update(
    db: DbOrTx,
    id: number,
    version: number,
    values: Partial<Pick<typeof webhooks.$inferInsert, 'name' | 'url' | 'events' | 'active' | 'secret'>>,
  ): Promise<boolean> {
    const rows = await db
      .update(webhooks)
      .set({ ...values, updatedAt: sql`now()`, version: sql`${webhooks.version} + 1` })
      .where(and(eq(webhooks.id, id), eq(webhooks.version, version)))
      .returning({ id: webhooks.id });
    return rows.length > 0;
  },

  async remove(db: DbOrTx, id: number): Promise<void> {
    await db.delete(webhooks).where(eq(webhooks.id, id));
  },

  /** Newest first, keyset by id. */
  listDeliveries: (db: DbOrTx, webhookId: number, limit: number, beforeId: number | null) =>
    db
      .select()
      .from(webhookDeliveries)
      .where(
        and(
          eq(webhookDeliveries.webhookId, webhookId),
          beforeId === null ? undefined : lt(webhookDeliveries.id, beforeId),
        ),
      )
      .orderBy(desc(webhookDeliveries.id))
      .limit(limit),

  async getDelivery(db: DbOrTx, webhookId: number, id: number): Promise<WebhookDeliveryRow | null> {
    const [row] = await db
      .select()
      .from(webhookDeliveries)
      .where(and(eq(webhookDeliveries.id, id), eq(webhookDeliveries.webhookId, webhookId)));
    return row ?? null;
  },

  /** One statement for a whole batch of deliveries; answers their ids in order. */
  async insertDeliveries(
    db: DbOrTx,
    rows: { webhookId: number; event: DeliveryEventName; payload: Record<string, unknown> }[],
  ): Promise<WebhookDeliveryRow[]> {
    if (rows.length === 0) return [];
    return db.insert(webhookDeliveries).values(rows).returning();
  },
};
