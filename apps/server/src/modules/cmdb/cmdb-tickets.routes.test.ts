import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorPaths, expectStatus } from '../directory/directory.test-support.js';
import { type CmdbWorld, cmdbWorld } from './cmdb.test-support.js';

let t: CmdbWorld;
let pessacTicket: string;
let merignacTicket: string;
beforeAll(async () => {
  t = await cmdbWorld();
  const open = async (requesterId: number, title: string) => {
    const res = await t.api('desk').post('/api/v1/tickets', { type: 'incident', title, requesterId });
    expect(res.statusCode, res.body).toBe(201);
    return res.json().number as string;
  };
  pessacTicket = await open(t.w.requesterPessac.id, 'Mon PC ne démarre plus');
  merignacTicket = await open(t.w.requesterMerignac.id, "L'écran clignote");
});
afterAll(() => t.ctx.close());

const itemsUrl = (number: string) => `/api/v1/tickets/${number}/items`;

describe('POST /tickets/:number/items', () => {
  it('links a ticket to an item, visible both ways and in both histories; twice changes nothing', async () => {
    const res = await t.api('pessacAgent').post(itemsUrl(pessacTicket), { itemId: t.items.pessacPc.id });
    expectStatus(res, 201);
    expect(res.json()).toMatchObject({ id: t.items.pessacPc.id, name: t.items.pessacPc.name });
    expectStatus(
      await t.api('pessacAgent').post(itemsUrl(pessacTicket), { itemId: t.items.pessacPc.id }),
      201,
    );
    // a shared application used by Pessac may be linked by its agent too
    expectStatus(await t.api('pessacAgent').post(itemsUrl(pessacTicket), { itemId: t.items.app.id }), 201);

    const items = await t.api('pessacAgent').get(itemsUrl(pessacTicket));
    expectStatus(items, 200);
    expect(
      items
        .json()
        .map((i: { id: number }) => i.id)
        .sort(),
    ).toEqual([t.items.pessacPc.id, t.items.app.id].sort());
    const tickets = await t.api('pessacAgent').get(`/api/v1/cmdb/items/${t.items.pessacPc.id}/tickets`);
    expectStatus(tickets, 200);
    expect(tickets.json()).toEqual([
      {
        number: pessacTicket,
        title: 'Mon PC ne démarre plus',
        status: expect.any(String),
        createdAt: expect.any(String),
      },
    ]);
    const ciEvents = (
      await t.api('pessacAgent').get(`/api/v1/cmdb/items/${t.items.pessacPc.id}/events`)
    ).json();
    expect(ciEvents.filter((e: { kind: string }) => e.kind === 'linked_ticket')).toEqual([
      expect.objectContaining({ changes: { ticket: { from: null, to: pessacTicket } } }),
    ]);
    const ticketEvents = (await t.api('pessacAgent').get(`/api/v1/tickets/${pessacTicket}/events`)).json();
    const itemLines = (Array.isArray(ticketEvents) ? ticketEvents : ticketEvents.items).filter(
      (e: { changes: Record<string, unknown> }) => 'item' in e.changes,
    );
    expect(itemLines).toHaveLength(2);
    expect(itemLines[0]).toMatchObject({
      kind: 'updated',
      changes: { item: { from: null, to: t.items.pessacPc.name } },
    });
    // the requester's history of the same ticket does not list the desk's items
    const mine = (await t.api('reqPessac').get(`/api/v1/tickets/${pessacTicket}/events`)).json();
    expect(mine.some((e: { changes: Record<string, unknown> }) => 'item' in e.changes)).toBe(false);
    expect(mine.map((e: { kind: string }) => e.kind)).toEqual(['created']);
  });

  it('needs both the ticket and the item visible: 404 ticket, 400 item; 403 requesters; 401', async () => {
    expectStatus(
      await t.api('pessacAgent').post(itemsUrl(merignacTicket), { itemId: t.items.pessacPc.id }),
      404,
    );
    expect(
      errorPaths(await t.api('pessacAgent').post(itemsUrl(pessacTicket), { itemId: t.items.merignacPc.id })),
    ).toEqual(['itemId']);
    expect(errorPaths(await t.api('pessacAgent').post(itemsUrl(pessacTicket), { itemId: 'x' }))).toEqual([
      'body.itemId',
    ]);
    expectStatus(await t.api('reqPessac').post(itemsUrl(pessacTicket), { itemId: t.items.pessacPc.id }), 403);
    expectStatus(await t.api(null).post(itemsUrl(pessacTicket), { itemId: t.items.pessacPc.id }), 401);
  });
});

describe('GET /tickets/:number/items and /cmdb/items/:id/tickets', () => {
  it('show only what the actor may see on the other side', async () => {
    expectStatus(await t.api('desk').post(itemsUrl(merignacTicket), { itemId: t.items.app.id }), 201);
    expectStatus(await t.api('desk').post(itemsUrl(merignacTicket), { itemId: t.items.merignacPc.id }), 201);
    // Pessac sees the application but not Mérignac's ticket about it
    const fromApp = (await t.api('pessacAgent').get(`/api/v1/cmdb/items/${t.items.app.id}/tickets`)).json();
    expect(fromApp.map((x: { number: string }) => x.number)).toEqual([pessacTicket]);
    const fromDesk = (await t.api('desk').get(`/api/v1/cmdb/items/${t.items.app.id}/tickets`)).json();
    expect(fromDesk.map((x: { number: string }) => x.number).sort()).toEqual(
      [pessacTicket, merignacTicket].sort(),
    );
    expectStatus(await t.merignacApi.get(itemsUrl(pessacTicket)), 404);
    const merignacItems = (await t.merignacApi.get(itemsUrl(merignacTicket))).json();
    expect(merignacItems.map((i: { id: number }) => i.id)).toEqual([t.items.merignacPc.id]);
  });

  it('answer 404 out of scope, 403 requesters, 401, 400 bad number', async () => {
    expectStatus(await t.api('pessacAgent').get(`/api/v1/cmdb/items/${t.items.merignacPc.id}/tickets`), 404);
    expectStatus(await t.api('reqPessac').get(`/api/v1/cmdb/items/${t.items.pessacPc.id}/tickets`), 403);
    expectStatus(await t.api('reqPessac').get(itemsUrl(pessacTicket)), 403);
    expectStatus(await t.api(null).get(itemsUrl(pessacTicket)), 401);
    expect(errorPaths(await t.api('desk').get(itemsUrl('nonsense')))).toEqual(['params.number']);
  });
});

describe('DELETE /tickets/:number/items/:itemId', () => {
  it('unlinks, recorded on both sides; unlinking again is 404', async () => {
    const url = `${itemsUrl(pessacTicket)}/${t.items.app.id}`;
    expectStatus(await t.api('reqPessac').delete(url), 403);
    expectStatus(await t.api(null).delete(url), 401);
    expectStatus(await t.merignacApi.delete(url), 404);
    expectStatus(await t.api('pessacAgent').delete(url), 204);
    expectStatus(await t.api('pessacAgent').delete(url), 404);
    const events = (await t.api('desk').get(`/api/v1/cmdb/items/${t.items.app.id}/events`)).json();
    expect(events.at(-1)).toMatchObject({
      kind: 'unlinked_ticket',
      changes: { ticket: { from: pessacTicket, to: null } },
    });
    const items = (await t.api('pessacAgent').get(itemsUrl(pessacTicket))).json();
    expect(items.map((i: { id: number }) => i.id)).toEqual([t.items.pessacPc.id]);
  });
});
