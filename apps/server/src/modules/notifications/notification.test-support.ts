import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { Clock } from '../../platform/clock.js';
import { startTestApp, type TestContext } from '../../test/harness.js';

/**
 * The app with its job queue, alone on its database. On PostgreSQL the suite shares one database,
 * and every app running jobs would take its turn at the outbox: an e-mail could then be sent by
 * another test's app, with that app's SMTP settings. A database of its own (created here, dropped
 * on close) keeps what this file's app consumes to itself. On PGlite each app has its own copy anyway.
 */
export async function startIsolatedJobsApp(opts: {
  env: Record<string, string>;
  clock?: Clock;
}): Promise<TestContext> {
  const shared = process.env.DATABASE_URL;
  if (!shared) return startTestApp({ ...opts, jobs: true });
  const name = `guichet_iso_${randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: shared });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const own = new URL(shared);
  own.pathname = `/${name}`;
  process.env.DATABASE_URL = own.toString();
  let ctx: TestContext;
  try {
    ctx = await startTestApp({ ...opts, jobs: true });
  } finally {
    // files of one worker run one after another: the next one sees the shared database again
    process.env.DATABASE_URL = shared;
  }
  return {
    ...ctx,
    async close() {
      await ctx.close();
      const c = new pg.Client({ connectionString: shared });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}
