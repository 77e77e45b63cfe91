import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { World } from '../../test/factories.js';
import { manualClock, type TestContext } from '../../test/harness.js';
import { ticketEvents, tickets } from './ticket.table.js';
import { type TicketWorld, ticketWorld, type Who } from './ticket.test-support.js';

let ctx: TestContext;
let w: World;
let t: TicketWorld;
const clock = manualClock(new Date());
const api = (who: Who | null) => t.api(who);
const newTicket = (who: Who, body: Record<string, unknown>) => t.newTicket(who, body);

beforeAll(async () => {
  t = await ticketWorld({ clock });
  ({ ctx, w } = t);
});
afterAll(() => ctx.close());

describe('POST /tickets', () => {
  it('lets a requester declare an incident from the portal, for themselves, in their entity and site', async () => {
    const res = await api('reqPessac').post('/api/v1/tickets', {
      type: 'incident',
      title: "L'imprimante du 2e étage ne répond plus",
      description: 'Bourrage papier puis plus rien.',
      impact: 2,
      urgency: 2,
    });
    expect(res.statusCode).toBe(201);
    const t = res.json();
    expect(t.number).toMatch(/^INC\d{7}$/);
    expect(t).toMatchObject({
      status: 'new',
      channel: 'portal',
      priority: 3,
      requester: { id: w.requesterPessac.id, phone: expect.stringMatching(/^05 56/) },
      entity: { id: w.pessac.id },
      site: { id: w.pessacTownHall.id },
      can: { update: false, comment: true },
    });
    const [row] = await ctx.database.db.select().from(tickets).where(eq(tickets.number, t.number));
    expect(row?.createdBy).toBe(w.requesterPessac.id);
    const events = await ctx.database.db.select().from(ticketEvents).where(eq(ticketEvents.ticketId, t.id));
    expect(events.map((e) => e.kind)).toEqual(['created']);
  });

  it('numbers requests separately as REQ', async () => {
    const t = await newTicket('reqPessac', { type: 'request', title: 'Nouveau poste pour un arrivant' });
    expect(t.number).toMatch(/^REQ\d{7}$/);
  });

  it('logs a phone call for a caller and resolves it on first contact', async () => {
    const res = await api('desk').post('/api/v1/tickets', {
      type: 'incident',
      title: 'Mot de passe expiré',
      requesterId: w.requesterMerignac.id,
      resolveNow: { resolutionCode: 'solved', resolutionNotes: 'Mot de passe réinitialisé au téléphone' },
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({
      channel: 'phone',
      status: 'resolved',
      assignee: { id: w.deskAgent.id },
      entity: { id: w.merignac.id },
      resolutionCode: 'solved',
    });
  });

  it('answers a creation exactly as a later read of the ticket', async () => {
    const portal = await api('reqPessac').post('/api/v1/tickets', {
      type: 'request',
      title: 'Accès au logiciel de paie',
      categoryId: w.category.id,
    });
    expect(portal.json()).toEqual(
      (await api('reqPessac').get(`/api/v1/tickets/${portal.json().number}`)).json(),
    );
    const phone = await api('desk').post('/api/v1/tickets', {
      type: 'incident',
      title: 'Imprimante bloquée',
      requesterId: w.requesterPessac.id,
      siteId: w.pessacTownHall.id,
      categoryId: w.category.id,
      groupId: w.deskGroup.id,
      assigneeId: w.deskAgent.id,
      impact: 1,
      urgency: 2,
    });
    expect(phone.statusCode).toBe(201);
    expect(phone.json()).toMatchObject({
      group: { name: w.deskGroup.name },
      assignee: { name: w.deskAgent.name },
      category: { name: w.category.name },
      site: { name: w.pessacTownHall.name },
      priority: 2,
    });
    expect(phone.json()).toEqual((await api('desk').get(`/api/v1/tickets/${phone.json().number}`)).json());
  });

  it('answers 400 with field paths for bad input', async () => {
    const res = await api('reqPessac').post('/api/v1/tickets', { type: 'problem', title: '', impact: 9 });
    expect(res.statusCode).toBe(400);
    const paths = (res.json().errors as { path: string }[]).map((e) => e.path);
    expect(paths).toEqual(expect.arrayContaining(['body.type', 'body.title', 'body.impact']));
  });

  it('answers 401 without a session', async () => {
    const res = await api(null).post('/api/v1/tickets', { type: 'incident', title: 'x' });
    expect(res.statusCode).toBe(401);
  });

  it('does not let a commune agent log a ticket for a caller of another commune', async () => {
    const res = await api('pessacAgent').post('/api/v1/tickets', {
      type: 'incident',
      title: 'Hors périmètre',
      requesterId: w.requesterMerignac.id,
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0].path).toBe('requesterId');
  });

  it('does not let a requester assign or resolve', async () => {
    const res = await api('reqPessac').post('/api/v1/tickets', {
      type: 'incident',
      title: 'x',
      assigneeId: w.deskAgent.id,
    });
    expect(res.statusCode).toBe(403);
  });

  it('replays the first answer for a repeated Idempotency-Key', async () => {
    const key = { 'idempotency-key': `k-${w.tag}` };
    const a = await api('reqPessac').post('/api/v1/tickets', { type: 'incident', title: 'Une fois' }, key);
    const b = await api('reqPessac').post('/api/v1/tickets', { type: 'incident', title: 'Une fois' }, key);
    expect(a.statusCode).toBe(201);
    expect(b.statusCode).toBe(201);
    expect(b.json().number).toBe(a.json().number);
    expect(b.headers['idempotent-replayed']).toBe('true');
  });

  it('creates once when two retries with the same key race', async () => {
    const key = { 'idempotency-key': `race-${w.tag}` };
    const [a, b] = await Promise.all([
      api('reqPessac').post('/api/v1/tickets', { type: 'incident', title: 'Course' }, key),
      api('reqPessac').post('/api/v1/tickets', { type: 'incident', title: 'Course' }, key),
    ]);
    expect([a.statusCode, b.statusCode]).toEqual([201, 201]);
    expect(a.json().number).toBe(b.json().number);
    const [row] = await ctx.database.db
      .select({ n: sql<number>`count(*)::int` })
      .from(tickets)
      .where(and(eq(tickets.title, 'Course'), eq(tickets.requesterId, w.requesterPessac.id)));
    expect(row?.n).toBe(1);
  });
});

describe('scope', () => {
  let merignacTicket: string;
  let pessacTicket: string;
  beforeAll(async () => {
    merignacTicket = (await newTicket('reqMerignac', { title: 'Écran cassé à Mérignac' })).number;
    pessacTicket = (await newTicket('reqPessac', { title: 'Écran cassé à Pessac' })).number;
  });

  it("hides another commune's ticket from a commune agent, as if it did not exist", async () => {
    for (const path of ['', '/events']) {
      const res = await api('pessacAgent').get(`/api/v1/tickets/${merignacTicket}${path}`);
      expect(res.statusCode).toBe(404);
      expect(res.json().code).toBe('not_found');
    }
    const patch = await api('pessacAgent').patch(`/api/v1/tickets/${merignacTicket}`, { title: 'x' });
    expect(patch.statusCode).toBe(404);
    const comment = await api('pessacAgent').post(`/api/v1/tickets/${merignacTicket}/comments`, {
      body: 'x',
    });
    expect(comment.statusCode).toBe(404);
    expect((await api('pessacAgent').get(`/api/v1/tickets/${pessacTicket}`)).statusCode).toBe(200);
  });

  it("hides other people's tickets from a requester", async () => {
    expect((await api('reqPessac').get(`/api/v1/tickets/${merignacTicket}`)).statusCode).toBe(404);
    const list = await api('reqPessac').get('/api/v1/tickets?limit=200');
    const numbers = (list.json().items as { number: string }[]).map((t) => t.number);
    expect(numbers).toContain(pessacTicket);
    expect(numbers).not.toContain(merignacTicket);
  });

  it('lists only in-scope tickets for a commune agent, and everything for the metropolis desk', async () => {
    const pessac = await api('pessacAgent').get('/api/v1/tickets?limit=200');
    const entities = new Set((pessac.json().items as { entity: { id: number } }[]).map((t) => t.entity.id));
    expect([...entities]).toEqual([w.pessac.id]);
    const desk = await api('desk').get(`/api/v1/tickets?entity=${w.merignac.id}&limit=200`);
    expect((desk.json().items as { number: string }[]).map((t) => t.number)).toContain(merignacTicket);
  });

  it('refuses a ticket number that is not one with 400', async () => {
    const res = await api('desk').get('/api/v1/tickets/INC12');
    expect(res.statusCode).toBe(400);
  });
});

describe('PATCH /tickets/{number}', () => {
  it('assigns to an agent, which moves a new ticket to assigned, and records who changed what', async () => {
    const t = await newTicket('reqPessac', {});
    const res = await api('desk').patch(`/api/v1/tickets/${t.number}`, {
      groupId: w.deskGroup.id,
      assigneeId: w.deskAgent.id,
      version: t.version,
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ status: 'assigned', assignee: { id: w.deskAgent.id }, version: 2 });
    const events = (await api('reqPessac').get(`/api/v1/tickets/${t.number}/events`)).json();
    expect(events.at(-1)).toMatchObject({
      kind: 'updated',
      actor: { id: w.deskAgent.id },
      changes: { status: { from: 'new', to: 'assigned' }, assigneeId: { from: null, to: w.deskAgent.id } },
      // the requester reads names, not ids
      labels: {
        assigneeId: { from: null, to: w.deskAgent.name },
        groupId: { from: null, to: w.deskGroup.name },
      },
    });
  });

  it('refuses a stale version with 409, also through If-Match', async () => {
    const t = await newTicket('reqPessac', {});
    await api('desk').patch(`/api/v1/tickets/${t.number}`, { impact: 1 });
    const res = await api('desk').patch(`/api/v1/tickets/${t.number}`, { impact: 2, version: 1 });
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('stale_version');
    const viaHeader = await api('desk').patch(
      `/api/v1/tickets/${t.number}`,
      { impact: 2 },
      { 'if-match': '"1"' },
    );
    expect(viaHeader.statusCode).toBe(409);
  });

  it('recomputes the priority when impact or urgency change', async () => {
    const t = await newTicket('reqPessac', { impact: 3, urgency: 3 });
    const res = await api('desk').patch(`/api/v1/tickets/${t.number}`, { impact: 1, urgency: 1 });
    expect(res.json().priority).toBe(1);
  });

  it('refuses invalid transitions with 409 and missing requirements with 400', async () => {
    const t = await newTicket('reqPessac', {});
    const close = await api('desk').patch(`/api/v1/tickets/${t.number}`, { status: 'closed' });
    expect(close.statusCode).toBe(409);
    expect(close.json().code).toBe('invalid_transition');
    const pending = await api('desk').patch(`/api/v1/tickets/${t.number}`, { status: 'pending' });
    expect(pending.statusCode).toBe(400);
    expect(pending.json().errors[0].path).toBe('pendingReason');
    const resolve = await api('desk').patch(`/api/v1/tickets/${t.number}`, { status: 'resolved' });
    expect(resolve.statusCode).toBe(400);
    expect(resolve.json().errors[0].path).toBe('resolutionCode');
    const empty = await api('desk').patch(`/api/v1/tickets/${t.number}`, { version: 1 });
    expect(empty.statusCode).toBe(400);
  });

  it('refuses an assignee outside the chosen group, and a group from another commune', async () => {
    const t = await newTicket('reqPessac', {});
    const res = await api('desk').patch(`/api/v1/tickets/${t.number}`, {
      groupId: w.pessacGroup.id,
      assigneeId: w.deskAgent.id,
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0].path).toBe('assigneeId');
    const m = await newTicket('reqMerignac', {});
    const foreign = await api('desk').patch(`/api/v1/tickets/${m.number}`, { groupId: w.pessacGroup.id });
    expect(foreign.statusCode).toBe(200); // the metropolis desk sees Pessac's group
    const agent = await api('pessacAgent').patch(`/api/v1/tickets/${t.number}`, { groupId: w.deskGroup.id });
    expect(agent.statusCode).toBe(200); // the metropolis desk's group serves Pessac
  });

  it('forbids a requester to change their ticket', async () => {
    const t = await newTicket('reqPessac', {});
    const res = await api('reqPessac').patch(`/api/v1/tickets/${t.number}`, { title: 'Autre' });
    expect(res.statusCode).toBe(403);
  });
});

describe('comments, resolution, confirmation and reopening', () => {
  it('keeps internal notes from the requester, and resumes a ticket waiting on them when they reply', async () => {
    const t = await newTicket('reqPessac', {});
    await api('desk').patch(`/api/v1/tickets/${t.number}`, { status: 'pending', pendingReason: 'requester' });
    const note = await api('desk').post(`/api/v1/tickets/${t.number}/comments`, {
      body: 'Voir avec le prestataire',
      visibility: 'internal',
    });
    expect(note.statusCode).toBe(201);
    const reply = await api('desk').post(`/api/v1/tickets/${t.number}/comments`, {
      body: 'Quel est le modèle ?',
    });
    expect(reply.statusCode).toBe(201);
    const forbidden = await api('reqPessac').post(`/api/v1/tickets/${t.number}/comments`, {
      body: 'x',
      visibility: 'internal',
    });
    expect(forbidden.statusCode).toBe(403);
    const answer = await api('reqPessac').post(`/api/v1/tickets/${t.number}/comments`, {
      body: 'HP LaserJet 400',
    });
    expect(answer.statusCode).toBe(201);
    const mine = (await api('reqPessac').get(`/api/v1/tickets/${t.number}/events`)).json() as {
      comment: { body: string } | null;
    }[];
    const bodies = mine.flatMap((e) => (e.comment ? [e.comment.body] : []));
    expect(bodies).toEqual(['Quel est le modèle ?', 'HP LaserJet 400']);
    const staff = (await api('desk').get(`/api/v1/tickets/${t.number}/events`)).json() as {
      comment: { body: string; visibility: string } | null;
    }[];
    expect(staff.filter((e) => e.comment?.visibility === 'internal')).toHaveLength(1);
    // words only found in an internal note do not make the ticket findable
    const search = await api('reqPessac').get('/api/v1/tickets?q=prestataire');
    expect((search.json().items as { number: string }[]).map((x) => x.number)).not.toContain(t.number);
    const after = (await api('desk').get(`/api/v1/tickets/${t.number}`)).json();
    expect(after).toMatchObject({ status: 'in_progress', pendingReason: null });
  });

  it('validates comments', async () => {
    const t = await newTicket('reqPessac', {});
    const res = await api('reqPessac').post(`/api/v1/tickets/${t.number}/comments`, { body: '   ' });
    expect(res.statusCode).toBe(400);
    expect((await api(null).post(`/api/v1/tickets/${t.number}/comments`, { body: 'x' })).statusCode).toBe(
      401,
    );
  });

  it('lets the requester confirm a resolution, which closes the ticket', async () => {
    const t = await newTicket('reqPessac', {});
    const resolved = await api('desk').patch(`/api/v1/tickets/${t.number}`, {
      status: 'resolved',
      resolutionCode: 'solved',
      resolutionNotes: 'Toner remplacé',
    });
    expect(resolved.json()).toMatchObject({ status: 'resolved', resolvedAt: expect.any(String) });
    const view = (await api('reqPessac').get(`/api/v1/tickets/${t.number}`)).json();
    expect(view.can).toMatchObject({ confirm: true, reopen: true });
    const res = await api('reqPessac').post(`/api/v1/tickets/${t.number}/confirm`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'closed', closedAt: expect.any(String) });
    expect((await api('reqPessac').post(`/api/v1/tickets/${t.number}/confirm`)).statusCode).toBe(409);
    const closedComment = await api('reqPessac').post(`/api/v1/tickets/${t.number}/comments`, {
      body: 'merci',
    });
    expect(closedComment.statusCode).toBe(403);
  });

  it('lets the requester reopen within the window, and not after', async () => {
    const t = await newTicket('reqPessac', {});
    await api('desk').patch(`/api/v1/tickets/${t.number}`, { assigneeId: w.deskAgent.id });
    await api('desk').patch(`/api/v1/tickets/${t.number}`, {
      status: 'resolved',
      resolutionCode: 'workaround',
    });
    const res = await api('reqPessac').post(`/api/v1/tickets/${t.number}/reopen`, {
      reason: 'Toujours en panne',
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'assigned', resolvedAt: null, resolutionCode: null });
    await api('desk').patch(`/api/v1/tickets/${t.number}`, { status: 'resolved', resolutionCode: 'solved' });
    clock.advance(11 * 86_400_000);
    try {
      const late = await api('reqPessac').post(`/api/v1/tickets/${t.number}/reopen`, { reason: 'Encore' });
      expect(late.statusCode).toBe(409);
      expect(late.json().detail).toContain('10 days');
      const view = (await api('reqPessac').get(`/api/v1/tickets/${t.number}`)).json();
      expect(view.can.reopen).toBe(false);
    } finally {
      clock.advance(-11 * 86_400_000);
    }
    const noReason = await api('reqPessac').post(`/api/v1/tickets/${t.number}/reopen`, {});
    expect(noReason.statusCode).toBe(400);
  });
});

describe('GET /tickets: queues, search, pagination', () => {
  it('counts and lists the agent queues', async () => {
    const t = await newTicket('reqPessac', { title: 'Ticket pour la file' });
    await api('desk').patch(`/api/v1/tickets/${t.number}`, { groupId: w.deskGroup.id });
    const counts = (await api('coordinator').get('/api/v1/tickets/counts')).json();
    expect(counts.my_groups).toBeGreaterThanOrEqual(1);
    const mine = await api('coordinator').get('/api/v1/tickets?queue=my_groups');
    expect((mine.json().items as { number: string }[]).map((x) => x.number)).toContain(t.number);
    expect((await api('reqPessac').get('/api/v1/tickets/counts')).statusCode).toBe(403);
    const unassigned = (await api('pessacAgent').get('/api/v1/tickets?queue=unassigned&limit=200')).json();
    expect(unassigned.items.every((x: { assignee: unknown; status: string }) => x.assignee === null)).toBe(
      true,
    );
  });

  it('finds tickets by French word forms, with or without accents, in comments too, and by number', async () => {
    const t = await newTicket('reqPessac', { title: `Les imprimantes ${w.tag} ne fonctionnent plus` });
    await api('reqPessac').post(`/api/v1/tickets/${t.number}/comments`, { body: 'Le photocopieur clignote' });
    const byStem = await api('pessacAgent').get(
      `/api/v1/tickets?q=${encodeURIComponent(`imprimante ${w.tag}`)}`,
    );
    expect((byStem.json().items as { number: string }[]).map((x) => x.number)).toEqual([t.number]);
    const byComment = await api('pessacAgent').get('/api/v1/tickets?q=photocopieurs');
    expect((byComment.json().items as { number: string }[]).map((x) => x.number)).toContain(t.number);
    const acrossFields = await api('pessacAgent').get(
      `/api/v1/tickets?q=${encodeURIComponent(`fonctionnent ${w.tag} photocopieur`)}`,
    );
    expect((acrossFields.json().items as { number: string }[]).map((x) => x.number)).toEqual([t.number]);
    const accented = await newTicket('reqPessac', { title: `Téléphone muet à l'accueil ${w.tag}` });
    const typedPlain = await api('pessacAgent').get(
      `/api/v1/tickets?q=${encodeURIComponent(`telephone accueil ${w.tag}`)}`,
    );
    expect((typedPlain.json().items as { number: string }[]).map((x) => x.number)).toEqual([accented.number]);
    const byNumber = await api('pessacAgent').get(`/api/v1/tickets?q=${t.number.toLowerCase()}`);
    expect(byNumber.json().items).toHaveLength(1);
  });

  it('pages with a cursor without gaps or repeats', async () => {
    for (let i = 0; i < 5; i++) await newTicket('reqMerignac', { title: `Page ${i}` });
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const url: string = `/api/v1/tickets?requester=${w.requesterMerignac.id}&limit=2${cursor ? `&cursor=${cursor}` : ''}`;
      const page = (await api('desk').get(url)).json() as {
        items: { number: string }[];
        nextCursor: string | null;
      };
      seen.push(...page.items.map((x) => x.number));
      cursor = page.nextCursor;
    } while (cursor);
    const all = (
      await api('desk').get(`/api/v1/tickets?requester=${w.requesterMerignac.id}&limit=200`)
    ).json();
    expect(seen).toEqual(all.items.map((x: { number: string }) => x.number));
    expect(new Set(seen).size).toBe(seen.length);
    expect((await api('desk').get('/api/v1/tickets?cursor=garbage')).statusCode).toBe(400);
    expect((await api('desk').get('/api/v1/tickets?limit=0')).statusCode).toBe(400);
    expect((await api(null).get('/api/v1/tickets')).statusCode).toBe(401);
  });
});
