import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPerson } from '../../test/factories.js';
import type { Session } from '../../test/harness.js';
import { officeHours, slaFixture } from '../slas/sla.test-support.js';

/*
 * A small hand-made March 2027 for Pessac (and its schools), read on 10 April:
 *   P  February, phone, resolved at creation (the previous month)
 *   A  1 March, phone, resolved at creation (first contact)
 *   B  3 March, e-mail, category Impression, resolved 2 hours later
 *   C  5 March, a request from the portal
 *   D  8 March, priority 1 incident, still open, parent of B (a major incident)
 *   E  10 March 09:00, priority 2, taken in charge at 10:00: its 30-minute response target breached
 *   M  9 March, Mérignac: outside Pessac's report
 * One SLA on incidents, 24/7, priority 2 only: response 30 min, resolution 240 min (P, A, E, M).
 * Satisfaction: B scored 4.
 */
let f: Awaited<ReturnType<typeof slaFixture>>;
let coordinator: Session;
let observer: Session;
const n: Record<string, { id: number; number: string }> = {};
const at = (iso: string) => new Date(`${iso}:00Z`);

async function settle() {
  for (let i = 0; i < 20; i++) if ((await f.ctx.app.outbox.dispatchOnce()) === 0) return;
}

const resolveNow = { resolutionCode: 'solved', resolutionNotes: 'Réglé au téléphone' };

beforeAll(async () => {
  f = await slaFixture(at('2027-02-15T09:00'));
  const calendarId = await f.calendar({ ...officeHours, name: '24/7', weekly: null, publicHolidays: false });
  await f.policy({
    calendarId,
    ticketType: 'incident',
    warnPercent: 50,
    targets: [{ priority: 2, responseMinutes: 30, resolutionMinutes: 240 }],
  });
  n.P = await f.openTicket({ resolveNow });
  f.clock.set(at('2027-03-01T09:00'));
  n.A = await f.openTicket({ resolveNow });
  f.clock.set(at('2027-03-03T09:00'));
  n.B = await f.openTicket({ channel: 'email', categoryId: f.w.category.id, impact: 3, urgency: 3 });
  f.clock.set(at('2027-03-03T11:00'));
  const resolved = await f
    .api(f.agent)
    .patch(`/api/v1/tickets/${n.B.number}`, { status: 'resolved', resolutionCode: 'solved' });
  expect(resolved.statusCode, resolved.body).toBe(200);
  f.clock.set(at('2027-03-05T09:00'));
  n.C = await f.openTicket({
    type: 'request',
    channel: 'portal',
    title: 'Nouveau poste',
    impact: 3,
    urgency: 3,
  });
  f.clock.set(at('2027-03-08T09:00'));
  n.D = await f.openTicket({ title: 'Panne réseau œuvre', impact: 1, urgency: 1 });
  f.clock.set(at('2027-03-09T09:00'));
  n.M = await f.openTicket({ requesterId: f.w.requesterMerignac.id });
  f.clock.set(at('2027-03-10T09:00'));
  n.E = await f.openTicket({ title: 'Écran noir' });
  f.clock.set(at('2027-03-10T09:40'));
  await f.ctx.app.slaTimer.runTimer(n.E.id);
  f.clock.set(at('2027-03-10T10:00'));
  const taken = await f.api(f.agent).patch(`/api/v1/tickets/${n.E.number}`, { assigneeId: f.w.deskAgent.id });
  expect(taken.statusCode, taken.body).toBe(200);
  const db = f.ctx.database.db;
  await db.execute(sql`insert into ticket_links (from_ticket_id, to_ticket_id, kind, created_by)
    values (${n.D.id}, ${n.B.id}, 'parent', ${f.w.deskAgent.id})`);
  await db.execute(sql`insert into satisfaction_responses (ticket_id, score, respondent_id, entity_id, answered_at)
    values (${n.B.id}, 4, ${f.w.requesterPessac.id}, ${f.w.pessac.id}, ${at('2027-03-04T10:00').toISOString()})`);
  await settle();
  f.clock.set(at('2027-04-10T09:00'));
  coordinator = await f.session(f.w.coordinator.id);
  const obs = await createPerson(db, {
    name: `Observatrice ${f.w.tag}`,
    entityId: f.w.pessac.id,
    roles: [['observer', f.w.pessac.id]],
  });
  observer = await f.session(obs.id);
}, 120_000);
afterAll(() => f.ctx.close());

const url = (entityId: number, format = 'xlsx', month = '2027-03') =>
  `/api/v1/reports/monthly?entityId=${entityId}&month=${month}&format=${format}`;

async function workbook(body: Buffer) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(body as unknown as ArrayBuffer);
  return wb;
}

