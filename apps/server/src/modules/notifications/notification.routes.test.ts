import type { Notification } from '@guichet/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorld, emailOf, type World } from '../../test/factories.js';
import { as, login, type Session, startTestApp, type TestContext } from '../../test/harness.js';
import { notifications } from './notification.table.js';

let ctx: TestContext;
let w: World;
const session = async (id: number): Promise<Session> => login(ctx.app, await emailOf(ctx.database.db, id));

beforeAll(async () => {
  ctx = await startTestApp();
  w = await createWorld(ctx.database.db);
  // written directly: the routes are about reading and marking, the consumer has its own tests
  await ctx.database.db.insert(notifications).values(
    Array.from({ length: 5 }, (_, i) => ({
      personId: w.deskAgent.id,
      kind: 'assigned' as const,
      ticketNumber: `INC99${String(i).padStart(5, '0')}`,
      ticketTitle: `Ticket ${i}`,
      actorName: 'Quelqu’un',
      params: {},
    })),
  );
  await ctx.database.db.insert(notifications).values({
    personId: w.pessacAgent.id,
    kind: 'reply',
    ticketNumber: 'INC0000042',
    ticketTitle: 'x',
    actorName: null,
    params: {},
  });
});
afterAll(() => ctx.close());

describe('GET /api/v1/notifications', () => {
  it('pages through my notifications, newest first, with the unread count', async () => {
    const api = as(ctx.app, await session(w.deskAgent.id));
    const first = await api.get('/api/v1/notifications?limit=3');
    expect(first.statusCode).toBe(200);
    const page = first.json() as { items: Notification[]; nextCursor: string | null; unread: number };
    expect(page.unread).toBe(5);
    expect(page.items.map((n) => n.ticketNumber)).toEqual(['INC9900004', 'INC9900003', 'INC9900002']);
    const second = (await api.get(`/api/v1/notifications?limit=3&cursor=${page.nextCursor}`)).json();
    expect(second.items.map((n: Notification) => n.ticketNumber)).toEqual(['INC9900001', 'INC9900000']);
    expect(second.nextCursor).toBeNull();
  });

  it("never shows someone else's notifications", async () => {
    const res = await as(ctx.app, await session(w.pessacAgent.id)).get('/api/v1/notifications');
    expect(res.json().items.map((n: Notification) => n.ticketNumber)).toEqual(['INC0000042']);
  });

  it('answers 400 for a malformed cursor or limit and 401 when signed out', async () => {
    const api = as(ctx.app, await session(w.deskAgent.id));
    expect((await api.get('/api/v1/notifications?cursor=abc')).statusCode).toBe(400);
    expect((await api.get('/api/v1/notifications?limit=0')).statusCode).toBe(400);
    expect((await as(ctx.app, null).get('/api/v1/notifications')).statusCode).toBe(401);
  });
});

describe('POST /api/v1/notifications/read', () => {
  it('marks some, then all, of my notifications read; ids of others are ignored', async () => {
    const s = await session(w.deskAgent.id);
    const api = as(ctx.app, s);
    const items = (await api.get('/api/v1/notifications')).json().items as Notification[];
    const other = (await as(ctx.app, await session(w.pessacAgent.id)).get('/api/v1/notifications')).json()
      .items[0] as Notification;
    const some = await api.post('/api/v1/notifications/read', { ids: [items[0]?.id, other.id] });
    expect(some.statusCode).toBe(200);
    expect(some.json()).toEqual({ unread: 4 });
    const otherAfter = (
      await as(ctx.app, await session(w.pessacAgent.id)).get('/api/v1/notifications')
    ).json();
    expect(otherAfter.unread).toBe(1);
    const unreadOnly = (await api.get('/api/v1/notifications?unread=true')).json();
    expect(unreadOnly.items).toHaveLength(4);
    expect((await api.post('/api/v1/notifications/read', { all: true })).json()).toEqual({ unread: 0 });
    const after = (await api.get('/api/v1/notifications')).json();
    expect(after.items.every((n: Notification) => n.readAt !== null)).toBe(true);
  });

  it('answers 400 for an empty or mixed body and 401 when signed out', async () => {
    const api = as(ctx.app, await session(w.deskAgent.id));
    expect((await api.post('/api/v1/notifications/read', { ids: [] })).statusCode).toBe(400);
    expect((await api.post('/api/v1/notifications/read', { all: false })).statusCode).toBe(400);
    expect((await api.post('/api/v1/notifications/read', { ids: [1], all: true })).statusCode).toBe(400);
    expect((await as(ctx.app, null).post('/api/v1/notifications/read', { all: true })).statusCode).toBe(401);
  });
});

describe('/api/v1/notifications/preferences', () => {
  it('shows role defaults, then my choices', async () => {
    const requester = as(ctx.app, await session(w.requesterPessac.id));
    const agent = as(ctx.app, await session(w.pessacAgent.id));
    const mine = (await requester.get('/api/v1/notifications/preferences')).json().items;
    expect(mine).toContainEqual({ kind: 'reply', channel: 'email', default: 'email' });
    expect(mine).toContainEqual({ kind: 'assigned', channel: 'app', default: 'app' });
    const staff = (await agent.get('/api/v1/notifications/preferences')).json().items;
    expect(staff).toContainEqual({ kind: 'assigned', channel: 'email', default: 'email' });
    expect(staff).toContainEqual({ kind: 'group_assigned', channel: 'app', default: 'app' });
    expect(staff).toContainEqual({ kind: 'sla_breached', channel: 'email', default: 'email' });
    const saved = await requester.put('/api/v1/notifications/preferences', {
      items: [{ kind: 'reply', channel: 'off' }],
    });
    expect(saved.statusCode).toBe(200);
    expect(saved.json().items).toContainEqual({ kind: 'reply', channel: 'off', default: 'email' });
    const again = await requester.put('/api/v1/notifications/preferences', {
      items: [{ kind: 'reply', channel: 'app' }],
    });
    expect(again.json().items).toContainEqual({ kind: 'reply', channel: 'app', default: 'email' });
    // another person's choices are untouched
    const other = (
      await as(ctx.app, await session(w.requesterMerignac.id)).get('/api/v1/notifications/preferences')
    ).json();
    expect(other.items).toContainEqual({ kind: 'reply', channel: 'email', default: 'email' });
  });

  it('answers 400 for an unknown kind or channel or a repeated kind, 401 when signed out', async () => {
    const api = as(ctx.app, await session(w.requesterPessac.id));
    const put = (items: unknown) => api.put('/api/v1/notifications/preferences', { items });
    expect((await put([{ kind: 'birthday', channel: 'app' }])).statusCode).toBe(400);
    expect((await put([{ kind: 'reply', channel: 'sms' }])).statusCode).toBe(400);
    expect(
      (
        await put([
          { kind: 'reply', channel: 'app' },
          { kind: 'reply', channel: 'off' },
        ])
      ).statusCode,
    ).toBe(400);
    expect((await put([])).statusCode).toBe(400);
    expect((await as(ctx.app, null).get('/api/v1/notifications/preferences')).statusCode).toBe(401);
    expect(
      (
        await as(ctx.app, null).put('/api/v1/notifications/preferences', {
          items: [{ kind: 'reply', channel: 'app' }],
        })
      ).statusCode,
    ).toBe(401);
  });
});
