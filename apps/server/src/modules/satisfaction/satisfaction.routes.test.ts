import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outbox } from '../../platform/events/outbox.table.js';
import { manualClock } from '../../test/harness.js';
import { ticketEvents } from '../tickets/index.js';
import { type TicketWorld, ticketWorld } from '../tickets/ticket.test-support.js';
import { satisfactionResponses } from './satisfaction.table.js';

let t: TicketWorld;
const clock = manualClock(new Date());
const DAY = 86_400_000;

beforeAll(async () => {
  t = await ticketWorld({ clock });
});
afterAll(() => t.ctx.close());

/** A ticket of the Pessac requester, resolved by the desk. */
async function resolvedTicket() {
  const ticket = await t.newTicket('reqPessac', {});
  const res = await t.api('desk').patch(`/api/v1/tickets/${ticket.number}`, {
    status: 'resolved',
    resolutionCode: 'solved',
  });
  expect(res.statusCode, res.body).toBe(200);
  return ticket;
}

const url = (number: string) => `/api/v1/tickets/${number}/satisfaction`;

describe('PUT /tickets/:number/satisfaction', () => {
  it('records the requester’s score and comment, in the history and the outbox, in one go', async () => {
    const ticket = await resolvedTicket();
    const res = await t.api('reqPessac').put(url(ticket.number), { score: 4, comment: '  Rapide, merci  ' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      response: {
        score: 4,
        comment: 'Rapide, merci',
        respondent: { id: t.w.requesterPessac.id },
        answeredAt: clock.now().toISOString(),
      },
      canAnswer: true,
      changeableUntil: expect.any(String),
    });
    const db = t.ctx.database.db;
    const [row] = await db
      .select()
      .from(satisfactionResponses)
      .where(eq(satisfactionResponses.ticketId, ticket.id));
    expect(row).toMatchObject({ score: 4, entityId: t.w.pessac.id, respondentId: t.w.requesterPessac.id });
    const events = await db
      .select()
      .from(outbox)
      .where(
        and(
          eq(outbox.topic, 'satisfaction.recorded'),
          sql`${outbox.payload}->>'ticketId' = ${String(ticket.id)}`,
        ),
      );
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      entityId: t.w.pessac.id,
      payload: { ticketId: ticket.id, entityId: t.w.pessac.id, score: 4 },
    });
    const history = await db.select().from(ticketEvents).where(eq(ticketEvents.ticketId, ticket.id));
    expect(history.at(-1)).toMatchObject({
      kind: 'updated',
      actorId: t.w.requesterPessac.id,
      changes: { satisfaction: { from: null, to: 4 } },
    });
  });

  it('shows the answer to the desk and to the requester, never editable by staff', async () => {
    const ticket = await resolvedTicket();
    await t.api('reqPessac').put(url(ticket.number), { score: 2 });
    const desk = await t.api('desk').get(url(ticket.number));
    expect(desk.statusCode).toBe(200);
    expect(desk.json()).toMatchObject({ response: { score: 2, comment: '' }, canAnswer: false });
    const staffWrite = await t.api('desk').put(url(ticket.number), { score: 5 });
    expect(staffWrite.statusCode).toBe(403);
    const pessacAgent = await t.api('pessacAgent').put(url(ticket.number), { score: 5 });
    expect(pessacAgent.statusCode).toBe(403);
    const own = await t.api('reqPessac').get(url(ticket.number));
    expect(own.json()).toMatchObject({ response: { score: 2 }, canAnswer: true });
  });

  it('lets the requester change the answer within 7 days of the resolution, then refuses (409)', async () => {
    const ticket = await resolvedTicket();
    expect((await t.api('reqPessac').put(url(ticket.number), { score: 3 })).statusCode).toBe(200);
    clock.advance(6 * DAY);
    try {
      const changed = await t
        .api('reqPessac')
        .put(url(ticket.number), { score: 5, comment: 'Finalement très bien' });
      expect(changed.statusCode).toBe(200);
      expect(changed.json().response).toMatchObject({ score: 5, comment: 'Finalement très bien' });
      clock.advance(2 * DAY);
      const late = await t.api('reqPessac').put(url(ticket.number), { score: 1 });
      expect(late.statusCode).toBe(409);
      const view = (await t.api('reqPessac').get(url(ticket.number))).json();
      expect(view).toMatchObject({ response: { score: 5 }, canAnswer: false });
    } finally {
      clock.advance(-8 * DAY);
    }
    const rows = await t.ctx.database.db
      .select()
      .from(satisfactionResponses)
      .where(eq(satisfactionResponses.ticketId, ticket.id));
    expect(rows).toHaveLength(1);
    const recorded = await t.ctx.database.db
      .select()
      .from(outbox)
      .where(
        and(
          eq(outbox.topic, 'satisfaction.recorded'),
          sql`${outbox.payload}->>'ticketId' = ${String(ticket.id)}`,
        ),
      );
    expect(recorded.map((e) => e.payload.score)).toEqual([3, 5]);
  });

  it('changes nothing when the same answer is sent twice', async () => {
    const ticket = await resolvedTicket();
    const first = await t.api('reqPessac').put(url(ticket.number), { score: 4, comment: 'Bien' });
    clock.advance(60_000);
    try {
      const again = await t.api('reqPessac').put(url(ticket.number), { score: 4, comment: 'Bien' });
      expect(again.statusCode).toBe(200);
      expect(again.json().response.answeredAt).toBe(first.json().response.answeredAt);
    } finally {
      clock.advance(-60_000);
    }
    const recorded = await t.ctx.database.db
      .select()
      .from(outbox)
      .where(
        and(
          eq(outbox.topic, 'satisfaction.recorded'),
          sql`${outbox.payload}->>'ticketId' = ${String(ticket.id)}`,
        ),
      );
    expect(recorded).toHaveLength(1);
  });

  it('accepts a first answer after the 7 days, e.g. from the e-mail link on a closed ticket', async () => {
    const ticket = await resolvedTicket();
    expect((await t.api('reqPessac').post(`/api/v1/tickets/${ticket.number}/confirm`)).statusCode).toBe(200);
    clock.advance(9 * DAY);
    try {
      const res = await t.api('reqPessac').put(url(ticket.number), { score: 5 });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ response: { score: 5 }, canAnswer: false });
    } finally {
      clock.advance(-9 * DAY);
    }
  });

  it('refuses an answer before the resolution (409)', async () => {
    const ticket = await t.newTicket('reqPessac', {});
    const res = await t.api('reqPessac').put(url(ticket.number), { score: 4 });
    expect(res.statusCode).toBe(409);
    expect((await t.api('reqPessac').get(url(ticket.number))).json()).toEqual({
      response: null,
      canAnswer: false,
      changeableUntil: null,
    });
  });

  it('validates the score and the comment with field paths', async () => {
    const ticket = await resolvedTicket();
    for (const body of [{}, { score: 0 }, { score: 6 }, { score: 3.5 }, { score: '4' }]) {
      const res = await t.api('reqPessac').put(url(ticket.number), body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.json().errors[0].path).toContain('score');
    }
    const long = await t.api('reqPessac').put(url(ticket.number), { score: 3, comment: 'x'.repeat(2001) });
    expect(long.statusCode).toBe(400);
    expect(long.json().errors[0].path).toContain('comment');
    const badNumber = await t.api('reqPessac').put('/api/v1/tickets/nope/satisfaction', { score: 3 });
    expect(badNumber.statusCode).toBe(400);
    const [row] = await t.ctx.database.db
      .select()
      .from(satisfactionResponses)
      .where(eq(satisfactionResponses.ticketId, ticket.id));
    expect(row).toBeUndefined();
  });

  it('answers 404 to whoever cannot see the ticket, and 401 without a session', async () => {
    const ticket = await resolvedTicket();
    expect((await t.api('reqMerignac').put(url(ticket.number), { score: 1 })).statusCode).toBe(404);
    expect((await t.api('reqMerignac').get(url(ticket.number))).statusCode).toBe(404);
    expect((await t.api('reqPessac').get(url('INC9999999'))).statusCode).toBe(404);
    expect((await t.api(null).put(url(ticket.number), { score: 1 })).statusCode).toBe(401);
    expect((await t.api(null).get(url(ticket.number))).statusCode).toBe(401);
  });

  it('keeps the answer through a reopening and opens a new change window at the next resolution', async () => {
    const ticket = await resolvedTicket();
    await t.api('reqPessac').put(url(ticket.number), { score: 2 });
    const reopen = await t
      .api('reqPessac')
      .post(`/api/v1/tickets/${ticket.number}/reopen`, { reason: 'Encore' });
    expect(reopen.statusCode, reopen.body).toBe(200);
    expect((await t.api('reqPessac').put(url(ticket.number), { score: 3 })).statusCode).toBe(409);
    expect((await t.api('desk').get(url(ticket.number))).json()).toMatchObject({ response: { score: 2 } });
  });
});
