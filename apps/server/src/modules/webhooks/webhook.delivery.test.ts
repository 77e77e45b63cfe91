import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../../platform/clock.js';
import { publish } from '../../platform/events/events.js';
import { createPerson, createWorld, emailOf, type World } from '../../test/factories.js';
import { as, login, type Session, startTestApp, type TestContext } from '../../test/harness.js';
import { createWebhookDeliverer } from './webhook.delivery.js';
import { webhookDeliveries } from './webhook.table.js';

interface Received {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

/** A real receiver: records every request; `/flaky/*` answers 500 on the first call of each delivery. */
function startReceiver() {
  const received: Received[] = [];
  const seen = new Set<string>();
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => {
      body += c.toString('utf8');
    });
    req.on('end', () => {
      received.push({ path: req.url ?? '', headers: req.headers, body });
      const delivery = String(req.headers['x-guichet-delivery']);
      if (req.url?.startsWith('/flaky') && !seen.has(delivery)) {
        seen.add(delivery);
        res.writeHead(500).end('temporarily broken');
      } else if (req.url?.startsWith('/down')) {
        res.writeHead(503).end('down');
      } else {
        res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
      }
    });
  });
  return new Promise<{ url: string; received: Received[]; close(): Promise<void> }>((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({
        url: `http://127.0.0.1:${port}`,
        received,
        close: () => new Promise((r) => server.close(() => r())),
      });
    });
  });
}

/** What a receiver does: recompute the HMAC over "<timestamp>.<body>" and compare in constant time. */
function verifySignature(secret: string, r: Received): boolean {
  const timestamp = String(r.headers['x-guichet-timestamp']);
  const expected = `sha256=${createHmac('sha256', secret).update(`${timestamp}.${r.body}`).digest('hex')}`;
  const given = Buffer.from(String(r.headers['x-guichet-signature']));
  return given.length === expected.length && timingSafeEqual(given, Buffer.from(expected));
}

let ctx: TestContext;
let w: World;
let receiver: Awaited<ReturnType<typeof startReceiver>>;
const sessions = {} as Record<'admin' | 'desk' | 'reqPessac' | 'reqMerignac', Session>;
// the deliverer driven by hand below, as the app's worker would run it on its last attempt
const retry = { retryLimit: 3, retryDelay: 1, retryDelayMax: 2 };

beforeAll(async () => {
  ctx = await startTestApp({ jobs: true });
  const db = ctx.database.db;
  w = await createWorld(db);
  receiver = await startReceiver();
  const ids = {
    admin: w.admin.id,
    desk: w.deskAgent.id,
    reqPessac: w.requesterPessac.id,
    reqMerignac: w.requesterMerignac.id,
  };
  for (const [who, id] of Object.entries(ids)) {
    sessions[who as keyof typeof ids] = await login(ctx.app, await emailOf(db, id));
  }
});
afterAll(async () => {
  await ctx.close();
  await receiver.close();
});

const api = (who: keyof typeof sessions) => as(ctx.app, sessions[who]);

async function createHook(path: string, entityId: number, events: string[]) {
  const res = await api('admin').post('/api/v1/webhooks', {
    entityId,
    name: `Récepteur ${path}`,
    url: `${receiver.url}${path}`,
    events,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: number; secret: string; version: number };
}

async function newTicket(who: 'reqPessac' | 'reqMerignac', title = 'Imprimante en panne') {
  const res = await api(who).post('/api/v1/tickets', { type: 'incident', title });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { number: string; version: number };
}

const deliveriesOf = (webhookId: number) =>
  ctx.database.db
    .select()
    .from(webhookDeliveries)
    .where(eq(webhookDeliveries.webhookId, webhookId))
    .orderBy(asc(webhookDeliveries.id));

async function waitFor<T>(read: () => Promise<T>, done: (v: T) => boolean, ms = 20_000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const v = await read();
    if (done(v) || Date.now() > until) return v;
    await new Promise((r) => setTimeout(r, 100));
  }
}
const settled = (rows: { status: string }[], n: number) =>
  rows.length >= n && rows.every((d) => d.status !== 'pending');
const requestsTo = (path: string) => receiver.received.filter((r) => r.path === path);

