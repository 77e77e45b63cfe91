import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestContext } from '../../test/harness.js';
import { outbox } from '../events/outbox.table.js';
import { startJobs } from './jobs.js';
import { MAINTENANCE_QUEUE, runMaintenance, scheduleMaintenance } from './maintenance.job.js';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await startTestApp();
});
afterAll(() => ctx.close());

const silent = { info: () => {}, error: () => {} };
const marker = `maintenance-${Date.now()}`;

describe('maintenance job', () => {
  it('trims day-old outbox rows and keeps recent ones', async () => {
    const { db } = ctx.database;
    await db.insert(outbox).values([
      {
        topic: marker,
        entityId: null,
        audience: [],
        payload: {},
        createdAt: new Date(Date.now() - 2 * 86_400_000),
      },
      { topic: marker, entityId: null, audience: [], payload: {} },
    ]);
    const removed = await runMaintenance(ctx.database);
    expect(removed.outbox).toBeGreaterThanOrEqual(1);
    const { rows } = await db.execute<{ n: number }>(
      sql`select count(*)::int as n from outbox where topic = ${marker}`,
    );
    expect(rows[0]?.n).toBe(1);
  });

  it('keeps day-old rows an outbox consumer has not processed yet', async () => {
    const { db } = ctx.database;
    const topic = `${marker}-consumed`;
    const old = new Date(Date.now() - 2 * 86_400_000);
    const row = (n: number) => ({ topic, entityId: null, audience: [], payload: { n }, createdAt: old });
    const [done] = await db.insert(outbox).values(row(1)).returning({ id: outbox.id });
    // the consumer's cursor sits on the first row: the second one is still to be read
    await db.execute(sql`insert into outbox_cursors (consumer, tx_id, last_id, topics)
      select ${`maintenance-${marker}`}, tx_id, id, array[${topic}] from outbox where id = ${done?.id}`);
    await db.insert(outbox).values(row(2));
    await runMaintenance(ctx.database);
    const { rows } = await db.execute<{ n: number }>(
      sql`select (payload->>'n')::int as n from outbox where topic = ${topic} order by id`,
    );
    expect(rows.map((r) => Number(r.n))).toEqual([2]);
  });

  it('ignores the cursor of a consumer that stopped running a week ago', async () => {
    const { db } = ctx.database;
    const topic = `${marker}-abandoned`;
    const old = new Date(Date.now() - 2 * 86_400_000);
    const [first] = await db
      .insert(outbox)
      .values({ topic, entityId: null, audience: [], payload: {}, createdAt: old })
      .returning({ id: outbox.id });
    await db.execute(sql`insert into outbox_cursors (consumer, tx_id, last_id, topics, updated_at)
      select ${`gone-${marker}`}, tx_id, id - 1, array[${topic}], now() - interval '8 days' from outbox where id = ${first?.id}`);
    await runMaintenance(ctx.database);
    const { rows } = await db.execute<{ n: number }>(
      sql`select count(*)::int as n from outbox where topic = ${topic}`,
    );
    expect(rows[0]?.n).toBe(0);
  });

  it('keeps 90 days of sent e-mails and every message still queued', async () => {
    const { db } = ctx.database;
    const to = `${marker}@test.example`;
    await db.execute(sql`insert into mail_messages (recipient, subject, kind, text_body, html_body, status, created_at)
      values (${to}, 'old', 'assigned', '', '', 'sent', now() - interval '100 days'),
             (${to}, 'queued', 'assigned', '', '', 'queued', now() - interval '100 days'),
             (${to}, 'recent', 'assigned', '', '', 'sent', now() - interval '10 days')`);
    const removed = await runMaintenance(ctx.database);
    expect(removed.mails).toBeGreaterThanOrEqual(1);
    const { rows } = await db.execute<{ subject: string }>(
      sql`select subject from mail_messages where recipient = ${to} order by subject`,
    );
    expect(rows.map((r) => r.subject)).toEqual(['queued', 'recent']);
  });

  it('runs through the PostgreSQL-backed queue', async () => {
    const boss = await startJobs({
      database: ctx.database,
      databaseUrl: ctx.databaseUrl,
      log: silent,
    });
    try {
      await scheduleMaintenance(boss, ctx.database, silent);
      const id = await boss.send(MAINTENANCE_QUEUE, {});
      expect(id).toBeTruthy();
      let state = '';
      for (let i = 0; i < 100 && state !== 'completed'; i++) {
        await new Promise((r) => setTimeout(r, 200));
        state = (await boss.getJobById(MAINTENANCE_QUEUE, id as string))?.state ?? '';
      }
      expect(state).toBe('completed');
    } finally {
      await boss.stop({ graceful: false, timeout: 2_000 });
    }
  });
});
