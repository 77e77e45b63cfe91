import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPerson } from '../../test/factories.js';
import { officeHours, slaFixture } from './sla.test-support.js';

// Friday 26 March 2027, 17:55 in Paris (CET); Easter Monday is 29 March, summer time starts on the 28th
const FRIDAY_1755 = new Date('2027-03-26T16:55:00Z');
const HOUR = 3_600_000;

let f: Awaited<ReturnType<typeof slaFixture>>;
let calendarId: number;

beforeAll(async () => {
  f = await slaFixture(FRIDAY_1755);
  calendarId = await f.calendar();
  await f.policy({
    calendarId,
    ticketType: 'incident',
    warnPercent: 75,
    targets: [
      { priority: 2, responseMinutes: 30, resolutionMinutes: 240 },
      { priority: 1, responseMinutes: 15, resolutionMinutes: 120 },
      { priority: 3, responseMinutes: 60, resolutionMinutes: 480 },
    ],
  });
});
afterAll(() => f.ctx.close());

// one ticket at a time: on PostgreSQL other test files' tickets share the database
const timer = (ticketId: number) => f.ctx.app.slaTimer.runTimer(ticketId);

const alertsFor = async (number: string) => {
  const { rows } = await f.ctx.database.db.execute<{ payload: { level: string; recipients: number[] } }>(
    sql`select payload from outbox where topic = 'sla.alert' and payload->>'number' = ${number} order by id`,
  );
  return rows.map((r) => r.payload);
};

