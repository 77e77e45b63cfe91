import type { TicketSla } from '@guichet/contracts';
import { and, asc, desc, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import type { Actor } from '../../platform/auth/actor.js';
import type { Clock } from '../../platform/clock.js';
import { forbidden, notFound } from '../../platform/errors.js';
import { tickets, visibleTo } from '../tickets/index.js';
import type { SlaCatalog } from './sla.catalog.js';
import { consumedAt } from './sla.clock.js';
import { stateOf } from './sla.repository.js';
import { businessCalendars, slaPolicies, ticketSlaEvents, ticketSlas } from './sla.table.js';

const iso = (d: Date | null) => d?.toISOString() ?? null;

/** A ticket's clocks with their history, for the ticket page (staff only: OLAs and contracts are internal). */
export function createTicketSlaView({ db, clock, catalog }: { db: Db; clock: Clock; catalog: SlaCatalog }) {
  return async function ticketSlasOf(actor: Actor, number: string): Promise<TicketSla[]> {
    if (!actor.isStaff) throw forbidden('Service-level clocks are for support staff');
    const [t] = await db
      .select({ id: tickets.id })
      .from(tickets)
      .where(and(eq(tickets.number, number), visibleTo(actor)));
    if (!t) throw notFound('Ticket');
    const rows = await db
      .select({
        clock: ticketSlas,
        policyName: slaPolicies.name,
        policyKind: slaPolicies.kind,
        calendarName: businessCalendars.name,
      })
      .from(ticketSlas)
      .innerJoin(slaPolicies, eq(slaPolicies.id, ticketSlas.policyId))
      .innerJoin(businessCalendars, eq(businessCalendars.id, ticketSlas.calendarId))
      .where(eq(ticketSlas.ticketId, t.id))
      .orderBy(asc(slaPolicies.kind), desc(ticketSlas.metric), asc(ticketSlas.id)); // response before resolution
    const events = rows.length
      ? await db
          .select()
          .from(ticketSlaEvents)
          .where(
            inArray(
              ticketSlaEvents.ticketSlaId,
              rows.map((r) => r.clock.id),
            ),
          )
          .orderBy(asc(ticketSlaEvents.id))
      : [];
    await catalog.load(db);
    const now = clock.now();
    return rows.map(({ clock: c, policyName, policyKind, calendarName }) => ({
      id: c.id,
      policy: { id: c.policyId, name: policyName, kind: policyKind },
      metric: c.metric,
      status: c.status,
      targetMinutes: c.targetMinutes,
      elapsedMinutes: Math.round(consumedAt(stateOf(c), catalog.calendar(c.calendarId), now) * 10) / 10,
      dueAt: iso(c.dueAt),
      breachedAt: iso(c.breachedAt),
      stoppedAt: iso(c.stoppedAt),
      startedAt: c.startedAt.toISOString(),
      calendar: { id: c.calendarId, name: calendarName },
      history: events
        .filter((e) => e.ticketSlaId === c.id)
        .map((e) => ({ kind: e.kind, at: e.at.toISOString(), detail: e.detail })),
    }));
  };
}
