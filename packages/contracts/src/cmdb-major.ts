import { z } from 'zod';
import { ciClassSchema, ciImpactStepSchema } from './cmdb.js';
import { ticketNumberSchema } from './tickets.js';

/** GET /cmdb/major-incident-suggestions: the window of recent tickets and the size of a group. */
export const majorIncidentSuggestionsQuerySchema = z.object({
  windowMinutes: z.coerce.number().int().min(5).max(1440).default(60),
  minTickets: z.coerce.number().int().min(2).max(50).default(3),
});
export type MajorIncidentSuggestionsQuery = z.infer<typeof majorIncidentSuggestionsQuerySchema>;

/** One ticket of a suggestion: the affected item and the path from the shared upstream item down to it. */
export const majorIncidentTicketSchema = z.object({
  number: z.string(),
  title: z.string(),
  createdAt: z.string(),
  /** the ticket's affected item (or its site's item); `name` is null outside the actor's scope */
  item: ciImpactStepSchema,
  /** upstream item first, affected item last */
  path: z.array(ciImpactStepSchema),
});
export type MajorIncidentTicket = z.infer<typeof majorIncidentTicketSchema>;

/**
 * Several recent open tickets concerning items downstream of one item: the desk may group them under
 * a major incident on that item. Tickets oldest first.
 */
export const majorIncidentSuggestionSchema = z.object({
  upstream: z.object({ id: z.number().int(), name: z.string(), class: ciClassSchema }),
  ticketCount: z.number().int(),
  firstAt: z.string(),
  lastAt: z.string(),
  tickets: z.array(majorIncidentTicketSchema),
});
export type MajorIncidentSuggestion = z.infer<typeof majorIncidentSuggestionSchema>;

export const majorIncidentSuggestionsSchema = z.object({
  windowMinutes: z.number().int(),
  minTickets: z.number().int(),
  /** most tickets first */
  items: z.array(majorIncidentSuggestionSchema),
});
export type MajorIncidentSuggestions = z.infer<typeof majorIncidentSuggestionsSchema>;

/** POST /cmdb/major-incidents: a parent incident on the upstream item, the tickets as its children. */
export const majorIncidentCreateSchema = z.object({
  upstreamItemId: z.number().int().positive(),
  ticketNumbers: z
    .array(ticketNumberSchema)
    .min(2)
    .max(100)
    .refine((a) => new Set(a).size === a.length, 'each ticket once'),
  title: z.string().trim().min(1).max(200).optional(),
});
export type MajorIncidentCreate = z.input<typeof majorIncidentCreateSchema>;

export const majorIncidentCreatedSchema = z.object({
  number: z.string(),
  title: z.string(),
  children: z.array(z.string()),
});
export type MajorIncidentCreated = z.infer<typeof majorIncidentCreatedSchema>;