describe('service-level clocks', () => {
  it('counts business hours only: Friday 17:55 + 4 h is Tuesday 11:55, Easter Monday skipped', async () => {
    f.clock.set(FRIDAY_1755);
    const t = await f.openTicket();
    expect(t.priority).toBe(2);
    const clocks = await f.clocksOf(t.number);
    const resolution = clocks.find((c) => c.metric === 'resolution');
    // 11:55 in Paris on 30 March 2027 is summer time (UTC+2)
    expect(resolution?.dueAt).toBe('2027-03-30T09:55:00.000Z');
    expect(resolution?.status).toBe('running');
    expect(clocks.find((c) => c.metric === 'response')?.dueAt).toBe('2027-03-30T06:25:00.000Z');
    // the queue carries the most urgent clock
    const list = await f.api(f.agent).get(`/api/v1/tickets?q=${t.number}`);
    expect(list.json().items[0].sla).toEqual({
      state: 'ok',
      dueAt: '2027-03-30T06:25:00.000Z',
      warnAt: '2027-03-30T06:17:30.000Z',
    });
  });

  it('stops the response clock when an agent takes the ticket, met in time', async () => {
    f.clock.set(FRIDAY_1755);
    const t = await f.openTicket();
    f.clock.advance(2 * 60_000);
    const res = await f.api(f.agent).patch(`/api/v1/tickets/${t.number}`, { assigneeId: f.w.deskAgent.id });
    expect(res.statusCode, res.body).toBe(200);
    const response = (await f.clocksOf(t.number)).find((c) => c.metric === 'response');
    expect(response?.status).toBe('stopped');
    expect(response?.history.map((h) => h.kind)).toEqual(['started', 'met']);
  });

  it('pauses while pending on the requester and resumes with the time already counted', async () => {
    f.clock.set(new Date('2027-04-06T07:00:00Z')); // Tuesday 09:00 in Paris
    const t = await f.openTicket({ assigneeId: f.w.deskAgent.id });
    f.clock.advance(HOUR);
    let res = await f.api(f.agent).patch(`/api/v1/tickets/${t.number}`, {
      status: 'pending',
      pendingReason: 'requester',
    });
    expect(res.statusCode, res.body).toBe(200);
    let resolution = (await f.clocksOf(t.number)).find((c) => c.metric === 'resolution');
    expect(resolution).toMatchObject({ status: 'paused', dueAt: null, elapsedMinutes: 60 });
    const queue = await f.api(f.agent).get(`/api/v1/tickets?q=${t.number}`);
    expect(queue.json().items[0].sla).toEqual({ state: 'paused', dueAt: null, warnAt: null });

    f.clock.advance(5 * HOUR); // waiting on the requester does not count
    res = await f.api(f.requester).post(`/api/v1/tickets/${t.number}/comments`, { body: 'Voici la photo' });
    expect(res.statusCode, res.body).toBe(201);
    resolution = (await f.clocksOf(t.number)).find((c) => c.metric === 'resolution');
    // resumed at 15:00 with 3 h left: 18:00 in Paris
    expect(resolution).toMatchObject({ status: 'running', dueAt: '2027-04-06T16:00:00.000Z' });
    expect(resolution?.history.map((h) => h.kind)).toEqual(['started', 'paused', 'resumed']);
  });

  it('recalculates on a priority change, keeping the time consumed', async () => {
    f.clock.set(new Date('2027-04-06T07:00:00Z'));
    const t = await f.openTicket({ assigneeId: f.w.deskAgent.id });
    f.clock.advance(HOUR);
    const res = await f.api(f.agent).patch(`/api/v1/tickets/${t.number}`, { impact: 1, urgency: 1 });
    expect(res.json().priority).toBe(1);
    const resolution = (await f.clocksOf(t.number)).find((c) => c.metric === 'resolution');
    // 2 h target, 1 h consumed: due at 11:00 Paris
    expect(resolution).toMatchObject({ targetMinutes: 120, dueAt: '2027-04-06T09:00:00.000Z' });
    expect(resolution?.history.at(-1)).toMatchObject({
      kind: 'recalculated',
      detail: { priority: { from: 2, to: 1 }, targetMinutes: { from: 240, to: 120 } },
    });
  });

  it('stops on resolution and resumes on reopening', async () => {
    f.clock.set(new Date('2027-04-06T07:00:00Z'));
    const t = await f.openTicket({ assigneeId: f.w.deskAgent.id, requesterId: f.w.requesterPessac.id });
    f.clock.advance(HOUR);
    let res = await f.api(f.agent).patch(`/api/v1/tickets/${t.number}`, {
      status: 'resolved',
      resolutionCode: 'solved',
    });
    expect(res.statusCode, res.body).toBe(200);
    let resolution = (await f.clocksOf(t.number)).find((c) => c.metric === 'resolution');
    expect(resolution).toMatchObject({ status: 'stopped', elapsedMinutes: 60 });
    expect(resolution?.history.at(-1)?.kind).toBe('met');
    f.clock.advance(HOUR);
    res = await f
      .api(f.requester)
      .post(`/api/v1/tickets/${t.number}/reopen`, { reason: 'Toujours en panne' });
    expect(res.statusCode, res.body).toBe(200);
    resolution = (await f.clocksOf(t.number)).find((c) => c.metric === 'resolution');
    // 3 h left from 11:00 Paris: 14:00 Paris
    expect(resolution).toMatchObject({ status: 'running', dueAt: '2027-04-06T12:00:00.000Z' });
  });

  it('warns, breaches and escalates once each, even when the timer runs twice', async () => {
    const escalation = await f.api(f.admin).post('/api/v1/sla/policies', {
      name: `Escalade ${f.w.tag}`,
      kind: 'sla',
      entityId: f.w.pessac.id, // more specific than the metropolis-wide one
      calendarId,
      warnPercent: 50,
      targets: [{ priority: 2, responseMinutes: null, resolutionMinutes: 60 }],
      escalations: [
        { metric: 'resolution', percent: 100, notifyCoordinators: true, reassignGroupId: f.w.pessacGroup.id },
        { metric: 'resolution', percent: 150, notifyCoordinators: true, raisePriority: true },
      ],
    });
    expect(escalation.statusCode, escalation.body).toBe(201);
    f.clock.set(new Date('2027-04-07T07:00:00Z')); // Wednesday 09:00
    const t = await f.openTicket({ groupId: f.w.deskGroup.id, assigneeId: f.w.deskAgent.id });
    expect((await f.clocksOf(t.number)).map((c) => c.policy.name)).toEqual([`Escalade ${f.w.tag}`]);

    f.clock.advance(20 * 60_000);
    expect(await timer(t.id)).toBe(0);
    f.clock.advance(15 * 60_000); // 35 min: past the warning at 50 %
    await timer(t.id);
    await timer(t.id);
    let list = await f.api(f.agent).get(`/api/v1/tickets?q=${t.number}`);
    expect(list.json().items[0].sla.state).toBe('warning');
    let alerts = await alertsFor(t.number);
    expect(alerts).toEqual([expect.objectContaining({ level: 'warning', recipients: [f.w.deskAgent.id] })]);

    f.clock.advance(30 * 60_000); // 65 min: breached, reassigned to Pessac's group
    await timer(t.id);
    const ticket = (await f.api(f.agent).get(`/api/v1/tickets/${t.number}`)).json();
    expect(ticket).toMatchObject({ group: { id: f.w.pessacGroup.id }, assignee: null, status: 'new' });
    list = await f.api(f.agent).get(`/api/v1/tickets?q=${t.number}`);
    expect(list.json().items[0].sla.state).toBe('breached');
    alerts = await alertsFor(t.number);
    expect(alerts.map((a) => a.level)).toEqual(['warning', 'breached', 'escalated']);
    expect(alerts[2]?.recipients).toEqual(expect.arrayContaining([f.w.coordinator.id, f.w.pessacAgent.id]));
    const events = (await f.api(f.agent).get(`/api/v1/tickets/${t.number}/events`)).json();
    expect(events.at(-1)).toMatchObject({
      kind: 'escalated',
      actor: null,
      changes: { groupId: { from: f.w.deskGroup.id, to: f.w.pessacGroup.id } },
    });

    f.clock.advance(30 * 60_000); // 95 min: the priority goes up a step
    await timer(t.id);
    await timer(t.id);
    const raised = (await f.api(f.agent).get(`/api/v1/tickets/${t.number}`)).json();
    expect(raised.priority).toBe(1);
    const clock = (await f.clocksOf(t.number))[0];
    expect(clock?.breachedAt).toBe('2027-04-07T08:00:00.000Z');
    expect(clock?.history.filter((h) => h.kind === 'escalated')).toHaveLength(2);
    expect((await alertsFor(t.number)).map((a) => a.level)).toEqual([
      'warning',
      'breached',
      'escalated',
      'escalated',
    ]);
  });

  it('sorts the queue closest to breach first, tickets without a clock last', async () => {
    f.clock.set(new Date('2027-04-08T07:00:00Z'));
    const later = await f.openTicket({ impact: 3, urgency: 3 }); // priority 5: no target, no clock
    const soon = await f.openTicket({ impact: 1, urgency: 1 });
    const mid = await f.openTicket();
    const res = await f
      .api(f.agent)
      .get(`/api/v1/tickets?queue=all&sort=slaDueAt&entity=${f.w.pessac.id}&limit=200`);
    expect(res.statusCode, res.body).toBe(200);
    const order = (res.json().items as { number: string }[]).map((i) => i.number);
    const pos = (n: string) => order.indexOf(n);
    expect(pos(soon.number)).toBeLessThan(pos(mid.number));
    expect(pos(mid.number)).toBeLessThan(pos(later.number));
    // keyset pages give the same order
    const paged: string[] = [];
    let cursor: string | null = null;
    do {
      const page = await f
        .api(f.agent)
        .get(
          `/api/v1/tickets?queue=all&sort=slaDueAt&entity=${f.w.pessac.id}&limit=2${cursor ? `&cursor=${cursor}` : ''}`,
        );
      paged.push(...page.json().items.map((i: { number: string }) => i.number));
      cursor = page.json().nextCursor;
    } while (cursor);
    expect(paged).toEqual(order);
  });

  it('moves running clocks when their calendar changes', async () => {
    const cal = await f.calendar({ ...officeHours, name: `Écoles ${f.w.tag}` });
    const pol = await f.api(f.admin).post('/api/v1/sla/policies', {
      name: `Écoles ${f.w.tag}`,
      kind: 'sla',
      entityId: f.w.pessacSchools.id,
      calendarId: cal,
      targets: [{ priority: 2, responseMinutes: null, resolutionMinutes: 240 }],
    });
    expect(pol.statusCode, pol.body).toBe(201);
    const teacher = await createPerson(f.ctx.database.db, { entityId: f.w.pessacSchools.id });
    f.clock.set(new Date('2027-04-08T07:00:00Z')); // Thursday 09:00
    const t = await f.openTicket({ requesterId: teacher.id });
    expect((await f.clocksOf(t.number))[0]?.dueAt).toBe('2027-04-08T11:00:00.000Z');
    const current = (await f.api(f.admin).get(`/api/v1/sla/calendars/${cal}`)).json();
    const res = await f.api(f.admin).put(`/api/v1/sla/calendars/${cal}`, {
      ...officeHours,
      name: current.name,
      version: current.version,
      weekly: { ...officeHours.weekly, 4: [{ start: '09:00', end: '12:00' }] }, // Thursday mornings only
    });
    expect(res.statusCode, res.body).toBe(200);
    const clock = (await f.clocksOf(t.number))[0];
    // 09:00–12:00 Thursday counts 3 h, the last hour is Friday 08:00–09:00
    expect(clock?.dueAt).toBe('2027-04-09T07:00:00.000Z');
    expect(clock?.history.at(-1)).toMatchObject({ kind: 'recalculated', detail: { reason: 'calendar' } });
  });
});
