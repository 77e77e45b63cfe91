import type { CiImpact } from '@guichet/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectStatus } from '../../directory/directory.test-support.js';
import { type CmdbWorld, cmdbWorld } from '../cmdb.test-support.js';

/**
 * A hand-built network, its own core router R (the metropolis's):
 *
 *   R ─L1─ A ─L2─ B ─L3─ C ─L4─ R      a ring of four sites… three (A, B, C) and the core
 *                          └─L5─ D     a spur to D, where server S runs application X
 *
 * W (Pessac's workstation) is located at A; Y depends on X; X is part of the information system IS;
 * H (hidden from Pessac) depends on X, and Z (used by Pessac) depends on H.
 */
let t: CmdbWorld;
const n: Record<string, { id: number; name: string }> = {};
const ring: Record<string, number> = {};
const N = (key: string) => {
  const found = n[key];
  if (!found) throw new Error(`no item ${key}`);
  return found;
};
let ticket: string;

beforeAll(async () => {
  t = await cmdbWorld();
  const { metropolis, pessac } = t.w;
  const tag = t.w.tag;
  const add = async (key: string, body: Parameters<CmdbWorld['create']>[0]) => {
    n[key] = await t.create(body);
  };
  await add('R', {
    class: 'network_device',
    name: `Routeur cœur ${tag}`,
    entityId: metropolis.id,
    attributes: { kind: 'router' },
  });
  await add('A', {
    class: 'site',
    name: `Site A ${tag}`,
    entityId: pessac.id,
    siteId: t.w.pessacTownHall.id,
  });
  for (const s of ['B', 'C', 'D'])
    await add(s, { class: 'site', name: `Site ${s} ${tag}`, entityId: metropolis.id });
  for (const l of ['L1', 'L2', 'L3', 'L4', 'L5']) {
    await add(l, {
      class: 'network_link',
      name: `Fibre ${l} ${tag}`,
      entityId: metropolis.id,
      attributes: { medium: 'fibre' },
    });
  }
  const ends: [string, string, string][] = [
    ['L1', 'R', 'A'],
    ['L2', 'A', 'B'],
    ['L3', 'B', 'C'],
    ['L4', 'C', 'R'],
    ['L5', 'C', 'D'],
  ];
  for (const [link, a, b] of ends) {
    ring[`${link}${a}`] = (await t.relate('connected_to', N(a).id, N(link).id)).id;
    ring[`${link}${b}`] = (await t.relate('connected_to', N(b).id, N(link).id)).id;
  }
  n.W = t.items.pessacPc;
  const w = t.items.pessacPc;
  await t.relate('located_at', w.id, N('A').id);
  await add('S', { class: 'server', name: `Serveur D ${tag}`, entityId: metropolis.id });
  await t.relate('located_at', N('S').id, N('D').id);
  await add('X', {
    class: 'application',
    name: `Appli X ${tag}`,
    entityId: metropolis.id,
    usedByEntityIds: [pessac.id],
  });
  await add('Y', {
    class: 'application',
    name: `Appli Y ${tag}`,
    entityId: metropolis.id,
    usedByEntityIds: [pessac.id],
  });
  await add('H', { class: 'application', name: `Appli H ${tag}`, entityId: metropolis.id });
  await add('Z', {
    class: 'application',
    name: `Appli Z ${tag}`,
    entityId: metropolis.id,
    usedByEntityIds: [pessac.id],
  });
  await add('IS', { class: 'information_system', name: `SI ${tag}`, entityId: metropolis.id });
  await t.relate('runs_on', N('X').id, N('S').id);
  await t.relate('depends_on', N('Y').id, N('X').id);
  await t.relate('depends_on', N('H').id, N('X').id);
  await t.relate('depends_on', N('Z').id, N('H').id);
  await t.relate('part_of', N('X').id, N('IS').id);
  const res = await t.api('desk').post('/api/v1/tickets', {
    type: 'incident',
    title: 'Plus de réseau à l’accueil',
    requesterId: t.w.requesterPessac.id,
  });
  expectStatus(res, 201);
  ticket = res.json().number;
  expectStatus(await t.api('desk').post(`/api/v1/tickets/${ticket}/items`, { itemId: w.id }), 201);
});
afterAll(() => t.ctx.close());

