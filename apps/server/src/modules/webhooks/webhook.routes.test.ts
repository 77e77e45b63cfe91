import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../../platform/audit/audit.table.js';
import { createPerson, createWorld, emailOf, type World } from '../../test/factories.js';
import { as, login, type Session, startTestApp, type TestContext } from '../../test/harness.js';

let ctx: TestContext;
let w: World;
const sessions = {} as Record<'admin' | 'pessacAdmin' | 'desk' | 'reqPessac', Session>;
beforeAll(async () => {
  ctx = await startTestApp();
  const db = ctx.database.db;
  w = await createWorld(db);
  const pessacAdmin = await createPerson(db, { entityId: w.pessac.id, roles: [['admin', w.pessac.id]] });
  const ids = {
    admin: w.admin.id,
    pessacAdmin: pessacAdmin.id,
    desk: w.deskAgent.id,
    reqPessac: w.requesterPessac.id,
  };
  for (const [who, id] of Object.entries(ids)) {
    sessions[who as keyof typeof ids] = await login(ctx.app, await emailOf(db, id));
  }
});
afterAll(() => ctx.close());

const api = (who: keyof typeof sessions | null) => as(ctx.app, who ? sessions[who] : null);
const body = (over: Record<string, unknown> = {}) => ({
  entityId: w.pessac.id,
  name: 'Supervision Pessac',
  url: 'https://hooks.example.org/guichet',
  events: ['ticket.created', 'sla.warning'],
  ...over,
});
type Hook = {
  id: number;
  version: number;
  secret?: string;
  secretHint: string;
  active: boolean;
  name: string;
};
async function createHook(who: keyof typeof sessions = 'pessacAdmin', over: Record<string, unknown> = {}) {
  const res = await api(who).post('/api/v1/webhooks', body(over));
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as Hook;
}
const paths = (res: { statusCode: number; json(): unknown; body: string }) => {
  expect(res.statusCode, res.body).toBe(400);
  return ((res.json() as { errors?: { path: string }[] }).errors ?? []).map((e) => e.path);
};

describe('POST /webhooks', () => {
  it('creates a webhook, shows its secret once and audits it', async () => {
    const hook = await createHook();
    expect(hook).toMatchObject({ name: 'Supervision Pessac', active: true, entity: { id: w.pessac.id } });
    expect(hook.secret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    expect(hook.secretHint).toBe(`••••••••${hook.secret?.slice(-4)}`);
    const listed = (await api('pessacAdmin').get('/api/v1/webhooks')).json() as Hook[];
    const mine = listed.find((h) => h.id === hook.id);
    expect(mine?.secretHint).toBe(hook.secretHint);
    expect(JSON.stringify(listed)).not.toContain(hook.secret);
    const rows = await ctx.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'webhook.created'), eq(auditLog.targetId, String(hook.id))));
    expect(rows).toHaveLength(1);
    expect(JSON.stringify(rows[0]?.details)).not.toContain(hook.secret);
  });

  it('refuses bad URLs and events with field paths', async () => {
    const bad = async (over: Record<string, unknown>) =>
      paths(await api('admin').post('/api/v1/webhooks', body(over)));
    expect(await bad({ url: 'ftp://hooks.example.org/x' })).toEqual(['body.url']);
    expect(await bad({ url: 'https://user:pass@hooks.example.org/x' })).toEqual(['body.url']);
    expect(await bad({ url: 'not a url' })).toEqual(['body.url']);
    expect(await bad({ url: `https://hooks.example.org/${'a'.repeat(2000)}` })).toEqual(['body.url']);
    expect(await bad({ events: [] })).toEqual(['body.events']);
    expect(await bad({ events: ['ticket.deleted'] })).toEqual(['body.events.0']);
    expect(await bad({ events: ['ticket.created', 'ticket.created'] })).toEqual(['body.events']);
    expect(await bad({ name: '', entityId: 'x' })).toEqual(
      expect.arrayContaining(['body.name', 'body.entityId']),
    );
  });

  it('answers 401 anonymous, 403 to non-admins, 404 outside the admin scope', async () => {
    expect((await api(null).post('/api/v1/webhooks', body())).statusCode).toBe(401);
    expect((await api('desk').post('/api/v1/webhooks', body())).statusCode).toBe(403);
    expect((await api('reqPessac').get('/api/v1/webhooks')).statusCode).toBe(403);
    expect(
      (await api('pessacAdmin').post('/api/v1/webhooks', body({ entityId: w.merignac.id }))).statusCode,
    ).toBe(404);
    expect((await api('admin').post('/api/v1/webhooks', body({ entityId: 999_999_999 }))).statusCode).toBe(
      404,
    );
  });
});

