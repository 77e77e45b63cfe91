import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorPaths, expectStatus } from '../directory/directory.test-support.js';
import { type CmdbWorld, cmdbWorld } from './cmdb.test-support.js';

let t: CmdbWorld;
beforeAll(async () => {
  t = await cmdbWorld();
});
afterAll(() => t.ctx.close());

describe('POST /cmdb/relations', () => {
  it('relates two items, shown from both ends and in both histories', async () => {
    const site = await t.create({
      class: 'site',
      name: `Local technique ${t.w.tag}`,
      entityId: t.w.pessac.id,
    });
    const res = await t.api('pessacAgent').post('/api/v1/cmdb/relations', {
      kind: 'located_at',
      sourceId: t.items.pessacPc.id,
      targetId: site.id,
    });
    expectStatus(res, 201);
    expect(res.json()).toMatchObject({
      kind: 'located_at',
      source: { id: t.items.pessacPc.id, name: t.items.pessacPc.name, class: 'workstation' },
      target: { id: site.id, class: 'site' },
    });
    const fromSite = await t.api('pessacAgent').get(`/api/v1/cmdb/items/${site.id}/relations`);
    expectStatus(fromSite, 200);
    expect(fromSite.json().map((r: { id: number }) => r.id)).toEqual([res.json().id]);
    for (const id of [site.id, t.items.pessacPc.id]) {
      const events = (await t.api('pessacAgent').get(`/api/v1/cmdb/items/${id}/events`)).json();
      expect(events.at(-1)).toMatchObject({
        kind: 'related',
        changes: { relation: { from: null, to: { id: res.json().id, kind: 'located_at' } } },
      });
    }
    expectStatus(
      await t.api('pessacAgent').post('/api/v1/cmdb/relations', {
        kind: 'located_at',
        sourceId: t.items.pessacPc.id,
        targetId: site.id,
      }),
      409,
      'conflict',
    );
  });

  it('refuses self-relations and kinds that make no sense for the classes (400)', async () => {
    const post = (kind: string, sourceId: number, targetId: number) =>
      t.api('admin').post('/api/v1/cmdb/relations', { kind, sourceId, targetId });
    const printer = await t.create({
      class: 'printer',
      name: `Imprimante ${t.w.tag}`,
      entityId: t.w.pessac.id,
    });
    const is = await t.create({
      class: 'information_system',
      name: `SI RH ${t.w.tag}`,
      entityId: t.w.metropolis.id,
    });
    expect(errorPaths(await post('depends_on', t.items.app.id, t.items.app.id))).toEqual(['body.targetId']);
    expect(errorPaths(await post('located_at', t.items.pessacPc.id, t.items.server.id))).toEqual([
      'targetId',
    ]);
    expect(errorPaths(await post('runs_on', t.items.app.id, printer.id))).toEqual(['targetId']);
    expect(errorPaths(await post('runs_on', t.items.pessacPc.id, t.items.server.id))).toEqual(['targetId']);
    expect(errorPaths(await post('part_of', t.items.app.id, t.items.server.id))).toEqual(['targetId']);
    expect(errorPaths(await post('connected_to', t.items.app.id, t.items.server.id))).toEqual(['targetId']);
    expect(errorPaths(await post('depends_on', t.items.app.id, 999999999))).toEqual(['targetId']);
    expect(errorPaths(await post('owns', t.items.app.id, is.id))).toEqual(['body.kind']);
    expectStatus(await post('part_of', t.items.app.id, is.id), 201);
    expectStatus(await post('depends_on', 999999999, is.id), 404, 'not_found');
  });

  it('joins a network link to exactly two ends, the link always the target', async () => {
    const site = (n: string) =>
      t.create({ class: 'site', name: `Site ${n} ${t.w.tag}`, entityId: t.w.metropolis.id });
    const a = await site('A');
    const b = await site('B');
    const c = await site('C');
    const link = await t.create({
      class: 'network_link',
      name: `Fibre A-B ${t.w.tag}`,
      entityId: t.w.metropolis.id,
      attributes: { medium: 'fibre', bandwidthMbps: 1000, lengthKm: 3.2 },
    });
    const post = (sourceId: number, targetId: number) =>
      t.api('admin').post('/api/v1/cmdb/relations', { kind: 'connected_to', sourceId, targetId });
    expectStatus(await post(a.id, link.id), 201);
    expectStatus(await post(b.id, link.id), 201);
    const third = await post(c.id, link.id);
    expect(errorPaths(third)).toEqual(['targetId']);
    expect(third.json().detail).toContain('two ends');
    expect(errorPaths(await post(link.id, c.id))).toEqual(['targetId']);
    expect(errorPaths(await post(t.items.pessacPc.id, link.id))).toEqual(['targetId']);
  });

  it('needs write access to the source and sight of the target', async () => {
    const post = (
      who: 'pessacAgent' | 'coordinator' | 'reqPessac' | null,
      sourceId: number,
      targetId: number,
    ) => t.api(who).post('/api/v1/cmdb/relations', { kind: 'depends_on', sourceId, targetId });
    const pc = await t.create({
      class: 'workstation',
      name: `PC Compta ${t.w.tag}`,
      entityId: t.w.pessac.id,
    });
    // a Pessac workstation may depend on the metropolis application Pessac uses
    expectStatus(await post('pessacAgent', pc.id, t.items.app.id), 201);
    // the application itself belongs to the metropolis: visible to Pessac, not writable
    expectStatus(await post('pessacAgent', t.items.app.id, pc.id), 403, 'forbidden');
    expect(errorPaths(await post('pessacAgent', pc.id, t.items.merignacPc.id))).toEqual(['targetId']);
    expectStatus(await post('pessacAgent', t.items.merignacPc.id, pc.id), 404);
    expectStatus(await post('coordinator', pc.id, t.items.server.id), 403);
    expectStatus(await post('reqPessac', pc.id, t.items.app.id), 403);
    expectStatus(await post(null, pc.id, t.items.app.id), 401);
  });
});

