import type { CalendarInput, SlaPolicyInput } from '@guichet/contracts';
import { sql } from 'drizzle-orm';
import { expect } from 'vitest';
import { createWorld, emailOf, type World } from '../../test/factories.js';
import { as, login, manualClock, type Session, startTestApp, type TestContext } from '../../test/harness.js';

export const officeHours: CalendarInput = {
  name: 'Bureaux 8 h – 18 h',
  timeZone: 'Europe/Paris',
  weekly: Object.fromEntries(['1', '2', '3', '4', '5'].map((d) => [d, [{ start: '08:00', end: '18:00' }]])),
  publicHolidays: true,
  closedDates: [],
};

/** An app on a hand-moved clock, a world of its own, and admin/agent sessions. */
export async function slaFixture(start: Date) {
  const clock = manualClock(start);
  const ctx: TestContext = await startTestApp({ clock });
  const w: World = await createWorld(ctx.database.db);
  const session = async (id: number): Promise<Session> => login(ctx.app, await emailOf(ctx.database.db, id));
  const admin = await session(w.admin.id);
  const agent = await session(w.deskAgent.id);
  const requester = await session(w.requesterPessac.id);
  const api = (s: Session) => as(ctx.app, s);

  async function calendar(input: CalendarInput = officeHours): Promise<number> {
    const res = await api(admin).post('/api/v1/sla/calendars', input);
    expect(res.statusCode, res.body).toBe(201);
    return res.json().id;
  }

  /** A policy scoped to this world's metropolis, so parallel test files never share it. */
  async function policy(input: Partial<SlaPolicyInput> & Pick<SlaPolicyInput, 'targets'>): Promise<number> {
    const res = await api(admin).post('/api/v1/sla/policies', {
      name: `SLA ${w.tag}`,
      kind: 'sla',
      entityId: w.metropolis.id,
      ...input,
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json().id;
  }

  async function openTicket(body: Record<string, unknown> = {}, as_: Session = agent) {
    const res = await api(as_).post('/api/v1/tickets', {
      type: 'incident',
      title: 'Imprimante en panne',
      requesterId: w.requesterPessac.id,
      // priority 2 in the default matrix
      impact: 1,
      urgency: 2,
      ...body,
    });
    expect(res.statusCode, res.body).toBe(201);
    const ticket = res.json() as { id: number; number: string; version: number; priority: number };
    await clocksStarted(ticket.number);
    return ticket;
  }

  /** Runs outbox passes until the clock starter has read this ticket's creation. */
  async function clocksStarted(number: string) {
    // on PostgreSQL another test file's long transaction (a demo seed, a 10 MB import) holds the
    // server's snapshot horizon back for a few seconds: keep passing until the row is read
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline) {
      await ctx.app.outbox.dispatchOnce();
      const { rows } = await ctx.database.db.execute<{ done: boolean }>(sql`
        select exists (
          select 1 from outbox o, outbox_cursors c
          where c.consumer = 'sla-clocks' and o.topic = 'ticket.changed'
            and o.payload->>'number' = ${number} and o.payload->>'kind' = 'created'
            and (c.tx_id, c.last_id) >= (o.tx_id, o.id)
        ) as done`);
      if (rows[0]?.done) return;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`the clocks of ${number} did not start`);
  }

  const clocksOf = async (number: string) => {
    const res = await api(agent).get(`/api/v1/tickets/${number}/slas`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as {
      metric: string;
      status: string;
      dueAt: string | null;
      breachedAt: string | null;
      targetMinutes: number;
      elapsedMinutes: number;
      policy: { name: string; kind: string };
      history: { kind: string; detail: Record<string, unknown> }[];
    }[];
  };

  return { ctx, clock, w, admin, agent, requester, api, calendar, policy, openTicket, clocksOf, session };
}
