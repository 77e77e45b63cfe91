import type { MajorIncidentSuggestions, Ticket, TicketEvent } from '@guichet/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorPaths, expectStatus } from '../../directory/directory.test-support.js';
import { type CmdbWorld, cmdbWorld } from '../cmdb.test-support.js';

/**
 * A hand-built network with its own core router R (the metropolis's):
 *
 *   R ─L1─ A ─L2─ B ─L3─ C ─L4─ R        a ring: no link of it cuts anything off
 *                        └─L5─ D1 ─L6─ D2  a spur: L5 cuts D1 and D2 off, L6 cuts D2
 *
 * W is a workstation at D2; server S is at D1, and applications X1, X2, X3 run on it.
 * D1 stands for Mérignac's town hall (a ticket there without items concerns D1); Mérignac uses X1–X3.
 */
let t: CmdbWorld;
const n: Record<string, { id: number; name: string }> = {};
const N = (key: string) => {
  const found = n[key];
  if (!found) throw new Error(`no item ${key}`);
  return found;
};
const keyOf = (id: number) => Object.keys(n).find((k) => N(k).id === id) ?? `#${id}`;

beforeAll(async () => {
  t = await cmdbWorld();
  const { metropolis, merignac, tag } = t.w;
  const add = async (key: string, body: Parameters<CmdbWorld['create']>[0]) => {
    n[key] = await t.create(body);
  };
  await add('R', {
    class: 'network_device',
    name: `Routeur cœur ${tag}`,
    entityId: metropolis.id,
    attributes: { kind: 'router' },
  });
  for (const s of ['A', 'B', 'C'])
    await add(s, { class: 'site', name: `Site ${s} ${tag}`, entityId: metropolis.id });
  await add('D1', {
    class: 'site',
    name: `Site D1 ${tag}`,
    entityId: merignac.id,
    siteId: t.w.merignacTownHall.id,
  });
  await add('D2', { class: 'site', name: `Site D2 ${tag}`, entityId: merignac.id });
  const ends: [string, string, string][] = [
    ['L1', 'R', 'A'],
    ['L2', 'A', 'B'],
    ['L3', 'B', 'C'],
    ['L4', 'C', 'R'],
    ['L5', 'C', 'D1'],
    ['L6', 'D1', 'D2'],
  ];
  for (const [link, a, b] of ends) {
    await add(link, {
      class: 'network_link',
      name: `Fibre ${link} ${tag}`,
      entityId: metropolis.id,
      attributes: { medium: 'fibre' },
    });
    await t.relate('connected_to', N(a).id, N(link).id);
    await t.relate('connected_to', N(b).id, N(link).id);
  }
  n.W = t.items.merignacPc;
  await t.relate('located_at', N('W').id, N('D2').id);
  await add('S', { class: 'server', name: `Serveur D1 ${tag}`, entityId: metropolis.id });
  await t.relate('located_at', N('S').id, N('D1').id);
  for (const x of ['X1', 'X2', 'X3']) {
    await add(x, {
      class: 'application',
      name: `Appli ${x} ${tag}`,
      entityId: metropolis.id,
      usedByEntityIds: [merignac.id],
    });
    await t.relate('runs_on', N(x).id, N('S').id);
  }
});
afterAll(() => t.ctx.close());

/** A ticket of Mérignac's requester (at Mérignac's town hall), concerning `item` when given. */
async function ticket(title: string, item?: string): Promise<string> {
  const res = await t.api('desk').post('/api/v1/tickets', {
    type: 'incident',
    title,
    requesterId: t.w.requesterMerignac.id,
  });
  expectStatus(res, 201);
  const number: string = res.json().number;
  if (item)
    expectStatus(await t.api('desk').post(`/api/v1/tickets/${number}/items`, { itemId: N(item).id }), 201);
  return number;
}
/** Out of the next scenarios' way. */
async function cancel(numbers: string[]) {
  for (const number of numbers) {
    expectStatus(await t.api('desk').patch(`/api/v1/tickets/${number}`, { status: 'cancelled' }), 200);
  }
}
async function suggestions(who: 'desk' | 'pessacAgent' | 'merignacAgent', query = '') {
  const api = who === 'merignacAgent' ? t.merignacApi : t.api(who);
  const res = await api.get(`/api/v1/cmdb/major-incident-suggestions${query}`);
  expectStatus(res, 200);
  return res.json() as MajorIncidentSuggestions;
}
const paths = (s: MajorIncidentSuggestions['items'][number]) =>
  Object.fromEntries(s.tickets.map((x) => [x.number, x.path.map((p) => keyOf(p.id))]));