describe('ticket events', () => {
  it('signs and sends ticket.created to webhooks covering the ticket, and only to them', async () => {
    const metro = await createHook('/metro', w.metropolis.id, ['ticket.created', 'ticket.updated']);
    const merignac = await createHook('/merignac', w.merignac.id, ['ticket.created']);
    const updatesOnly = await createHook('/pessac-updates', w.pessac.id, ['ticket.updated']);
    const t = await newTicket('reqPessac');
    const rows = await waitFor(
      () => deliveriesOf(metro.id),
      (d) => settled(d, 1),
    );
    expect(rows).toMatchObject([
      { event: 'ticket.created', status: 'succeeded', attempts: 1, lastStatusCode: 200 },
    ]);
    expect(rows[0]?.responseExcerpt).toBe('ok');
    expect(await deliveriesOf(merignac.id)).toEqual([]);
    expect(await deliveriesOf(updatesOnly.id)).toEqual([]);

    const [req] = requestsTo('/metro');
    if (!req) throw new Error('nothing received');
    expect(req.headers).toMatchObject({
      'content-type': 'application/json',
      'user-agent': 'Guichet-Webhooks/1.0',
      'x-guichet-event': 'ticket.created',
      'x-guichet-delivery': String(rows[0]?.id),
    });
    expect(Math.abs(Number(req.headers['x-guichet-timestamp']) - Date.now() / 1000)).toBeLessThan(60);
    expect(verifySignature(metro.secret, req)).toBe(true);
    expect(verifySignature(merignac.secret, req)).toBe(false);
    expect(JSON.parse(req.body)).toMatchObject({
      id: rows[0]?.id,
      event: 'ticket.created',
      ticket: {
        number: t.number,
        title: 'Imprimante en panne',
        type: 'incident',
        status: 'new',
        entity: { id: w.pessac.id, name: w.pessac.name },
        requester: { id: w.requesterPessac.id, name: w.requesterPessac.name },
        group: null,
        assignee: null,
        url: expect.stringMatching(new RegExp(`^https?://[^/]+/desk/tickets/${t.number}$`)),
      },
      change: { kind: 'created' },
    });

    // a Mérignac ticket reaches the Mérignac webhook, not the Pessac one
    await newTicket('reqMerignac');
    expect(
      await waitFor(
        () => deliveriesOf(merignac.id),
        (d) => settled(d, 1),
      ),
    ).toHaveLength(1);
    expect(await deliveriesOf(updatesOnly.id)).toEqual([]);
  });

  it('sends updates with their changes but never an internal note body', async () => {
    const hook = await createHook('/notes', w.pessac.id, ['ticket.updated']);
    const t = await newTicket('reqPessac');
    const note = await api('desk').post(`/api/v1/tickets/${t.number}/comments`, {
      body: 'Mot de passe admin: hunter2-confidentiel',
      visibility: 'internal',
    });
    expect(note.statusCode, note.body).toBe(201);
    const patch = await api('desk').patch(`/api/v1/tickets/${t.number}`, { impact: 1, urgency: 1 });
    expect(patch.statusCode, patch.body).toBe(200);
    const rows = await waitFor(
      () => deliveriesOf(hook.id),
      (d) => settled(d, 2),
    );
    expect(rows.map((d) => d.status)).toEqual(['succeeded', 'succeeded']);
    const bodies = requestsTo('/notes').map((r) => r.body);
    expect(bodies).toHaveLength(2);
    for (const b of bodies) expect(b).not.toContain('hunter2');
    const payloads = bodies.map((b) => JSON.parse(b)).sort((a, b) => a.id - b.id);
    expect(payloads[0]).toMatchObject({ event: 'ticket.updated', change: { kind: 'commented' } });
    expect(payloads[1]).toMatchObject({
      event: 'ticket.updated',
      change: { kind: 'updated', changes: { impact: { to: 1 } } },
      ticket: { number: t.number, priority: 1 },
    });
  });

  it('covers sub-entities, and turns a burst of events into deliveries in one batch', async () => {
    const hook = await createHook('/burst', w.pessac.id, ['ticket.created']);
    // a requester of a sub-entity of Pessac: the webhook on Pessac covers their tickets
    const pupil = await createPerson(ctx.database.db, { entityId: w.pessacSchools.id });
    for (let i = 0; i < 25; i++) {
      const res = await api('desk').post('/api/v1/tickets', {
        type: 'request',
        title: `Demande ${i}`,
        requesterId: pupil.id,
      });
      expect(res.statusCode, res.body).toBe(201);
    }
    const rows = await waitFor(
      () => deliveriesOf(hook.id),
      (d) => settled(d, 25),
    );
    expect(rows).toHaveLength(25);
    expect(rows.every((d) => d.status === 'succeeded')).toBe(true);
    const entity = JSON.parse(requestsTo('/burst')[0]?.body ?? '{}').ticket.entity;
    expect(entity).toEqual({ id: w.pessacSchools.id, name: w.pessacSchools.name });
  });
});

