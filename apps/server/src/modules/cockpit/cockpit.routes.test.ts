import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPerson } from '../../test/factories.js';
import type { Session } from '../../test/harness.js';
import { officeHours, slaFixture } from '../slas/sla.test-support.js';
import { backfillTicketFacts } from './index.js';

/*
 * A hand-computed week. Tuesday 6 April 2027 (Paris is UTC+2), one SLA on incidents, 24/7,
 * priority 2 (impact 1, urgency 2): response 30 min, resolution 240 min, warning at 50 %.
 *   A 08:00 resolved on the phone at creation (first contact)
 *   B 08:10 new; 08:30 assigned (first response +20); 09:10 pending on the requester (clock paused
 *     after 60 min); 13:10 the requester answers (resumes); 14:10 resolved: 360 min, 120 on the clock, met
 *   C 09:00 assigned; 10:00 resolved (60); 11:00 reopened; 12:00 resolved again: 180 min, met
 *   D 09:30 assigned; 13:40 the timer records the breach; 14:30 resolved: 300 min, breached
 *   E 10:00 Mérignac, e-mail, unassigned, still new: its clock is past due at 14:30
 *   F 12:30 assigned, 12:40 pending on the requester: paused
 *   G 12:00 assigned, running: past its warning (14:00) at 14:30, due 16:00
 *   H previous week, Wednesday 31 March 10:00, resolved on the phone at creation
 * Satisfaction: B scored 4, C scored 2. Figures are read at 14:30.
 */
const at = (hhmm: string, day = '2027-04-06') => new Date(`${day}T${hhmm}:00Z`);

let f: Awaited<ReturnType<typeof slaFixture>>;
let coordinator: Session;
let observer: Session;
const n: Record<string, { id: number; number: string }> = {};

async function settle() {
  for (let i = 0; i < 20; i++) if ((await f.ctx.app.outbox.dispatchOnce()) === 0) return;
}

async function patch(number: string, body: Record<string, unknown>, who = f.agent) {
  const res = await f.api(who).patch(`/api/v1/tickets/${number}`, body);
  expect(res.statusCode, res.body).toBe(200);
}

beforeAll(async () => {
  f = await slaFixture(at('08:00', '2027-03-31'));
  const calendarId = await f.calendar({ ...officeHours, name: '24/7', weekly: null, publicHolidays: false });
  await f.policy({
    calendarId,
    ticketType: 'incident',
    warnPercent: 50,
    targets: [{ priority: 2, responseMinutes: 30, resolutionMinutes: 240 }],
  });
  const resolveNow = { resolutionCode: 'solved', resolutionNotes: 'Réglé au téléphone' };
  f.clock.set(at('10:00', '2027-03-31'));
  n.H = await f.openTicket({ resolveNow });

  f.clock.set(at('08:00'));
  n.A = await f.openTicket({ resolveNow });
  f.clock.set(at('08:10'));
  n.B = await f.openTicket({ categoryId: f.w.category.id });
  f.clock.set(at('08:30'));
  await patch(n.B.number, { assigneeId: f.w.deskAgent.id });
  f.clock.set(at('09:00'));
  n.C = await f.openTicket({ assigneeId: f.w.deskAgent.id });
  f.clock.set(at('09:10'));
  await patch(n.B.number, { status: 'pending', pendingReason: 'requester' });
  f.clock.set(at('09:30'));
  n.D = await f.openTicket({ assigneeId: f.w.deskAgent.id });
  f.clock.set(at('10:00'));
  n.E = await f.openTicket({ requesterId: f.w.requesterMerignac.id, channel: 'email' });
  await patch(n.C.number, { status: 'resolved', resolutionCode: 'solved' });
  f.clock.set(at('11:00'));
  const reopened = await f
    .api(f.requester)
    .post(`/api/v1/tickets/${n.C.number}/reopen`, { reason: 'Encore' });
  expect(reopened.statusCode, reopened.body).toBe(200);
  f.clock.set(at('12:00'));
  await patch(n.C.number, { status: 'resolved', resolutionCode: 'solved' });
  n.G = await f.openTicket({ assigneeId: f.w.deskAgent.id });
  f.clock.set(at('12:30'));
  n.F = await f.openTicket({ assigneeId: f.w.deskAgent.id });
  f.clock.set(at('12:40'));
  await patch(n.F.number, { status: 'pending', pendingReason: 'requester' });
  f.clock.set(at('13:10'));
  const answer = await f.api(f.requester).post(`/api/v1/tickets/${n.B.number}/comments`, { body: 'Voici' });
  expect(answer.statusCode, answer.body).toBe(201);
  f.clock.set(at('13:40'));
  await f.ctx.app.slaTimer.runTimer(n.D.id);
  f.clock.set(at('14:10'));
  await patch(n.B.number, { status: 'resolved', resolutionCode: 'solved' });
  f.clock.set(at('14:30'));
  await patch(n.D.number, { status: 'resolved', resolutionCode: 'solved' });

  const db = f.ctx.database.db;
  for (const [ticket, score, time] of [
    [n.B, 4, '15:00'],
    [n.C, 2, '15:10'],
  ] as const) {
    await db.execute(sql`insert into satisfaction_responses (ticket_id, score, respondent_id, entity_id, answered_at)
      values (${ticket.id}, ${score}, ${f.w.requesterPessac.id}, ${f.w.pessac.id}, ${at(time).toISOString()})`);
  }
  await settle();
  coordinator = await f.session(f.w.coordinator.id);
  const obs = await createPerson(db, {
    name: `Observatrice ${f.w.tag}`,
    entityId: f.w.pessac.id,
    roles: [['observer', f.w.pessac.id]],
  });
  observer = await f.session(obs.id);
}, 120_000);
afterAll(() => f.ctx.close());

