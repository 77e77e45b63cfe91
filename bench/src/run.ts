/**
 * Guichet benchmarks: the real app in-process on scratch databases, driven over HTTP.
 * They print figures and their ratio to the budgets of DESIGN.md §6; they never fail on time.
 */
import { availableParallelism, loadavg } from 'node:os';
import { sql } from 'drizzle-orm';
import { seedDemoIfEmpty } from '../../apps/server/src/demo/seed.js';
import { backfillTicketFacts } from '../../apps/server/src/modules/cockpit/index.js';
import { benchCmdb, growInventory } from './cmdb.js';
import { benchCmdbImport } from './cmdb-import.js';
import { benchCockpit } from './cockpit.js';
import { benchCreate } from './create.js';
import { disposeAll, openTarget } from './databases.js';
import { benchLive } from './live.js';
import { argsFromNpm, type Engine, type Options, parseOptions, usage } from './options.js';
import { benchReads } from './reads.js';
import { growTickets } from './scale.js';
import { apiToken, startServer } from './server.js';
import { benchSla } from './sla.js';
import { formatTable, type ResultRow } from './stats.js';

const MILLION = 1_000_000;

async function benchEngine(engine: Engine, opts: Options, rows: ResultRow[], notes: string[]): Promise<void> {
  console.log(`\n== ${engine === 'pg' ? 'PostgreSQL server' : 'PGlite (embedded, file-backed)'} ==`);
  let t = Date.now();
  const target = await openTarget(engine, opts.pgUrl);
  const opened = Date.now() - t;
  try {
    t = Date.now();
    await seedDemoIfEmpty(target.database.db, { log: (m) => console.log(`  ${m}`) });
    // as main.ts does after a seed: the seeded tickets' cockpit facts
    await backfillTicketFacts(target.database.db);
    notes.push(
      `${engine}: database ready in ${(opened / 1000).toFixed(1)} s, demo seed in ${((Date.now() - t) / 1000).toFixed(1)} s`,
    );
    // steady state, as autovacuum leaves a database, so it does not run during the measures
    t = Date.now();
    await target.database.db.execute(sql`vacuum analyze`);
    if (engine === 'pg') await target.database.db.execute(sql`checkpoint`).catch(() => {});
    notes.push(`${engine}: vacuum analyze after the seed in ${((Date.now() - t) / 1000).toFixed(1)} s`);
    const server = await startServer(target);
    try {
      const tokens = {
        agent1: await apiToken(server.baseUrl, 'agent1@guichet.example'),
        'agent.pessac': await apiToken(server.baseUrl, 'agent.pessac@guichet.example'),
        requester: await apiToken(server.baseUrl, 'requester@guichet.example'),
        admin: await apiToken(server.baseUrl, 'admin@guichet.example'),
        coordinator: await apiToken(server.baseUrl, 'coordinator@guichet.example'),
      };
      const reads = opts.parts.filter((p) => p === 'queue' || p === 'search');
      if (reads.length) {
        rows.push(
          ...(await benchReads(target, server, tokens, {
            parts: reads,
            scale: 'demo',
            reads: opts.reads,
            printPlans: opts.explain,
          })),
        );
      }
      if (opts.parts.includes('cmdb')) {
        const cmdb = { reads: opts.reads, scale: 'demo', printPlans: opts.explain };
        rows.push(...(await benchCmdb(target, server, tokens.coordinator, cmdb)));
        if (opts.million && engine === 'pg') {
          t = Date.now();
          await growInventory(target, 100_000);
          notes.push(`pg: inventory grown to 100,000 items in ${((Date.now() - t) / 1000).toFixed(0)} s`);
          rows.push(
            ...(await benchCmdb(target, server, tokens.coordinator, {
              ...cmdb,
              scale: '100k',
              printPlans: true,
            })),
          );
        }
      }
      if (opts.parts.includes('live')) {
        rows.push(await benchLive(engine, server, tokens.agent1, tokens.requester));
      }
      if (opts.parts.includes('create')) {
        rows.push(...(await benchCreate(target, server, tokens.agent1, opts.seconds)));
      }
      // after the others: its 100,000 open tickets would change what they measure
      if (opts.parts.includes('sla')) {
        rows.push(...(await benchSla(target, server, tokens.admin, tokens.agent1)));
      }
      const cockpit = opts.parts.includes('cockpit');
      if (cockpit) {
        rows.push(
          ...(await benchCockpit(engine, 'demo', server, tokens.coordinator, tokens.requester, opts.reads)),
        );
      }
      // replaces the seeded inventory by the same one imported from files: after the other CMDB reads
      if (opts.parts.includes('import')) {
        rows.push(...(await benchCmdbImport(target, server, tokens.admin)));
      }
      if (opts.million && engine === 'pg' && (reads.length || cockpit)) {
        console.log(`\n  growing to ${MILLION.toLocaleString('en')} tickets …`);
        t = Date.now();
        await growTickets(target, MILLION);
        notes.push(`pg: grown to 1M tickets in ${((Date.now() - t) / 1000).toFixed(0)} s`);
        if (reads.length) {
          rows.push(
            ...(await benchReads(target, server, tokens, {
              parts: reads,
              scale: '1M',
              reads: opts.reads,
              printPlans: true,
            })),
          );
        }
        if (cockpit) {
          t = Date.now();
          await backfillTicketFacts(target.database.db);
          await target.database.db.execute(sql`vacuum analyze ticket_facts`);
          notes.push(
            `pg: cockpit facts of 1M tickets backfilled in ${((Date.now() - t) / 1000).toFixed(0)} s`,
          );
          rows.push(
            ...(await benchCockpit(engine, '1M', server, tokens.coordinator, tokens.requester, opts.reads)),
          );
        }
      }
    } finally {
      await server.close();
    }
  } finally {
    await target.dispose();
  }
}