describe('retries and the delivery log', () => {
  it('retries a failed attempt with back-off until the receiver accepts it', async () => {
    const hook = await createHook('/flaky', w.metropolis.id, ['ticket.created']);
    await newTicket('reqMerignac');
    const rows = await waitFor(
      () => deliveriesOf(hook.id),
      (d) => d.length === 1 && d[0]?.status === 'succeeded',
    );
    expect(rows).toMatchObject([{ status: 'succeeded', attempts: 2, lastStatusCode: 200, lastError: null }]);
    const calls = requestsTo('/flaky');
    expect(calls).toHaveLength(2);
    expect(calls[0]?.headers['x-guichet-delivery']).toBe(calls[1]?.headers['x-guichet-delivery']);
    expect(calls.every((c) => verifySignature(hook.secret, c))).toBe(true);
  });

  it('marks the last failed attempt failed, and never re-sends a succeeded delivery', async () => {
    const down = await createHook('/down', w.merignac.id, ['ticket.created']);
    const ping = await api('admin').post(`/api/v1/webhooks/${down.id}/ping`);
    const id = ping.json().id as number;
    const deliverer = createWebhookDeliverer({ db: ctx.database.db, clock: systemClock, retry });
    // the queue's own job may be running it: wait until it has recorded its first attempt
    await waitFor(
      () => deliveriesOf(down.id),
      (d) => (d[0]?.attempts ?? 0) >= 1 && d[0]?.lockedUntil === null,
    );
    await deliverer.deliver({ data: { deliveryId: id }, retryCount: retry.retryLimit });
    const [failed] = await deliveriesOf(down.id);
    expect(failed).toMatchObject({
      status: 'failed',
      lastStatusCode: 503,
      lastError: 'HTTP 503',
      responseExcerpt: 'down',
    });

    const ok = await createHook('/once', w.merignac.id, ['ticket.created']);
    const okPing = (await api('admin').post(`/api/v1/webhooks/${ok.id}/ping`)).json() as { id: number };
    await waitFor(
      () => deliveriesOf(ok.id),
      (d) => settled(d, 1),
    );
    await deliverer.deliver({ data: { deliveryId: okPing.id }, retryCount: 0 });
    expect(requestsTo('/once')).toHaveLength(1);
    expect(JSON.parse(requestsTo('/once')[0]?.body ?? '{}')).toMatchObject({ id: okPing.id, event: 'ping' });
  });

  it('redelivers a delivery as a new one, listed first in the log', async () => {
    const hook = await createHook('/again', w.merignac.id, ['ticket.created']);
    await newTicket('reqMerignac');
    const [first] = await waitFor(
      () => deliveriesOf(hook.id),
      (d) => settled(d, 1),
    );
    const res = await api('admin').post(`/api/v1/webhooks/${hook.id}/deliveries/${first?.id}/redeliver`);
    expect(res.statusCode, res.body).toBe(202);
    const rows = await waitFor(
      () => deliveriesOf(hook.id),
      (d) => settled(d, 2),
    );
    expect(rows.map((d) => d.status)).toEqual(['succeeded', 'succeeded']);
    const [a, b] = requestsTo('/again').map((r) => JSON.parse(r.body));
    expect(b.id).toBe(res.json().id);
    expect({ ...b, id: a.id }).toEqual(a);
    const log = (await api('admin').get(`/api/v1/webhooks/${hook.id}/deliveries`)).json();
    expect(log.items.map((d: { id: number }) => d.id)).toEqual([rows[1]?.id, rows[0]?.id]);
  });
});

describe('SLA alerts', () => {
  it('sends warnings and breaches as sla.warning, not escalations', async () => {
    const hook = await createHook('/sla', w.merignac.id, ['sla.warning']);
    const t = await newTicket('reqMerignac', 'Serveur lent');
    const alert = (level: string) =>
      publish(ctx.database.db, {
        topic: 'sla.alert',
        entityId: w.merignac.id,
        audience: [],
        payload: {
          type: 'sla.alert',
          level,
          number: t.number,
          title: 'Serveur lent',
          policy: 'Contrat standard',
          metric: 'resolution',
          percent: level === 'warning' ? 75 : 100,
          dueAt: '2026-03-02T12:00:00.000Z',
          recipients: [],
          at: '2026-03-02T11:00:00.000Z',
        },
      });
    await alert('warning');
    await alert('breached');
    await alert('escalated');
    const rows = await waitFor(
      () => deliveriesOf(hook.id),
      (d) => settled(d, 2),
    );
    expect(rows).toHaveLength(2);
    const payloads = requestsTo('/sla')
      .map((r) => JSON.parse(r.body))
      .sort((a, b) => a.id - b.id);
    expect(payloads).toMatchObject([
      {
        event: 'sla.warning',
        sla: { level: 'warning', percent: 75, policy: 'Contrat standard' },
        ticket: { number: t.number },
      },
      { event: 'sla.warning', sla: { level: 'breached', percent: 100 } },
    ]);
  });
});
