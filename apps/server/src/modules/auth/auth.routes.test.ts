import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorld, emailOf, type World } from '../../test/factories.js';
import { as, login, startTestApp, TEST_PASSWORD, type TestContext } from '../../test/harness.js';

let ctx: TestContext;
let w: World;

beforeAll(async () => {
  ctx = await startTestApp();
  w = await createWorld(ctx.database.db);
});
afterAll(() => ctx.close());

describe('health and docs', () => {
  it('answers ok', async () => {
    const res = await ctx.app.inject({ url: '/api/v1/health' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok' });
  });

  it('publishes the OpenAPI document with an operationId on every route', async () => {
    const res = await ctx.app.inject({ url: '/api/openapi.json' });
    expect(res.statusCode).toBe(200);
    const doc = res.json() as { paths: Record<string, Record<string, { operationId?: string }>> };
    expect(doc.paths['/api/v1/tickets']?.post?.operationId).toBe('createTicket');
    const missing = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.entries(ops)
        .filter(([, op]) => !op.operationId)
        .map(([method]) => `${method} ${path}`),
    );
    expect(missing).toEqual([]);
  });

  it('answers unknown API routes with a problem document', async () => {
    const res = await ctx.app.inject({ url: '/api/v1/nope' });
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json()).toMatchObject({ status: 404, code: 'not_found' });
  });
});

describe('login, session, CSRF', () => {
  it('signs in, tells who I am, and signs out', async () => {
    const s = await login(ctx.app, await emailOf(ctx.database.db, w.deskAgent.id));
    const me = await as(ctx.app, s).get('/api/v1/auth/me');
    expect(me.statusCode).toBe(200);
    expect(me.json().user).toMatchObject({ id: w.deskAgent.id, isStaff: true, isAdmin: false });
    expect(me.json().user.roles[0]).toMatchObject({ role: 'agent', includeDescendants: true });
    const out = await as(ctx.app, s).post('/api/v1/auth/logout');
    expect(out.statusCode).toBe(204);
    const after = await ctx.app.inject({ url: '/api/v1/auth/me', headers: { cookie: s.cookie } });
    expect(after.statusCode).toBe(401);
  });

  it('sets an HttpOnly SameSite=Lax cookie', async () => {
    const res = await ctx.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: await emailOf(ctx.database.db, w.requesterPessac.id), password: TEST_PASSWORD },
    });
    const cookie = res.cookies.find((c) => c.name === 'guichet_session');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
  });

  it('refuses a wrong password with 401 and a malformed body with 400 and field paths', async () => {
    const wrong = await ctx.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: await emailOf(ctx.database.db, w.requesterMetro.id), password: 'nope' },
    });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json()).toMatchObject({ code: 'unauthenticated' });
    const bad = await ctx.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: 'x' } });
    expect(bad.statusCode).toBe(400);
    const paths = (bad.json().errors as { path: string }[]).map((e) => e.path);
    expect(paths).toEqual(expect.arrayContaining(['body.email', 'body.password']));
  });

  it('locks the account after repeated failures and rate-limits the login route', async () => {
    const email = await emailOf(ctx.database.db, w.requesterMerignac.id);
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) {
      const res = await ctx.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { email, password: 'bad' },
      });
      statuses.push(res.statusCode);
    }
    expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(statuses.slice(5)).toEqual(Array(6).fill(429));
    // even the right password is refused while locked
    const right = await ctx.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email, password: TEST_PASSWORD },
    });
    expect(right.statusCode).toBe(429);
  });

  it('refuses a cookie-authenticated write without the CSRF token', async () => {
    const s = await login(ctx.app, await emailOf(ctx.database.db, w.requesterPessac.id));
    const res = await ctx.app.inject({
      method: 'POST',
      url: '/api/v1/tickets',
      headers: { cookie: s.cookie },
      payload: { type: 'incident', title: 'Écran noir' },
    });
    expect(res.statusCode).toBe(403);
    expect(res.json()).toMatchObject({ code: 'csrf_failed' });
  });
});

describe('PATCH /auth/me', () => {
  it('saves my interface language, and validates it', async () => {
    const s = await login(ctx.app, await emailOf(ctx.database.db, w.requesterMetro.id));
    const res = await as(ctx.app, s).patch('/api/v1/auth/me', { language: 'en' });
    expect(res.statusCode).toBe(200);
    expect(res.json().user.language).toBe('en');
    expect((await as(ctx.app, s).get('/api/v1/auth/me')).json().user.language).toBe('en');
    expect((await as(ctx.app, s).patch('/api/v1/auth/me', { language: 'de' })).statusCode).toBe(400);
    expect((await as(ctx.app, null).patch('/api/v1/auth/me', { language: 'fr' })).statusCode).toBe(401);
  });
});

describe('API tokens', () => {
  it('creates a token that authenticates without CSRF, and refuses it once revoked', async () => {
    const s = await login(ctx.app, await emailOf(ctx.database.db, w.deskAgent.id));
    const created = await as(ctx.app, s).post('/api/v1/auth/tokens', { name: 'téléphonie' });
    expect(created.statusCode).toBe(201);
    const { token, id } = created.json() as { token: string; id: number };
    const bearer = { authorization: `Bearer ${token}` };
    const write = await ctx.app.inject({
      method: 'POST',
      url: '/api/v1/tickets',
      headers: bearer,
      payload: { type: 'request', title: 'Créé par intégration', requesterId: w.requesterPessac.id },
    });
    expect(write.statusCode, write.body).toBe(201);
    const listed = await as(ctx.app, s).get('/api/v1/auth/tokens');
    expect(listed.json()).toEqual([expect.objectContaining({ id, name: 'téléphonie' })]);
    expect(JSON.stringify(listed.json())).not.toContain(token);
    expect((await as(ctx.app, s).delete(`/api/v1/auth/tokens/${id}`)).statusCode).toBe(204);
    const after = await ctx.app.inject({
      url: '/api/v1/auth/me',
      headers: { authorization: `Bearer ${token}z` },
    });
    expect(after.statusCode).toBe(401);
  });

  it('needs a session to create a token, and validates the name', async () => {
    const anonymous = await ctx.app.inject({
      method: 'POST',
      url: '/api/v1/auth/tokens',
      payload: { name: 'x' },
    });
    expect(anonymous.statusCode).toBe(401);
    const s = await login(ctx.app, await emailOf(ctx.database.db, w.deskAgent.id));
    const bad = await as(ctx.app, s).post('/api/v1/auth/tokens', { name: '' });
    expect(bad.statusCode).toBe(400);
  });
});
