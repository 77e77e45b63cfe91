/** Command line: `npm run bench -- [create] [queue] [search] [live] [sla] [cmdb] [import] [cockpit] [--scale=1m] [--db=pg,pglite] …` */

export type Part = 'create' | 'queue' | 'search' | 'live' | 'sla' | 'cmdb' | 'import' | 'cockpit';
export type Engine = 'pg' | 'pglite';

export interface Options {
  parts: Part[];
  engines: Engine[];
  /** also measure queue and search with 1M tickets, cmdb with 100,000 items (PostgreSQL only) */
  million: boolean;
  /** seconds of measurement per create run */
  seconds: number;
  /** requests per read case */
  reads: number;
  /** print EXPLAIN (ANALYZE, BUFFERS) at demo scale too (always printed at 1M) */
  explain: boolean;
  /** a database of the PostgreSQL server to connect to when creating scratch databases */
  pgUrl: string;
}

const PARTS: readonly Part[] = ['create', 'queue', 'search', 'live', 'sla', 'cmdb', 'import', 'cockpit'];

export const usage = `usage: npm run bench -- [create] [queue] [search] [live] [sla] [cmdb] [import] [cockpit] [options]
  (no part named: all eight; cockpit at 1M tickets with --scale=1m)
  --scale=1m        also run queue and search with 1,000,000 tickets on PostgreSQL (adds ~5 min),
                    and cmdb with 100,000 items
  --db=pg,pglite    engines to measure (default both)
  --seconds=10      measurement time of each create run
  --reads=300       requests per read case (at most 60 s each)
  --explain         print query plans at demo scale too
  --pg=URL          PostgreSQL server (default $BENCH_PG_URL or postgres://postgres@127.0.0.1:5432/postgres)`;

/**
 * The root script runs `npm run bench -w @guichet/bench`, so `npm run bench -- --scale=1m` from the
 * root reaches npm, not us: npm keeps unknown flags as npm_config_* variables. Read those too.
 */
export function argsFromNpm(env: NodeJS.ProcessEnv): string[] {
  const out: string[] = [];
  for (const name of ['scale', 'db', 'seconds', 'reads', 'pg']) {
    const value = env[`npm_config_${name}`];
    if (value) out.push(`--${name}=${value}`);
  }
  if (env.npm_config_explain) out.push('--explain');
  return out;
}

export function parseOptions(argv: readonly string[]): Options {
  const parts: Part[] = [];
  const opts: Options = {
    parts,
    engines: ['pg', 'pglite'],
    million: false,
    seconds: 10,
    reads: 300,
    explain: false,
    pgUrl: process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
  };
  for (const arg of argv) {
    const [flag, value = ''] = arg.split('=', 2) as [string, string?];
    if ((PARTS as readonly string[]).includes(arg)) parts.push(arg as Part);
    else if (flag === '--scale') {
      if (!/^(1m|demo)$/i.test(value)) throw new Error(`--scale takes 1m or demo, not "${value}"`);
      opts.million = value.toLowerCase() === '1m';
    } else if (flag === '--db') {
      const engines = value.split(',').filter(Boolean);
      if (!engines.length || engines.some((e) => e !== 'pg' && e !== 'pglite')) {
        throw new Error('--db takes pg, pglite or pg,pglite');
      }
      opts.engines = engines as Engine[];
    } else if (flag === '--seconds') opts.seconds = positive(flag, value);
    else if (flag === '--reads') opts.reads = positive(flag, value);
    else if (flag === '--explain') opts.explain = true;
    else if (flag === '--pg') opts.pgUrl = value;
    else throw new Error(`unknown argument ${arg}\n${usage}`);
  }
  if (parts.length === 0) parts.push(...PARTS);
  return opts;
}

function positive(flag: string, value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`${flag} takes a positive number`);
  return n;
}
