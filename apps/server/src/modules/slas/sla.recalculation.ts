import type { Db } from '../../db/client.js';
import type { Clock } from '../../platform/clock.js';
import { rulesOf, type SlaCatalog } from './sla.catalog.js';
import { scheduled } from './sla.clock.js';
import type { SlaEngine } from './sla.engine.js';
import * as repo from './sla.repository.js';

/** Clocks rewritten per transaction: a large recalculation never holds the database for long. */
const CHUNK = 5_000;

/**
 * When a calendar's hours change, every clock running on it gets new due, warning and next-check
 * instants (time already consumed stays as it was counted), the queues their new order, and the
 * timers their new instants.
 */
export function createCalendarRecalculation({
  db,
  clock,
  catalog,
  engine,
}: {
  db: Db;
  clock: Clock;
  catalog: SlaCatalog;
  engine: SlaEngine;
}) {
  return {
    async recalculate(calendarId: number): Promise<{ clocks: number; tickets: number }> {
      catalog.invalidate();
      await catalog.load(db);
      const cal = catalog.calendar(calendarId);
      const rows = await repo.clocksOnCalendar(db, calendarId);
      const now = clock.now();
      const tickets = new Set<number>();
      for (let i = 0; i < rows.length; i += CHUNK) {
        const chunk = rows.slice(i, i + CHUNK);
        const next = new Map<number, Date | null>();
        const changed = chunk.map((row) => {
          const policy = catalog.policy(row.policyId);
          const state = repo.stateOf(row);
          const s = policy ? scheduled(state, cal, rulesOf(policy, row.metric)) : state;
          const prior = next.get(row.ticketId) ?? null;
          next.set(row.ticketId, engine.earliest([prior, s.nextCheckAt]));
          tickets.add(row.ticketId);
          return { id: row.id, dueAt: s.dueAt, warnAt: s.warnAt, nextCheckAt: s.nextCheckAt };
        });
        await db.transaction(async (tx) => {
          await repo.rescheduleClocks(tx, changed, {
            kind: 'recalculated',
            at: now,
            detail: { calendarId, reason: 'calendar' },
          });
          await repo.refreshTicketColumns(tx, [...next.keys()]);
          await engine.armMany(tx, next);
        });
      }
      return { clocks: rows.length, tickets: tickets.size };
    },
  };
}
export type CalendarRecalculation = ReturnType<typeof createCalendarRecalculation>;
