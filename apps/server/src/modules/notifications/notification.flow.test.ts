import type { Notification } from '@guichet/contracts';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type WebSocket from 'ws';
import { publish } from '../../platform/events/events.js';
import { startSmtpSink } from '../../platform/mail/mail.test-support.js';
import { createWorld, emailOf, type World } from '../../test/factories.js';
import { as, login, type Session, type TestContext } from '../../test/harness.js';
import { people } from '../directory/index.js';
import { startIsolatedJobsApp } from './notification.test-support.js';

let ctx: TestContext;
let w: World;
let smtp: Awaited<ReturnType<typeof startSmtpSink>>;
const PUBLIC_URL = 'https://guichet.example.org';
const sessions = new Map<number, Session>();

const session = async (id: number): Promise<Session> => {
  const known = sessions.get(id);
  if (known) return known;
  const s = await login(ctx.app, await emailOf(ctx.database.db, id));
  sessions.set(id, s);
  return s;
};
const api = async (id: number) => as(ctx.app, await session(id));

// a seed or a large import in another test file holds the server-wide snapshot horizon for seconds
const until = async (check: () => boolean | Promise<boolean>, ms = 25_000) => {
  const end = Date.now() + ms;
  while (!(await check()) && Date.now() < end) await new Promise((r) => setTimeout(r, 50));
};

async function notificationsOf(personId: number): Promise<Notification[]> {
  const res = await (await api(personId)).get('/api/v1/notifications?limit=100');
  expect(res.statusCode).toBe(200);
  return res.json().items as Notification[];
}

/** Waits for a notification about `number` of `kind`, then for the dispatcher to settle. */
async function waitFor(personId: number, number: string, kind: string) {
  let found: Notification | undefined;
  await until(async () => {
    found = (await notificationsOf(personId)).find((n) => n.ticketNumber === number && n.kind === kind);
    return found !== undefined;
  });
  return found;
}
/** Lets every pending outbox pass finish, so "nothing arrived" is a real absence. */
const settle = async () => {
  await until(async () => {
    const { rows } = await ctx.database.db.execute<{ behind: boolean }>(sql`
      select exists (select 1 from outbox o, outbox_cursors c where c.consumer = 'notifications'
        and o.topic = any(c.topics) and (o.tx_id, o.id) > (c.tx_id, c.last_id)) as behind`);
    return rows[0]?.behind === false;
  });
  await new Promise((r) => setTimeout(r, 300));
};
const mailsTo = (email: string) => smtp.received.filter((m) => m.to.includes(email));

async function newTicket(by: number, title: string, extra: Record<string, unknown> = {}) {
  const res = await (await api(by)).post('/api/v1/tickets', { type: 'incident', title, ...extra });
  expect(res.statusCode).toBe(201);
  return res.json() as { number: string; version: number };
}

beforeAll(async () => {
  smtp = await startSmtpSink();
  ctx = await startIsolatedJobsApp({
    env: { SMTP_URL: smtp.url, MAIL_FROM: 'Guichet Test <guichet@test.example>', PUBLIC_URL },
  });
  w = await createWorld(ctx.database.db);
});
afterAll(async () => {
  await ctx?.close();
  await smtp?.close();
});

