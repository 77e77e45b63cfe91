import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildApp } from './app.js';
import { ConfigError, loadConfig } from './config/config.js';
import { openDatabase } from './db/client.js';
import { seedDemoIfEmpty } from './demo/seed.js';
import { backfillTicketFacts } from './modules/cockpit/index.js';
import { startJobs } from './platform/jobs/jobs.js';
import { scheduleMaintenance } from './platform/jobs/maintenance.job.js';

/** PGlite has no cross-process lock: refuse a data folder another live process holds. */
function lockDataDir(dir: string): () => void {
  mkdirSync(dir, { recursive: true });
  const lock = join(dir, 'guichet.pid');
  try {
    const fd = openSync(lock, 'wx');
    writeFileSync(fd, String(process.pid));
    closeSync(fd);
  } catch {
    const pid = Number(readFileSync(lock, 'utf8'));
    let alive = false;
    try {
      process.kill(pid, 0);
      alive = pid !== process.pid;
    } catch {
      alive = false;
    }
    if (alive) throw new Error(`${dir} is in use by process ${pid}; stop it or choose another DATA_DIR`);
    writeFileSync(lock, String(process.pid));
  }
  return () => rmSync(lock, { force: true });
}

async function main() {
  const config = loadConfig();
  const started = Date.now();
  const unlock = config.databaseUrl ? () => {} : lockDataDir(config.dataDir);
  const database = await openDatabase({ url: config.databaseUrl, pgliteDir: join(config.dataDir, 'pglite') });
  const logger = { level: config.logLevel, redact: ['req.headers.authorization', 'req.headers.cookie'] };
  const app = await buildApp({ config, database, logger });
  if (config.demo) {
    const seeded = await seedDemoIfEmpty(database.db, { log: (m) => app.log.info(m) });
    if (seeded) app.log.info('demo data loaded');
    // the seed writes tickets directly: their cockpit facts are filled here, not by the outbox
    if (seeded) await backfillTicketFacts(database.db);
  }
  let stopJobs = async () => {};
  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down');
    const timer = setTimeout(() => process.exit(1), 10_000).unref();
    await app.close();
    await stopJobs();
    await database.close();
    unlock();
    clearTimeout(timer);
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  await app.listen({ port: config.port, host: config.host });
  // the queue starts after the port opens: it is not needed to answer the first requests
  const boss = await startJobs({ database, databaseUrl: config.databaseUrl, log: app.log });
  await scheduleMaintenance(boss, database, app.log);
  await app.jobs.start(boss);
  stopJobs = () => app.jobs.stop();
  const url = `http://localhost:${config.port}`;
  const db = config.databaseUrl
    ? 'PostgreSQL server'
    : `embedded PGlite in ${join(config.dataDir, 'pglite')}`;
  console.log(`\nGuichet is ready on ${url} (${db}, started in ${Date.now() - started} ms)`);
  if (config.demo) {
    console.log('Demo logins (password "demo"): admin@guichet.example, coordinator@guichet.example,');
    console.log('  agent1@guichet.example … agent12@guichet.example, agent.pessac@guichet.example,');
    console.log(
      '  requester@guichet.example, requester.pessac@guichet.example, requester.merignac@guichet.example',
    );
  }
}

main().catch((err) => {
  console.error(err instanceof ConfigError ? err.message : err);
  process.exit(1);
});
