import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { EVENTS_CHANNEL } from '../../platform/events/events.js';
import { COCKPIT_TOPIC } from '../../platform/events/hub.js';
import type { OutboxConsumer, OutboxRow } from '../../platform/events/outbox-consumer.js';
import { applyChanges, type TicketChange } from './ticket-facts.repository.js';

export const FACTS_TOPICS = ['ticket.changed', 'sla.started', 'satisfaction.recorded'] as const;

const str = (v: unknown) => (typeof v === 'string' ? v : null);

/** The ticket changes a batch of outbox rows reports, in commit order. */
export function changesOf(rows: OutboxRow[]): TicketChange[] {
  const changes: TicketChange[] = [];
  for (const r of rows) {
    if (r.topic === 'ticket.changed') {
      const number = str(r.payload.number);
      if (!number) continue;
      const eventId = r.payload.eventId;
      changes.push({
        number,
        kind: str(r.payload.kind) ?? '',
        status: str(r.payload.status),
        at: str(r.payload.at),
        eventId: typeof eventId === 'number' ? eventId : null,
      });
    } else if (r.topic === 'sla.started' && Array.isArray(r.payload.numbers)) {
      // the clocks started after the creation: refresh the SLA columns only
      for (const n of r.payload.numbers) {
        if (typeof n === 'string')
          changes.push({ number: n, kind: 'sla', status: null, at: null, eventId: null });
      }
    }
  }
  return changes;
}

/**
 * Keeps `ticket_facts` up to date from the outbox (ADR 0013) and nudges the cockpits: one
 * `cockpit.changed` per entity whose figures moved in the batch, so a burst of a thousand tickets
 * sends a handful of nudges (batches are up to 500 rows, passes at most five a second), not a thousand.
 * Satisfaction answers are read live by the cockpit: they only cause a nudge.
 */
export function createFactsConsumer(): OutboxConsumer {
  return {
    name: 'cockpit-facts',
    topics: FACTS_TOPICS,
    async handle(tx: DbOrTx, rows) {
      const touched = new Set(await applyChanges(tx, changesOf(rows)));
      for (const r of rows) {
        if (r.topic === 'satisfaction.recorded' && r.entityId !== null) touched.add(r.entityId);
      }
      await nudge(tx, [...touched]);
    },
  };
}

/** One `cockpit.changed` event per entity, in one statement (outbox rows and their NOTIFY, as publish() writes them). */
async function nudge(tx: DbOrTx, entityIds: number[]): Promise<void> {
  if (entityIds.length === 0) return;
  await tx.execute(sql`
    with ids as (select unnest(${`{${entityIds.join(',')}}`}::bigint[]) as id),
    ev as materialized (
      select id, jsonb_build_object('type', ${COCKPIT_TOPIC}::text, 'entityId', id) as payload from ids
    ),
    o as (
      insert into outbox (topic, entity_id, audience, payload)
      select ${COCKPIT_TOPIC}, id, '[]'::jsonb, payload from ev
    )
    select pg_notify(${EVENTS_CHANNEL}, jsonb_build_object('topic', ${COCKPIT_TOPIC}::text, 'entityId', id,
      'audience', '[]'::jsonb, 'payload', payload)::text) from ev`);
}
