import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPerson, createSite } from '../../test/factories.js';
import { as, login, TEST_PASSWORD } from '../../test/harness.js';
import { sessions } from '../auth/index.js';
import { people } from './directory.table.js';
import { directoryWorld, errorPaths, expectStatus } from './directory.test-support.js';

let t: Awaited<ReturnType<typeof directoryWorld>>;
beforeAll(async () => {
  t = await directoryWorld();
});
afterAll(() => t.ctx.close());

const newEmail = (what: string) => `${what}-${t.w.tag}@mairie.example`;

describe('GET /people/:id', () => {
  it('returns a person in scope with entity and site', async () => {
    const res = await t.api('pessacAgent').get(`/api/v1/people/${t.w.requesterPessac.id}`);
    expectStatus(res, 200);
    expect(res.json()).toEqual({
      id: t.w.requesterPessac.id,
      name: t.w.requesterPessac.name,
      email: t.w.requesterPessac.email,
      phone: t.w.requesterPessac.phone,
      language: 'fr',
      entity: { id: t.w.pessac.id, name: t.w.pessac.name },
      site: { id: t.w.pessacTownHall.id, name: t.w.pessacTownHall.name },
      active: true,
    });
  });

  it('answers 404 out of scope, exactly like a missing person', async () => {
    const out = await t.api('pessacAgent').get(`/api/v1/people/${t.w.requesterMerignac.id}`);
    const missing = await t.api('pessacAgent').get('/api/v1/people/999999999');
    expectStatus(out, 404, 'not_found');
    expectStatus(missing, 404, 'not_found');
    expect(out.json().detail).toBe(missing.json().detail);
  });

  it('answers 403 to requesters, 401 anonymous, 400 on a bad id', async () => {
    expectStatus(await t.api('reqPessac').get(`/api/v1/people/${t.w.requesterPessac.id}`), 403);
    expectStatus(await t.api(null).get(`/api/v1/people/${t.w.requesterPessac.id}`), 401);
    expect(errorPaths(await t.api('desk').get('/api/v1/people/-3'))).toEqual(['params.id']);
  });
});

describe('POST /people', () => {
  it('creates a person who can then sign in, audited', async () => {
    const email = newEmail('claire.fontaine');
    const res = await t.api('pessacAdmin').post('/api/v1/people', {
      name: 'Claire Fontaine',
      email,
      phone: '05 57 26 00 00',
      language: 'en',
      entityId: t.w.pessacSchools.id,
      siteId: t.w.pessacTownHall.id, // a site of the parent commune is not in the service's subtree
      password: 'une phrase de passe',
    });
    expect(errorPaths(res)).toEqual(['siteId']);
    const school = await createSite(t.db, t.w.pessacSchools.id);
    const ok = await t.api('pessacAdmin').post('/api/v1/people', {
      name: 'Claire Fontaine',
      email,
      phone: '05 57 26 00 00',
      language: 'en',
      entityId: t.w.pessacSchools.id,
      siteId: school.id,
      password: 'une phrase de passe',
    });
    expectStatus(ok, 201);
    const p = ok.json();
    expect(p).toMatchObject({
      name: 'Claire Fontaine',
      email,
      phone: '05 57 26 00 00',
      language: 'en',
      entity: { id: t.w.pessacSchools.id },
      site: { id: school.id },
      active: true,
    });
    const [row] = await t.db.select().from(people).where(eq(people.id, p.id));
    expect(row?.passwordHash).toMatch(/^\$argon2id\$/);
    expect(row?.phoneDigits).toBe('0557260000');
    const s = await login(t.ctx.app, email.toUpperCase(), 'une phrase de passe');
    expect(s.personId).toBe(p.id);
    const [audit] = await t.auditRows('person.created', p.id);
    expect(audit?.details).toEqual({ entityId: t.w.pessacSchools.id, siteId: school.id, password: true });
  });

  it('replays the first answer for a repeated Idempotency-Key', async () => {
    const key = { 'idempotency-key': `person-${t.w.tag}` };
    const body = { name: 'Une Fois', email: newEmail('une.fois'), entityId: t.w.pessac.id };
    const a = await t.api('admin').post('/api/v1/people', body, key);
    const b = await t.api('admin').post('/api/v1/people', body, key);
    expectStatus(a, 201);
    expectStatus(b, 201);
    expect(b.headers['idempotent-replayed']).toBe('true');
    expect(b.json().id).toBe(a.json().id);
  });

  it('answers 409 for an e-mail already used, whatever its case', async () => {
    const res = await t.api('admin').post('/api/v1/people', {
      name: 'Doublon',
      email: t.w.requesterPessac.email.toUpperCase(),
      entityId: t.w.pessac.id,
    });
    expectStatus(res, 409, 'conflict');
    expect(res.json().detail).toContain('already used');
  });

  it('answers 404 out of scope, 403 to non-admin staff and requesters', async () => {
    const body = (entityId: number) => ({ name: 'X', email: newEmail(`x${entityId}`), entityId });
    expectStatus(await t.api('pessacAdmin').post('/api/v1/people', body(t.w.merignac.id)), 404);
    expectStatus(await t.api('pessacAgent').post('/api/v1/people', body(t.w.pessac.id)), 403);
    expectStatus(await t.api('coordinator').post('/api/v1/people', body(t.w.pessac.id)), 403);
    expectStatus(await t.api('reqPessac').post('/api/v1/people', body(t.w.pessac.id)), 403);
  });

  it('validates the body with field paths', async () => {
    const res = await t.api('admin').post('/api/v1/people', {
      name: '',
      email: 'pas-une-adresse',
      phone: 'appelez-moi',
      language: 'de',
      entityId: 0,
      password: 'court',
    });
    expect(errorPaths(res)).toEqual(
      expect.arrayContaining([
        'body.name',
        'body.email',
        'body.phone',
        'body.language',
        'body.entityId',
        'body.password',
      ]),
    );
  });

  it('answers 401 without a session', async () => {
    const res = await t
      .api(null)
      .post('/api/v1/people', { name: 'X', email: newEmail('anon'), entityId: t.w.pessac.id });
    expectStatus(res, 401);
  });
});

