import { z } from 'zod';
import { pageQuerySchema, refSchema } from './common.js';

export const ticketTypeSchema = z.enum(['incident', 'request']);
export type TicketType = z.infer<typeof ticketTypeSchema>;
export const ticketStatusSchema = z.enum([
  'new',
  'assigned',
  'in_progress',
  'pending',
  'resolved',
  'closed',
  'cancelled',
]);
export type TicketStatus = z.infer<typeof ticketStatusSchema>;
export const openStatuses: readonly TicketStatus[] = ['new', 'assigned', 'in_progress', 'pending'];
export const channelSchema = z.enum(['phone', 'portal', 'email', 'walk_in']);
export type Channel = z.infer<typeof channelSchema>;
export const pendingReasonSchema = z.enum(['requester', 'third_party', 'change', 'other']);
export type PendingReason = z.infer<typeof pendingReasonSchema>;
export const resolutionCodeSchema = z.enum([
  'solved',
  'workaround',
  'solved_remotely',
  'not_reproducible',
  'duplicate',
  'user_error',
  'cancelled_by_requester',
]);
/** 1 = high, 3 = low, as ITIL matrices are read. */
export const levelSchema = z.number().int().min(1).max(3);
/** 1 = critical … 5 = planning. */
export const prioritySchema = z.number().int().min(1).max(5);
export const linkKindSchema = z.enum(['parent', 'child', 'duplicate_of', 'duplicated_by', 'related']);
export type LinkKind = z.infer<typeof linkKindSchema>;
export const ticketNumberSchema = z
  .string()
  .regex(/^(INC|REQ)\d{7,}$/i, 'expected a ticket number such as INC0000001')
  .transform((s) => s.toUpperCase());

const text = (max: number) => z.string().trim().min(1).max(max);

export const ticketCreateSchema = z.object({
  type: ticketTypeSchema,
  title: text(200),
  description: z.string().trim().max(20_000).default(''),
  channel: channelSchema.optional(),
  categoryId: z.number().int().positive().nullable().optional(),
  impact: levelSchema.default(3),
  urgency: levelSchema.default(3),
  requesterId: z.number().int().positive().optional(),
  siteId: z.number().int().positive().nullable().optional(),
  groupId: z.number().int().positive().nullable().optional(),
  assigneeId: z.number().int().positive().nullable().optional(),
  /** Phone intake: log and resolve on first contact in one step. */
  resolveNow: z.object({ resolutionCode: resolutionCodeSchema, resolutionNotes: text(5_000) }).optional(),
});
export type TicketCreate = z.input<typeof ticketCreateSchema>;

export const ticketUpdateSchema = z
  .object({
    version: z.number().int().positive().optional(),
    title: text(200).optional(),
    description: z.string().trim().max(20_000).optional(),
    type: ticketTypeSchema.optional(),
    channel: channelSchema.optional(),
    status: ticketStatusSchema.optional(),
    pendingReason: pendingReasonSchema.nullable().optional(),
    categoryId: z.number().int().positive().nullable().optional(),
    impact: levelSchema.optional(),
    urgency: levelSchema.optional(),
    siteId: z.number().int().positive().nullable().optional(),
    groupId: z.number().int().positive().nullable().optional(),
    assigneeId: z.number().int().positive().nullable().optional(),
    resolutionCode: resolutionCodeSchema.nullable().optional(),
    resolutionNotes: z.string().trim().max(5_000).nullable().optional(),
  })
  .refine((v) => Object.keys(v).some((k) => k !== 'version'), { message: 'nothing to update' });
export type TicketUpdate = z.input<typeof ticketUpdateSchema>;

/** What the queues show: the most urgent running clock of a ticket. */
export const slaClockStateSchema = z.enum(['ok', 'warning', 'breached', 'paused']);
export type SlaClockState = z.infer<typeof slaClockStateSchema>;
export const ticketSlaSummarySchema = z.object({
  state: slaClockStateSchema,
  /** null while paused */
  dueAt: z.string().nullable(),
  warnAt: z.string().nullable(),
});
export type TicketSlaSummary = z.infer<typeof ticketSlaSummarySchema>;

export const personRefSchema = refSchema.extend({ email: z.string() });

