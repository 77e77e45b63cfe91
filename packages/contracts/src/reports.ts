import { z } from 'zod';
import { idSchema, languageSchema } from './common.js';

/** A calendar month, e.g. 2026-11 (local time, Europe/Paris). */
export const reportMonthSchema = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'expected a month as YYYY-MM');

export const reportFormatSchema = z.enum(['pdf', 'xlsx']);
export type ReportFormat = z.infer<typeof reportFormatSchema>;

/** GET /reports/monthly: one entity (and its sub-entities), one month, one file format. */
export const monthlyReportQuerySchema = z.object({
  entityId: idSchema,
  month: reportMonthSchema,
  format: reportFormatSchema,
});
export type MonthlyReportQuery = z.infer<typeof monthlyReportQuerySchema>;

export const reportEntityParamsSchema = z.object({ entityId: idSchema });
export const reportSubscriptionParamsSchema = z.object({ entityId: idSchema, id: idSchema });

/** Someone who receives an entity's monthly report by e-mail, in a language. */
export const reportSubscriptionSchema = z.object({
  id: z.number().int(),
  entityId: z.number().int(),
  email: z.string(),
  language: languageSchema,
  createdAt: z.string(),
});
export type ReportSubscription = z.infer<typeof reportSubscriptionSchema>;

export const reportSubscriptionInputSchema = z.object({
  email: z.string().trim().toLowerCase().pipe(z.email().max(254)),
  language: languageSchema.default('fr'),
});
export type ReportSubscriptionInput = z.input<typeof reportSubscriptionInputSchema>;

export const reportSubscriptionListSchema = z.object({ items: z.array(reportSubscriptionSchema) });
export type ReportSubscriptionList = z.infer<typeof reportSubscriptionListSchema>;
