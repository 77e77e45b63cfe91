import { z } from 'zod';
import { pageSchema, refSchema } from './common.js';

/** What a webhook can subscribe to; 'ping' deliveries are sent on request only. */
export const webhookEvents = ['ticket.created', 'ticket.updated', 'sla.warning'] as const;
export const webhookEventSchema = z.enum(webhookEvents);
export type WebhookEvent = z.infer<typeof webhookEventSchema>;
export const webhookDeliveryEventSchema = z.enum([...webhookEvents, 'ping']);
export type WebhookDeliveryEvent = z.infer<typeof webhookDeliveryEventSchema>;

export const webhookUrlMaxLength = 2000;

/** http(s) only, and no credentials in the URL: they would end up in logs and screens. */
export const webhookUrlSchema = z
  .string()
  .trim()
  .min(1)
  .max(webhookUrlMaxLength)
  .superRefine((value, ctx) => {
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      ctx.addIssue({ code: 'custom', message: 'must be an absolute http or https URL' });
      return;
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      ctx.addIssue({ code: 'custom', message: 'only http and https URLs are allowed' });
    }
    if (url.username || url.password) {
      ctx.addIssue({ code: 'custom', message: 'credentials are not allowed in the URL; use the signature' });
    }
  });

const eventsSchema = z
  .array(webhookEventSchema)
  .min(1)
  .max(webhookEvents.length)
  .refine((list) => new Set(list).size === list.length, 'each event once');

export const webhookCreateSchema = z.object({
  entityId: z.number().int().positive(),
  name: z.string().trim().min(1).max(120),
  url: webhookUrlSchema,
  events: eventsSchema,
  active: z.boolean().default(true),
});
export type WebhookCreate = z.input<typeof webhookCreateSchema>;

/** Optimistic concurrency: the version the client read. */
export const webhookUpdateSchema = z.object({
  name: z.string().trim().min(1).max(120).optional(),
  url: webhookUrlSchema.optional(),
  events: eventsSchema.optional(),
  active: z.boolean().optional(),
  version: z.number().int().positive(),
});
export type WebhookUpdate = z.input<typeof webhookUpdateSchema>;

export const webhookSchema = z.object({
  id: z.number().int(),
  entity: refSchema,
  name: z.string(),
  url: z.string(),
  events: z.array(webhookEventSchema),
  active: z.boolean(),
  /** the secret masked but for its last 4 characters */
  secretHint: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number().int(),
});
export type Webhook = z.infer<typeof webhookSchema>;

/** Answer of create and rotate-secret: the only times the whole secret is shown. */
export const webhookWithSecretSchema = webhookSchema.extend({ secret: z.string() });
export type WebhookWithSecret = z.infer<typeof webhookWithSecretSchema>;

export const webhookDeliveryStatuses = ['pending', 'succeeded', 'failed'] as const;
export const webhookDeliveryStatusSchema = z.enum(webhookDeliveryStatuses);
export type WebhookDeliveryStatus = z.infer<typeof webhookDeliveryStatusSchema>;

export const webhookDeliverySchema = z.object({
  id: z.number().int(),
  webhookId: z.number().int(),
  event: webhookDeliveryEventSchema,
  status: webhookDeliveryStatusSchema,
  attempts: z.number().int(),
  lastStatusCode: z.number().int().nullable(),
  lastError: z.string().nullable(),
  /** the first characters of the receiver's last answer */
  responseExcerpt: z.string().nullable(),
  durationMs: z.number().int().nullable(),
  createdAt: z.string(),
  lastAttemptAt: z.string().nullable(),
  deliveredAt: z.string().nullable(),
});
export type WebhookDelivery = z.infer<typeof webhookDeliverySchema>;

export const webhookDeliveryPageSchema = pageSchema(webhookDeliverySchema);
export type WebhookDeliveryPage = z.infer<typeof webhookDeliveryPageSchema>;

export const webhookDeliveryQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z
    .string()
    .regex(/^\d{1,18}$/, 'expected a cursor from a previous page')
    .optional(),
});