export const ticketSummarySchema = z.object({
  id: z.number().int(),
  number: z.string(),
  type: ticketTypeSchema,
  title: z.string(),
  status: ticketStatusSchema,
  priority: prioritySchema,
  channel: channelSchema,
  entity: refSchema,
  requester: personRefSchema,
  group: refSchema.nullable(),
  assignee: refSchema.nullable(),
  /** null when no service level runs on the ticket */
  sla: ticketSlaSummarySchema.nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type TicketSummary = z.infer<typeof ticketSummarySchema>;

export const ticketSchema = ticketSummarySchema.extend({
  /** with the phone number, so the desk can call back */
  requester: personRefSchema.extend({ phone: z.string().nullable() }),
  description: z.string(),
  pendingReason: pendingReasonSchema.nullable(),
  impact: levelSchema,
  urgency: levelSchema,
  category: refSchema.nullable(),
  site: refSchema.nullable(),
  resolutionCode: resolutionCodeSchema.nullable(),
  resolutionNotes: z.string().nullable(),
  resolvedAt: z.string().nullable(),
  closedAt: z.string().nullable(),
  version: z.number().int(),
  links: z.array(
    z.object({
      id: z.number().int(),
      kind: linkKindSchema,
      ticket: z.object({ number: z.string(), title: z.string(), status: ticketStatusSchema }),
    }),
  ),
  attachments: z.array(
    z.object({
      id: z.number().int(),
      fileName: z.string(),
      contentType: z.string(),
      size: z.number().int(),
      createdAt: z.string(),
    }),
  ),
  /** What the caller may do now, so the UI shows only what will succeed. */
  can: z.object({ update: z.boolean(), comment: z.boolean(), confirm: z.boolean(), reopen: z.boolean() }),
});
export type Ticket = z.infer<typeof ticketSchema>;

export const queueSchema = z.enum(['mine', 'my_groups', 'unassigned', 'all']);
export type Queue = z.infer<typeof queueSchema>;
/** `slaDueAt`: closest to breach first, tickets without a running clock last */
export const ticketSortSchema = z.enum(['-updatedAt', '-createdAt', 'createdAt', 'priority', 'slaDueAt']);

const csv = <T extends z.ZodType>(item: T) =>
  z.preprocess((v) => (typeof v === 'string' ? v.split(',').filter(Boolean) : v), z.array(item));

export const ticketListQuerySchema = pageQuerySchema.extend({
  queue: queueSchema.optional(),
  status: csv(ticketStatusSchema).optional(),
  type: ticketTypeSchema.optional(),
  q: z.string().trim().max(200).optional(),
  assignee: z.union([z.literal('me'), z.literal('none'), z.coerce.number().int().positive()]).optional(),
  group: z.coerce.number().int().positive().optional(),
  requester: z.coerce.number().int().positive().optional(),
  entity: z.coerce.number().int().positive().optional(),
  priority: z.coerce.number().int().min(1).max(5).optional(),
  sort: ticketSortSchema.default('-updatedAt'),
});
export type TicketListQuery = z.input<typeof ticketListQuerySchema>;
export type TicketListParams = z.output<typeof ticketListQuerySchema>;

export const ticketPageSchema = z.object({
  items: z.array(ticketSummarySchema),
  nextCursor: z.string().nullable(),
});
export type TicketPage = z.infer<typeof ticketPageSchema>;

export const queueCountsSchema = z.object({
  mine: z.number().int(),
  my_groups: z.number().int(),
  unassigned: z.number().int(),
  all: z.number().int(),
});
export type QueueCounts = z.infer<typeof queueCountsSchema>;

export const commentVisibilitySchema = z.enum(['public', 'internal']);
export const commentCreateSchema = z.object({
  body: text(20_000),
  visibility: commentVisibilitySchema.default('public'),
});
export const commentSchema = z.object({
  id: z.number().int(),
  author: refSchema,
  visibility: commentVisibilitySchema,
  body: z.string(),
  createdAt: z.string(),
});
export type Comment = z.infer<typeof commentSchema>;

export const ticketEventKindSchema = z.enum([
  'created',
  'updated',
  'commented',
  'attached',
  'linked',
  'unlinked',
  'reopened',
  'confirmed',
  'requester_moved',
  'escalated',
  // remote assistance (contracts/remote.ts)
  'remote_requested',
  'remote_consented',
  'remote_refused',
  'remote_started',
  'remote_ended',
  'remote_transcript',
  'remote_file',
  'remote_recording',
]);
export const ticketEventSchema = z.object({
  id: z.number().int(),
  kind: ticketEventKindSchema,
  actor: refSchema.nullable(),
  at: z.string(),
  changes: z.record(z.string(), z.object({ from: z.unknown(), to: z.unknown() })),
  /** display names of the people, groups, categories, sites and entities a change refers to by id */
  labels: z.record(z.string(), z.object({ from: z.string().nullable(), to: z.string().nullable() })),
  comment: commentSchema.nullable(),
});
export type TicketEvent = z.infer<typeof ticketEventSchema>;

export const reopenBodySchema = z.object({ reason: text(5_000) });
export const linkCreateSchema = z.object({ kind: linkKindSchema, target: ticketNumberSchema });

export const ticketChangedEventSchema = z.object({
  type: z.literal('ticket.changed'),
  number: z.string(),
  kind: ticketEventKindSchema,
  status: ticketStatusSchema,
  at: z.string(),
  /** the history row (ticket_events) this change wrote */
  eventId: z.number().int(),
});
export type TicketChangedEvent = z.infer<typeof ticketChangedEventSchema>;