describe('GET, PATCH, DELETE /webhooks/:id', () => {
  it('hides webhooks outside the admin scope', async () => {
    const metro = await createHook('admin', { entityId: w.metropolis.id });
    expect((await api('pessacAdmin').get(`/api/v1/webhooks/${metro.id}`)).statusCode).toBe(404);
    expect((await api('pessacAdmin').delete(`/api/v1/webhooks/${metro.id}`)).statusCode).toBe(404);
    const listed = (await api('pessacAdmin').get('/api/v1/webhooks')).json() as Hook[];
    expect(listed.map((h) => h.id)).not.toContain(metro.id);
    expect((await api('admin').get(`/api/v1/webhooks/${metro.id}`)).statusCode).toBe(200);
  });

  it('updates at the version read and refuses a stale one', async () => {
    const hook = await createHook();
    const res = await api('pessacAdmin').patch(`/api/v1/webhooks/${hook.id}`, {
      name: 'Renommé',
      active: false,
      version: hook.version,
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ name: 'Renommé', active: false, version: hook.version + 1 });
    const stale = await api('pessacAdmin').patch(`/api/v1/webhooks/${hook.id}`, {
      name: 'X',
      version: hook.version,
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().code).toBe('stale_version');
    expect(
      paths(
        await api('pessacAdmin').patch(`/api/v1/webhooks/${hook.id}`, {
          url: 'javascript:alert(1)',
          version: 2,
        }),
      ),
    ).toEqual(expect.arrayContaining(['body.url']));
  });

  it('deletes a webhook', async () => {
    const hook = await createHook();
    expect((await api('pessacAdmin').delete(`/api/v1/webhooks/${hook.id}`)).statusCode).toBe(204);
    expect((await api('pessacAdmin').get(`/api/v1/webhooks/${hook.id}`)).statusCode).toBe(404);
  });
});

describe('secret rotation, ping and the delivery log', () => {
  it('rotates the secret and shows the new one once', async () => {
    const hook = await createHook();
    const res = await api('pessacAdmin').post(`/api/v1/webhooks/${hook.id}/rotate-secret`);
    expect(res.statusCode, res.body).toBe(200);
    const rotated = res.json() as Hook;
    expect(rotated.secret).toMatch(/^whsec_/);
    expect(rotated.secret).not.toBe(hook.secret);
    expect(rotated.secretHint).toBe(`••••••••${rotated.secret?.slice(-4)}`);
  });

  it('queues pings and pages the log newest first', async () => {
    const hook = await createHook();
    const ids: number[] = [];
    for (let i = 0; i < 3; i++) {
      const ping = await api('pessacAdmin').post(`/api/v1/webhooks/${hook.id}/ping`);
      expect(ping.statusCode, ping.body).toBe(202);
      expect(ping.json()).toMatchObject({ event: 'ping', status: 'pending', attempts: 0 });
      ids.push(ping.json().id);
    }
    const first = await api('pessacAdmin').get(`/api/v1/webhooks/${hook.id}/deliveries?limit=2`);
    expect(first.statusCode, first.body).toBe(200);
    const page1 = first.json() as { items: { id: number }[]; nextCursor: string | null };
    expect(page1.items.map((d) => d.id)).toEqual([ids[2], ids[1]]);
    const second = await api('pessacAdmin').get(
      `/api/v1/webhooks/${hook.id}/deliveries?limit=2&cursor=${page1.nextCursor}`,
    );
    expect(second.json()).toEqual({ items: [expect.objectContaining({ id: ids[0] })], nextCursor: null });
    expect(
      paths(await api('pessacAdmin').get(`/api/v1/webhooks/${hook.id}/deliveries?limit=0&cursor=abc`)),
    ).toEqual(expect.arrayContaining(['querystring.limit', 'querystring.cursor']));
  });

  it('redelivers as a new delivery; 404 for a delivery of another webhook; 409 when disabled', async () => {
    const hook = await createHook();
    const other = await createHook();
    const ping = (await api('pessacAdmin').post(`/api/v1/webhooks/${hook.id}/ping`)).json() as { id: number };
    const again = await api('pessacAdmin').post(
      `/api/v1/webhooks/${hook.id}/deliveries/${ping.id}/redeliver`,
    );
    expect(again.statusCode, again.body).toBe(202);
    expect(again.json()).toMatchObject({ event: 'ping', status: 'pending' });
    expect(again.json().id).not.toBe(ping.id);
    const wrong = await api('pessacAdmin').post(
      `/api/v1/webhooks/${other.id}/deliveries/${ping.id}/redeliver`,
    );
    expect(wrong.statusCode).toBe(404);
    await api('pessacAdmin').patch(`/api/v1/webhooks/${hook.id}`, { active: false, version: hook.version });
    const disabled = await api('pessacAdmin').post(`/api/v1/webhooks/${hook.id}/ping`);
    expect(disabled.statusCode).toBe(409);
  });
});
