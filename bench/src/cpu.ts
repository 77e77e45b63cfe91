import { existsSync, readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { sql } from 'drizzle-orm';
import type { Target } from './databases.js';

/** CPU seconds used so far by the given local processes (Linux /proc); null elsewhere. */
function cpuSeconds(pids: readonly number[]): Map<number, number> | null {
  if (!existsSync('/proc/self/stat')) return null;
  const out = new Map<number, number>();
  for (const pid of pids) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      out.set(pid, (Number(fields[11]) + Number(fields[12])) / 100); // utime + stime, USER_HZ
    } catch {
      // the process has exited
    }
  }
  return out;
}

export interface CpuShare {
  /** milliseconds of the server's event loop (main thread) busy per request */
  appMs: number;
  /** milliseconds of PostgreSQL CPU per request (local server only) */
  dbMs: number | null;
}

/**
 * Measures the CPU a run costs per request sent: the server's event loop, and the PostgreSQL
 * backends serving this database (`backends` lists their pids; other databases are not counted).
 */
export async function measureCpu<T>(
  run: () => Promise<T>,
  requests: (r: T) => number,
  backends: () => Promise<number[]>,
): Promise<[T, CpuShare]> {
  const before = cpuSeconds(await backends());
  const elu = performance.eventLoopUtilization();
  const started = performance.now();
  const result = await run();
  const wall = performance.now() - started;
  const used = performance.eventLoopUtilization(elu);
  const pids = await backends();
  const after = cpuSeconds(pids);
  const n = Math.max(1, requests(result));
  let db: number | null = null;
  if (before && after && pids.length) {
    db = 0;
    for (const [pid, seconds] of after) db += seconds - (before.get(pid) ?? 0);
  }
  return [result, { appMs: (used.utilization * wall) / n, dbMs: db === null ? null : (db * 1000) / n }];
}

/** Server processes of the target's PostgreSQL database (none for PGlite, which runs in-process). */
export async function backendPids(target: Target): Promise<number[]> {
  if (target.engine !== 'pg') return [];
  const { rows } = await target.database.db.execute<{ pid: number }>(
    sql`select pid from pg_stat_activity where datname = current_database()`,
  );
  return rows.map((r) => Number(r.pid));
}
