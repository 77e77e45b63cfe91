import { and, asc, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { reportSubscriptions } from './report-subscription.table.js';

export type SubscriptionRow = typeof reportSubscriptions.$inferSelect;

/** Every query names the entity: an entity's subscriptions are read and changed only through it. */
export const listSubscriptions = (db: DbOrTx, entityId: number) =>
  db
    .select()
    .from(reportSubscriptions)
    .where(eq(reportSubscriptions.entityId, entityId))
    .orderBy(asc(reportSubscriptions.email), asc(reportSubscriptions.id));

/** Inserts unless the address is already there for the entity (case-insensitive); undefined then. */
export async function insertSubscription(
  db: DbOrTx,
  row: { entityId: number; email: string; language: 'fr' | 'en'; createdBy: number },
): Promise<SubscriptionRow | undefined> {
  const [created] = await db
    .insert(reportSubscriptions)
    .values(row)
    // the only unique key besides the id is (entity, lower(email))
    .onConflictDoNothing()
    .returning();
  return created;
}

export async function deleteSubscription(
  db: DbOrTx,
  entityId: number,
  id: number,
): Promise<SubscriptionRow | undefined> {
  const [deleted] = await db
    .delete(reportSubscriptions)
    .where(and(eq(reportSubscriptions.entityId, entityId), eq(reportSubscriptions.id, id)))
    .returning();
  return deleted;
}

/** The entities that have at least one subscription, for the scheduled job. */
export async function subscribedEntities(db: DbOrTx): Promise<number[]> {
  const rows = await db
    .selectDistinct({ entityId: reportSubscriptions.entityId })
    .from(reportSubscriptions)
    .orderBy(asc(reportSubscriptions.entityId));
  return rows.map((r) => r.entityId);
}
