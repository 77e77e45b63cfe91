import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorPaths, expectStatus } from '../directory/directory.test-support.js';
import { ciEvents, configItems } from './cmdb.table.js';
import { type CmdbWorld, cmdbWorld } from './cmdb.test-support.js';

let t: CmdbWorld;
beforeAll(async () => {
  t = await cmdbWorld();
});
afterAll(() => t.ctx.close());

const names = (res: { json(): unknown }) =>
  (res.json() as { items: { name: string }[] }).items.map((i) => i.name);

describe('POST /cmdb/items', () => {
  it('creates an item with its attributes, usages and a created event', async () => {
    const res = await t.api('pessacAgent').post('/api/v1/cmdb/items', {
      class: 'printer',
      name: 'Imprimante couleur 2e étage',
      entityId: t.w.pessac.id,
      siteId: t.w.pessacTownHall.id,
      serialNumber: '  PR-42  ',
      attributes: { manufacturer: 'Ricoh', color: true, ip: '10.1.2.3' },
    });
    expectStatus(res, 201);
    const ci = res.json();
    expect(ci).toMatchObject({
      class: 'printer',
      name: 'Imprimante couleur 2e étage',
      status: 'deployed',
      entity: { id: t.w.pessac.id, name: t.w.pessac.name },
      site: { id: t.w.pessacTownHall.id, name: t.w.pessacTownHall.name },
      owner: null,
      serialNumber: 'PR-42',
      inventoryNumber: null,
      attributes: { manufacturer: 'Ricoh', color: true, ip: '10.1.2.3' },
      usedBy: [],
      version: 1,
      can: { update: true },
    });
    const events = await t.db.select().from(ciEvents).where(eq(ciEvents.ciId, ci.id));
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      kind: 'created',
      actorId: t.w.pessacAgent.id,
      changes: { class: { from: null, to: 'printer' }, 'attributes.color': { from: null, to: true } },
    });
  });

  it('replays the first answer for a repeated Idempotency-Key', async () => {
    const body = { class: 'phone', name: `Poste ${t.w.tag}`, entityId: t.w.pessac.id };
    const key = { 'idempotency-key': `ci-${t.w.tag}` };
    const a = await t.api('pessacAgent').post('/api/v1/cmdb/items', body, key);
    const b = await t.api('pessacAgent').post('/api/v1/cmdb/items', body, key);
    expectStatus(b, 201);
    expect(b.headers['idempotent-replayed']).toBe('true');
    expect(b.json().id).toBe(a.json().id);
  });

  it('answers 400 with field paths: attributes of the class, unknown site, owner and entities', async () => {
    const res = await t.api('admin').post('/api/v1/cmdb/items', {
      class: 'server',
      name: 'Bad',
      entityId: t.w.pessac.id,
      siteId: 999999999,
      ownerId: 999999999,
      usedByEntityIds: [t.w.merignac.id, 999999999],
      attributes: { cpu: 0, ip: 'not an ip', colour: 'red' },
    });
    expect(errorPaths(res).sort()).toEqual(
      [
        'attributes.colour',
        'attributes.cpu',
        'attributes.ip',
        'ownerId',
        'siteId',
        'usedByEntityIds.1',
      ].sort(),
    );
    expect(errorPaths(await t.api('admin').post('/api/v1/cmdb/items', { class: 'robot', name: '' }))).toEqual(
      expect.arrayContaining(['body.class', 'body.name', 'body.entityId']),
    );
  });

  it('refuses a site the actor cannot see (400), an entity out of scope (404), readers (403)', async () => {
    const body = { class: 'phone' as const, name: 'Poste', entityId: t.w.pessac.id };
    expect(
      errorPaths(
        await t.api('pessacAgent').post('/api/v1/cmdb/items', { ...body, siteId: t.w.merignacTownHall.id }),
      ),
    ).toEqual(['siteId']);
    expectStatus(
      await t.api('pessacAgent').post('/api/v1/cmdb/items', { ...body, entityId: t.w.merignac.id }),
      404,
      'not_found',
    );
    expectStatus(await t.api('coordinator').post('/api/v1/cmdb/items', body), 403, 'forbidden');
    expectStatus(await t.api('reqPessac').post('/api/v1/cmdb/items', body), 403, 'forbidden');
    expectStatus(await t.api(null).post('/api/v1/cmdb/items', body), 401, 'unauthenticated');
  });
});

