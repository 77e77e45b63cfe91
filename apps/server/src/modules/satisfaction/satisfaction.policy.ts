import { SATISFACTION_CHANGE_DAYS } from '@guichet/contracts';
import type { Actor } from '../../platform/auth/actor.js';

export interface SurveyFacts {
  status: string;
  requesterId: number;
  resolvedAt: Date | null;
  closedAt: Date | null;
}

const DAY_MS = 86_400_000;

/** The survey opens with the resolution; a ticket closed without one counts from its closure. */
export function surveyOpenedAt(t: SurveyFacts): Date | null {
  return t.resolvedAt ?? t.closedAt;
}

/** Until when an answer already given may be changed; null before the resolution. */
export function changeableUntil(t: SurveyFacts): Date | null {
  const opened = surveyOpenedAt(t);
  return opened ? new Date(opened.getTime() + SATISFACTION_CHANGE_DAYS * DAY_MS) : null;
}

/**
 * Who answers the resolution survey, and when.
 *
 * - Only the ticket's requester: the answer is their judgement, so staff (even in scope) and whoever
 *   declared the ticket for them never write it (403 when they can see the ticket).
 * - Only on a resolved or closed ticket (409 otherwise: the state, not the person, is wrong).
 * - One answer per ticket. The first may be given at any time after the resolution (from the e-mail
 *   link, days later); changing it is allowed for 7 days after the resolution, then it is final (409).
 */
export const satisfactionPolicy = {
  isRespondent: (actor: Actor, t: SurveyFacts) => t.requesterId === actor.personId,
  isAnswerable: (t: SurveyFacts) => t.status === 'resolved' || t.status === 'closed',
  canChange: (t: SurveyFacts, now: Date) => {
    const until = changeableUntil(t);
    return until !== null && now.getTime() <= until.getTime();
  },
};
