import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbOrTx } from '../../db/client.js';
import { startTestApp, type TestContext } from '../../test/harness.js';
import { JobQueue } from '../jobs/job-queue.js';
import { publish } from './events.js';
import { createOutboxDispatcher, type OutboxRow } from './outbox-consumer.js';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await startTestApp();
});
afterAll(() => ctx.close());

const silent = { error: () => {} };
const unique = () => randomBytes(4).toString('hex');
const emit = (db: DbOrTx, topic: string, n: number) =>
  publish(db, { topic, entityId: null, audience: [], payload: { n } });

/** A consumer that remembers what it was given; `fail` makes its next passes throw. */
function recorder(topic: string, name = `test-${unique()}`) {
  const seen: number[] = [];
  const state = { fail: 0 };
  return {
    seen,
    state,
    consumer: {
      name,
      topics: [topic],
      async handle(_tx: DbOrTx, rows: OutboxRow[]) {
        if (state.fail > 0) {
          state.fail--;
          throw new Error('consumer down');
        }
        seen.push(...rows.map((r) => Number(r.payload.n)));
      },
    },
  };
}
const dispatcher = () => createOutboxDispatcher({ db: ctx.database.db, jobs: new JobQueue(), log: silent });

/**
 * Waits until every outbox row written so far is below the snapshot horizon. On PostgreSQL the
 * horizon is the server's: another test file's long transaction (a demo seed, a 10 MB import) in
 * its own database holds it back for a few seconds, and a pass would then rightly read nothing.
 */
async function settled() {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    const { rows } = await ctx.database.db.execute<{ ok: boolean }>(sql`
      select coalesce(pg_snapshot_xmin(pg_current_snapshot()) >
        (select tx_id from outbox order by tx_id desc limit 1), true) as ok`);
    if (rows[0]?.ok) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('the snapshot horizon did not pass the outbox rows within 60 s');
}

describe('outbox dispatcher', () => {
  it('starts a new consumer at the end, then hands it every row of its topics in order, once', async () => {
    const topic = `t-${unique()}`;
    await emit(ctx.database.db, topic, 0);
    // a new cursor starts at the horizon: let it pass the row written before
    await settled();
    const r = recorder(topic);
    const d = dispatcher();
    d.register(r.consumer);
    await d.init();
    await emit(ctx.database.db, `${topic}-other`, 99);
    for (let i = 1; i <= 3; i++) await emit(ctx.database.db, topic, i);
    await settled();
    expect(await d.dispatchOnce()).toBe(3);
    expect(await d.dispatchOnce()).toBe(0);
    expect(r.seen).toEqual([1, 2, 3]);
  });

  it('processes more than a batch in one pass, in order', async () => {
    const topic = `t-${unique()}`;
    const r = recorder(topic);
    const d = dispatcher();
    d.register(r.consumer);
    await d.init();
    await ctx.database.db.transaction(async (tx) => {
      for (let i = 0; i < 1_200; i++) await emit(tx, topic, i);
    });
    await settled();
    expect(await d.dispatchOnce()).toBe(1_200);
    expect(r.seen).toEqual(Array.from({ length: 1_200 }, (_, i) => i));
  });

  it('keeps a failing consumer from blocking the others, and gives it the same rows again', async () => {
    const topic = `t-${unique()}`;
    const failing = recorder(topic);
    const healthy = recorder(topic);
    const d = dispatcher();
    d.register(failing.consumer);
    d.register(healthy.consumer);
    await d.init();
    failing.state.fail = 1;
    await emit(ctx.database.db, topic, 1);
    await settled();
    await d.dispatchOnce();
    expect(failing.seen).toEqual([]);
    expect(healthy.seen).toEqual([1]);
    await d.dispatchOnce();
    expect(failing.seen).toEqual([1]);
    expect(healthy.seen).toEqual([1]);
  });

  it('hands each row to a consumer once when several processes dispatch at the same time', async () => {
    const topic = `t-${unique()}`;
    const name = `shared-${unique()}`;
    const a = recorder(topic, name);
    const b = recorder(topic, name);
    const da = dispatcher();
    const db = dispatcher();
    da.register(a.consumer);
    db.register(b.consumer);
    await da.init();
    for (let i = 0; i < 50; i++) await emit(ctx.database.db, topic, i);
    await settled();
    await Promise.all([da.dispatchOnce(), db.dispatchOnce(), da.dispatchOnce(), db.dispatchOnce()]);
    expect([...a.seen, ...b.seen].sort((x, y) => x - y)).toEqual(Array.from({ length: 50 }, (_, i) => i));
  });

  it.skipIf(!process.env.DATABASE_URL)(
    'never skips a row of a transaction still open when a later one commits first (PostgreSQL)',
    async () => {
      const topic = `t-${unique()}`;
      const r = recorder(topic);
      const d = dispatcher();
      d.register(r.consumer);
      await d.init();
      const slow = new pg.Client({ connectionString: ctx.databaseUrl });
      await slow.connect();
      try {
        await slow.query('begin');
        // the slow transaction takes the lower id…
        await slow.query(
          `insert into outbox (topic, entity_id, audience, payload) values ($1, null, '[]', '{"n":1}')`,
          [topic],
        );
        // …and a faster one commits a higher id first
        await emit(ctx.database.db, topic, 2);
        await d.dispatchOnce();
        expect(r.seen).toEqual([]);
        await slow.query('commit');
        await settled();
        await d.dispatchOnce();
        expect(r.seen).toEqual([1, 2]);
      } finally {
        await slow.end();
      }
    },
  );
  // PGlite is one connection: no transaction can be open while another commits, so the case cannot arise there.
});
