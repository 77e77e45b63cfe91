import type {
  SatisfactionRecordedEvent,
  satisfactionInputSchema,
  TicketSatisfaction,
} from '@guichet/contracts';
import type { z } from 'zod';
import type { Db } from '../../db/client.js';
import type { Actor } from '../../platform/auth/actor.js';
import type { Clock } from '../../platform/clock.js';
import { conflict, forbidden, notFound } from '../../platform/errors.js';
import { publish } from '../../platform/events/events.js';
import { recordTicketChange } from '../tickets/index.js';
import { changeableUntil, satisfactionPolicy } from './satisfaction.policy.js';
import * as repo from './satisfaction.repository.js';

export const SATISFACTION_RECORDED = 'satisfaction.recorded';

export interface SatisfactionServiceDeps {
  db: Db;
  clock: Clock;
}

const toResponse = (row: repo.ResponseRow) => ({
  score: row.score,
  comment: row.comment,
  respondent: { id: row.respondentId, name: row.respondentName },
  answeredAt: row.answeredAt.toISOString(),
});

/** The resolution survey: the requester's score and comment, shown on the ticket and counted by the cockpit. */
export function createSatisfactionService({ db, clock }: SatisfactionServiceDeps) {
  const history = recordTicketChange(clock);

  function view(actor: Actor, t: repo.SurveyedTicket, row: repo.ResponseRow | undefined): TicketSatisfaction {
    const until = changeableUntil(t);
    const canAnswer =
      satisfactionPolicy.isRespondent(actor, t) &&
      satisfactionPolicy.isAnswerable(t) &&
      (row === undefined || satisfactionPolicy.canChange(t, clock.now()));
    return {
      response: row ? toResponse(row) : null,
      canAnswer,
      changeableUntil: until ? until.toISOString() : null,
    };
  }

  return {
    async get(actor: Actor, number: string): Promise<TicketSatisfaction> {
      const t = await repo.findSurveyedTicket(db, actor, number);
      if (!t) throw notFound('Ticket');
      return view(actor, t, await repo.findResponse(db, t.id));
    },

    async answer(
      actor: Actor,
      number: string,
      input: z.output<typeof satisfactionInputSchema>,
    ): Promise<TicketSatisfaction> {
      return db.transaction(async (tx) => {
        const t = await repo.findSurveyedTicket(tx, actor, number, true);
        if (!t) throw notFound('Ticket');
        if (!satisfactionPolicy.isRespondent(actor, t)) {
          throw forbidden('Only the requester answers the satisfaction survey');
        }
        if (!satisfactionPolicy.isAnswerable(t)) {
          throw conflict('The survey opens once the ticket is resolved');
        }
        const before = await repo.findResponse(tx, t.id);
        const now = clock.now();
        if (before && !satisfactionPolicy.canChange(t, now)) {
          throw conflict('The answer can no longer be changed: more than 7 days since the resolution');
        }
        // the same answer sent again (double submit) changes nothing, not even its date
        if (before && before.score === input.score && before.comment === input.comment) {
          return view(actor, t, before);
        }
        await repo.saveResponse(tx, {
          ticketId: t.id,
          score: input.score,
          comment: input.comment,
          respondentId: actor.personId,
          entityId: t.entityId,
          answeredAt: now,
        });
        if (before?.score !== input.score) {
          // the score in the ticket's history; the comment is read on the ticket itself
          await history(tx, actor, t, { satisfaction: { from: before?.score ?? null, to: input.score } });
        }
        // the cockpit recomputes the entity's satisfaction figures
        const payload: SatisfactionRecordedEvent = {
          ticketId: t.id,
          entityId: t.entityId,
          score: input.score,
        };
        await publish(tx, {
          topic: SATISFACTION_RECORDED,
          entityId: t.entityId,
          audience: [],
          payload: { ...payload },
        });
        const after = await repo.findResponse(tx, t.id);
        return view(actor, t, after);
      });
    },
  };
}
export type SatisfactionService = ReturnType<typeof createSatisfactionService>;
