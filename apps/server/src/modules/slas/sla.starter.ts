import { inArray } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { publish } from '../../platform/events/events.js';
import type { OutboxConsumer } from '../../platform/events/outbox-consumer.js';
import { tickets } from '../tickets/index.js';
import type { SlaCatalog } from './sla.catalog.js';
import type { SlaEngine } from './sla.engine.js';
import * as repo from './sla.repository.js';
import { ticketSlas } from './sla.table.js';

const ALL_KINDS = new Set(['sla', 'ola', 'uc']);

/**
 * Starts the clocks of new tickets, a batch at a time, off the creation request: a creation stays
 * one statement (with the queue columns computed in memory), and 500 tickets' clocks and timers cost
 * a handful of statements; the queue columns are rewritten only where the ticket changed meanwhile.
 * Clocks count from the ticket's creation instant; what happened to the ticket in the moment
 * before (an agent took it, it was resolved on the phone) is dated at its creation. Nothing here
 * reads the current time, so whichever process runs the batch writes the same clocks.
 */
export function createClockStarter({
  catalog,
  engine,
}: {
  catalog: SlaCatalog;
  engine: SlaEngine;
}): OutboxConsumer {
  return {
    name: 'sla-clocks',
    topics: ['ticket.changed'],
    async handle(tx: DbOrTx, rows) {
      const numbers = rows.filter((r) => r.payload.kind === 'created').map((r) => String(r.payload.number));
      if (numbers.length === 0) return;
      // the same lock an update takes: a change in flight waits, or is already in the row read here
      const created = await tx
        .select()
        .from(tickets)
        .where(inArray(tickets.number, numbers))
        .orderBy(tickets.id)
        .for('update');
      if (created.length === 0) return;
      const ids = created.map((t) => t.id);
      const existing = await tx
        .select({ ticketId: ticketSlas.ticketId, policyId: ticketSlas.policyId, metric: ticketSlas.metric })
        .from(ticketSlas)
        .where(inArray(ticketSlas.ticketId, ids));
      const running = new Map<number, Set<string>>();
      for (const e of existing) {
        const keys = running.get(e.ticketId) ?? new Set<string>();
        keys.add(`${e.policyId}:${e.metric}`);
        running.set(e.ticketId, keys);
      }
      await catalog.load(tx);
      const clocks: repo.NewClock[] = [];
      const next = new Map<number, Date | null>();
      const started = new Map<number, string[]>();
      for (const t of created) {
        const fresh = engine.newClocks(t, t.createdAt, running.get(t.id) ?? new Set(), ALL_KINDS);
        if (fresh.length === 0) continue;
        clocks.push(...fresh.map((c) => ({ ...c, ticketId: t.id })));
        next.set(t.id, engine.earliest(fresh.map((c) => c.state.nextCheckAt)));
        started.set(t.entityId, [...(started.get(t.entityId) ?? []), t.number]);
      }
      if (clocks.length === 0) return;
      await repo.insertClocks(tx, clocks);
      await repo.refreshTicketColumns(tx, [...next.keys()]);
      await engine.armMany(tx, next);
      // one live event per entity, so the queues showing these tickets refresh their time left
      for (const [entityId, list] of started) {
        await publish(tx, {
          topic: 'sla.started',
          entityId,
          audience: [],
          payload: { type: 'sla.started', numbers: list },
        });
      }
    },
  };
}