describe('GET /cmdb/items/:id', () => {
  it('shows an item of the scope, and a shared item used by the scope (read-only)', async () => {
    const own = await t.api('pessacAgent').get(`/api/v1/cmdb/items/${t.items.pessacPc.id}`);
    expectStatus(own, 200);
    expect(own.json()).toMatchObject({
      owner: { id: t.w.requesterPessac.id, name: t.w.requesterPessac.name },
      attributes: { manufacturer: 'Dell', os: 'Windows 11', ramGb: 16 },
      can: { update: true },
    });
    const shared = await t.api('pessacAgent').get(`/api/v1/cmdb/items/${t.items.app.id}`);
    expectStatus(shared, 200);
    expect(shared.json()).toMatchObject({
      entity: { id: t.w.metropolis.id },
      usedBy: [{ id: t.w.pessac.id, name: t.w.pessac.name }],
      can: { update: false },
    });
  });

  it('answers 404 out of scope exactly like a missing item; 403 requesters; 401; 400 bad id', async () => {
    const out = await t.api('pessacAgent').get(`/api/v1/cmdb/items/${t.items.merignacPc.id}`);
    const missing = await t.api('pessacAgent').get('/api/v1/cmdb/items/999999999');
    expectStatus(out, 404, 'not_found');
    expect(out.json().detail).toBe(missing.json().detail);
    // the metropolis server is not used by Pessac: invisible to its agent
    expectStatus(await t.api('pessacAgent').get(`/api/v1/cmdb/items/${t.items.server.id}`), 404);
    expectStatus(await t.api('reqPessac').get(`/api/v1/cmdb/items/${t.items.pessacPc.id}`), 403);
    expectStatus(await t.api(null).get(`/api/v1/cmdb/items/${t.items.pessacPc.id}`), 401);
    expect(errorPaths(await t.api('desk').get('/api/v1/cmdb/items/abc'))).toEqual(['params.id']);
  });
});

