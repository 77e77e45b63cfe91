import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPerson, createSite } from '../../test/factories.js';
import { as, login } from '../../test/harness.js';
import { entities, sites } from './directory.table.js';
import { directoryWorld, errorPaths, expectStatus } from './directory.test-support.js';

let t: Awaited<ReturnType<typeof directoryWorld>>;
beforeAll(async () => {
  t = await directoryWorld();
});
afterAll(() => t.ctx.close());

type EntityOut = { id: number; parentId: number | null; name: string; kind: string; depth: number };
type SiteOut = {
  id: number;
  name: string;
  kind: string;
  address: string;
  entity: { id: number; name: string };
};

describe('GET /entities', () => {
  it('lists the entities in scope ordered by path, with depth and parent', async () => {
    const { w } = t;
    const res = await t.api('desk').get('/api/v1/entities');
    expectStatus(res, 200);
    const list = res.json() as EntityOut[];
    const mine = list.filter((e) =>
      [w.metropolis.id, w.pessac.id, w.merignac.id, w.pessacSchools.id].includes(e.id),
    );
    expect(mine).toEqual([
      { id: w.metropolis.id, parentId: null, name: w.metropolis.name, kind: 'metropolis', depth: 0 },
      { id: w.pessac.id, parentId: w.metropolis.id, name: w.pessac.name, kind: 'commune', depth: 1 },
      {
        id: w.pessacSchools.id,
        parentId: w.pessac.id,
        name: w.pessacSchools.name,
        kind: 'service',
        depth: 2,
      },
      { id: w.merignac.id, parentId: w.metropolis.id, name: w.merignac.name, kind: 'commune', depth: 1 },
    ]);
  });

  it('shows a commune agent only their commune and its services', async () => {
    const res = await t.api('pessacAgent').get('/api/v1/entities');
    expectStatus(res, 200);
    expect((res.json() as EntityOut[]).map((e) => e.id)).toEqual([t.w.pessac.id, t.w.pessacSchools.id]);
  });

  it('refuses requesters (403) and anonymous callers (401)', async () => {
    expectStatus(await t.api('reqPessac').get('/api/v1/entities'), 403, 'forbidden');
    expectStatus(await t.api(null).get('/api/v1/entities'), 401, 'unauthenticated');
  });
});

describe('POST /entities', () => {
  it('creates a service under a commune, with its path and depth, audited', async () => {
    const res = await t.api('admin').post('/api/v1/entities', {
      parentId: t.w.pessac.id,
      name: '  Médiathèque de Pessac ',
      kind: 'service',
    });
    expectStatus(res, 201);
    const e = res.json() as EntityOut;
    expect(e).toMatchObject({
      parentId: t.w.pessac.id,
      name: 'Médiathèque de Pessac',
      kind: 'service',
      depth: 2,
    });
    const [row] = await t.db.select().from(entities).where(eq(entities.id, e.id));
    expect(row?.path).toBe(`${t.w.pessac.path}${e.id}/`);
    expect(await t.auditRows('entity.created', e.id)).toHaveLength(1);
    // the Pessac agent's scope (with descendants) includes it at once
    const seen = await t.api('pessacAgent').get('/api/v1/entities');
    expect((seen.json() as EntityOut[]).map((x) => x.id)).toContain(e.id);
  });

  it('lets a commune admin create inside their commune only', async () => {
    const ok = await t.api('pessacAdmin').post('/api/v1/entities', {
      parentId: t.w.pessacSchools.id,
      name: 'École Jules Ferry',
      kind: 'service',
    });
    expectStatus(ok, 201);
    expect(ok.json()).toMatchObject({ depth: 3, parentId: t.w.pessacSchools.id });
    const other = await t.api('pessacAdmin').post('/api/v1/entities', {
      parentId: t.w.merignac.id,
      name: 'Hors périmètre',
      kind: 'service',
    });
    expectStatus(other, 404, 'not_found');
    const root = await t.api('pessacAdmin').post('/api/v1/entities', {
      parentId: t.w.metropolis.id,
      name: 'Nouvelle commune',
      kind: 'commune',
    });
    expectStatus(root, 404, 'not_found');
  });

  it('answers 403 to staff who see the parent but do not administer it', async () => {
    const res = await t.api('pessacAgent').post('/api/v1/entities', {
      parentId: t.w.pessac.id,
      name: 'Service informatique',
      kind: 'service',
    });
    expectStatus(res, 403, 'forbidden');
    expectStatus(
      await t
        .api('reqPessac')
        .post('/api/v1/entities', { parentId: t.w.pessac.id, name: 'x', kind: 'service' }),
      403,
    );
  });

  it('validates the body with field paths', async () => {
    const res = await t
      .api('admin')
      .post('/api/v1/entities', { parentId: 'x', name: '', kind: 'metropolis' });
    expect(errorPaths(res)).toEqual(expect.arrayContaining(['body.parentId', 'body.name', 'body.kind']));
    const commune = await t.api('admin').post('/api/v1/entities', {
      parentId: t.w.pessac.id,
      name: 'Commune dans une commune',
      kind: 'commune',
    });
    expect(errorPaths(commune)).toEqual(['kind']);
  });

  it('answers 401 without a session', async () => {
    const res = await t
      .api(null)
      .post('/api/v1/entities', { parentId: t.w.pessac.id, name: 'x', kind: 'service' });
    expectStatus(res, 401);
  });
});

