import { Worker } from 'node:worker_threads';
import { type Summary, summarize } from './stats.js';

export type RequestSpec =
  | { kind: 'get'; headers: Record<string, string>; paths: string[] }
  | { kind: 'create'; headers: Record<string, string>; bodies: [string, string][]; idempotency: boolean };

export interface LoadJob {
  baseUrl: string;
  concurrency: number;
  request: RequestSpec;
  /** duration mode */
  warmupMs?: number;
  durationMs?: number;
  /** count mode */
  warmupCount?: number;
  count?: number;
  /** count mode: stop starting requests after this long, even if `count` is not reached */
  maxMs?: number;
  /** distinguishes idempotency keys between runs */
  runId: string;
}

export interface LoadResult {
  /** every request sent, warm-up included */
  sent: number;
  latencies: number[];
  errors: number;
  statuses: Record<string, number>;
  firstError: string | null;
  windowMs: number;
}

let runs = 0;

/** Runs the clients in a worker thread (tsx is registered there too) and summarises. */
export async function runLoad(
  job: Omit<LoadJob, 'runId'>,
): Promise<{ summary: Summary; result: LoadResult }> {
  const api = import.meta.resolve('tsx/esm/api');
  const entry = new URL('./load-worker.ts', import.meta.url).href;
  const code = `import(${JSON.stringify(api)}).then((m) => { m.register(); return import(${JSON.stringify(entry)}); });`;
  const workerData: LoadJob = { ...job, runId: `${process.pid}-${Date.now()}-${runs++}` };
  const result = await new Promise<LoadResult>((resolve, reject) => {
    const worker = new Worker(code, { eval: true, workerData });
    worker.once('message', (m: LoadResult | { fatal: string }) => {
      void worker.terminate();
      if ('fatal' in m) reject(new Error(m.fatal));
      else resolve(m);
    });
    worker.once('error', reject);
  });
  if (result.firstError) console.log(`    first error: ${result.firstError}`);
  return { summary: summarize(result.latencies, result.windowMs, result.errors), result };
}