describe('notifications from ticket changes', () => {
  it('tells an agent of an assignment by e-mail in French and live, not the agent who assigned', async () => {
    const agentSession = await session(w.pessacAgent.id);
    const ws: WebSocket = await ctx.app.injectWS('/api/v1/stream', {
      headers: { cookie: agentSession.cookie },
    });
    const pushed: Record<string, unknown>[] = [];
    ws.on('message', (data) => pushed.push(JSON.parse(String(data))));
    const t = await newTicket(w.requesterPessac.id, 'Imprimante <bloquée>');
    const started = Date.now();
    const res = await (await api(w.deskAgent.id)).patch(`/api/v1/tickets/${t.number}`, {
      assigneeId: w.pessacAgent.id,
      groupId: w.pessacGroup.id,
    });
    expect(res.statusCode).toBe(200);
    const n = await waitFor(w.pessacAgent.id, t.number, 'assigned');
    console.log(`dispatch latency (ticket change → notification visible): ${Date.now() - started} ms`);
    expect(n).toMatchObject({ kind: 'assigned', ticketTitle: 'Imprimante <bloquée>', readAt: null });
    expect(n?.actorName).toContain('Agent Desk');
    const agentEmail = await emailOf(ctx.database.db, w.pessacAgent.id);
    await until(() => mailsTo(agentEmail).length > 0);
    const [mail] = mailsTo(agentEmail);
    expect(mail?.subject).toBe(`[${t.number}] Ticket qui vous est attribué`);
    expect(mail?.from).toBe('guichet@test.example');
    expect(mail?.content).toContain(`${PUBLIC_URL}/desk/tickets/${t.number}`);
    // user text is escaped in the HTML part
    expect(mail?.content).toContain('Imprimante &#60;bloquée&#62;');
    expect(mail?.content).not.toContain('<bloquée>\u00a0');
    await until(() => pushed.some((m) => m.type === 'notification'));
    expect(pushed.find((m) => m.type === 'notification')).toMatchObject({
      type: 'notification',
      notification: { kind: 'assigned', ticketNumber: t.number },
    });
    ws.terminate();
    await settle();
    // the actor is not told about their own action; the group assignment had an assignee
    expect((await notificationsOf(w.deskAgent.id)).filter((x) => x.ticketNumber === t.number)).toEqual([]);
    const { rows } = await ctx.database.db.execute<{ status: string; attempts: number }>(
      sql`select status, attempts from mail_messages where recipient = ${agentEmail}`,
    );
    expect(rows).toEqual([{ status: 'sent', attempts: 1 }]);
  });

  it('writes in English to an English speaker', async () => {
    await ctx.database.db.update(people).set({ language: 'en' }).where(eq(people.id, w.deskAgent.id));
    const t = await newTicket(w.requesterMetro.id, 'Screen flickers');
    await (await api(w.coordinator.id)).patch(`/api/v1/tickets/${t.number}`, { assigneeId: w.deskAgent.id });
    const email = await emailOf(ctx.database.db, w.deskAgent.id);
    await until(() => mailsTo(email).some((m) => m.subject.includes(t.number)));
    const mail = mailsTo(email).find((m) => m.subject.includes(t.number));
    expect(mail?.subject).toBe(`[${t.number}] Ticket assigned to you`);
    expect(mail?.content).toContain('was assigned to you by');
  });

  it('tells the members of a group assigned without an assignee, in the app only, except the actor', async () => {
    const t = await newTicket(w.requesterMetro.id, 'Badge refusé');
    await (await api(w.deskAgent.id)).patch(`/api/v1/tickets/${t.number}`, { groupId: w.deskGroup.id });
    const n = await waitFor(w.coordinator.id, t.number, 'group_assigned');
    expect(n?.params.groupName).toBe(w.deskGroup.name);
    await settle();
    expect((await notificationsOf(w.deskAgent.id)).some((x) => x.ticketNumber === t.number)).toBe(false);
    const coordinatorEmail = await emailOf(ctx.database.db, w.coordinator.id);
    expect(mailsTo(coordinatorEmail).some((m) => m.subject.includes(t.number))).toBe(false);
  });

  it("sends the requester a staff reply with its text, never an internal note, and the requester's reply to the assignee", async () => {
    const t = await newTicket(w.requesterMerignac.id, 'Wifi lent');
    await (await api(w.deskAgent.id)).patch(`/api/v1/tickets/${t.number}`, { assigneeId: w.coordinator.id });
    const desk = await api(w.deskAgent.id);
    await desk.post(`/api/v1/tickets/${t.number}/comments`, {
      body: 'Secret interne',
      visibility: 'internal',
    });
    await desk.post(`/api/v1/tickets/${t.number}/comments`, {
      body: 'Redémarrez la borne <b>wifi</b>, svp.',
      visibility: 'public',
    });
    const n = await waitFor(w.requesterMerignac.id, t.number, 'reply');
    expect(n?.params.excerpt).toBe('Redémarrez la borne <b>wifi</b>, svp.');
    const requesterEmail = await emailOf(ctx.database.db, w.requesterMerignac.id);
    await until(() => mailsTo(requesterEmail).length > 0);
    await settle();
    const mails = mailsTo(requesterEmail);
    expect(mails).toHaveLength(1);
    expect(mails[0]?.subject).toBe(`[${t.number}] Nouvelle réponse`);
    expect(mails[0]?.content).toContain('Redémarrez la borne &#60;b&#62;wifi&#60;/b&#62;, svp.');
    expect(mails[0]?.content).toContain(`${PUBLIC_URL}/portal/tickets/${t.number}`);
    expect(mails.some((m) => m.content.includes('Secret interne'))).toBe(false);
    const requesterSide = (await notificationsOf(w.requesterMerignac.id)).filter(
      (x) => x.ticketNumber === t.number,
    );
    expect(requesterSide.map((x) => x.kind)).toEqual(['reply']);
    // the requester answers: the assignee hears of it, in the app (agents' default for replies)
    await (await api(w.requesterMerignac.id)).post(`/api/v1/tickets/${t.number}/comments`, {
      body: 'Toujours lent',
    });
    const back = await waitFor(w.coordinator.id, t.number, 'reply');
    expect(back?.params.excerpt).toBe('Toujours lent');
  });

  it('tells the requester of the resolution with links to confirm, reopen or give feedback', async () => {
    const t = await newTicket(w.requesterPessac.id, 'Écran noir');
    const desk = await api(w.deskAgent.id);
    await desk.patch(`/api/v1/tickets/${t.number}`, { assigneeId: w.deskAgent.id });
    const res = await desk.patch(`/api/v1/tickets/${t.number}`, {
      status: 'resolved',
      resolutionCode: 'solved',
    });
    expect(res.statusCode).toBe(200);
    await waitFor(w.requesterPessac.id, t.number, 'resolved');
    const email = await emailOf(ctx.database.db, w.requesterPessac.id);
    await until(() => mailsTo(email).some((m) => m.subject.includes(t.number)));
    const mail = mailsTo(email).find((m) => m.subject.includes(t.number));
    expect(mail?.subject).toBe(`[${t.number}] Votre demande est résolue`);
    expect(mail?.content).toContain(`${PUBLIC_URL}/portal/tickets/${t.number}?action=confirm`);
    expect(mail?.content).toContain(`${PUBLIC_URL}/portal/tickets/${t.number}?action=reopen`);
    expect(mail?.content).toContain(`${PUBLIC_URL}/portal/tickets/${t.number}?action=rate`);
  });

  it("follows preferences: 'app' keeps it in the app, 'off' silences it", async () => {
    const requester = await api(w.requesterMetro.id);
    const saved = await requester.put('/api/v1/notifications/preferences', {
      items: [
        { kind: 'reply', channel: 'app' },
        { kind: 'resolved', channel: 'off' },
      ],
    });
    expect(saved.statusCode).toBe(200);
    const t = await newTicket(w.requesterMetro.id, 'Souris cassée');
    const desk = await api(w.deskAgent.id);
    await desk.patch(`/api/v1/tickets/${t.number}`, { assigneeId: w.deskAgent.id });
    await desk.post(`/api/v1/tickets/${t.number}/comments`, {
      body: 'On passe demain',
      visibility: 'public',
    });
    await desk.patch(`/api/v1/tickets/${t.number}`, { status: 'resolved', resolutionCode: 'solved' });
    await waitFor(w.requesterMetro.id, t.number, 'reply');
    await settle();
    const kinds = (await notificationsOf(w.requesterMetro.id))
      .filter((x) => x.ticketNumber === t.number)
      .map((x) => x.kind);
    expect(kinds).toEqual(['reply']);
    const email = await emailOf(ctx.database.db, w.requesterMetro.id);
    expect(mailsTo(email).some((m) => m.subject.includes(t.number))).toBe(false);
  });

  it('turns an sla.alert into notifications and e-mails for its recipients', async () => {
    const t = await newTicket(w.requesterPessac.id, 'Serveur en panne');
    const dueAt = '2026-03-02T10:55:00.000Z';
    await publish(ctx.database.db, {
      topic: 'sla.alert',
      entityId: w.pessac.id,
      audience: [],
      payload: {
        type: 'sla.alert',
        level: 'breached',
        number: t.number,
        title: 'Serveur en panne',
        policy: 'Incidents P1',
        metric: 'resolution',
        percent: 100,
        dueAt,
        recipients: [w.coordinator.id],
        at: new Date().toISOString(),
      },
    });
    const n = await waitFor(w.coordinator.id, t.number, 'sla_breached');
    expect(n?.params).toMatchObject({ policy: 'Incidents P1', percent: 100, dueAt });
    const email = await emailOf(ctx.database.db, w.coordinator.id);
    await until(() => mailsTo(email).some((m) => m.subject.includes(t.number)));
    const mail = mailsTo(email).find((m) => m.subject.includes(t.number));
    expect(mail?.subject).toBe(`[${t.number}] Délai dépassé`);
    expect(mail?.content).toContain('Incidents P1');
    expect(mail?.content).toContain('lundi 2 mars 2026 à 11:55');
  });
});
