import { fromPglite, PgBoss } from 'pg-boss';
import type { Database } from '../../db/client.js';

export interface JobsOptions {
  database: Database;
  databaseUrl: string | undefined;
  log: { info(msg: string): void; error(obj: unknown, msg?: string): void };
  /** pg-boss's schema; tests sharing one PostgreSQL database each take their own */
  schema?: string;
}

/**
 * The PostgreSQL-backed job queue (pg-boss, see ADR 0004): it shares the PGlite instance in embedded
 * mode and has its own small pool on a PostgreSQL server, where several processes share the work.
 */
export async function startJobs({ database, databaseUrl, log, schema }: JobsOptions): Promise<PgBoss> {
  const boss = database.pglite
    ? new PgBoss({ db: fromPglite(database.pglite), backend: 'pglite', schema })
    : new PgBoss({ connectionString: databaseUrl, max: 3, schema });
  boss.on('error', (err) => log.error({ err }, 'job queue error'));
  await boss.start();
  return boss;
}