/** A sheet's rows as arrays of values (ExcelJS rows are 1-based). */
const rowsOf = (sheet: ExcelJS.Worksheet | undefined) => {
  const out: unknown[][] = [];
  sheet?.eachRow((row) => out.push((row.values as unknown[]).slice(1)));
  return out;
};

/** pdfkit writes the info dictionary's strings as UTF-16BE with a byte-order mark. */
const utf16be = (s: string) => Buffer.from(s, 'utf16le').swap16();

describe('monthly report: figures', () => {
  it('has the cockpit’s figures for the month, against the calendar month before, in every sheet', async () => {
    const res = await f.api(coordinator).get(url(f.w.pessac.id));
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    expect(res.headers['content-disposition']).toMatch(
      /^attachment; filename="rapport-mensuel-pessac-[a-z0-9-]+-2027-03\.xlsx"$/,
    );
    const wb = await workbook(res.rawPayload);
    expect(wb.worksheets.map((s) => s.name)).toEqual([
      'Synthèse',
      'Canaux',
      'Types',
      'Catégories',
      'Incidents notables',
    ]);
    const summary = rowsOf(wb.getWorksheet('Synthèse'));
    expect(summary[0]).toEqual(['Rapport mensuel']);
    expect(summary[1]).toEqual(['Entité', f.w.pessac.name]);
    expect(summary[2]).toEqual(['Mois', '2027-03']);
    const kpi = (label: string) => summary.find((r) => r[0] === label)?.slice(1);

    // the same figures as the cockpit for the same month and entity
    const cockpit = await f
      .api(coordinator)
      .get(`/api/v1/cockpit/period?from=2027-03-01&to=2027-03-31&entityId=${f.w.pessac.id}`);
    expect(cockpit.statusCode, cockpit.body).toBe(200);
    const k = cockpit.json().kpis as Record<string, { current: number | null }>;
    expect(k.volume?.current).toBe(5);
    const value = (v: number | null | undefined) => (v === null || v === undefined ? null : v);
    expect(kpi('Tickets créés')?.[0]).toBe(5);
    expect(kpi('Taux de résolution au premier contact')?.[0]).toBe(k.first_contact_resolution_rate?.current);
    expect(kpi('Respect des engagements de résolution')?.[0] ?? null).toBe(
      value(k.sla_compliance_rate?.current),
    );
    expect(kpi('Délai moyen de résolution (min)')?.[0]).toBe(k.resolution_mean_minutes?.current);
    expect(kpi('Délai moyen de résolution (min)')?.[0]).toBe(60);
    expect(kpi('Satisfaction moyenne (1 à 5)')?.[0]).toBe(4);
    expect(kpi('Réponses à l’enquête de satisfaction')?.[0]).toBe(1);
    // the previous month is February (P), not the 31 days before
    expect(kpi('Tickets créés')?.[1]).toBe(1);
    expect(kpi('Tickets créés')?.[2]).toBe(4);
    // response: A met at creation, E breached; resolution: A met, E still open; February: P met
    expect(kpi('Respect des engagements de prise en charge')).toEqual([0.5, 1, -0.5]);
    expect(kpi('Respect des engagements de résolution')).toEqual([1, 1, 0]);

    expect(rowsOf(wb.getWorksheet('Canaux')).slice(2)).toEqual([
      ['Téléphone', 3, 1],
      ['Courriel', 1, 0],
      ['Portail', 1, 0],
    ]);
    expect(rowsOf(wb.getWorksheet('Types')).slice(2)).toEqual([
      ['Incidents', 4, 1],
      ['Demandes', 1, 0],
    ]);
    expect(rowsOf(wb.getWorksheet('Catégories')).slice(2)).toEqual([
      ['Sans catégorie', 4, 1],
      [f.w.category.name, 1, 0],
    ]);
    const notable = rowsOf(wb.getWorksheet('Incidents notables')).slice(2);
    // D (priority 1, parent of B) first; A and E are priority 2 (E still open); M is Mérignac's
    // an empty cell (no duration yet) reads back as missing
    expect(notable.map((r) => [r[0], r[1], r[2], r[5] ?? null, r[6]])).toEqual([
      [n.D?.number, 'Panne réseau œuvre', 1, null, 1],
      [n.A?.number, 'Imprimante en panne', 2, 0, 0],
      [n.E?.number, 'Écran noir', 2, null, 0],
    ]);
  });

  it('renders a tagged PDF titled with the entity and the month, in English for an English reader', async () => {
    const res = await f.api(coordinator).get(url(f.w.pessac.id, 'pdf'));
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    const pdf = res.rawPayload;
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.includes(utf16be(`Rapport mensuel – ${f.w.pessac.name} – mars 2027`))).toBe(true);
    const raw = pdf.toString('latin1');
    expect(raw).toContain('/StructTreeRoot');
    expect(raw).toContain('/Lang (fr-FR)');
    expect(raw).toContain('/S /Table');
    expect(raw).toContain('/S /TH');

    const db = f.ctx.database.db;
    const reader = await createPerson(db, {
      name: `Reader ${f.w.tag}`,
      entityId: f.w.pessac.id,
      roles: [['observer', f.w.pessac.id]],
    });
    await db.execute(sql`update people set language = 'en' where id = ${reader.id}`);
    const en = await f.api(await f.session(reader.id)).get(url(f.w.pessac.id, 'pdf'));
    expect(en.statusCode, en.body).toBe(200);
    expect(en.rawPayload.includes(utf16be(`Monthly report – ${f.w.pessac.name} – March 2027`))).toBe(true);
    expect(en.rawPayload.toString('latin1')).toContain('/Lang (en-GB)');
    expect(en.headers['content-disposition']).toContain('filename="monthly-report-pessac-');
  });
});