const week = 'from=2027-04-05&to=2027-04-11';

describe('cockpit: period figures', () => {
  it('computes every KPI of the week and of the week before, exactly', async () => {
    const res = await f.api(coordinator).get(`/api/v1/cockpit/period?${week}`);
    expect(res.statusCode, res.body).toBe(200);
    const p = res.json();
    expect(p.period).toEqual({ from: '2027-04-05', to: '2027-04-11' });
    expect(p.previous).toEqual({ from: '2027-03-29', to: '2027-04-04' });
    expect(p.kpis).toEqual({
      volume: { current: 7, previous: 1 },
      first_contact_resolution_rate: { current: 0.1429, previous: 1 },
      // responses 0 (A, C, D, F, G at creation) and 20 (B): mean 3.3, p90 = 0 + 0.5 × 20
      first_response_mean_minutes: { current: 3.3, previous: 0 },
      first_response_p90_minutes: { current: 10, previous: 0 },
      // resolutions 0 (A), 180 (C), 300 (D), 360 (B): p90 = 300 + 0.7 × 60
      resolution_mean_minutes: { current: 210, previous: 0 },
      resolution_p90_minutes: { current: 342, previous: 0 },
      // A, B, C met, D breached (a ticket resolved at creation has its clock stopped at once)
      sla_compliance_rate: { current: 0.75, previous: 1 },
      // first resolved in the week: A, B, C, D; C reopened
      reopen_rate: { current: 0.25, previous: 0 },
      satisfaction_mean: { current: 3, previous: null },
      // open at the end of each week: E, F, G; none
      backlog: { current: 3, previous: 0 },
    });
    expect(p.satisfactionCount).toEqual({ current: 2, previous: 0 });
    expect(p.byChannel).toEqual([
      { key: 'phone', label: 'phone', current: 6, previous: 1 },
      { key: 'email', label: 'email', current: 1, previous: 0 },
    ]);
    expect(p.byEntity).toEqual([
      { key: String(f.w.pessac.id), label: f.w.pessac.name, current: 6, previous: 1 },
      { key: String(f.w.merignac.id), label: f.w.merignac.name, current: 1, previous: 0 },
    ]);
    expect(p.byCategory).toEqual([
      { key: 'none', label: 'none', current: 6, previous: 1 },
      { key: String(f.w.category.id), label: f.w.category.name, current: 1, previous: 0 },
    ]);
    expect(p.bySiteKind).toEqual([{ key: 'town_hall', label: 'town_hall', current: 7, previous: 1 }]);
    expect(p.backlog.map((b: { open: number }) => b.open)).toEqual([0, 3, 3, 3, 3, 3, 3]);
    expect(p.backlog[0]).toEqual({ date: '2027-04-05', open: 0 });
  });

  it('rebuilds the same facts from the tickets when they were written without events', async () => {
    const db = f.ctx.database.db;
    const before = (await f.api(coordinator).get(`/api/v1/cockpit/period?${week}`)).json();
    await db.execute(sql`delete from ticket_facts where ticket_id in (${n.A?.id}, ${n.E?.id}, ${n.H?.id})`);
    await backfillTicketFacts(db, 2);
    const after = (await f.api(coordinator).get(`/api/v1/cockpit/period?${week}`)).json();
    expect(after).toEqual(before);
  });

  it('gives the monthly trend of a KPI, the current month to date', async () => {
    const res = await f.api(coordinator).get('/api/v1/cockpit/trend?kpi=volume&months=2');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({
      kpi: 'volume',
      points: [
        { month: '2027-03', value: 1 },
        { month: '2027-04', value: 7 },
      ],
    });
    const values = async (kpi: string) =>
      (await f.api(coordinator).get(`/api/v1/cockpit/trend?kpi=${kpi}&months=3`))
        .json()
        .points.map((p: { value: number | null }) => p.value);
    expect(await values('volume')).toEqual([0, 1, 7]);
    expect(await values('resolution_p90_minutes')).toEqual([null, 0, 342]);
    expect(await values('sla_compliance_rate')).toEqual([null, 1, 0.75]);
    expect(await values('first_contact_resolution_rate')).toEqual([null, 1, 0.1429]);
    expect(await values('satisfaction_mean')).toEqual([null, null, 3]);
    const backlog = await f.api(coordinator).get('/api/v1/cockpit/trend?kpi=backlog&months=2');
    expect(backlog.json().points).toEqual([
      { month: '2027-03', value: 0 },
      { month: '2027-04', value: 3 },
    ]);
  });

  it('refuses a period ending before it starts, naming the field', async () => {
    const res = await f.api(coordinator).get('/api/v1/cockpit/period?from=2027-04-11&to=2027-04-05');
    expect(res.statusCode).toBe(400);
    expect(res.json().errors.map((e: { path: string }) => e.path)).toEqual(['querystring.to']);
    const kpi = await f.api(coordinator).get('/api/v1/cockpit/trend?kpi=happiness');
    expect(kpi.statusCode).toBe(400);
  });
});