describe('PATCH /cmdb/items/:id', () => {
  it('changes fields, bumps the version and records from/to; status moves freely', async () => {
    const created = await t.create({
      class: 'laptop',
      name: `Portable ${t.w.tag}`,
      entityId: t.w.pessac.id,
      status: 'in_stock',
      attributes: { model: 'X1', ramGb: 8 },
    });
    const res = await t.api('pessacAgent').patch(`/api/v1/cmdb/items/${created.id}`, {
      version: 1,
      status: 'retired',
      ownerId: t.w.requesterPessac.id,
      attributes: { model: 'X1', ramGb: 16 },
    });
    expectStatus(res, 200);
    expect(res.json()).toMatchObject({
      status: 'retired',
      version: 2,
      attributes: { model: 'X1', ramGb: 16 },
    });
    const back = await t.api('pessacAgent').patch(`/api/v1/cmdb/items/${created.id}`, { status: 'ordered' });
    expect(back.json()).toMatchObject({ status: 'ordered', version: 3 });
    const events = await t.api('pessacAgent').get(`/api/v1/cmdb/items/${created.id}/events`);
    expectStatus(events, 200);
    expect(events.json().map((e: { kind: string }) => e.kind)).toEqual(['created', 'updated', 'updated']);
    expect(events.json()[1]).toMatchObject({
      actor: { id: t.w.pessacAgent.id },
      changes: {
        status: { from: 'in_stock', to: 'retired' },
        // ids are named for display; the row keeps the id
        ownerId: { from: null, to: { id: t.w.requesterPessac.id, name: t.w.requesterPessac.name } },
        'attributes.ramGb': { from: 8, to: 16 },
      },
    });
    expect(Object.keys(events.json()[1].changes)).not.toContain('attributes.model');
    expect(events.json()[0].changes.entityId).toEqual({
      from: null,
      to: { id: t.w.pessac.id, name: t.w.pessac.name },
    });
  });

  it('changes nothing (no event, same version) when nothing differs', async () => {
    const res = await t.api('admin').patch(`/api/v1/cmdb/items/${t.items.server.id}`, {
      name: t.items.server.name,
    });
    expectStatus(res, 200);
    expect(res.json().version).toBe(t.items.server.version);
  });

  it('answers 409 stale_version for an old version, in the body or If-Match', async () => {
    const ci = await t.create({ class: 'phone', name: `Téléphone ${t.w.tag}`, entityId: t.w.pessac.id });
    expectStatus(await t.api('admin').patch(`/api/v1/cmdb/items/${ci.id}`, { name: 'A', version: 1 }), 200);
    expectStatus(
      await t.api('admin').patch(`/api/v1/cmdb/items/${ci.id}`, { name: 'B', version: 1 }),
      409,
      'stale_version',
    );
    expectStatus(
      await t.api('admin').patch(`/api/v1/cmdb/items/${ci.id}`, { name: 'B' }, { 'if-match': '"1"' }),
      409,
      'stale_version',
    );
    expectStatus(
      await t.api('admin').patch(`/api/v1/cmdb/items/${ci.id}`, { name: 'B' }, { 'if-match': 'W/"2"' }),
      200,
    );
  });

  it('validates attributes against the item class (class never changes)', async () => {
    const res = await t.api('admin').patch(`/api/v1/cmdb/items/${t.items.server.id}`, {
      class: 'printer',
      attributes: { color: true },
    });
    expect(errorPaths(res)).toEqual(['attributes.color']);
    const [row] = await t.db.select().from(configItems).where(eq(configItems.id, t.items.server.id));
    expect(row?.class).toBe('server');
  });

  it('answers 403 on a shared item the actor only uses, 404 out of scope, 403 requesters, 401', async () => {
    expectStatus(
      await t.api('pessacAgent').patch(`/api/v1/cmdb/items/${t.items.app.id}`, { name: 'X' }),
      403,
    );
    expectStatus(
      await t.api('pessacAgent').patch(`/api/v1/cmdb/items/${t.items.merignacPc.id}`, { name: 'X' }),
      404,
    );
    expectStatus(
      await t.api('pessacAgent').patch(`/api/v1/cmdb/items/${t.items.pessacPc.id}`, {
        entityId: t.w.merignac.id,
      }),
      404,
    );
    expectStatus(
      await t.api('reqPessac').patch(`/api/v1/cmdb/items/${t.items.pessacPc.id}`, { name: 'X' }),
      403,
    );
    expectStatus(await t.api(null).patch(`/api/v1/cmdb/items/${t.items.pessacPc.id}`, { name: 'X' }), 401);
  });
});

