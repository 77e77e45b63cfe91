import { and, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import type { Actor } from '../../platform/auth/actor.js';
import { people } from '../directory/index.js';
import { tickets, visibleTo } from '../tickets/index.js';
import { satisfactionResponses } from './satisfaction.table.js';

export type SurveyedTicket = NonNullable<Awaited<ReturnType<typeof findSurveyedTicket>>>;

/** The ticket facts the survey rules need, when the actor may see the ticket; undefined otherwise. */
export async function findSurveyedTicket(db: DbOrTx, actor: Actor, number: string, lock = false) {
  const query = db
    .select({
      id: tickets.id,
      number: tickets.number,
      title: tickets.title,
      status: tickets.status,
      entityId: tickets.entityId,
      requesterId: tickets.requesterId,
      resolvedAt: tickets.resolvedAt,
      closedAt: tickets.closedAt,
    })
    .from(tickets)
    .where(and(eq(tickets.number, number), visibleTo(actor)));
  // serialises two answers of the same requester (double click, two tabs) on the ticket row
  const [row] = lock ? await query.for('update') : await query;
  return row;
}

export async function findResponse(db: DbOrTx, ticketId: number) {
  const [row] = await db
    .select({
      score: satisfactionResponses.score,
      comment: satisfactionResponses.comment,
      respondentId: satisfactionResponses.respondentId,
      respondentName: people.name,
      answeredAt: satisfactionResponses.answeredAt,
    })
    .from(satisfactionResponses)
    .innerJoin(people, eq(people.id, satisfactionResponses.respondentId))
    .where(eq(satisfactionResponses.ticketId, ticketId));
  return row;
}
export type ResponseRow = NonNullable<Awaited<ReturnType<typeof findResponse>>>;

/** Inserts the ticket's answer or replaces it (one row per ticket). */
export async function saveResponse(
  db: DbOrTx,
  values: typeof satisfactionResponses.$inferInsert,
): Promise<void> {
  await db
    .insert(satisfactionResponses)
    .values(values)
    .onConflictDoUpdate({
      target: satisfactionResponses.ticketId,
      set: {
        score: sql`excluded.score`,
        comment: sql`excluded.comment`,
        respondentId: sql`excluded.respondent_id`,
        entityId: sql`excluded.entity_id`,
        answeredAt: sql`excluded.answered_at`,
      },
    });
}
