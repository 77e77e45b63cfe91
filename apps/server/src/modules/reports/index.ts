/** The monthly reports module's public surface (ADR 0016). */
import type { Db } from '../../db/client.js';
import type { Clock } from '../../platform/clock.js';
import type { JobQueue } from '../../platform/jobs/job-queue.js';
import { createMonthlyReportSender, defineMonthlyReportJob } from './monthly-report.job.js';
import { createMonthlyReportService } from './monthly-report.service.js';
import { createReportSubscriptionService } from './report-subscription.service.js';

export { MONTHLY_REPORTS_QUEUE } from './monthly-report.job.js';
export { reportRoutes } from './report.routes.js';
export { reportDeliveries, reportSubscriptions } from './report-subscription.table.js';

export function createReportsModule(deps: {
  db: Db;
  clock: Clock;
  jobs: JobQueue;
  mailEnabled: boolean;
  log: { info(obj: object, msg: string): void; error(obj: object, msg: string): void };
}) {
  const reports = createMonthlyReportService(deps);
  const sendMonthlyReports = createMonthlyReportSender({ ...deps, reports });
  defineMonthlyReportJob(deps.jobs, sendMonthlyReports);
  return {
    reports,
    subscriptions: createReportSubscriptionService(deps),
    /** last month's reports to every subscriber now (the cron's work; operators' tools and tests) */
    sendMonthlyReports,
  };
}
