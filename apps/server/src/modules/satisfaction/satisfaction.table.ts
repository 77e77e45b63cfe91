import { sql } from 'drizzle-orm';
import { check, index, pgTable, smallint, text } from 'drizzle-orm/pg-core';
import { at, ref } from '../../db/columns.js';
import { entities, people } from '../directory/index.js';
import { tickets } from '../tickets/index.js';

/**
 * One answer per ticket to the resolution survey. The cockpit reads this table by name
 * (satisfaction_mean, satisfactionCount), so its columns are a contract: change them together.
 */
export const satisfactionResponses = pgTable(
  'satisfaction_responses',
  {
    ticketId: ref('ticket_id')
      .primaryKey()
      .references(() => tickets.id),
    score: smallint('score').notNull(),
    comment: text('comment').notNull().default(''),
    respondentId: ref('respondent_id')
      .notNull()
      .references(() => people.id),
    /** the ticket's entity, copied so scoped aggregates need no join */
    entityId: ref('entity_id')
      .notNull()
      .references(() => entities.id),
    answeredAt: at('answered_at').notNull(),
  },
  (t) => [
    check('satisfaction_responses_score_check', sql`${t.score} between 1 and 5`),
    check('satisfaction_responses_comment_length_check', sql`char_length(${t.comment}) <= 2000`),
    index('satisfaction_responses_entity_answered_idx').on(t.entityId, t.answeredAt),
  ],
);