describe('PATCH /entities/:id', () => {
  it('renames an entity the actor administers, audited', async () => {
    const e = (
      await t
        .api('admin')
        .post('/api/v1/entities', { parentId: t.w.merignac.id, name: 'Crèches', kind: 'service' })
    ).json() as EntityOut;
    const res = await t.api('admin').patch(`/api/v1/entities/${e.id}`, { name: 'Petite enfance' });
    expectStatus(res, 200);
    expect(res.json()).toMatchObject({ id: e.id, name: 'Petite enfance', depth: 2 });
    const [audit] = await t.auditRows('entity.renamed', e.id);
    expect(audit?.details).toEqual({ name: { from: 'Crèches', to: 'Petite enfance' } });
  });

  it('answers 404 out of scope, 403 visible but not administered', async () => {
    expectStatus(await t.api('pessacAdmin').patch(`/api/v1/entities/${t.w.merignac.id}`, { name: 'x' }), 404);
    expectStatus(await t.api('pessacAgent').patch(`/api/v1/entities/${t.w.merignac.id}`, { name: 'x' }), 404);
    expectStatus(await t.api('pessacAgent').patch(`/api/v1/entities/${t.w.pessac.id}`, { name: 'x' }), 403);
    expectStatus(await t.api('admin').patch('/api/v1/entities/999999999', { name: 'x' }), 404);
  });

  it('validates params and body', async () => {
    expect(errorPaths(await t.api('admin').patch('/api/v1/entities/abc', { name: 'x' }))).toEqual([
      'params.id',
    ]);
    expect(
      errorPaths(await t.api('admin').patch(`/api/v1/entities/${t.w.pessac.id}`, { name: ' ' })),
    ).toEqual(['body.name']);
  });

  it('answers 401 without a session', async () => {
    expectStatus(await t.api(null).patch(`/api/v1/entities/${t.w.pessac.id}`, { name: 'x' }), 401);
  });
});

