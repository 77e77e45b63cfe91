import { sql } from 'drizzle-orm';
import type { Db } from '../../apps/server/src/db/client.js';
import { candidatesAndDeps } from '../../apps/server/src/modules/cmdb/major/major.repository.js';
import { loadActor } from '../../apps/server/src/modules/directory/index.js';
import type { Target } from './databases.js';
import type { RunningServer } from './server.js';
import { type ResultRow, summarize } from './stats.js';

const SUGGESTIONS_BUDGET = { percentile: 'p95' as const, maxMs: 200 };
const BENCH_TITLE = 'Bench grouping: plus de réseau';
const TICKETS = 200;

/**
 * Major-incident suggestions over the demo inventory: ~200 open tickets created in the last hour by
 * people spread over the sites (half on the requester's workstation, twenty on an application, the
 * others with no item: they concern their site's item), then the desk's
 * query, one client, as the coordinator who sees everything. The tickets are written straight in SQL
 * (no history or clocks: nothing else reads them) and removed afterwards.
 */
export async function benchMajorSuggestions(
  target: Target,
  server: RunningServer,
  token: string,
  opts: {
    reads: number;
    scale: string;
    printPlans: boolean;
    explainLast: (run: (d: Db) => Promise<unknown>) => Promise<string>;
  },
): Promise<ResultRow[]> {
  const { db } = target.database;
  await db.execute(sql`
    insert into tickets (number, type, title, description, status, channel, impact, urgency, priority, entity_id,
      requester_id, site_id, created_by, created_at, updated_at, search)
    select 'INC' || lpad(nextval('ticket_incident_number_seq')::text, 7, '0'), 'incident', ${BENCH_TITLE}, '',
      'new', 'phone', 2, 2, 3, p.entity_id, p.id, p.site_id, p.id, now() - (p.k * interval '15 seconds'), now(),
      to_tsvector('simple', 'bench')
    from (select p.*, row_number() over () as k from
      (select * from people where site_id is not null order by md5(id::text) limit ${TICKETS}) p) p`);
  // half concern the requester's workstation, twenty an application (the walk up to servers and sites)
  await db.execute(sql`
    insert into ticket_items (ticket_id, ci_id)
    select t.id, w.id from tickets t
    cross join lateral (select c.id from config_items c where c.owner_id = t.requester_id
      and c.class = 'workstation' order by c.id limit 1) w
    where t.title = ${BENCH_TITLE} and t.id % 2 = 0`);
  await db.execute(sql`
    insert into ticket_items (ticket_id, ci_id)
    select t.id, a.id
    from (select id, row_number() over (order by id) as k from tickets where title = ${BENCH_TITLE} and id % 2 = 1) t
    join (select id, row_number() over (order by md5(id::text)) as k from config_items where class = 'application') a
      on a.k = t.k
    where t.k <= 20`);
  await db.execute(sql`analyze tickets`);
  const rows: ResultRow[] = [];
  try {
    const path = '/cmdb/major-incident-suggestions?windowMinutes=60&minTickets=3';
    const latencies: number[] = [];
    const started = performance.now();
    let errors = 0;
    let body = '';
    for (let i = 0; i < Math.min(opts.reads, 200) && performance.now() - started < 60_000; i++) {
      const t0 = performance.now();
      const res = await fetch(`${server.baseUrl}/api/v1${path}`, {
        headers: { authorization: `Bearer ${token}` },
      });
      body = await res.text();
      if (res.status !== 200) errors += 1;
      else latencies.push(performance.now() - t0);
    }
    const summary = summarize(latencies, performance.now() - started, errors);
    let shape = '';
    if (errors === 0) {
      const r = JSON.parse(body) as {
        items: { ticketCount: number; upstream: { class: string; name: string } }[];
      };
      const top = r.items[0];
      shape = ` → ${r.items.length} suggestions${top ? `, the first: ${top.ticketCount} tickets under ${top.upstream.class} « ${top.upstream.name} »` : ''}`;
    }
    console.log(
      `  cmdb (${opts.scale}): major-incident suggestions, ${TICKETS} tickets in the hour: p50 ${summary.p50.toFixed(1)} ms, p95 ${summary.p95.toFixed(1)} ms${shape}`,
    );
    rows.push({
      part: 'cmdb',
      engine: target.engine,
      scale: opts.scale,
      label: `major-incident suggestions (${TICKETS} tickets/h)`,
      clients: 1,
      summary,
      budget: SUGGESTIONS_BUDGET,
    });
    if (opts.printPlans) {
      const [person] = await db
        .execute<{ id: string }>(sql`select id from people where email = 'coordinator@guichet.example'`)
        .then((r) => r.rows);
      const actor = person ? await loadActor(db, Number(person.id)) : null;
      if (!actor) throw new Error('no coordinator');
      const since = new Date(Date.now() - 3_600_000);
      console.log(
        `\n  --- plan (${target.engine}, ${opts.scale}): major-incident suggestions\n${await opts.explainLast((d) => candidatesAndDeps(d, actor, since))}\n`,
      );
    }
  } finally {
    await db.execute(
      sql`delete from ticket_items where ticket_id in (select id from tickets where title = ${BENCH_TITLE})`,
    );
    await db.execute(sql`delete from tickets where title = ${BENCH_TITLE}`);
  }
  return rows;
}
