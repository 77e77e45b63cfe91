/** The cockpit module's public surface: figures for the management cockpit (ADR 0013). */
import type { Db } from '../../db/client.js';
import type { Clock } from '../../platform/clock.js';
import type { JobQueue } from '../../platform/jobs/job-queue.js';
import { createCockpitExport } from './cockpit.export.js';
import { createCockpitService } from './cockpit.service.js';
import { createFactsConsumer } from './ticket-facts.consumer.js';
import { backfillAll } from './ticket-facts.repository.js';

export { cockpitLabels } from './cockpit.labels.js';
export { cockpitRoutes } from './cockpit.routes.js';
export { cockpitEntities } from './cockpit.scope.js';
export type { CockpitService } from './cockpit.service.js';
// the monthly reports (modules/reports) read the same period figures with their own scope and months
export { type EntityFilter, inEntities, int } from './cockpit.sql.js';
export {
  type BreakdownRow,
  dayRange,
  type PeriodKpis,
  readBreakdowns,
  readKpis,
} from './cockpit-period.repository.js';
export { backfillAll as backfillTicketFacts } from './ticket-facts.repository.js';
export { ticketFacts } from './ticket-facts.table.js';

export const FACTS_BACKFILL_QUEUE = 'cockpit-facts-backfill';

export function createCockpitModule({ db, clock, jobs }: { db: Db; clock: Clock; jobs: JobQueue }) {
  const cockpit = createCockpitService({ db, clock });
  // tickets written without an outbox event (an import, rows older than the consumer) get their
  // facts within the hour; the pass skips tickets that have them, in committed chunks
  jobs.define({
    queue: FACTS_BACKFILL_QUEUE,
    options: { policy: 'singleton', retryLimit: 0, expireInSeconds: 3_600 },
    work: { pollingIntervalSeconds: 30, batchSize: 1 },
    cron: '23 * * * *',
    handle: async () => backfillAll(db),
  });
  return { cockpit, exportTable: createCockpitExport(cockpit), consumer: createFactsConsumer() };
}
