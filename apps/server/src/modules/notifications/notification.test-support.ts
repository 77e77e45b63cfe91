import type { Clock } from '../../platform/clock.js';
import { startTestApp, type TestContext } from '../../test/harness.js';

/**
 * The app with its job queue, alone on its database. On PostgreSQL the suite shares one database,
 * and every app running jobs would take its turn at the outbox: an e-mail could then be sent by
 * another test's app, with that app's SMTP settings. A database of its own (created here, dropped
 * on close) keeps what this file's app consumes to itself. On PGlite each app has its own copy anyway.
 */
/** The app with its job queue; on PostgreSQL the harness gives each file a database of its own. */
export function startIsolatedJobsApp(opts: {
  env: Record<string, string>;
  clock?: Clock;
}): Promise<TestContext> {
  return startTestApp({ ...opts, jobs: true });
}
