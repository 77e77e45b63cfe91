import { z } from 'zod';

/** What a notification is about; each has its own preference. */
export const notificationKindSchema = z.enum([
  'assigned',
  'group_assigned',
  'reply',
  'resolved',
  'sla_warning',
  'sla_breached',
  'sla_escalated',
]);
export type NotificationKind = z.infer<typeof notificationKindSchema>;
export const notificationKinds = notificationKindSchema.options;

/** 'email': e-mail and in-app; 'app': in-app only; 'off': nothing. */
export const notificationChannelSchema = z.enum(['email', 'app', 'off']);
export type NotificationChannel = z.infer<typeof notificationChannelSchema>;

/** Texts are built by the client from the kind and these parameters, in the reader's language. */
export const notificationParamsSchema = z.object({
  /** the start of a reply */
  excerpt: z.string().optional(),
  policy: z.string().optional(),
  metric: z.string().optional(),
  percent: z.number().optional(),
  dueAt: z.string().nullable().optional(),
  groupName: z.string().optional(),
});
export type NotificationParams = z.infer<typeof notificationParamsSchema>;

export const notificationSchema = z.object({
  id: z.number().int(),
  kind: notificationKindSchema,
  ticketNumber: z.string().nullable(),
  ticketTitle: z.string().nullable(),
  actorName: z.string().nullable(),
  params: notificationParamsSchema,
  readAt: z.string().nullable(),
  createdAt: z.string(),
});
export type Notification = z.infer<typeof notificationSchema>;

export const notificationListQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.string().regex(/^\d+$/, 'expected the nextCursor of the previous page').optional(),
  unread: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
});
export type NotificationListQuery = z.input<typeof notificationListQuerySchema>;

export const notificationPageSchema = z.object({
  items: z.array(notificationSchema),
  nextCursor: z.string().nullable(),
  unread: z.number().int(),
});
export type NotificationPage = z.infer<typeof notificationPageSchema>;

export const notificationReadSchema = z.union([
  z.object({ ids: z.array(z.number().int().positive()).min(1).max(500) }).strict(),
  z.object({ all: z.literal(true) }).strict(),
]);
export type NotificationRead = z.infer<typeof notificationReadSchema>;

export const notificationReadResultSchema = z.object({ unread: z.number().int() });

export const notificationPreferenceSchema = z.object({
  kind: notificationKindSchema,
  channel: notificationChannelSchema,
});
export type NotificationPreference = z.infer<typeof notificationPreferenceSchema>;

export const notificationPreferencesSchema = z.object({
  items: z.array(notificationPreferenceSchema.extend({ default: notificationChannelSchema })),
});
export type NotificationPreferences = z.infer<typeof notificationPreferencesSchema>;

export const notificationPreferencesUpdateSchema = z.object({
  items: z
    .array(notificationPreferenceSchema)
    .min(1)
    .max(notificationKinds.length)
    .refine((items) => new Set(items.map((i) => i.kind)).size === items.length, 'each kind at most once'),
});
export type NotificationPreferencesUpdate = z.infer<typeof notificationPreferencesUpdateSchema>;

/** Pushed on the stream to the notification's reader. */
export const notificationEventSchema = z.object({
  type: z.literal('notification'),
  notification: notificationSchema,
});
export type NotificationEvent = z.infer<typeof notificationEventSchema>;