describe('DELETE /cmdb/relations/:id', () => {
  it('removes a relation and records it on both items', async () => {
    const pc = await t.create({
      class: 'workstation',
      name: `PC Urbanisme ${t.w.tag}`,
      entityId: t.w.pessac.id,
    });
    const rel = await t.relate('depends_on', pc.id, t.items.app.id);
    expectStatus(await t.api('coordinator').delete(`/api/v1/cmdb/relations/${rel.id}`), 403);
    expectStatus(await t.api('reqPessac').delete(`/api/v1/cmdb/relations/${rel.id}`), 403);
    expectStatus(await t.api(null).delete(`/api/v1/cmdb/relations/${rel.id}`), 401);
    expectStatus(await t.merignacApi.delete(`/api/v1/cmdb/relations/${rel.id}`), 404);
    expectStatus(await t.api('pessacAgent').delete(`/api/v1/cmdb/relations/${rel.id}`), 204);
    expectStatus(await t.api('pessacAgent').delete(`/api/v1/cmdb/relations/${rel.id}`), 404);
    const events = (await t.api('admin').get(`/api/v1/cmdb/items/${t.items.app.id}/events`)).json();
    expect(events.at(-1)).toMatchObject({
      kind: 'unrelated',
      actor: { id: t.w.pessacAgent.id },
      changes: { relation: { from: { id: rel.id, kind: 'depends_on' }, to: null } },
    });
    expect((await t.api('admin').get(`/api/v1/cmdb/items/${pc.id}/relations`)).json()).toEqual([]);
  });

  it('does not delete a relation whose other end the actor cannot see (404)', async () => {
    const [rel] = (await t.api('admin').get(`/api/v1/cmdb/items/${t.items.server.id}/relations`)).json();
    expectStatus(await t.api('pessacAgent').delete(`/api/v1/cmdb/relations/${rel.id}`), 404);
  });
});