describe('monthly report: scope and validation', () => {
  it('gives an observer their entity, and 403 for another; refuses agents and anonymous callers', async () => {
    expect((await f.api(observer).get(url(f.w.pessac.id))).statusCode).toBe(200);
    expect((await f.api(observer).get(url(f.w.merignac.id))).statusCode).toBe(403);
    expect((await f.api(f.agent).get(url(f.w.pessac.id))).statusCode).toBe(403);
    expect((await f.ctx.app.inject({ method: 'GET', url: url(f.w.pessac.id) })).statusCode).toBe(401);
  });

  it('answers 400 with the field for a bad format, a malformed or a future month', async () => {
    const bad = await f.api(coordinator).get(url(f.w.pessac.id, 'docx'));
    expect(bad.statusCode).toBe(400);
    expect(JSON.stringify(bad.json())).toContain('format');
    expect((await f.api(coordinator).get(url(f.w.pessac.id, 'pdf', '2027-13'))).statusCode).toBe(400);
    const future = await f.api(coordinator).get(url(f.w.pessac.id, 'pdf', '2027-05'));
    expect(future.statusCode).toBe(400);
    expect(future.json().errors).toEqual([{ path: 'month', message: 'The month has not started yet' }]);
    // the current month is allowed, to date
    expect((await f.api(coordinator).get(url(f.w.pessac.id, 'xlsx', '2027-04'))).statusCode).toBe(200);
  });
});

describe('report subscriptions', () => {
  const subs = (entityId: number) => `/api/v1/reports/subscriptions/${entityId}`;

  it('lets an administrator of the entity add, list and remove recipients', async () => {
    const created = await f
      .api(f.admin)
      .post(subs(f.w.pessac.id), { email: ' Maire@Pessac.example ', language: 'en' });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json()).toMatchObject({
      entityId: f.w.pessac.id,
      email: 'maire@pessac.example',
      language: 'en',
    });
    const again = await f.api(f.admin).post(subs(f.w.pessac.id), { email: 'MAIRE@pessac.example' });
    expect(again.statusCode).toBe(409);
    const invalid = await f
      .api(f.admin)
      .post(subs(f.w.pessac.id), { email: 'pas une adresse', language: 'de' });
    expect(invalid.statusCode).toBe(400);
    const list = await f.api(f.admin).get(subs(f.w.pessac.id));
    expect(list.statusCode).toBe(200);
    expect(list.json().items.map((s: { email: string }) => s.email)).toEqual(['maire@pessac.example']);
    const id = created.json().id as number;
    // another entity's path does not reach it
    expect((await f.api(f.admin).delete(`${subs(f.w.merignac.id)}/${id}`)).statusCode).toBe(404);
    expect((await f.api(f.admin).delete(`${subs(f.w.pessac.id)}/${id}`)).statusCode).toBe(204);
    expect((await f.api(f.admin).delete(`${subs(f.w.pessac.id)}/${id}`)).statusCode).toBe(404);
    const { rows } = await f.ctx.database.db.execute<{ action: string }>(sql`
      select action from audit_log where target_type = 'report_subscription' and target_id = ${String(id)} order by id`);
    expect(rows.map((r) => r.action)).toEqual(['report_subscription.created', 'report_subscription.deleted']);
  });

  it('refuses coordinators, observers and agents (403), and hides the entity from requesters (404)', async () => {
    const requester = f.requester;
    for (const s of [coordinator, observer, f.agent]) {
      expect((await f.api(s).get(subs(f.w.pessac.id))).statusCode).toBe(403);
      expect((await f.api(s).post(subs(f.w.pessac.id), { email: 'x@pessac.example' })).statusCode).toBe(403);
    }
    expect((await f.api(requester).get(subs(f.w.pessac.id))).statusCode).toBe(404);
    expect((await f.api(f.admin).get(subs(99_999_999))).statusCode).toBe(404);
  });
});
