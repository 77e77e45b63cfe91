import { sql } from 'drizzle-orm';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import pg from 'pg';
import type { Db } from '../../apps/server/src/db/client.js';
import { listItems } from '../../apps/server/src/modules/cmdb/cmdb.repository.js';
import { impactOf } from '../../apps/server/src/modules/cmdb/impact/impact.repository.js';
import { loadActor } from '../../apps/server/src/modules/directory/index.js';
import * as schema from '../../apps/server/src/schema.js';
import type { Target } from './databases.js';
import { benchMajorSuggestions } from './major.js';
import type { RunningServer } from './server.js';
import { type ResultRow, summarize } from './stats.js';

const SEARCH_BUDGET = { percentile: 'p95' as const, maxMs: 30 };
const IMPACT_BUDGET = { percentile: 'p95' as const, maxMs: 100 };

async function one(db: Db, query: ReturnType<typeof sql>): Promise<string> {
  const { rows } = await db.execute<{ v: string | number }>(query);
  const v = rows[0]?.v;
  if (v === undefined) throw new Error('bench: a demo item is missing');
  return String(v);
}

/** EXPLAIN (ANALYZE, BUFFERS) of the last statement `run` sends, with its parameters. */
async function explainLast(target: Target, run: (db: Db) => Promise<unknown>): Promise<string> {
  const captured: { sql: string; params: unknown[] }[] = [];
  const logger = { logQuery: (q: string, params: unknown[]) => captured.push({ sql: q, params }) };
  let pool: pg.Pool | null = null;
  let db: Db;
  let exec: (q: string, params: unknown[]) => Promise<Record<string, unknown>[]>;
  if (target.url) {
    const p = new pg.Pool({ connectionString: target.url, max: 1, options: '-c jit=off' }); // as the app's pool
    pool = p;
    db = drizzlePg({ client: p, schema, logger }) as unknown as Db;
    exec = async (q, params) => (await p.query(q, params)).rows as Record<string, unknown>[];
  } else {
    const client = target.database.pglite;
    if (!client) throw new Error('no PGlite client');
    db = drizzlePglite({ client, schema, logger }) as unknown as Db;
    exec = async (q, params) => (await client.query<Record<string, unknown>>(q, params)).rows;
  }
  try {
    await run(db);
    const last = captured.at(-1);
    if (!last) throw new Error('nothing captured');
    const rows = await exec(`explain (analyze, buffers) ${last.sql}`, last.params);
    return rows.map((r) => String(r['QUERY PLAN'] ?? Object.values(r)[0])).join('\n');
  } finally {
    await pool?.end();
  }
}

/**
 * Item search (name fragment, exact serial) and impact analysis (a core ring link: nothing cut off,
 * the whole network walked; a spur link: one site and what is there; the data-centre site: every
 * server and application) over HTTP, one client, as the desk's coordinator who sees everything.
 */
