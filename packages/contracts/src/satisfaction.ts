import { z } from 'zod';
import { refSchema } from './common.js';

export const SATISFACTION_COMMENT_MAX = 2000;
/** Days after the resolution during which the requester may change an answer already given. */
export const SATISFACTION_CHANGE_DAYS = 7;

/** The requester's answer to « Êtes-vous satisfait du traitement ? » (1 = not at all … 5 = very). */
export const satisfactionInputSchema = z.object({
  score: z.number().int().min(1).max(5),
  comment: z.string().trim().max(SATISFACTION_COMMENT_MAX).default(''),
});
export type SatisfactionInput = z.input<typeof satisfactionInputSchema>;

export const satisfactionResponseSchema = z.object({
  score: z.number().int().min(1).max(5),
  comment: z.string(),
  respondent: refSchema,
  answeredAt: z.string(),
});
export type SatisfactionResponse = z.infer<typeof satisfactionResponseSchema>;

/** A ticket's survey as the caller sees it: the answer (if any) and whether the caller may answer now. */
export const ticketSatisfactionSchema = z.object({
  response: satisfactionResponseSchema.nullable(),
  /** true only for the requester, on a resolved or closed ticket, while the answer may still be given or changed */
  canAnswer: z.boolean(),
  /** when an answer stops being changeable (resolution + 7 days); null before the resolution */
  changeableUntil: z.string().nullable(),
});
export type TicketSatisfaction = z.infer<typeof ticketSatisfactionSchema>;

/** Outbox event topic `satisfaction.recorded` (the cockpit recomputes its satisfaction figures). */
export const satisfactionRecordedEventSchema = z.object({
  ticketId: z.number().int(),
  entityId: z.number().int(),
  score: z.number().int().min(1).max(5),
});
export type SatisfactionRecordedEvent = z.infer<typeof satisfactionRecordedEventSchema>;