describe('GET /cmdb/items/:id/relations', () => {
  it('hides relations to items the actor cannot see; 404 out of scope, 403, 401', async () => {
    const desk = (await t.api('desk').get(`/api/v1/cmdb/items/${t.items.app.id}/relations`)).json();
    expect(desk.map((r: { kind: string }) => r.kind)).toContain('runs_on');
    const pessac = (await t.api('pessacAgent').get(`/api/v1/cmdb/items/${t.items.app.id}/relations`)).json();
    expect(pessac.map((r: { target: { id: number } }) => r.target.id)).not.toContain(t.items.server.id);
    expectStatus(await t.api('pessacAgent').get(`/api/v1/cmdb/items/${t.items.server.id}/relations`), 404);
    expectStatus(await t.api('reqPessac').get(`/api/v1/cmdb/items/${t.items.app.id}/relations`), 403);
    expectStatus(await t.api(null).get(`/api/v1/cmdb/items/${t.items.app.id}/relations`), 401);
  });
});

describe('GET /cmdb/items/:id/graph', () => {
  it('walks relations both ways up to depth, only through visible items', async () => {
    const app = await t.create({
      class: 'application',
      name: `Finances ${t.w.tag}`,
      entityId: t.w.metropolis.id,
      usedByEntityIds: [t.w.pessac.id],
    });
    const srv = await t.create({ class: 'server', name: `SRV-FIN ${t.w.tag}`, entityId: t.w.metropolis.id });
    const pc = await t.create({
      class: 'workstation',
      name: `PC Finances ${t.w.tag}`,
      entityId: t.w.pessac.id,
    });
    const mpc = await t.create({
      class: 'workstation',
      name: `PC Fin. Mér. ${t.w.tag}`,
      entityId: t.w.merignac.id,
    });
    await t.relate('depends_on', pc.id, app.id);
    await t.relate('runs_on', app.id, srv.id);
    await t.relate('depends_on', mpc.id, app.id);
    const ids = (res: { json(): { nodes: { id: number }[] } }) =>
      res
        .json()
        .nodes.map((n) => n.id)
        .sort();
    const sorted = (...xs: number[]) => xs.sort();

    const d1 = await t.api('desk').get(`/api/v1/cmdb/items/${pc.id}/graph?depth=1`);
    expectStatus(d1, 200);
    expect(ids(d1)).toEqual(sorted(pc.id, app.id));
    expect(d1.json().nodes[0]).toEqual({
      id: pc.id,
      name: pc.name,
      class: 'workstation',
      status: 'deployed',
    });
    const d2 = await t.api('desk').get(`/api/v1/cmdb/items/${pc.id}/graph`);
    expect(ids(d2)).toEqual(sorted(pc.id, app.id, srv.id, mpc.id));
    expect(d2.json().edges).toHaveLength(3);
    expect(d2.json().edges[0]).toMatchObject({ kind: 'depends_on', sourceId: pc.id, targetId: app.id });

    // Pessac sees its workstation and the shared application, not the server nor Mérignac's workstation
    const p2 = await t.api('pessacAgent').get(`/api/v1/cmdb/items/${pc.id}/graph?depth=4`);
    expect(ids(p2)).toEqual(sorted(pc.id, app.id));
    expect(p2.json().edges).toHaveLength(1);
  });

  it('answers 400 for a depth out of range, 404 out of scope, 403, 401', async () => {
    const url = (id: number, q = '') => `/api/v1/cmdb/items/${id}/graph${q}`;
    expect(errorPaths(await t.api('desk').get(url(t.items.app.id, '?depth=5')))).toEqual([
      'querystring.depth',
    ]);
    expectStatus(await t.api('pessacAgent').get(url(t.items.merignacPc.id)), 404);
    expectStatus(await t.api('reqPessac').get(url(t.items.app.id)), 403);
    expectStatus(await t.api(null).get(url(t.items.app.id)), 401);
  });
});

describe('GET /cmdb/items/:id/events', () => {
  it('answers 404 out of scope, 403 requesters, 401', async () => {
    expectStatus(await t.api('pessacAgent').get(`/api/v1/cmdb/items/${t.items.merignacPc.id}/events`), 404);
    expectStatus(await t.api('reqPessac').get(`/api/v1/cmdb/items/${t.items.pessacPc.id}/events`), 403);
    expectStatus(await t.api(null).get(`/api/v1/cmdb/items/${t.items.pessacPc.id}/events`), 401);
  });
});
