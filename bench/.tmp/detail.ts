import { eq, sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import * as schema from '../../apps/server/src/db/schema.js';
import { findByNumber } from '../../apps/server/src/modules/tickets/ticket.repository.js';
import { loadActor } from '../../apps/server/src/platform/auth/actor.js';
import { seedDemoIfEmpty } from '../../apps/server/src/demo/seed.js';
import { openTarget } from '../src/databases.js';
const t = await openTarget('pg', 'postgres://postgres@127.0.0.1:5432/postgres');
await seedDemoIfEmpty(t.database.db, { log: () => {} });
await t.database.db.execute(sql`vacuum analyze`);
const pool = new pg.Pool({ connectionString: t.url!, max: 1 });
const cap: { sql: string; params: unknown[] }[] = [];
const db = drizzle({ client: pool, schema, logger: { logQuery: (s, p) => cap.push({ sql: s, params: p }) } }) as any;
const [p] = await db.select({ id: schema.people.id }).from(schema.people).where(eq(schema.people.email, 'agent1@guichet.example'));
const actor = await loadActor(db, p.id);
cap.length = 0;
await findByNumber(db, actor!, 'INC0005000');
const q = cap.at(-1)!;
for (let i = 0; i < 3; i++) { const r = await pool.query(`explain (analyze, buffers) ${q.sql}`, q.params); if (i === 2) console.log(r.rows.map((x: any) => x['QUERY PLAN']).join('\n')); }
// time N executions
for (const n of [200]) { const a = performance.now(); for (let i = 0; i < n; i++) await pool.query(q.sql, q.params); console.log('detail select avg ms', ((performance.now() - a) / n).toFixed(3)); }
const a = performance.now(); for (let i = 0; i < 200; i++) await pool.query('select 1'); console.log('select 1 avg ms', ((performance.now() - a) / 200).toFixed(3));
// prepared
const a2 = performance.now(); for (let i = 0; i < 200; i++) await pool.query({ name: 'det', text: q.sql, values: q.params }); console.log('detail prepared avg ms', ((performance.now() - a2) / 200).toFixed(3));
await pool.end(); await t.dispose();
