import {
  monthlyReportQuerySchema,
  reportEntityParamsSchema,
  reportSubscriptionInputSchema,
  reportSubscriptionListSchema,
  reportSubscriptionParamsSchema,
  reportSubscriptionSchema,
} from '@guichet/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { requireActor } from '../../platform/auth/auth.plugin.js';
import { reportFileName } from './monthly-report.mail.js';
import { renderReportPdf } from './monthly-report.pdf.js';
import type { MonthlyReportService } from './monthly-report.service.js';
import { renderReportXlsx } from './monthly-report.xlsx.js';
import type { ReportSubscriptionService } from './report-subscription.service.js';

const tags = ['reports'];
const CONTENT_TYPES = {
  pdf: 'application/pdf',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
} as const;

/** Monthly reports per entity (ADR 0016): on demand, and the recipients of the scheduled e-mail. */
export async function reportRoutes(
  app: FastifyInstance,
  opts: { reports: MonthlyReportService; subscriptions: ReportSubscriptionService },
) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { reports, subscriptions } = opts;

  r.get(
    '/reports/monthly',
    {
      schema: {
        operationId: 'getMonthlyReport',
        tags,
        description:
          "An entity's monthly report (the entity and its sub-entities) as PDF or XLSX, in the caller's language: volumes by channel and type, SLA compliance, first-contact resolution, response and resolution times (mean, 90th percentile), reopen rate, satisfaction (mean and count), top 10 categories, notable incidents, each against the previous calendar month. Coordinators, administrators and observers for their cockpit scope (403 outside it); the current month counts to date; a future month is a 400.",
        querystring: monthlyReportQuerySchema,
      },
    },
    async (request, reply) => {
      const { entityId, month, format } = request.query;
      const report = await reports.forActor(requireActor(request), entityId, month);
      const body = format === 'pdf' ? await renderReportPdf(report) : await renderReportXlsx(report);
      return reply
        .header('content-type', CONTENT_TYPES[format])
        .header('content-disposition', `attachment; filename="${reportFileName(report)}.${format}"`)
        .header('cache-control', 'no-store')
        .send(body);
    },
  );

  r.get(
    '/reports/subscriptions/:entityId',
    {
      schema: {
        operationId: 'listReportSubscriptions',
        tags,
        description: "Who receives the entity's monthly report by e-mail. Administrators of the entity.",
        params: reportEntityParamsSchema,
        response: { 200: reportSubscriptionListSchema },
      },
    },
    async (request) => ({ items: await subscriptions.list(requireActor(request), request.params.entityId) }),
  );

  r.post(
    '/reports/subscriptions/:entityId',
    {
      schema: {
        operationId: 'createReportSubscription',
        tags,
        description:
          "Adds an address to the entity's monthly report (409 when it is there already, whatever its case). Administrators of the entity.",
        params: reportEntityParamsSchema,
        body: reportSubscriptionInputSchema,
        response: { 201: reportSubscriptionSchema },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await subscriptions.create(requireActor(request), request.params.entityId, request.body)),
  );

  r.delete(
    '/reports/subscriptions/:entityId/:id',
    {
      schema: {
        operationId: 'deleteReportSubscription',
        tags,
        description: "Removes an address from the entity's monthly report. Administrators of the entity.",
        params: reportSubscriptionParamsSchema,
      },
    },
    async (request, reply) => {
      await subscriptions.remove(requireActor(request), request.params.entityId, request.params.id);
      return reply.status(204).send();
    },
  );
}