describe('GET /sites', () => {
  it('lists the sites in scope; q matches part of the name, accents included', async () => {
    const res = await t
      .api('desk')
      .get(`/api/v1/sites?q=${encodeURIComponent(`ÔTEL de ville de PESSAC ${t.w.tag}`)}`);
    expectStatus(res, 200);
    const page = res.json() as { items: SiteOut[]; nextCursor: string | null };
    expect(page.items.map((s) => s.id)).toEqual([t.w.pessacTownHall.id]);
    expect(page.items[0]).toMatchObject({
      kind: 'town_hall',
      address: '1 place de la Mairie',
      entity: { id: t.w.pessac.id, name: t.w.pessac.name },
    });
    expect(page.nextCursor).toBeNull();
  });

  it('filters by entity, sub-entities included', async () => {
    const school = await createSite(t.db, t.w.pessacSchools.id, `École Aristide Briand ${t.w.tag}`);
    const res = await t.api('desk').get(`/api/v1/sites?entity=${t.w.pessac.id}&limit=200`);
    const ids = (res.json().items as SiteOut[]).map((s) => s.id);
    expect(ids).toEqual(expect.arrayContaining([t.w.pessacTownHall.id, school.id]));
    expect(ids).not.toContain(t.w.merignacTownHall.id);
  });

  it('pages by name then id with an opaque cursor', async () => {
    for (const n of ['Alpha', 'Bravo', 'Charlie', 'Delta', 'Echo']) {
      await createSite(t.db, t.w.merignac.id, `Page ${n} ${t.w.tag}`);
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const q: string = `/api/v1/sites?q=${encodeURIComponent(`Page`)}&entity=${t.w.merignac.id}&limit=2${cursor ? `&cursor=${cursor}` : ''}`;
      const res = await t.api('desk').get(q);
      expectStatus(res, 200);
      const page = res.json() as { items: SiteOut[]; nextCursor: string | null };
      seen.push(...page.items.map((s) => s.name.split(' ')[1] ?? ''));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(['Alpha', 'Bravo', 'Charlie', 'Delta', 'Echo']);
  });

  it('hides the sites of other communes from a commune agent', async () => {
    const res = await t.api('pessacAgent').get('/api/v1/sites?limit=200');
    const ids = (res.json().items as SiteOut[]).map((s) => s.id);
    expect(ids).toContain(t.w.pessacTownHall.id);
    expect(ids).not.toContain(t.w.merignacTownHall.id);
    const filtered = await t.api('pessacAgent').get(`/api/v1/sites?entity=${t.w.merignac.id}`);
    expect(filtered.json().items).toEqual([]);
  });

  it('gives a requester the sites of their own entity, for the portal form', async () => {
    const pessac = await t.api('reqPessac').get('/api/v1/sites?limit=200');
    expectStatus(pessac, 200);
    const ids = (pessac.json().items as SiteOut[]).map((s) => s.id);
    expect(ids).toContain(t.w.pessacTownHall.id);
    expect(ids).not.toContain(t.w.merignacTownHall.id);
    const merignac = await t.api('reqMerignac').get(`/api/v1/sites?entity=${t.w.pessac.id}`);
    expect(merignac.json().items).toEqual([]);
  });

  it('validates the query', async () => {
    expect(errorPaths(await t.api('desk').get('/api/v1/sites?limit=0'))).toEqual(['querystring.limit']);
    expect(errorPaths(await t.api('desk').get('/api/v1/sites?cursor=garbage'))).toEqual(['cursor']);
  });

  it('answers 401 without a session', async () => {
    expectStatus(await t.api(null).get('/api/v1/sites'), 401);
  });
});

describe('POST /sites', () => {
  it('creates a site in an administered entity, audited', async () => {
    const res = await t.api('pessacAdmin').post('/api/v1/sites', {
      entityId: t.w.pessacSchools.id,
      name: 'École maternelle Le Colombier',
      kind: 'school',
      address: '12 rue des Écoles, Pessac',
    });
    expectStatus(res, 201);
    const site = res.json() as SiteOut;
    expect(site).toMatchObject({ kind: 'school', entity: { id: t.w.pessacSchools.id } });
    const [row] = await t.db.select().from(sites).where(eq(sites.id, site.id));
    expect(row?.address).toBe('12 rue des Écoles, Pessac');
    expect(await t.auditRows('site.created', site.id)).toHaveLength(1);
  });

  it('answers 404 out of scope and 403 to non-admin staff and requesters', async () => {
    const body = (entityId: number) => ({ entityId, name: 'Dépôt', kind: 'depot' });
    expectStatus(await t.api('pessacAdmin').post('/api/v1/sites', body(t.w.merignac.id)), 404);
    expectStatus(await t.api('pessacAgent').post('/api/v1/sites', body(t.w.pessac.id)), 403);
    expectStatus(await t.api('desk').post('/api/v1/sites', body(t.w.pessac.id)), 403);
    expectStatus(await t.api('reqPessac').post('/api/v1/sites', body(t.w.pessac.id)), 403);
  });

  it('validates the body', async () => {
    const res = await t
      .api('admin')
      .post('/api/v1/sites', { entityId: t.w.pessac.id, name: '', kind: 'castle' });
    expect(errorPaths(res)).toEqual(expect.arrayContaining(['body.name', 'body.kind']));
  });

  it('answers 401 without a session', async () => {
    expectStatus(
      await t.api(null).post('/api/v1/sites', { entityId: t.w.pessac.id, name: 'x', kind: 'depot' }),
      401,
    );
  });
});

describe('PATCH /sites/:id', () => {
  it('renames a site and keeps the fields not sent', async () => {
    const site = await createSite(t.db, t.w.pessac.id, `Bibliothèque ${t.w.tag}`);
    const res = await t
      .api('pessacAdmin')
      .patch(`/api/v1/sites/${site.id}`, { name: 'Médiathèque Jacques Ellul' });
    expectStatus(res, 200);
    expect(res.json()).toMatchObject({
      name: 'Médiathèque Jacques Ellul',
      kind: 'town_hall',
      address: '1 place de la Mairie',
    });
    const [audit] = await t.auditRows('site.updated', site.id);
    expect(audit?.details).toEqual({
      name: { from: `Bibliothèque ${t.w.tag}`, to: 'Médiathèque Jacques Ellul' },
    });
  });

  it('moves a site to another entity only with the admin role over both', async () => {
    const site = await createSite(t.db, t.w.pessac.id, `Gymnase ${t.w.tag}`);
    // Mérignac is invisible to the Pessac admin: 404
    expectStatus(
      await t.api('pessacAdmin').patch(`/api/v1/sites/${site.id}`, { entityId: t.w.merignac.id }),
      404,
    );
    // visible (agent there) but not administered: 403
    const both = await createPerson(t.db, {
      entityId: t.w.pessac.id,
      roles: [
        ['admin', t.w.pessac.id],
        ['agent', t.w.merignac.id],
      ],
    });
    const s = await login(t.ctx.app, await t.emailOf(both.id));
    expectStatus(
      await as(t.ctx.app, s).patch(`/api/v1/sites/${site.id}`, { entityId: t.w.merignac.id }),
      403,
    );
    const ok = await t.api('admin').patch(`/api/v1/sites/${site.id}`, { entityId: t.w.merignac.id });
    expectStatus(ok, 200);
    expect(ok.json()).toMatchObject({ entity: { id: t.w.merignac.id } });
  });

  it('answers 404 out of scope and 403 visible but not administered', async () => {
    expectStatus(
      await t.api('pessacAdmin').patch(`/api/v1/sites/${t.w.merignacTownHall.id}`, { name: 'x' }),
      404,
    );
    expectStatus(
      await t.api('pessacAgent').patch(`/api/v1/sites/${t.w.pessacTownHall.id}`, { name: 'x' }),
      403,
    );
    expectStatus(
      await t.api('reqPessac').patch(`/api/v1/sites/${t.w.pessacTownHall.id}`, { name: 'x' }),
      403,
    );
  });

  it('validates params and body', async () => {
    expect(
      errorPaths(await t.api('admin').patch(`/api/v1/sites/${t.w.pessacTownHall.id}`, { kind: 'x' })),
    ).toEqual(['body.kind']);
    expect(errorPaths(await t.api('admin').patch('/api/v1/sites/0', { name: 'x' }))).toEqual(['params.id']);
  });

  it('answers 401 without a session', async () => {
    expectStatus(await t.api(null).patch(`/api/v1/sites/${t.w.pessacTownHall.id}`, { name: 'x' }), 401);
  });
});