async function impact(who: 'desk' | 'pessacAgent', key: string): Promise<CiImpact> {
  const res = await t.api(who).get(`/api/v1/cmdb/items/${N(key).id}/impact`);
  expectStatus(res, 200);
  return res.json();
}
const keyOf = (id: number) => Object.keys(n).find((k) => N(k).id === id) ?? `#${id}`;
const names = (r: CiImpact) => r.items.map((i) => keyOf(i.id)).sort();
const path = (r: CiImpact, key: string) =>
  r.items.find((i) => i.id === N(key).id)?.path.map((s) => (s.name === null ? '?' : keyOf(s.id)));

describe('GET /cmdb/items/:id/impact', () => {
  it('cutting one link of a ring isolates nothing', async () => {
    for (const link of ['L1', 'L2', 'L3', 'L4']) {
      const r = await impact('desk', link);
      expect(r.items, link).toEqual([]);
      expect(r.counts).toEqual({});
      expect(r.people.count).toBe(0);
    }
  });

  it('cutting a spur isolates its site, the server there, the applications on it and what depends on them', async () => {
    const r = await impact('desk', 'L5');
    expect(r.item).toEqual({ id: N('L5').id, name: N('L5').name, class: 'network_link' });
    expect(names(r)).toEqual(['D', 'H', 'IS', 'S', 'X', 'Y', 'Z'].sort());
    expect(r.counts).toEqual({ site: 1, server: 1, application: 4, information_system: 1 });
    expect(path(r, 'IS')).toEqual(['L5', 'D', 'S', 'X', 'IS']);
    expect(path(r, 'Z')).toEqual(['L5', 'D', 'S', 'X', 'H', 'Z']);
    expect(r.items.find((i) => i.id === N('Z').id)?.depth).toBe(5);
    expect(r.hiddenCount).toBe(0);
  });

  it('a server: the applications running on it, then their dependants and information system', async () => {
    const r = await impact('desk', 'S');
    expect(names(r)).toEqual(['H', 'IS', 'X', 'Y', 'Z'].sort());
    expect(path(r, 'Y')).toEqual(['S', 'X', 'Y']);
  });

  it('a site: what is located there, the people there or owning it, and the open tickets', async () => {
    const r = await impact('desk', 'A');
    expect(names(r)).toEqual(['W']);
    expect(r.people.sample.map((p) => p.id)).toContain(t.w.requesterPessac.id);
    expect(r.people.count).toBeGreaterThanOrEqual(1);
    expect(r.openTickets).toEqual({
      count: 1,
      items: [expect.objectContaining({ number: ticket, status: expect.any(String), itemId: N('W').id })],
    });
  });

  it("applies the actor's scope to what it returns, blanking hidden steps of a path", async () => {
    const desk = await impact('desk', 'X');
    expect(names(desk)).toEqual(['H', 'IS', 'Y', 'Z'].sort());
    const pessac = await impact('pessacAgent', 'X');
    expect(names(pessac)).toEqual(['Y', 'Z']);
    expect(pessac.hiddenCount).toBe(2);
    expect(path(pessac, 'Z')).toEqual(['X', '?', 'Z']);
    // not visible at all: 404; requesters: 403; unknown: 404
    expectStatus(await t.api('pessacAgent').get(`/api/v1/cmdb/items/${N('L5').id}/impact`), 404);
    expectStatus(await t.api('reqPessac').get(`/api/v1/cmdb/items/${N('W').id}/impact`), 403);
    expectStatus(await t.api('desk').get('/api/v1/cmdb/items/999999999/impact'), 404);
  });

  it('with a second cut in the ring, cutting a link isolates the sites between the two cuts', async () => {
    // L4 loses its end at the core: the ring is open at C
    expectStatus(await t.api('admin').delete(`/api/v1/cmdb/relations/${ring.L4R}`), 204);
    const r = await impact('desk', 'L2');
    expect(names(r)).toEqual(['B', 'C', 'D', 'H', 'IS', 'L3', 'L4', 'L5', 'S', 'X', 'Y', 'Z'].sort());
    expect(path(r, 'D')).toEqual(['L2', 'B', 'L3', 'C', 'L5', 'D']);
    expect((await impact('desk', 'L1')).counts.site).toBe(1 + 3);
    expect(names(await impact('desk', 'L3'))).toEqual(
      ['C', 'D', 'H', 'IS', 'L4', 'L5', 'S', 'X', 'Y', 'Z'].sort(),
    );
  });
});