describe('GET /cmdb/major-incident-suggestions', () => {
  it('tickets behind a spur point at the spur link, not at the ring or the core', async () => {
    const atD1 = await ticket('Plus de réseau à la mairie'); // no item: the site's item, D1
    const atD2 = await ticket('Réseau coupé à D2', 'D2');
    const onW = await ticket('Mon poste ne voit plus le serveur', 'W');
    const r = await suggestions('desk');
    expect(r.items.map((s) => keyOf(s.upstream.id))).toEqual(['L5']);
    const [s] = r.items;
    expect(s?.upstream).toEqual({ id: N('L5').id, name: N('L5').name, class: 'network_link' });
    expect(s?.ticketCount).toBe(3);
    expect(s?.tickets.map((x) => x.number)).toEqual([atD1, atD2, onW]);
    expect(paths(s as never)).toEqual({
      [atD1]: ['L5', 'D1'],
      [atD2]: ['L5', 'D1', 'L6', 'D2'],
      [onW]: ['L5', 'D1', 'L6', 'D2', 'W'],
    });
    expect(s?.tickets[2]?.item).toEqual({ id: N('W').id, class: 'workstation', name: N('W').name });
    expect(s && s.firstAt <= s.lastAt).toBe(true);
    // four tickets needed: none
    expect((await suggestions('desk', '?minTickets=4')).items).toEqual([]);
    // Pessac's agent sees none of these tickets
    expect((await suggestions('pessacAgent')).items).toEqual([]);
    await cancel([atD1, atD2, onW]);
    expect((await suggestions('desk')).items).toEqual([]);
  });

  it('tickets on ring sites share no link, only the core router', async () => {
    const tickets = [await ticket('A', 'A'), await ticket('B', 'B'), await ticket('C', 'C')];
    const r = await suggestions('desk');
    expect(r.items.map((s) => keyOf(s.upstream.id))).toEqual(['R']);
    expect(r.items[0]?.upstream.class).toBe('network_device');
    expect(paths(r.items[0] as never)[tickets[0] as string]).toEqual(['R', 'L1', 'A']);
    await cancel(tickets);
  });

  it('an application outage points at the server the applications run on', async () => {
    const tickets = [await ticket('X1 HS', 'X1'), await ticket('X2 HS', 'X2'), await ticket('X3 lent', 'X3')];
    const r = await suggestions('desk');
    expect(r.items.map((s) => keyOf(s.upstream.id))).toEqual(['S']);
    expect(paths(r.items[0] as never)).toEqual({
      [tickets[0] as string]: ['S', 'X1'],
      [tickets[1] as string]: ['S', 'X2'],
      [tickets[2] as string]: ['S', 'X3'],
    });
    // Mérignac's agent sees the applications (Mérignac uses them) but not the metropolis's server:
    // the server's site, Mérignac's, is the shared cause they can see; the server shows as hidden
    const merignac = await suggestions('merignacAgent');
    expect(merignac.items.map((s) => keyOf(s.upstream.id))).toEqual(['D1']);
    expect(merignac.items[0]?.tickets[0]?.path.map((p) => p.name)).toEqual([
      N('D1').name,
      null,
      N('X1').name,
    ]);
    await cancel(tickets);
  });

  it('validates the query and is for staff only', async () => {
    expect(
      errorPaths(await t.api('desk').get('/api/v1/cmdb/major-incident-suggestions?windowMinutes=1')),
    ).toEqual(['querystring.windowMinutes']);
    expect(
      errorPaths(await t.api('desk').get('/api/v1/cmdb/major-incident-suggestions?minTickets=x')),
    ).toEqual(['querystring.minTickets']);
    expectStatus(await t.api('reqMerignac').get('/api/v1/cmdb/major-incident-suggestions'), 403);
    expectStatus(await t.api(null).get('/api/v1/cmdb/major-incident-suggestions'), 401);
  });
});

