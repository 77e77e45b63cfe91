import {
  cockpitExportQuerySchema,
  cockpitNowSchema,
  cockpitPeriodQuerySchema,
  cockpitPeriodSchema,
  cockpitScopeQuerySchema,
  cockpitTrendQuerySchema,
  cockpitTrendSchema,
} from '@guichet/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { requireActor } from '../../platform/auth/auth.plugin.js';
import type { createCockpitExport } from './cockpit.export.js';
import type { CockpitService } from './cockpit.service.js';

const SCOPE_NOTE =
  'Coordinators, administrators and observers, for their scope; `entityId` narrows to an entity and its sub-entities (403 outside the scope).';

/** The management cockpit's figures (ADR 0013 defines each KPI). */
export async function cockpitRoutes(
  app: FastifyInstance,
  opts: { cockpit: CockpitService; exportTable: ReturnType<typeof createCockpitExport> },
) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { cockpit } = opts;

  r.get(
    '/cockpit/now',
    {
      schema: {
        operationId: 'getCockpitNow',
        tags: ['cockpit'],
        description: `Live state: open tickets by status, priority, group and entity; unassigned; pending for the requester; tickets whose running resolution clock is past its warning (near) or its target (breached); today's (Europe/Paris) created and resolved; open tickets per assignee. ${SCOPE_NOTE}`,
        querystring: cockpitScopeQuerySchema,
        response: { 200: cockpitNowSchema },
      },
    },
    async (request) => cockpit.now(requireActor(request), request.query.entityId),
  );

  r.get(
    '/cockpit/period',
    {
      schema: {
        operationId: 'getCockpitPeriod',
        tags: ['cockpit'],
        description: `KPIs over [from, to] (local dates, Europe/Paris) and over the previous period of the same length. volume: tickets created; first_contact_resolution_rate: share of those created already resolved and never reopened; first_response_*: creation → first taking in charge (status left new) or staff public reply, for responses given in the period; resolution_*: creation → current resolution, for tickets resolved in the period; sla_compliance_rate: SLA resolution clocks stopped in the period and never breached / stopped; reopen_rate: tickets first resolved in the period and reopened since / first resolved; satisfaction_mean: mean score of answers given in the period. Rates are fractions (0–1), times in minutes. Breakdowns count tickets created; backlog is open tickets at the end of each day. ${SCOPE_NOTE}`,
        querystring: cockpitPeriodQuerySchema,
        response: { 200: cockpitPeriodSchema },
      },
    },
    async (request) => cockpit.period(requireActor(request), request.query),
  );

  r.get(
    '/cockpit/trend',
    {
      schema: {
        operationId: 'getCockpitTrend',
        tags: ['cockpit'],
        description: `One KPI per calendar month over the last \`months\` months, the current month to date; backlog is the open tickets at each month's end (now for the current month). ${SCOPE_NOTE}`,
        querystring: cockpitTrendQuerySchema,
        response: { 200: cockpitTrendSchema },
      },
    },
    async (request) => cockpit.trend(requireActor(request), request.query),
  );

  r.get(
    '/cockpit/export',
    {
      schema: {
        operationId: 'exportCockpitTable',
        tags: ['cockpit'],
        description: `A cockpit table as CSV (UTF-8, ';') or XLSX, headed in the caller's language; period tables need from and to. ${SCOPE_NOTE}`,
        querystring: cockpitExportQuerySchema,
      },
    },
    async (request, reply) => {
      const file = await opts.exportTable(requireActor(request), request.query);
      return reply
        .header('content-type', file.contentType)
        .header('content-disposition', `attachment; filename="${file.fileName}"`)
        .header('cache-control', 'no-store')
        .send(file.body);
    },
  );
}
