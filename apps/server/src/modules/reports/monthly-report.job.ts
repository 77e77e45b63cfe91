import type { Language } from '@guichet/contracts';
import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import type { Clock } from '../../platform/clock.js';
import type { JobQueue } from '../../platform/jobs/job-queue.js';
import { queueMails } from '../../platform/mail/mail.job.js';
import { renderReportMail, reportFileName } from './monthly-report.mail.js';
import { renderReportPdf } from './monthly-report.pdf.js';
import type { MonthlyReportService } from './monthly-report.service.js';
import { renderReportXlsx } from './monthly-report.xlsx.js';
import { monthOf, shiftMonth } from './report-month.js';
import { listSubscriptions, subscribedEntities } from './report-subscription.repository.js';
import { reportDeliveries } from './report-subscription.table.js';

export const MONTHLY_REPORTS_QUEUE = 'monthly-reports';
/** 06:00 (Europe/Paris) on the 1st: last month is complete and the report is there for the morning. */
export const MONTHLY_REPORTS_CRON = '0 6 1 * *';

export interface MonthlyReportRun {
  month: string;
  /** messages queued by this run (a re-run queues none for the recipients already served) */
  queued: number;
}

interface Log {
  info(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

/**
 * E-mails each entity's report of a month to its subscribers, once per (entity, month, address):
 * the delivery rows and the messages (with the PDF and XLSX attached) commit together, and an
 * address that has a delivery row is skipped. Reports are rendered outside the transaction (PGlite
 * has one connection), once per entity and language, and only when someone still needs them.
 */
export function createMonthlyReportSender(deps: {
  db: Db;
  clock: Clock;
  jobs: JobQueue;
  reports: MonthlyReportService;
  mailEnabled: boolean;
  log: Log;
}) {
  const { db, jobs, reports, log } = deps;

  async function sendEntity(entityId: number, month: string): Promise<number> {
    const subscriptions = await listSubscriptions(db, entityId);
    const delivered = await db
      .select({ email: sql<string>`lower(${reportDeliveries.email})` })
      .from(reportDeliveries)
      .where(and(eq(reportDeliveries.entityId, entityId), eq(reportDeliveries.month, month)));
    const done = new Set(delivered.map((d) => d.email));
    const pending = subscriptions.filter((s) => !done.has(s.email.toLowerCase()));
    let queued = 0;
    for (const language of ['fr', 'en'] as Language[]) {
      const recipients = pending.filter((s) => s.language === language);
      if (recipients.length === 0) continue;
      const report = await reports.forEntity(entityId, month, language);
      const name = reportFileName(report);
      const attachments = [
        { filename: `${name}.pdf`, contentType: 'application/pdf', content: await renderReportPdf(report) },
        {
          filename: `${name}.xlsx`,
          contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
          content: await renderReportXlsx(report),
        },
      ];
      const mail = renderReportMail(report);
      queued += await db.transaction(async (tx) => {
        // a concurrent run may have served some meanwhile: only the rows this insert wrote get a message
        const fresh = await tx
          .insert(reportDeliveries)
          .values(recipients.map((s) => ({ entityId, month, email: s.email })))
          .onConflictDoNothing()
          .returning({ id: reportDeliveries.id, email: reportDeliveries.email });
        const ids = await queueMails(
          tx,
          jobs,
          fresh.map((d) => ({
            ...mail,
            personId: null,
            recipient: d.email,
            kind: 'monthly_report',
            attachments,
          })),
        );
        for (const [i, d] of fresh.entries()) {
          const messageId = ids[i];
          if (messageId !== undefined)
            await tx
              .update(reportDeliveries)
              .set({ mailMessageId: messageId })
              .where(eq(reportDeliveries.id, d.id));
        }
        return fresh.length;
      });
    }
    return queued;
  }

  /** Last month's reports (or `month`'s), for every entity with subscribers; one entity's failure does not stop the others. */
  return async function sendMonthlyReports(
    month = shiftMonth(monthOf(deps.clock.now()), -1),
  ): Promise<MonthlyReportRun> {
    if (!deps.mailEnabled) {
      log.info({ month }, 'monthly reports not sent: e-mail is disabled (SMTP_URL is not set)');
      return { month, queued: 0 };
    }
    let queued = 0;
    const failures: unknown[] = [];
    for (const entityId of await subscribedEntities(db)) {
      try {
        queued += await sendEntity(entityId, month);
      } catch (err) {
        failures.push(err);
        log.error({ err, entityId, month }, 'monthly report failed');
      }
    }
    log.info({ month, queued }, 'monthly reports queued');
    // the queue retries the run; the entities already served are skipped by their delivery rows
    if (failures.length > 0) throw failures[0];
    return { month, queued };
  };
}
export type MonthlyReportSender = ReturnType<typeof createMonthlyReportSender>;

export function defineMonthlyReportJob(jobs: JobQueue, send: MonthlyReportSender): void {
  jobs.define<{ month?: string }>({
    queue: MONTHLY_REPORTS_QUEUE,
    options: { policy: 'singleton', retryLimit: 3, retryDelay: 600, expireInSeconds: 3_600 },
    work: { pollingIntervalSeconds: 60, batchSize: 1 },
    cron: MONTHLY_REPORTS_CRON,
    handle: async (batch) => {
      for (const job of batch) await send(job.data?.month);
    },
  });
}
