import { getTableColumns } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import pg from 'pg';
import { tickets } from '../../apps/server/src/schema.js';
import type { Target } from './databases.js';

/** How each generated ticket differs from the seeded one it copies; other columns are copied as is. */
const overrides: Record<string, string> = {
  number: 'x.new_number',
  status: "case when x.status = 'cancelled' then 'cancelled' else 'closed' end",
  pending_reason: 'null',
  resolution_code:
    "case when x.status = 'cancelled' then x.resolution_code else coalesce(x.resolution_code, 'solved') end",
  resolution_notes: "coalesce(x.resolution_notes, 'Résolu.')",
  created_at: 'x.created_at - x.shift',
  resolved_at:
    "case when x.status = 'cancelled' then null else coalesce(x.resolved_at, x.updated_at + interval '1 day') - x.shift end",
  closed_at: "case when x.status = 'cancelled' then null else x.closed_at_src - x.shift end",
  updated_at: "case when x.status = 'cancelled' then x.updated_at else x.closed_at_src end - x.shift",
  // the seeded vector, with the new number in place of the old one
  search: "ts_delete(x.search, lower(x.number)) || setweight(to_tsvector('simple', x.new_number), 'A')",
};

/**
 * Grows the tickets table to `total` rows in one INSERT … SELECT over generate_series: copies of
 * the seeded tickets, closed, spread over the five years before the demo period, with their search
 * vectors. Secondary indexes are dropped first and rebuilt after (same definitions), which is much
 * faster than maintaining them row by row; then VACUUM ANALYZE, as autovacuum would.
 */
export async function growTickets(target: Target, total: number): Promise<void> {
  if (!target.url) throw new Error('the 1M scale runs on PostgreSQL only');
  const client = new pg.Client({ connectionString: target.url });
  await client.connect();
  try {
    await client.query("set maintenance_work_mem = '512MB'");
    const { rows: countRows } = await client.query<{ n: string }>('select count(*)::text as n from tickets');
    const seeded = Number(countRows[0]?.n ?? 0);
    const add = total - seeded;
    if (add <= 0) return;
    const t0 = Date.now();
    const { rows: indexes } = await client.query<{ name: string; def: string }>(`
      select i.indexname as name, i.indexdef as def from pg_indexes i
      where i.tablename = 'tickets' and not exists (select 1 from pg_constraint c where c.conname = i.indexname)`);
    for (const i of indexes) await client.query(`drop index "${i.name}"`);

    const columns = Object.values(getTableColumns(tickets) as Record<string, PgColumn>).filter(
      (c) => !c.generated && !c.generatedIdentity,
    );
    const names = [...new Set(columns.map((c) => c.name))];
    const select = names.map((n) => overrides[n] ?? `x."${n}"`);
    await client.query(`
      insert into tickets (${names.map((n) => `"${n}"`).join(', ')})
      select ${select.join(', ')}
      from (
        select s.*,
          case when s.type = 'incident' then 'INC' else 'REQ' end || lpad((1000000 + g.i)::text, 7, '0') as new_number,
          make_interval(days => 212 + ((g.i - 1) / ${seeded}) * 31) as shift,
          coalesce(s.closed_at, coalesce(s.resolved_at, s.updated_at) + interval '10 days') as closed_at_src
        from generate_series(1, ${add}) g(i)
        join (select row_number() over (order by id) as rn, t.* from tickets t) s on s.rn = 1 + (g.i - 1) % ${seeded}
      ) x`);
    const inserted = Date.now();
    console.log(`  inserted ${add.toLocaleString('en')} tickets in ${((inserted - t0) / 1000).toFixed(1)} s`);
    for (const i of indexes) await client.query(i.def);
    const indexed = Date.now();
    console.log(`  rebuilt ${indexes.length} indexes in ${((indexed - inserted) / 1000).toFixed(1)} s`);
    for (const [seq, type] of [
      ['ticket_incident_number_seq', 'incident'],
      ['ticket_request_number_seq', 'request'],
    ] as const) {
      await client.query(
        `select setval('${seq}', (select max(substr(number, 4)::bigint) from tickets where type = '${type}'))`,
      );
    }
    await client.query('vacuum analyze tickets');
    console.log(`  vacuum analyze in ${((Date.now() - indexed) / 1000).toFixed(1)} s`);
  } finally {
    await client.end();
  }
}
