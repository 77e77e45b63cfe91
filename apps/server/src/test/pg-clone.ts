import { randomBytes } from 'node:crypto';
import pg from 'pg';

/**
 * A database of its own for one test file on the PostgreSQL server: a copy of the migrated
 * database named by DATABASE_URL (CREATE DATABASE … TEMPLATE copies files, ~0.1 s). Test files
 * then share nothing, as PGlite's per-file copies share nothing: outbox cursors, job queues and
 * clocks run over one file's rows only.
 */
export async function clonePgDatabase(templateUrl: string): Promise<{ url: string; drop(): Promise<void> }> {
  const template = new URL(templateUrl);
  const templateName = template.pathname.slice(1);
  const name = `${templateName}_t${randomBytes(4).toString('hex')}`;
  const server = new URL(templateUrl);
  server.pathname = '/postgres';
  const admin = async <T>(run: (c: pg.Client) => Promise<T>) => {
    const c = new pg.Client({ connectionString: server.toString() });
    await c.connect();
    try {
      return await run(c);
    } finally {
      await c.end();
    }
  };
  await admin(async (c) => {
    // two files copying the same template at once: one waits for the other (55006: in use)
    for (let attempt = 0; ; attempt++) {
      try {
        await c.query(`create database "${name}" template "${templateName}"`);
        return;
      } catch (err) {
        if ((err as { code?: string }).code !== '55006' || attempt > 100) throw err;
        await new Promise((r) => setTimeout(r, 50 + Math.random() * 100));
      }
    }
  });
  const url = new URL(templateUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: () => admin((c) => c.query(`drop database if exists "${name}" with (force)`).then(() => {})),
  };
}
