import { and, eq, inArray, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../../platform/audit/audit.table.js';
import { createEntity, createPerson } from '../../test/factories.js';
import { as, login, type Session } from '../../test/harness.js';
import { ticketEvents, tickets } from '../tickets/index.js';
import { people, personMoves } from './directory.table.js';
import { directoryWorld, errorPaths, expectStatus } from './directory.test-support.js';

let t: Awaited<ReturnType<typeof directoryWorld>>;
beforeAll(async () => {
  t = await directoryWorld();
});
afterAll(() => t.ctx.close());

async function openTicket(requesterId: number, title = 'Poste lent') {
  const res = await t.api('desk').post('/api/v1/tickets', { type: 'incident', title, requesterId });
  expectStatus(res, 201);
  return res.json() as { id: number; number: string };
}

/** Resolved by the desk, then confirmed by the requester: closed. */
async function closedTicket(requester: Session, requesterId: number) {
  const ticket = await openTicket(requesterId, 'Imprimante bloquée');
  expectStatus(
    await t
      .api('desk')
      .patch(`/api/v1/tickets/${ticket.number}`, { status: 'resolved', resolutionCode: 'solved' }),
    200,
  );
  const confirmed = await as(t.ctx.app, requester).post(`/api/v1/tickets/${ticket.number}/confirm`);
  expectStatus(confirmed, 200);
  expect(confirmed.json().status).toBe('closed');
  return ticket;
}

const ticketRow = async (id: number) => {
  const [row] = await t.db.select().from(tickets).where(eq(tickets.id, id));
  if (!row) throw new Error(`no ticket ${id}`);
  return row;
};
const personRow = async (id: number) => {
  const [row] = await t.db.select().from(people).where(eq(people.id, id));
  if (!row) throw new Error(`no person ${id}`);
  return row;
};
const movesOf = (ids: number[]) => t.db.select().from(personMoves).where(inArray(personMoves.personId, ids));
const movedAudits = (ids: number[]) =>
  t.db
    .select()
    .from(auditLog)
    .where(
      and(
        eq(auditLog.action, 'person.moved'),
        inArray(
          auditLog.targetId,
          ids.map((id) => String(id)),
        ),
      ),
    );

describe('POST /people/move/preview and /people/move with open tickets following', () => {
  let p1: Awaited<ReturnType<typeof createPerson>>;
  let p2: Awaited<ReturnType<typeof createPerson>>;
  let p3: Awaited<ReturnType<typeof createPerson>>;
  let open1: { id: number; number: string };
  let open2: { id: number; number: string };
  let open3: { id: number; number: string };
  let closed1: { id: number; number: string };

  beforeAll(async () => {
    const { w } = t;
    p1 = await createPerson(t.db, {
      name: 'Agnès Moreau',
      entityId: w.pessac.id,
      siteId: w.pessacTownHall.id,
    });
    p2 = await createPerson(t.db, { name: 'Bruno Petit', entityId: w.pessacSchools.id });
    p3 = await createPerson(t.db, { name: 'Chloé Roux', entityId: w.pessac.id });
    const s1 = await login(t.ctx.app, p1.email);
    open1 = await openTicket(p1.id);
    open2 = await openTicket(p1.id, 'Messagerie en panne');
    closed1 = await closedTicket(s1, p1.id);
    open3 = await openTicket(p2.id);
  });

  it('previews who moves, from where, and how many open tickets would follow, writing nothing', async () => {
    const res = await t.api('admin').post('/api/v1/people/move/preview', {
      personIds: [p1.id, p2.id, p3.id],
      toEntityId: t.w.metropolis.id,
      openTickets: 'follow',
    });
    expectStatus(res, 200);
    expect(res.json()).toEqual({
      people: [
        {
          id: p1.id,
          name: 'Agnès Moreau',
          from: { id: t.w.pessac.id, name: t.w.pessac.name },
          openTickets: 2,
        },
        {
          id: p2.id,
          name: 'Bruno Petit',
          from: { id: t.w.pessacSchools.id, name: t.w.pessacSchools.name },
          openTickets: 1,
        },
        { id: p3.id, name: 'Chloé Roux', from: { id: t.w.pessac.id, name: t.w.pessac.name }, openTickets: 0 },
      ],
      to: { id: t.w.metropolis.id, name: t.w.metropolis.name },
      openTickets: 3,
    });
    expect((await personRow(p1.id)).entityId).toBe(t.w.pessac.id);
    expect(await movesOf([p1.id, p2.id, p3.id])).toEqual([]);
  });

  it('moves the people and their open tickets; closed tickets and history stay', async () => {
    const before = await ticketRow(open1.id);
    const res = await t.api('admin').post('/api/v1/people/move', {
      personIds: [p1.id, p2.id, p3.id],
      toEntityId: t.w.metropolis.id,
      openTickets: 'follow',
    });
    expectStatus(res, 200);
    expect(res.json()).toEqual({ moved: 3, ticketsMoved: 3 });

    for (const p of [p1, p2, p3]) expect((await personRow(p.id)).entityId).toBe(t.w.metropolis.id);
    // Pessac's town hall is inside the metropolis's subtree: the site is kept
    expect((await personRow(p1.id)).siteId).toBe(t.w.pessacTownHall.id);

    for (const tk of [open1, open2, open3]) expect((await ticketRow(tk.id)).entityId).toBe(t.w.metropolis.id);
    expect((await ticketRow(closed1.id)).entityId).toBe(t.w.pessac.id);
    expect((await ticketRow(open1.id)).version).toBe(before.version + 1);

    const events = await t.db
      .select()
      .from(ticketEvents)
      .where(
        and(
          eq(ticketEvents.kind, 'requester_moved'),
          inArray(ticketEvents.ticketId, [open1.id, open2.id, open3.id, closed1.id]),
        ),
      );
    expect(events).toHaveLength(3);
    const e1 = events.find((e) => e.ticketId === open1.id);
    expect(e1).toMatchObject({
      entityId: t.w.metropolis.id,
      actorId: t.w.admin.id,
      changes: { entity: { from: t.w.pessac.id, to: t.w.metropolis.id } },
    });
    expect(events.find((e) => e.ticketId === open3.id)?.changes).toEqual({
      entity: { from: t.w.pessacSchools.id, to: t.w.metropolis.id },
    });
    // the history shows it through the tickets API too
    const history = await t.api('desk').get(`/api/v1/tickets/${open1.number}/events`);
    expect((history.json() as { kind: string }[]).map((e) => e.kind)).toContain('requester_moved');

    const moves = await movesOf([p1.id, p2.id, p3.id]);
    expect(
      moves
        .map((m) => ({
          personId: m.personId,
          from: m.fromEntityId,
          to: m.toEntityId,
          n: m.ticketsMoved,
          mode: m.openTickets,
          by: m.movedBy,
        }))
        .sort((a, b) => a.personId - b.personId),
    ).toEqual([
      { personId: p1.id, from: t.w.pessac.id, to: t.w.metropolis.id, n: 2, mode: 'follow', by: t.w.admin.id },
      {
        personId: p2.id,
        from: t.w.pessacSchools.id,
        to: t.w.metropolis.id,
        n: 1,
        mode: 'follow',
        by: t.w.admin.id,
      },
      { personId: p3.id, from: t.w.pessac.id, to: t.w.metropolis.id, n: 0, mode: 'follow', by: t.w.admin.id },
    ]);

    const audits = await movedAudits([p1.id, p2.id, p3.id]);
    expect(audits).toHaveLength(3);
    expect(audits.find((a) => a.targetId === String(p1.id))).toMatchObject({
      actorId: t.w.admin.id,
      targetType: 'person',
      entityId: t.w.metropolis.id,
      details: { from: t.w.pessac.id, to: t.w.metropolis.id, openTickets: 'follow', ticketsMoved: 2 },
    });

    // the Pessac agent no longer sees them; the desk does
    expectStatus(await t.api('pessacAgent').get(`/api/v1/people/${p1.id}`), 404);
    expectStatus(await t.api('desk').get(`/api/v1/people/${p1.id}`), 200);
  });
});

describe('moving with open tickets staying, and sites', () => {
  it('leaves the open tickets in the old entity and clears a site outside the new subtree', async () => {
    const p = await createPerson(t.db, { entityId: t.w.merignac.id, siteId: t.w.merignacTownHall.id });
    const ticket = await openTicket(p.id);
    const res = await t.api('admin').post('/api/v1/people/move', {
      personIds: [p.id],
      toEntityId: t.w.pessac.id,
      openTickets: 'stay',
    });
    expectStatus(res, 200);
    expect(res.json()).toEqual({ moved: 1, ticketsMoved: 0 });
    expect(await personRow(p.id)).toMatchObject({ entityId: t.w.pessac.id, siteId: null });
    expect((await ticketRow(ticket.id)).entityId).toBe(t.w.merignac.id);
    const events = await t.db.select().from(ticketEvents).where(eq(ticketEvents.ticketId, ticket.id));
    expect(events.map((e) => e.kind)).toEqual(['created']);
    expect(await movesOf([p.id])).toMatchObject([
      { openTickets: 'stay', ticketsMoved: 0, fromEntityId: t.w.merignac.id },
    ]);
    expect(await movedAudits([p.id])).toMatchObject([{ details: { openTickets: 'stay', ticketsMoved: 0 } }]);
  });

  it('sets the site given for the move, which must belong to the target', async () => {
    const p = await createPerson(t.db, { entityId: t.w.merignac.id, siteId: t.w.merignacTownHall.id });
    const bad = await t.api('admin').post('/api/v1/people/move', {
      personIds: [p.id],
      toEntityId: t.w.pessac.id,
      toSiteId: t.w.merignacTownHall.id,
      openTickets: 'stay',
    });
    expect(errorPaths(bad)).toEqual(['toSiteId']);
    const ok = await t.api('admin').post('/api/v1/people/move', {
      personIds: [p.id],
      toEntityId: t.w.pessac.id,
      toSiteId: t.w.pessacTownHall.id,
      openTickets: 'stay',
    });
    expectStatus(ok, 200);
    expect(await personRow(p.id)).toMatchObject({ entityId: t.w.pessac.id, siteId: t.w.pessacTownHall.id });
  });
});

describe('move validation and permissions', () => {
  it('writes nothing when one id of the batch is invalid', async () => {
    const a = await createPerson(t.db, { entityId: t.w.merignac.id });
    const b = await createPerson(t.db, { entityId: t.w.merignac.id });
    const ticket = await openTicket(a.id);
    const res = await t.api('admin').post('/api/v1/people/move', {
      personIds: [a.id, 999_999_999, b.id],
      toEntityId: t.w.metropolis.id,
      openTickets: 'follow',
    });
    expect(errorPaths(res)).toEqual(['personIds.1']);
    expect((await personRow(a.id)).entityId).toBe(t.w.merignac.id);
    expect((await personRow(b.id)).entityId).toBe(t.w.merignac.id);
    expect((await ticketRow(ticket.id)).entityId).toBe(t.w.merignac.id);
    expect(await movesOf([a.id, b.id])).toEqual([]);
    expect(await movedAudits([a.id, b.id])).toEqual([]);
  });

  it('answers 400 with field paths: empty list, same entity, bad values', async () => {
    const empty = await t.api('admin').post('/api/v1/people/move', {
      personIds: [],
      toEntityId: t.w.metropolis.id,
      openTickets: 'maybe',
    });
    expect(errorPaths(empty)).toEqual(expect.arrayContaining(['body.personIds', 'body.openTickets']));
    const same = await t.api('admin').post('/api/v1/people/move/preview', {
      personIds: [t.w.requesterMerignac.id, t.w.requesterPessac.id],
      toEntityId: t.w.pessac.id,
      openTickets: 'stay',
    });
    expect(errorPaths(same)).toEqual(['personIds.1']);
    expect(same.json().errors[0].message).toContain('already in');
    expect(
      errorPaths(await t.api('admin').post('/api/v1/people/move', { personIds: ['x'], openTickets: 'stay' })),
    ).toEqual(expect.arrayContaining(['body.personIds.0', 'body.toEntityId']));
  });

  it('needs the admin role over the target and every source: 404 out of scope, 403 visible', async () => {
    const body = (personIds: number[], toEntityId: number) => ({
      personIds,
      toEntityId,
      openTickets: 'follow',
    });
    for (const url of ['/api/v1/people/move', '/api/v1/people/move/preview']) {
      // the metropolis is not in a Pessac admin's scope
      expectStatus(
        await t.api('pessacAdmin').post(url, body([t.w.requesterPessac.id], t.w.metropolis.id)),
        404,
      );
      // a Mérignac person is unknown to them
      expect(
        errorPaths(
          await t.api('pessacAdmin').post(url, body([t.w.requesterMerignac.id], t.w.pessacSchools.id)),
        ),
      ).toEqual(['personIds.0']);
      // visible target, no admin role
      expectStatus(
        await t.api('pessacAgent').post(url, body([t.w.requesterPessac.id], t.w.pessacSchools.id)),
        403,
      );
      expectStatus(
        await t.api('reqPessac').post(url, body([t.w.requesterPessac.id], t.w.pessacSchools.id)),
        403,
      );
      expectStatus(await t.api(null).post(url, body([t.w.requesterPessac.id], t.w.pessacSchools.id)), 401);
    }
    // admin over the target, only an agent over the source: 403, nothing moves
    const mixed = await createPerson(t.db, {
      entityId: t.w.pessac.id,
      roles: [
        ['admin', t.w.pessac.id],
        ['agent', t.w.merignac.id],
      ],
    });
    const s = await login(t.ctx.app, mixed.email);
    const res = await as(t.ctx.app, s).post(
      '/api/v1/people/move',
      body([t.w.requesterMerignac.id], t.w.pessac.id),
    );
    expectStatus(res, 403, 'forbidden');
    expect(res.json().detail).toContain(t.w.merignac.name);
    expect((await personRow(t.w.requesterMerignac.id)).entityId).toBe(t.w.merignac.id);
  });
});

describe('bulk moves', () => {
  it('moves 200 people and their open tickets in one call', async () => {
    const commune = await createEntity(t.db, {
      name: `Bègles ${t.w.tag}`,
      kind: 'commune',
      parent: t.w.metropolis,
    });
    const rows = await t.db
      .insert(people)
      .values(
        Array.from({ length: 200 }, (_, i) => ({
          name: `Agent Bègles ${String(i).padStart(3, '0')} ${t.w.tag}`,
          email: `begles-${i}-${t.w.tag}@mairie-begles.example`,
          entityId: commune.id,
        })),
      )
      .returning({ id: people.id });
    const ids = rows.map((r) => r.id);
    const withTickets = ids.slice(0, 20);
    for (const id of withTickets) await openTicket(id);

    const preview = await t.api('admin').post('/api/v1/people/move/preview', {
      personIds: ids,
      toEntityId: t.w.metropolis.id,
      openTickets: 'follow',
    });
    expectStatus(preview, 200);
    expect(preview.json().people).toHaveLength(200);
    expect(preview.json().openTickets).toBe(20);

    const res = await t.api('admin').post('/api/v1/people/move', {
      personIds: ids,
      toEntityId: t.w.metropolis.id,
      openTickets: 'follow',
    });
    expectStatus(res, 200);
    expect(res.json()).toEqual({ moved: 200, ticketsMoved: 20 });
    const [counts] = await t.db
      .select({
        stillThere: sql<number>`count(*) filter (where ${people.entityId} = ${commune.id})::int`,
        moved: sql<number>`count(*) filter (where ${people.entityId} = ${t.w.metropolis.id})::int`,
      })
      .from(people)
      .where(inArray(people.id, ids));
    expect(counts).toEqual({ stillThere: 0, moved: 200 });
    expect(await movesOf(ids)).toHaveLength(200);
    expect(await movedAudits(ids)).toHaveLength(200);
    const [open] = await t.db
      .select({ n: sql<number>`count(*)::int` })
      .from(tickets)
      .where(and(inArray(tickets.requesterId, withTickets), eq(tickets.entityId, t.w.metropolis.id)));
    expect(open?.n).toBe(20);
  });

  it('moves the maximum batch of 5,000 people in one transaction', async () => {
    const commune = await createEntity(t.db, {
      name: `Lormont ${t.w.tag}`,
      kind: 'commune',
      parent: t.w.metropolis,
    });
    const { rows } = await t.db.execute<{ id: number | string }>(sql`
      insert into people (name, email, entity_id)
      select 'Agent Lormont ' || i, 'lormont-' || i || '-' || ${t.w.tag} || '@mairie-lormont.example', ${commune.id}::bigint
      from generate_series(1, 5000) i
      returning id`);
    const ids = rows.map((r) => Number(r.id));
    const res = await t.api('admin').post('/api/v1/people/move', {
      personIds: ids,
      toEntityId: t.w.metropolis.id,
      openTickets: 'follow',
    });
    expectStatus(res, 200);
    expect(res.json()).toEqual({ moved: 5000, ticketsMoved: 0 });
    const [n] = await t.db
      .select({ n: sql<number>`count(*)::int` })
      .from(personMoves)
      .where(eq(personMoves.fromEntityId, commune.id));
    expect(n?.n).toBe(5000);
    const tooMany = await t.api('admin').post('/api/v1/people/move', {
      personIds: [...ids, 1],
      toEntityId: t.w.pessac.id,
      openTickets: 'stay',
    });
    expect(errorPaths(tooMany)).toEqual(['body.personIds']);
  });
});