describe('PATCH /people/:id', () => {
  it('changes only the fields sent', async () => {
    const p = await createPerson(t.db, { entityId: t.w.pessac.id, phone: '05 56 00 00 01' });
    await t.db.update(people).set({ language: 'en' }).where(eq(people.id, p.id));
    const res = await t.api('pessacAdmin').patch(`/api/v1/people/${p.id}`, { name: 'Nouveau Nom' });
    expectStatus(res, 200);
    expect(res.json()).toMatchObject({ name: 'Nouveau Nom', language: 'en', phone: '05 56 00 00 01' });
    const [audit] = await t.auditRows('person.updated', p.id);
    expect(audit?.details).toEqual({ name: { from: p.name, to: 'Nouveau Nom' } });
  });

  it('deactivates an account and signs it out at once', async () => {
    const p = await createPerson(t.db, { entityId: t.w.pessac.id });
    const s = await login(t.ctx.app, p.email);
    expectStatus(await as(t.ctx.app, s).get('/api/v1/auth/me'), 200);
    const res = await t.api('pessacAdmin').patch(`/api/v1/people/${p.id}`, { active: false });
    expectStatus(res, 200);
    expect(res.json().active).toBe(false);
    expect(await t.db.select().from(sessions).where(eq(sessions.personId, p.id))).toEqual([]);
    expectStatus(await as(t.ctx.app, s).get('/api/v1/auth/me'), 401);
    await expect(login(t.ctx.app, p.email)).rejects.toThrow(/401/);
    expect(await t.auditRows('person.deactivated', p.id)).toHaveLength(1);
    // and back
    const back = await t.api('pessacAdmin').patch(`/api/v1/people/${p.id}`, { active: true });
    expect(back.json().active).toBe(true);
    expect((await login(t.ctx.app, p.email, TEST_PASSWORD)).personId).toBe(p.id);
  });

  it('sets a new password and lifts a lock', async () => {
    const p = await createPerson(t.db, { entityId: t.w.pessac.id });
    await t.db
      .update(people)
      .set({ failedLogins: 5, lockedUntil: new Date(Date.now() + 3_600_000) })
      .where(eq(people.id, p.id));
    expectStatus(
      await t.api('admin').patch(`/api/v1/people/${p.id}`, { password: 'un tout nouveau secret' }),
      200,
    );
    expect((await login(t.ctx.app, p.email, 'un tout nouveau secret')).personId).toBe(p.id);
    const [audit] = await t.auditRows('person.updated', p.id);
    expect(audit?.details).toEqual({ password: 'changed' });
  });

  it('refuses an e-mail used by someone else (409) and self-deactivation (400)', async () => {
    const p = await createPerson(t.db, { entityId: t.w.pessac.id });
    const taken = await t
      .api('admin')
      .patch(`/api/v1/people/${p.id}`, { email: t.w.admin.email.toUpperCase() });
    expectStatus(taken, 409, 'conflict');
    const same = await t.api('admin').patch(`/api/v1/people/${p.id}`, { email: p.email.toUpperCase() });
    expectStatus(same, 200);
    expect(
      errorPaths(await t.api('pessacAdmin').patch(`/api/v1/people/${t.pessacAdmin.id}`, { active: false })),
    ).toEqual(['active']);
  });

  it('checks the site belongs to the person’s entity', async () => {
    const p = await createPerson(t.db, { entityId: t.w.pessac.id });
    const bad = await t.api('admin').patch(`/api/v1/people/${p.id}`, { siteId: t.w.merignacTownHall.id });
    expect(errorPaths(bad)).toEqual(['siteId']);
    const ok = await t.api('admin').patch(`/api/v1/people/${p.id}`, { siteId: t.w.pessacTownHall.id });
    expect(ok.json().site).toEqual({ id: t.w.pessacTownHall.id, name: t.w.pessacTownHall.name });
    const cleared = await t.api('admin').patch(`/api/v1/people/${p.id}`, { siteId: null });
    expect(cleared.json().site).toBeNull();
  });

  it('answers 404 out of scope, 403 to non-admin staff and requesters', async () => {
    expectStatus(
      await t.api('pessacAdmin').patch(`/api/v1/people/${t.w.requesterMerignac.id}`, { name: 'x' }),
      404,
    );
    expectStatus(
      await t.api('pessacAgent').patch(`/api/v1/people/${t.w.requesterPessac.id}`, { name: 'x' }),
      403,
    );
    expectStatus(await t.api('desk').patch(`/api/v1/people/${t.w.requesterPessac.id}`, { name: 'x' }), 403);
    expectStatus(
      await t.api('reqPessac').patch(`/api/v1/people/${t.w.requesterPessac.id}`, { name: 'x' }),
      403,
    );
  });

  it('validates the body with field paths', async () => {
    const res = await t.api('admin').patch(`/api/v1/people/${t.w.requesterPessac.id}`, {
      email: 'nope',
      active: 'yes',
      entityId: 3,
    });
    expect(errorPaths(res)).toEqual(expect.arrayContaining(['body.email', 'body.active']));
  });

  it('answers 401 without a session', async () => {
    expectStatus(await t.api(null).patch(`/api/v1/people/${t.w.requesterPessac.id}`, { name: 'x' }), 401);
  });
});
