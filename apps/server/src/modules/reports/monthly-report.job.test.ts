import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSmtpSink } from '../../platform/mail/mail.test-support.js';
import { createWorld, type World } from '../../test/factories.js';
import { manualClock, type TestContext } from '../../test/harness.js';
import { startIsolatedJobsApp } from '../notifications/notification.test-support.js';
import { createMonthlyReportSender, MONTHLY_REPORTS_CRON } from './monthly-report.job.js';
import { createMonthlyReportService } from './monthly-report.service.js';
import { insertSubscription } from './report-subscription.repository.js';

let smtp: Awaited<ReturnType<typeof startSmtpSink>>;
let ctx: TestContext;
let w: World;
const clock = manualClock(new Date('2027-04-01T04:00:00Z'));
const silent = { info() {}, error() {} };

const until = async (check: () => boolean, ms = 25_000) => {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 100));
  }
};

beforeAll(async () => {
  smtp = await startSmtpSink();
  ctx = await startIsolatedJobsApp({
    clock,
    env: { SMTP_URL: smtp.url, MAIL_FROM: 'Guichet <guichet@test.example>' },
  });
  w = await createWorld(ctx.database.db);
}, 120_000);
afterAll(async () => {
  await ctx?.close();
  await smtp?.close();
});

describe('monthly reports by e-mail', () => {
  it('runs at 06:00 on the 1st', () => {
    expect(MONTHLY_REPORTS_CRON).toBe('0 6 1 * *');
  });

  it('sends last month’s report once per recipient, with the PDF and the XLSX attached, and not again on a re-run', async () => {
    const db = ctx.database.db;
    const base = { entityId: w.pessac.id, createdBy: w.admin.id };
    await insertSubscription(db, { ...base, email: `maire-${w.tag}@pessac.example`, language: 'fr' });
    await insertSubscription(db, { ...base, email: `dsi-${w.tag}@pessac.example`, language: 'en' });
    const send = createMonthlyReportSender({
      db,
      clock,
      jobs: ctx.app.jobs,
      reports: createMonthlyReportService({ db, clock }),
      mailEnabled: true,
      log: silent,
    });
    const mine = () => smtp.received.filter((m) => m.to.some((t) => t.includes(w.tag)));

    const first = await send();
    // 1 April 06:00 in Paris: the report is March's
    expect(first).toEqual({ month: '2027-03', queued: 2 });
    await until(() => mine().length === 2);
    const fr = mine().find((m) => m.to[0]?.startsWith('maire-'));
    const en = mine().find((m) => m.to[0]?.startsWith('dsi-'));
    expect(fr?.subject).toBe(`Rapport mensuel 2027-03 : ${w.pessac.name}`);
    expect(en?.subject).toBe(`Monthly report 2027-03: ${w.pessac.name}`);
    for (const [mail, prefix] of [
      [fr, 'rapport-mensuel'],
      [en, 'monthly-report'],
    ] as const) {
      const content = mail?.content ?? '';
      expect(content).toMatch(new RegExp(`filename="?${prefix}-pessac-[a-z0-9-]+-2027-03\\.pdf`));
      expect(content).toMatch(new RegExp(`filename="?${prefix}-pessac-[a-z0-9-]+-2027-03\\.xlsx`));
      expect(content).toContain('Content-Type: application/pdf');
      // a long header is folded onto the next line
      expect(content).toMatch(
        /Content-Type:\s+application\/vnd\.openxmlformats-officedocument\.spreadsheetml\.sheet/,
      );
      // base64 of "%PDF-" and of the ZIP signature "PK\x03\x04" that starts an XLSX
      expect(content).toContain('JVBERi0');
      expect(content).toContain('UEsDB');
    }

    const again = await send();
    expect(again).toEqual({ month: '2027-03', queued: 0 });
    await new Promise((r) => setTimeout(r, 1_500));
    expect(mine()).toHaveLength(2);
    const { rows } = await db.execute<{ email: string; status: string }>(sql`
      select d.email, m.status from report_deliveries d join mail_messages m on m.id = d.mail_message_id
      where d.entity_id = ${w.pessac.id} and d.month = '2027-03' order by d.email`);
    expect(rows).toEqual([
      { email: `dsi-${w.tag}@pessac.example`, status: 'sent' },
      { email: `maire-${w.tag}@pessac.example`, status: 'sent' },
    ]);

    // a recipient added later gets the month's report on the next run, the others nothing more
    await insertSubscription(db, { ...base, email: `elu-${w.tag}@pessac.example`, language: 'fr' });
    expect(await send('2027-03')).toEqual({ month: '2027-03', queued: 1 });
    await until(() => mine().length === 3);
  }, 60_000);

  it('sends nothing when e-mail is disabled', async () => {
    const db = ctx.database.db;
    const send = createMonthlyReportSender({
      db,
      clock,
      jobs: ctx.app.jobs,
      reports: createMonthlyReportService({ db, clock }),
      mailEnabled: false,
      log: silent,
    });
    expect(await send('2027-02')).toEqual({ month: '2027-02', queued: 0 });
  });
});
