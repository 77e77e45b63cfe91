import { inArray } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { JobQueue } from '../../platform/jobs/job-queue.js';
import { tickets } from '../tickets/index.js';
import { rulesOf, SlaCatalog } from './sla.catalog.js';
import { markFired, moveClock, reachedThresholds } from './sla.clock.js';
import { createSlaEngine, desiredStatus } from './sla.engine.js';
import * as repo from './sla.repository.js';

const OPEN = ['new', 'assigned', 'in_progress', 'pending'] as const;

/**
 * Clocks for tickets that were open before service levels existed (an import, the demo data):
 * each counts from the ticket's creation as if it had run since, thresholds already passed are
 * recorded without alerts, and clocks that would already be over (a response given) are left out.
 * Timers are not armed: the minute sweep picks up what falls due.
 */
export async function backfillClocks(tx: DbOrTx, now: Date): Promise<number> {
  const catalog = await new SlaCatalog().load(tx);
  const engine = createSlaEngine({ clock: { now: () => now }, jobs: new JobQueue(), catalog });
  const open = await tx
    .select()
    .from(tickets)
    .where(inArray(tickets.status, [...OPEN]));
  const clocks: repo.NewClock[] = [];
  for (const t of open) {
    for (const started of engine.newClocks(
      { ...t, status: 'new', assigneeId: null },
      t.createdAt,
      new Set(),
      new Set(['sla', 'ola', 'uc']),
    )) {
      const policy = catalog.policy(started.policyId);
      if (!policy) continue;
      const cal = catalog.calendar(started.calendarId);
      const rules = rulesOf(policy, started.metric);
      const desired = desiredStatus(policy, started.metric, t, 'running', false);
      if (desired === 'stopped') continue;
      let state = started.state;
      const passed = reachedThresholds(state, cal, rules, now);
      if (passed.length) state = markFired(state, cal, rules, passed);
      state = moveClock(state, desired, now, cal, rules).clock;
      clocks.push({ ...started, ticketId: t.id, state, events: started.events });
    }
  }
  for (let i = 0; i < clocks.length; i += 2_000) await repo.insertClocks(tx, clocks.slice(i, i + 2_000));
  const ids = [...new Set(clocks.map((c) => c.ticketId))];
  for (let i = 0; i < ids.length; i += 5_000) await repo.refreshTicketColumns(tx, ids.slice(i, i + 5_000));
  return clocks.length;
}
