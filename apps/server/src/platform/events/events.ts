import { type SQLWrapper, sql } from 'drizzle-orm';
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
export async function publish(
  tx: DbOrTx,
  event: DomainEvent,
  writes: readonly SQLWrapper[] = [],
  /** payload fields taking the id a write returned, e.g. { eventId: 0 } for the history row of writes[0] */
  payloadIds: Record<string, number> = {},
): Promise<number[]> {
  // One round trip: data-modifying CTEs run even though nothing reads them. `writes` are the
  // changes the event reports (a history row, an idempotency key), sent in the same statement;
  // each must end with RETURNING, and the answer is how many rows each one wrote.
  const ctes = writes.map((w, i) => sql`${sql.raw(`w${i}`)} as (${w.getSQL()}), `);
  const counts = writes.map(
    (_, i) => sql`, (select count(*) from ${sql.raw(`w${i}`)})::int as ${sql.raw(`c${i}`)}`,
  );
  const ids = Object.entries(payloadIds).map(
    ([field, i]) => sql` || jsonb_build_object(${field}::text, (select id from ${sql.raw(`w${i}`)} limit 1))`,
  );
  const { rows } = await tx.execute<Record<string, number>>(sql`with ${sql.join(ctes)}recorded as (
      insert into ${outbox} (topic, entity_id, audience, payload)
      values (${event.topic}, ${event.entityId}, ${JSON.stringify(event.audience)}::jsonb,
        ${JSON.stringify(event.payload)}::jsonb${sql.join(ids)})
      returning topic, entity_id, audience, payload
    )
    select pg_notify(${EVENTS_CHANNEL}, (select jsonb_build_object('topic', topic, 'entityId', entity_id,
      'audience', audience, 'payload', payload)::text from recorded)) as notified${sql.join(counts)}`);
  return writes.map((_, i) => Number(rows[0]?.[`c${i}`] ?? 0));
}