describe('cockpit: now', () => {
  it('shows the open tickets, the clocks at risk, today and the agents’ load', async () => {
    const res = await f.api(coordinator).get('/api/v1/cockpit/now');
    expect(res.statusCode, res.body).toBe(200);
    const now = res.json();
    expect(now.generatedAt).toBe('2027-04-06T14:30:00.000Z');
    expect(now.open.total).toBe(3);
    expect(now.open.byStatus).toEqual(
      expect.arrayContaining([
        { key: 'new', count: 1 },
        { key: 'assigned', count: 1 },
        { key: 'pending', count: 1 },
      ]),
    );
    expect(now.open.byStatus).toHaveLength(3);
    expect(now.open.byPriority).toEqual([{ key: '2', count: 3 }]);
    expect(now.open.byGroup).toEqual([{ id: null, name: '', count: 3 }]);
    expect(now.open.byEntity).toEqual([
      { id: f.w.pessac.id, name: f.w.pessac.name, count: 2 },
      { id: f.w.merignac.id, name: f.w.merignac.name, count: 1 },
    ]);
    expect(now.unassigned).toBe(1);
    expect(now.waitingForRequester).toBe(1);
    expect(now.nearBreach).toBe(1); // G
    expect(now.breached).toBe(1); // E
    expect(now.today).toEqual({ incoming: 7, resolved: 4 });
    expect(now.agentLoad).toEqual([
      { id: f.w.deskAgent.id, name: f.w.deskAgent.name, count: 2, inProgress: 0, pending: 1 },
    ]);
  });
});

describe('cockpit: live', () => {
  it('nudged the cockpits of the entities whose figures moved, once per entity and pass', async () => {
    const { rows } = await f.ctx.database.db.execute<{ entity_id: number | string; n: number | string }>(sql`
      select entity_id, count(*) as n from outbox where topic = 'cockpit.changed'
        and entity_id in (${f.w.pessac.id}, ${f.w.merignac.id}) group by entity_id order by entity_id`);
    expect(rows.map((r) => Number(r.entity_id))).toEqual(
      [f.w.pessac.id, f.w.merignac.id].sort((a, b) => a - b),
    );
    // every step above ran its own pass; fewer nudges than ticket events all the same
    expect(rows.every((r) => Number(r.n) >= 1)).toBe(true);
  });
});

