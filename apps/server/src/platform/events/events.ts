import { type SQL, type SQLWrapper, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { outbox } from './outbox.table.js';

export const EVENTS_CHANNEL = 'guichet_events';

export interface DomainEvent {
  topic: string;
  /** the entity the event belongs to: staff whose scope covers it receive it */
  entityId: number | null;
  /** people who receive it whatever their scope (the requester of a ticket) */
  audience: number[];
  payload: Record<string, unknown>;
}

/**
 * Records the event in the same transaction as the change that caused it. The NOTIFY is
 * delivered at commit, to every process, so nothing is pushed for a rolled-back write.
 */
export async function publish(tx: DbOrTx, event: DomainEvent, alongside?: SQLWrapper): Promise<void> {
  const json = JSON.stringify(event);
  // one round trip: data-modifying CTEs run even though the select does not read them;
  // `alongside` is the write the event reports (a history row), sent in the same statement
  const extra: SQL = alongside ? sql`written as (${alongside.getSQL()}), ` : sql``;
  await tx.execute(sql`with ${extra}recorded as (
      insert into ${outbox} (topic, entity_id, audience, payload)
      values (${event.topic}, ${event.entityId}, ${JSON.stringify(event.audience)}::jsonb, ${JSON.stringify(event.payload)}::jsonb)
    )
    select pg_notify(${EVENTS_CHANNEL}, ${json})`);
}
