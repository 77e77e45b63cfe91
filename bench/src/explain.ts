import { ticketListQuerySchema } from '@guichet/contracts';
import { eq } from 'drizzle-orm';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import pg from 'pg';
import type { Db } from '../../apps/server/src/db/client.js';
import { loadActor } from '../../apps/server/src/modules/directory/index.js';
import { list } from '../../apps/server/src/modules/tickets/ticket.repository.js';
import * as schema from '../../apps/server/src/schema.js';
import type { Target } from './databases.js';

export interface Plan {
  sql: string;
  text: string;
  executionMs: number;
}

/**
 * Runs the repository's own list query for an actor and a query string with a logging Drizzle
 * instance, then EXPLAIN (ANALYZE, BUFFERS) on exactly that SQL and those parameters.
 */
export async function explainList(target: Target, email: string, query: string): Promise<Plan> {
  const captured: { sql: string; params: unknown[] }[] = [];
  const logger = { logQuery: (sql: string, params: unknown[]) => captured.push({ sql, params }) };
  let pool: pg.Pool | null = null;
  let db: Db;
  let run: (sql: string, params: unknown[]) => Promise<Record<string, unknown>[]>;
  if (target.url) {
    const p = new pg.Pool({ connectionString: target.url, max: 1, options: '-c jit=off' }); // as the app's pool
    pool = p;
    db = drizzlePg({ client: p, schema, logger }) as unknown as Db;
    run = async (sql, params) => (await p.query(sql, params)).rows as Record<string, unknown>[];
  } else {
    const client = target.database.pglite;
    if (!client) throw new Error('no PGlite client');
    db = drizzlePglite({ client, schema, logger }) as unknown as Db;
    run = async (sql, params) => (await client.query<Record<string, unknown>>(sql, params)).rows;
  }
  try {
    const [person] = await db
      .select({ id: schema.people.id })
      .from(schema.people)
      .where(eq(schema.people.email, email));
    if (!person) throw new Error(`no person ${email}`);
    const actor = await loadActor(db, person.id);
    if (!actor) throw new Error(`no actor ${email}`);
    const params = ticketListQuerySchema.parse(Object.fromEntries(new URLSearchParams(query)));
    captured.length = 0;
    await list(db, actor, params);
    const last = captured.at(-1);
    if (!last) throw new Error('the list query was not captured');
    const rows = await run(`explain (analyze, buffers) ${last.sql}`, last.params);
    const lines = rows.map((r) => String(r['QUERY PLAN'] ?? Object.values(r)[0]));
    const execution = lines.find((l) => l.startsWith('Execution Time'));
    return {
      sql: last.sql,
      text: lines.join('\n'),
      executionMs: execution ? Number(/([\d.]+) ms/.exec(execution)?.[1]) : Number.NaN,
    };
  } finally {
    await pool?.end();
  }
}
