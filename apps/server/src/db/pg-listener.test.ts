import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { clonePgDatabase } from '../test/pg-clone.js';
import { openDatabase } from './client.js';

const url = process.env.DATABASE_URL;

describe.runIf(url)('LISTEN on a PostgreSQL server', () => {
  it('comes back after the server terminates its connection, and keeps the pool alive', async () => {
    const errors: unknown[] = [];
    const clone = await clonePgDatabase(url as string);
    const database = await openDatabase({ url: clone.url, onError: (e) => errors.push(e) });
    const received: string[] = [];
    const stop = await database.listen('guichet_listener_test', (p) => received.push(p));
    try {
      await database.db.execute(sql`select pg_notify('guichet_listener_test', 'before')`);
      await until(() => received.includes('before'));
      await database.db.execute(sql`select pg_terminate_backend(pid) from pg_stat_activity
        where query like 'LISTEN%guichet_listener_test%' and pid <> pg_backend_pid()`);
      await until(() => errors.length > 0);
      // the listener reconnects with back-off; notify until it hears again
      for (let i = 0; i < 50 && !received.includes('after'); i++) {
        await database.db.execute(sql`select pg_notify('guichet_listener_test', 'after')`);
        await new Promise((r) => setTimeout(r, 200));
      }
      expect(received).toContain('after');
    } finally {
      await stop();
      await database.close();
      await clone.drop();
    }
  });
});

async function until(check: () => boolean, ms = 5_000) {
  const end = Date.now() + ms;
  while (!check() && Date.now() < end) await new Promise((r) => setTimeout(r, 20));
}