describe('POST /cmdb/major-incidents', () => {
  it('creates the parent on the upstream item, links the children with their history, once', async () => {
    const children = [
      await ticket('X1 HS', 'X1'),
      await ticket('X2 HS', 'X2'),
      await ticket('X3 lent', 'X3'),
    ];
    const res = await t.api('desk').post('/api/v1/cmdb/major-incidents', {
      upstreamItemId: N('S').id,
      ticketNumbers: children,
    });
    expectStatus(res, 201);
    const created = res.json() as { number: string; title: string; children: string[] };
    expect(created.title).toBe(`Incident majeur : ${N('S').name}`);
    expect(created.children).toEqual(children);

    const parent = (await t.api('desk').get(`/api/v1/tickets/${created.number}`)).json() as Ticket;
    expect(parent).toMatchObject({ type: 'incident', impact: 1, urgency: 1, status: 'new' });
    expect(parent.group?.id).toBe(t.w.deskGroup.id);
    expect(parent.links.map((l) => [l.kind, l.ticket.number])).toEqual(children.map((c) => ['child', c]));
    const items = (await t.api('desk').get(`/api/v1/tickets/${created.number}/items`)).json() as {
      id: number;
    }[];
    expect(items.map((i) => i.id)).toEqual([N('S').id]);
    for (const c of children) {
      const child = (await t.api('desk').get(`/api/v1/tickets/${c}`)).json() as Ticket;
      expect(child.links.map((l) => [l.kind, l.ticket.number])).toEqual([['parent', created.number]]);
      const events = (await t.api('desk').get(`/api/v1/tickets/${c}/events`)).json() as TicketEvent[];
      expect(events.at(-1)).toMatchObject({ kind: 'linked' });
    }
    // grouped tickets (and the parent) are no longer suggested
    expect((await suggestions('desk')).items).toEqual([]);
    // a second grouping of the same tickets: 409, nothing written
    const again = await t.api('desk').post('/api/v1/cmdb/major-incidents', {
      upstreamItemId: N('S').id,
      ticketNumbers: children,
      title: 'Encore',
    });
    expectStatus(again, 409, 'conflict');
    const list = (await t.api('desk').get('/api/v1/tickets?q=Encore')).json() as { items: unknown[] };
    expect(list.items).toEqual([]);
  });

  it('refuses closed tickets, tickets out of scope, bad input and requesters', async () => {
    const a = await ticket('Un', 'A');
    const b = await ticket('Deux', 'B');
    const post = (who: 'desk' | 'pessacAgent' | 'reqMerignac', body: unknown) =>
      t.api(who).post('/api/v1/cmdb/major-incidents', body);
    expect(errorPaths(await post('desk', { upstreamItemId: N('R').id, ticketNumbers: [a] }))).toEqual([
      'body.ticketNumbers',
    ]);
    expect(errorPaths(await post('desk', { upstreamItemId: N('R').id, ticketNumbers: [a, a] }))).toEqual([
      'body.ticketNumbers',
    ]);
    expect(errorPaths(await post('desk', { upstreamItemId: 999999999, ticketNumbers: [a, b] }))).toEqual([
      'upstreamItemId',
    ]);
    expectStatus(await post('desk', { upstreamItemId: N('R').id, ticketNumbers: [a, 'INC9999999'] }), 404);
    // Pessac's agent cannot see Mérignac's tickets
    expectStatus(
      await post('pessacAgent', { upstreamItemId: t.items.pessacPc.id, ticketNumbers: [a, b] }),
      404,
    );
    expectStatus(await post('reqMerignac', { upstreamItemId: N('R').id, ticketNumbers: [a, b] }), 403);
    await cancel([b]);
    expectStatus(await post('desk', { upstreamItemId: N('R').id, ticketNumbers: [a, b] }), 409, 'conflict');
    const events = (await t.api('desk').get(`/api/v1/tickets/${a}/events`)).json() as TicketEvent[];
    expect(events.some((e) => e.kind === 'linked')).toBe(false);
  });
});