async function main() {
  let opts: Options;
  try {
    opts = parseOptions([...argsFromNpm(process.env), ...process.argv.slice(2)]);
  } catch (err) {
    console.error(err instanceof Error ? err.message : err);
    console.error(usage);
    process.exit(2);
  }
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      console.error(`\n${signal}: dropping scratch databases …`);
      void disposeAll().then(() => process.exit(130));
    });
  }
  const started = Date.now();
  const load = () =>
    loadavg()
      .map((l) => l.toFixed(1))
      .join(' ');
  const loadBefore = load();
  console.log(
    `Guichet bench: ${opts.parts.join(', ')} on ${opts.engines.join(', ')}` +
      `${opts.million ? ', plus 1M tickets on pg' : ''} (Node ${process.version}, ${availableParallelism()} CPUs)`,
  );
  const rows: ResultRow[] = [];
  const notes: string[] = [];
  try {
    for (const engine of opts.engines) await benchEngine(engine, opts, rows, notes);
  } finally {
    await disposeAll();
  }
  console.log(`\n== Summary (${((Date.now() - started) / 1000).toFixed(0)} s) ==\n`);
  console.log(formatTable(rows));
  notes.push(`load average (1/5/15 min) ${loadBefore} at the start, ${load()} at the end`);
  console.log(`\n${notes.map((n) => `- ${n}`).join('\n')}`);
  console.log(
    [
      '',
      'p50/p95/p99: latency of one HTTP request as the client sees it; req/s: completed requests per second.',
      'sql ms: execution time of the same SQL under EXPLAIN ANALYZE (the rest of the latency is app, driver, HTTP).',
      "app ms/req: busy time of the server's event loop per request (with PGlite, the database runs in it too).",
      'pg cpu ms/req: CPU of the PostgreSQL backends serving the scratch database, per request.',
    ].join('\n'),
  );
}

main().catch(async (err) => {
  console.error(err);
  await disposeAll();
  process.exit(1);
});
