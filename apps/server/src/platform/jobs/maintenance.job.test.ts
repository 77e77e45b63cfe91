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

  it('runs through the PostgreSQL-backed queue', async () => {
    const boss = await startJobs({
      database: ctx.database,
      databaseUrl: process.env.DATABASE_URL,
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
