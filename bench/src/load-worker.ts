/**
 * The HTTP clients, in a worker thread so their work does not run on the server's event loop.
 * Each client sends one request at a time over a keep-alive connection (closed loop).
 */
import { Agent, request } from 'node:http';
import { parentPort, workerData } from 'node:worker_threads';
import type { LoadJob, LoadResult } from './load.js';

const job = workerData as LoadJob;
const agent = new Agent({ keepAlive: true, maxSockets: job.concurrency });

function send(
  method: string,
  path: string,
  headers: Record<string, string>,
  body: string | null,
): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      `${job.baseUrl}${path}`,
      {
        method,
        agent,
        headers: body
          ? {
              ...headers,
              'content-type': 'application/json',
              'content-length': String(Buffer.byteLength(body)),
            }
          : headers,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString() }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body ?? undefined);
  });
}

let sequence = 0;
function next(): { method: string; path: string; headers: Record<string, string>; body: string | null } {
  const i = sequence++;
  const r = job.request;
  if (r.kind === 'get') {
    return { method: 'GET', path: r.paths[i % r.paths.length] as string, headers: r.headers, body: null };
  }
  const [title, description] = r.bodies[i % r.bodies.length] as [string, string];
  const headers = r.idempotency ? { ...r.headers, 'idempotency-key': `bench-${job.runId}-${i}` } : r.headers;
  return {
    method: 'POST',
    path: '/api/v1/tickets',
    headers,
    body: JSON.stringify({ type: 'incident', title, description }),
  };
}

async function main(): Promise<LoadResult> {
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  let errors = 0;
  let firstError: string | null = null;
  // duration mode: warm up for warmupMs, then record what starts and ends within durationMs;
  // count mode: send warmupCount requests unrecorded, then record `count` of them
  const started = performance.now();
  const measureFrom = started + (job.warmupMs ?? 0);
  const stopAt = job.durationMs === undefined ? Number.POSITIVE_INFINITY : measureFrom + job.durationMs;
  let warmupLeft = job.warmupCount ?? 0;
  let remaining = job.count ?? Number.POSITIVE_INFINITY;
  const deadline = job.maxMs === undefined ? Number.POSITIVE_INFINITY : started + job.maxMs;
  let firstStart = Number.POSITIVE_INFINITY;
  let lastEnd = 0;

  const client = async () => {
    for (;;) {
      const t0 = performance.now();
      if (t0 >= stopAt || t0 >= deadline) return;
      let recorded = t0 >= measureFrom && warmupLeft === 0;
      if (warmupLeft > 0) warmupLeft--;
      else if (recorded) {
        if (remaining <= 0) return;
        remaining--;
      }
      const { method, path, headers, body } = next();
      let res: { status: number; text: string };
      try {
        res = await send(method, path, headers, body);
      } catch (err) {
        res = { status: 0, text: String(err) };
      }
      const t1 = performance.now();
      recorded &&= t1 <= stopAt;
      if (!recorded) continue;
      firstStart = Math.min(firstStart, t0);
      lastEnd = Math.max(lastEnd, t1);
      statuses[res.status] = (statuses[res.status] ?? 0) + 1;
      if (res.status >= 200 && res.status < 300) latencies.push(t1 - t0);
      else {
        errors++;
        firstError ??= `${res.status} ${res.text.slice(0, 300)}`;
      }
    }
  };
  await Promise.all(Array.from({ length: job.concurrency }, client));
  agent.destroy();
  const windowMs = job.durationMs ?? Math.max(0, lastEnd - firstStart);
  return { sent: sequence, latencies, errors, statuses, firstError, windowMs };
}

main().then(
  (result) => parentPort?.postMessage(result),
  (err: unknown) => parentPort?.postMessage({ fatal: String(err) }),
);
