/** Latency percentiles, throughput, budgets and the final table. */

export interface Summary {
  n: number;
  errors: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  /** completed requests per second over the measured window */
  rps: number;
}

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank] as number;
}

export function summarize(latencies: readonly number[], wallMs: number, errors = 0): Summary {
  const sorted = [...latencies].sort((a, b) => a - b);
  return {
    n: sorted.length,
    errors,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    max: sorted.at(-1) ?? Number.NaN,
    rps: wallMs > 0 ? (sorted.length / wallMs) * 1000 : Number.NaN,
  };
}

/** A budget of DESIGN.md §6: a latency ceiling at a percentile and/or a throughput floor. */
export interface Budget {
  percentile?: 'p95' | 'p99';
  maxMs?: number;
  minRps?: number;
}

export interface ResultRow {
  part: string;
  engine: string;
  scale: string;
  label: string;
  clients: number;
  summary: Summary;
  /** server-side execution time of the query (EXPLAIN ANALYZE), when measured */
  dbMs?: number;
  /** busy time of the server's event loop per request sent (PGlite runs inside it) */
  appMs?: number;
  /** CPU of the local PostgreSQL server per request sent */
  pgCpuMs?: number | null;
  budget?: Budget;
}

const ms = (v: number) => (Number.isFinite(v) ? (v < 10 ? v.toFixed(2) : v.toFixed(1)) : '–');

/** "0.42× ok" style: the share of the budget used (latency) or reached (throughput). */
export function verdict(row: ResultRow): string {
  const b = row.budget;
  if (!b) return '';
  const parts: string[] = [];
  let ok = true;
  if (b.maxMs !== undefined && b.percentile) {
    const ratio = row.summary[b.percentile] / b.maxMs;
    ok &&= ratio <= 1;
    parts.push(`${b.percentile} ${ratio.toFixed(2)}× of ${b.maxMs} ms`);
  }
  if (b.minRps !== undefined) {
    const ratio = row.summary.rps / b.minRps;
    ok &&= ratio >= 1;
    parts.push(`${ratio.toFixed(2)}× of ${b.minRps}/s`);
  }
  return `${parts.join(', ')} → ${ok ? 'within budget' : 'MISSES budget'}`;
}

export function formatTable(rows: readonly ResultRow[]): string {
  const header = [
    'part',
    'db',
    'scale',
    'case',
    'clients',
    'n',
    'err',
    'p50 ms',
    'p95 ms',
    'p99 ms',
    'req/s',
    'sql ms',
    'app ms/req',
    'pg cpu ms/req',
  ];
  const lines = rows.map((r) => [
    r.part,
    r.engine,
    r.scale,
    r.label,
    String(r.clients),
    String(r.summary.n),
    String(r.summary.errors),
    ms(r.summary.p50),
    ms(r.summary.p95),
    ms(r.summary.p99),
    Number.isFinite(r.summary.rps) ? Math.round(r.summary.rps).toString() : '–',
    r.dbMs === undefined ? '' : ms(r.dbMs),
    r.appMs === undefined ? '' : ms(r.appMs),
    r.pgCpuMs === undefined || r.pgCpuMs === null ? '' : ms(r.pgCpuMs),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => (l[i] ?? '').length)));
  const numeric = new Set([4, 5, 6, 7, 8, 9, 10, 11, 12, 13]);
  const fmt = (cells: string[]) =>
    `| ${cells.map((c, i) => (numeric.has(i) ? c.padStart(widths[i] ?? 0) : c.padEnd(widths[i] ?? 0))).join(' | ')} |`;
  const rule = `|${widths.map((w, i) => (numeric.has(i) ? `${'-'.repeat(w + 1)}:` : '-'.repeat(w + 2))).join('|')}|`;
  const table = [fmt(header), rule, ...lines.map(fmt)].join('\n');
  const budgets = rows
    .filter((r) => r.budget)
    .map((r) => `- ${r.part} ${r.engine} ${r.scale} ${r.label} (${r.clients} clients): ${verdict(r)}`);
  return budgets.length ? `${table}\n\nBudgets (DESIGN.md §6):\n${budgets.join('\n')}` : table;
}