export async function benchCmdb(
  target: Target,
  server: RunningServer,
  token: string,
  opts: { reads: number; scale: string; printPlans: boolean },
): Promise<ResultRow[]> {
  const { db } = target.database;
  const serial = await one(
    db,
    sql`select serial_number as v from config_items where class = 'workstation' order by id limit 1 offset 500`,
  );
  const ringLink = await one(
    db,
    sql`select id as v from config_items where class = 'network_link' and name like 'Fibre Routeur de cœur 1 – %' and name not like '%Routeur de cœur 2' order by id limit 1`,
  );
  const spurLink = await one(
    db,
    sql`select c.id as v from config_items c where c.class = 'network_link' and c.name not like '%Routeur%'
      order by c.id limit 1`,
  );
  const dataCentre = await one(
    db,
    sql`select s.id as v from config_items s join ci_relations r on r.target_id = s.id and r.kind = 'located_at'
      join config_items x on x.id = r.source_id and x.class = 'server' where s.class = 'site' limit 1`,
  );
  const cases: { label: string; path: string; budget?: typeof SEARCH_BUDGET }[] = [
    { label: 'item search q=imprimante', path: '/cmdb/items?q=imprimante&limit=50', budget: SEARCH_BUDGET },
    {
      label: 'item search q=mérignac',
      path: `/cmdb/items?q=${encodeURIComponent('mérignac')}&limit=50`,
      budget: SEARCH_BUDGET,
    },
    { label: 'item search by serial', path: `/cmdb/items?q=${serial}&limit=50`, budget: SEARCH_BUDGET },
    { label: 'impact of a core ring link', path: `/cmdb/items/${ringLink}/impact`, budget: IMPACT_BUDGET },
    { label: 'impact of a spur link', path: `/cmdb/items/${spurLink}/impact`, budget: IMPACT_BUDGET },
    { label: 'impact of the data-centre site', path: `/cmdb/items/${dataCentre}/impact` },
  ];
  const rows: ResultRow[] = [];
  for (const c of cases) {
    const latencies: number[] = [];
    const started = performance.now();
    const count = Math.min(opts.reads, 200);
    let errors = 0;
    let body = '';
    for (let i = 0; i < count && performance.now() - started < 60_000; i++) {
      const t0 = performance.now();
      const res = await fetch(`${server.baseUrl}/api/v1${c.path}`, {
        headers: { authorization: `Bearer ${token}` },
      });
      body = await res.text();
      if (res.status !== 200) errors += 1;
      else latencies.push(performance.now() - t0);
    }
    const summary = summarize(latencies, performance.now() - started, errors);
    let shape = '';
    if (c.path.endsWith('/impact') && errors === 0) {
      const r = JSON.parse(body) as { counts: Record<string, number>; people: { count: number } };
      shape = ` → ${JSON.stringify(r.counts)}, ${r.people.count} people`;
    }
    console.log(
      `  cmdb (${opts.scale}): ${c.label}: p50 ${summary.p50.toFixed(1)} ms, p95 ${summary.p95.toFixed(1)} ms${shape}`,
    );
    rows.push({
      part: 'cmdb',
      engine: target.engine,
      scale: opts.scale,
      label: c.label,
      clients: 1,
      summary,
      budget: c.budget,
    });
  }
  rows.push(
    ...(await benchMajorSuggestions(target, server, token, {
      ...opts,
      explainLast: (run) => explainLast(target, run),
    })),
  );
  if (opts.printPlans) {
    const [person] = await db
      .execute<{ id: string }>(sql`select id from people where email = 'coordinator@guichet.example'`)
      .then((r) => r.rows);
    const actor = person ? await loadActor(db, Number(person.id)) : null;
    if (!actor) throw new Error('no coordinator');
    const plans: [string, (d: Db) => Promise<unknown>][] = [
      ['item search q=imprimante', (d) => listItems(d, actor, { q: 'imprimante', limit: 50 })],
      ['item search by serial', (d) => listItems(d, actor, { q: serial, limit: 50 })],
      ['impact of a core ring link', (d) => impactOf(d, actor, Number(ringLink))],
      ['impact of a spur link', (d) => impactOf(d, actor, Number(spurLink))],
    ];
    for (const [label, run] of plans) {
      console.log(
        `\n  --- plan (${target.engine}, ${opts.scale}): ${label}\n${await explainLast(target, run)}\n`,
      );
    }
  }
  return rows;
}

/** Copies of the demo's end-user equipment (workstations, printers, phones) until there are `total` items. */
export async function growInventory(target: Target, total: number): Promise<void> {
  const { db } = target.database;
  const { rows } = await db.execute<{ n: number }>(sql`select count(*)::int as n from config_items`);
  let missing = total - (rows[0]?.n ?? 0);
  for (let round = 1; missing > 0; round++) {
    const { rows: added } = await db.execute<{ n: number }>(sql`
      with src as (
        select * from config_items where class in ('workstation', 'printer', 'phone') order by id limit ${missing}
      ), ins as (
        insert into config_items (class, name, status, entity_id, site_id, owner_id, serial_number, inventory_number,
          hostname, attributes)
        select class, name || ' copie ' || ${round}, status, entity_id, site_id, owner_id,
          serial_number || '-C' || ${round}, inventory_number || '-C' || ${round}, hostname || '-c' || ${round}, attributes
        from src returning id, site_id
      ), rel as (
        insert into ci_relations (kind, source_id, target_id)
        select 'located_at', ins.id, s.id from ins join config_items s on s.class = 'site' and s.site_id = ins.site_id
        returning 1
      )
      select count(*)::int as n from ins`);
    missing -= added[0]?.n ?? missing;
  }
  await db
    .execute(sql`vacuum analyze config_items, ci_relations`)
    .catch(() => db.execute(sql`analyze config_items, ci_relations`));
}