describe('cockpit: scope', () => {
  it('shows an observer their own commune only, and refuses another', async () => {
    const now = await f.api(observer).get('/api/v1/cockpit/now');
    expect(now.statusCode, now.body).toBe(200);
    expect(now.json().open.total).toBe(2);
    expect(now.json().open.byEntity).toEqual([{ id: f.w.pessac.id, name: f.w.pessac.name, count: 2 }]);
    const period = await f.api(observer).get(`/api/v1/cockpit/period?${week}`);
    expect(period.json().kpis.volume).toEqual({ current: 6, previous: 1 });
    const other = await f.api(observer).get(`/api/v1/cockpit/now?entityId=${f.w.merignac.id}`);
    expect(other.statusCode).toBe(403);
    // figures, not the desk: the observer is no agent
    const me = await f.api(observer).get('/api/v1/auth/me');
    expect(me.json().user.isStaff).toBe(false);
    const ticket = await f.api(observer).get(`/api/v1/tickets/${n.G?.number}`);
    expect(ticket.statusCode).toBe(404);
  });

  it('lets an administrator grant the observer role, which opens the cockpit at once', async () => {
    const db = f.ctx.database.db;
    const person = await createPerson(db, { name: `Élu ${f.w.tag}`, entityId: f.w.merignac.id });
    const s = await f.session(person.id);
    expect((await f.api(s).get('/api/v1/cockpit/now')).statusCode).toBe(403);
    const grant = await f.api(f.admin).post('/api/v1/roles', {
      personId: person.id,
      role: 'observer',
      entityId: f.w.merignac.id,
    });
    expect(grant.statusCode, grant.body).toBe(201);
    const now = await f.api(s).get('/api/v1/cockpit/now');
    expect(now.statusCode, now.body).toBe(200);
    expect(now.json().open.total).toBe(1);
  });

  it('narrows to an entity inside the scope', async () => {
    const res = await f.api(coordinator).get(`/api/v1/cockpit/period?${week}&entityId=${f.w.merignac.id}`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().kpis.volume).toEqual({ current: 1, previous: 0 });
  });

  it('refuses agents without a coordinator role, and anonymous callers', async () => {
    expect((await f.api(f.agent).get('/api/v1/cockpit/now')).statusCode).toBe(403);
    expect((await f.api(f.agent).get(`/api/v1/cockpit/period?${week}`)).statusCode).toBe(403);
    expect((await f.ctx.app.inject({ method: 'GET', url: '/api/v1/cockpit/now' })).statusCode).toBe(401);
  });
});

describe('cockpit: export', () => {
  it('exports a period table as CSV with localised headings', async () => {
    const res = await f.api(coordinator).get(`/api/v1/cockpit/export?table=byChannel&format=csv&${week}`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toContain('text/csv');
    const lines = res.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\n');
    expect(lines[0]).toBe(
      'Clé;Libellé;Période 2027-04-05 – 2027-04-11;Période précédente 2027-03-29 – 2027-04-04',
    );
    expect(lines[1]).toBe('phone;phone;6;1');
  });

  it('exports the agents’ load as XLSX that reads back', async () => {
    const res = await f.api(coordinator).get('/api/v1/cockpit/export?table=agentLoad&format=xlsx');
    expect(res.statusCode, res.body).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = wb.worksheets[0];
    expect(sheet?.getRow(1).values).toEqual([
      undefined,
      'Clé',
      'Technicien',
      'Nombre',
      'En cours',
      'En attente',
    ]);
    expect(sheet?.getRow(2).values).toEqual([undefined, f.w.deskAgent.id, f.w.deskAgent.name, 2, 0, 1]);
  });

  it('asks for the period of a period table', async () => {
    const res = await f.api(coordinator).get('/api/v1/cockpit/export?table=kpis');
    expect(res.statusCode).toBe(400);
    expect(res.json().errors.map((e: { path: string }) => e.path)).toEqual([
      'querystring.from',
      'querystring.to',
    ]);
  });
});