describe('GET /cmdb/items', () => {
  it('lists what the actor sees: own entity and shared items used by it', async () => {
    const res = await t.api('pessacAgent').get(`/api/v1/cmdb/items?q=${t.w.tag}`);
    expectStatus(res, 200);
    expect(names(res)).toEqual(expect.arrayContaining([t.items.pessacPc.name, t.items.app.name]));
    expect(names(res)).not.toContain(t.items.merignacPc.name);
    expect(names(res)).not.toContain(t.items.server.name);
    const desk = await t.api('desk').get(`/api/v1/cmdb/items?q=${t.w.tag}`);
    expect(names(desk)).toEqual(expect.arrayContaining([t.items.merignacPc.name, t.items.server.name]));
  });

  it('searches the name without accents and case, and serial, inventory number, hostname exactly', async () => {
    const byName = await t
      .api('desk')
      .get(`/api/v1/cmdb/items?q=${encodeURIComponent(`etat CIVIL ${t.w.tag}`)}`);
    expect(names(byName)).toEqual([t.items.app.name]);
    const accented = await t
      .api('desk')
      .get(`/api/v1/cmdb/items?q=${encodeURIComponent(`élus mérignac ${t.w.tag}`)}`);
    expect(names(accented)).toEqual([t.items.merignacPc.name]);
    for (const q of [`sn-pes-${t.w.tag}`, `INV-PES-${t.w.tag}`, `PES-ACC-${t.w.tag}`]) {
      const res = await t.api('desk').get(`/api/v1/cmdb/items?q=${q}`);
      expect(names(res), q).toEqual([t.items.pessacPc.name]);
    }
    // a fragment of a serial number is not a match (exact, case-insensitive)
    expect(names(await t.api('desk').get(`/api/v1/cmdb/items?q=SN-PES-${t.w.tag.slice(0, 3)}`))).toEqual([]);
  });

  it('filters by class, status, entity subtree, site and owner', async () => {
    const q = `q=${t.w.tag}`;
    expect(names(await t.api('desk').get(`/api/v1/cmdb/items?${q}&class=server`))).toEqual([
      t.items.server.name,
    ]);
    expect(names(await t.api('desk').get(`/api/v1/cmdb/items?${q}&entity=${t.w.merignac.id}`))).toEqual([
      t.items.merignacPc.name,
    ]);
    expect(
      names(
        await t.api('desk').get(`/api/v1/cmdb/items?${q}&site=${t.w.pessacTownHall.id}&class=workstation`),
      ),
    ).toEqual([t.items.pessacPc.name]);
    expect(names(await t.api('desk').get(`/api/v1/cmdb/items?owner=${t.w.requesterMerignac.id}`))).toEqual([
      t.items.merignacPc.name,
    ]);
    expect(names(await t.api('desk').get(`/api/v1/cmdb/items?${q}&status=ordered&class=server`))).toEqual([]);
  });

  it('pages with a keyset cursor', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const url: string = `/api/v1/cmdb/items?q=${t.w.tag}&limit=2${cursor ? `&cursor=${cursor}` : ''}`;
      const res = await t.api('desk').get(url);
      expectStatus(res, 200);
      seen.push(...names(res));
      cursor = res.json().nextCursor;
    } while (cursor);
    const all = names(await t.api('desk').get(`/api/v1/cmdb/items?q=${t.w.tag}&limit=200`));
    expect(seen).toEqual(all);
    expect(new Set(seen).size).toBe(seen.length);
    expect(errorPaths(await t.api('desk').get('/api/v1/cmdb/items?cursor=nonsense'))).toEqual(['cursor']);
  });

  it('answers 403 to requesters, 401 anonymous, 400 on a bad filter', async () => {
    expectStatus(await t.api('reqPessac').get('/api/v1/cmdb/items'), 403);
    expectStatus(await t.api(null).get('/api/v1/cmdb/items'), 401);
    expect(errorPaths(await t.api('desk').get('/api/v1/cmdb/items?class=robot'))).toEqual([
      'querystring.class',
    ]);
  });
});

describe('GET /people/:id/items', () => {
  it("lists the caller's equipment for the phone intake", async () => {
    const res = await t.api('pessacAgent').get(`/api/v1/people/${t.w.requesterPessac.id}/items`);
    expectStatus(res, 200);
    expect(res.json().map((i: { name: string }) => i.name)).toContain(t.items.pessacPc.name);
    expect(res.json()[0]).toMatchObject({ owner: { id: t.w.requesterPessac.id }, class: expect.any(String) });
  });

  it('answers 404 for a person out of scope, 403 requesters, 401', async () => {
    const out = await t.api('pessacAgent').get(`/api/v1/people/${t.w.requesterMerignac.id}/items`);
    expectStatus(out, 404);
    expectStatus(await t.api('pessacAgent').get('/api/v1/people/999999999/items'), 404);
    expectStatus(await t.api('reqPessac').get(`/api/v1/people/${t.w.requesterPessac.id}/items`), 403);
    expectStatus(await t.api(null).get(`/api/v1/people/${t.w.requesterPessac.id}/items`), 401);
  });
});
