import type { Target } from './databases.js';
import { explainList } from './explain.js';
import { runLoad } from './load.js';
import type { Part } from './options.js';
import type { RunningServer } from './server.js';
import type { Budget, ResultRow } from './stats.js';

export interface ReadCase {
  part: Extract<Part, 'queue' | 'search'>;
  label: string;
  /** who asks: the metropolis desk sees everything, Pessac's local support only Pessac */
  as: 'agent1' | 'agent.pessac' | 'requester';
  query: string;
  budget?: Budget;
}

const queueBudget: Budget = { percentile: 'p95', maxMs: 30 };
const searchBudget: Budget = { percentile: 'p95', maxMs: 50 };

export const readCases: readonly ReadCase[] = [
  {
    part: 'queue',
    label: 'open queue (all), desk',
    as: 'agent1',
    query: 'queue=all&limit=50',
    budget: queueBudget,
  },
  { part: 'queue', label: 'all tickets, desk', as: 'agent1', query: 'limit=50', budget: queueBudget },
  { part: 'queue', label: 'my groups, desk', as: 'agent1', query: 'queue=my_groups&limit=50' },
  { part: 'queue', label: 'open queue, Pessac (scoped)', as: 'agent.pessac', query: 'queue=all&limit=50' },
  { part: 'queue', label: 'all tickets, Pessac (scoped)', as: 'agent.pessac', query: 'limit=50' },
  { part: 'queue', label: 'my tickets, requester (portal)', as: 'requester', query: 'limit=50' },
  {
    part: 'search',
    label: 'q=imprimante',
    as: 'agent1',
    query: 'q=imprimante&limit=50',
    budget: searchBudget,
  },
  {
    part: 'search',
    label: 'q=mot de passe',
    as: 'agent1',
    query: `q=${encodeURIComponent('mot de passe')}&limit=50`,
    budget: searchBudget,
  },
  {
    part: 'search',
    label: 'q=cadastre (rare)',
    as: 'agent1',
    query: 'q=cadastre&limit=50',
    budget: searchBudget,
  },
  {
    part: 'search',
    label: 'q=imprimante, Pessac (scoped)',
    as: 'agent.pessac',
    query: 'q=imprimante&limit=50',
  },
];

/** Sequential GETs (one client): the latency an agent sees opening a queue or searching. */
export async function benchReads(
  target: Target,
  server: RunningServer,
  tokens: Record<ReadCase['as'], string>,
  opts: { parts: Part[]; scale: string; reads: number; printPlans: boolean },
): Promise<ResultRow[]> {
  const rows: ResultRow[] = [];
  for (const c of readCases.filter((r) => opts.parts.includes(r.part))) {
    process.stdout.write(`  ${target.engine} ${opts.scale}: ${c.part} ${c.label} … `);
    const { summary } = await runLoad({
      baseUrl: server.baseUrl,
      concurrency: 1,
      warmupCount: 20,
      count: opts.reads,
      maxMs: 60_000,
      request: {
        kind: 'get',
        headers: { authorization: `Bearer ${tokens[c.as]}` },
        paths: [`/api/v1/tickets?${c.query}`],
      },
    });
    const plan = await explainList(target, `${c.as}@guichet.example`, c.query);
    console.log(
      `p50 ${summary.p50.toFixed(2)} ms, p95 ${summary.p95.toFixed(2)} ms (SQL ${plan.executionMs.toFixed(2)} ms)` +
        (summary.errors ? `, ${summary.errors} errors` : ''),
    );
    if (opts.printPlans) {
      console.log(`\n    EXPLAIN (ANALYZE, BUFFERS) — ${c.label} as ${c.as}:`);
      console.log(`${plan.text.replace(/^/gm, '    ')}\n`);
    }
    rows.push({
      part: c.part,
      engine: target.engine,
      scale: opts.scale,
      label: c.label,
      clients: 1,
      summary,
      dbMs: plan.executionMs,
      budget: opts.scale === '1M' ? c.budget : undefined,
    });
  }
  return rows;
}
