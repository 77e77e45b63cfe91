import WebSocket from 'ws';
import type { RunningServer } from './server.js';
import { type ResultRow, summarize } from './stats.js';

const LIVE_TICKETS = 100;

async function timedGets(
  url: string,
  token: string,
  count: number,
): Promise<{ latencies: number[]; errors: number; wall: number }> {
  const latencies: number[] = [];
  let errors = 0;
  for (let i = 0; i < 10; i++)
    await fetch(url, { headers: { authorization: `Bearer ${token}` } }).then((r) => r.arrayBuffer());
  const started = performance.now();
  const deadline = started + 60_000;
  for (let i = 0; i < count && performance.now() < deadline; i++) {
    const t = performance.now();
    const res = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
    await res.arrayBuffer();
    if (res.status === 200) latencies.push(performance.now() - t);
    else errors++;
  }
  return { latencies, errors, wall: performance.now() - started };
}

const isoDate = (d: Date) => d.toISOString().slice(0, 10);

/**
 * The cockpit as a coordinator of the whole metropolis sees it: /cockpit/now and /cockpit/period for
 * the last 30 days (with the 30 before), one client, sequential; then the live lag: a requester
 * declares a ticket, the coordinator's socket gets `cockpit.changed`, the client refetches
 * /cockpit/now, and the lag is from the creation request to the refetched answer counting it.
 */
export async function benchCockpit(
  engine: string,
  scale: string,
  server: RunningServer,
  coordinatorToken: string,
  requesterToken: string,
  reads: number,
): Promise<ResultRow[]> {
  const rows: ResultRow[] = [];
  const now = new Date();
  const from = isoDate(new Date(now.getTime() - 29 * 86_400_000));
  const cases = [
    { label: 'cockpit now', url: '/api/v1/cockpit/now' },
    {
      label: 'cockpit period, 30 days + previous',
      url: `/api/v1/cockpit/period?from=${from}&to=${isoDate(now)}`,
    },
    { label: 'cockpit trend, 12 months', url: '/api/v1/cockpit/trend?kpi=resolution_p90_minutes&months=12' },
  ];
  for (const c of cases) {
    const r = await timedGets(`${server.baseUrl}${c.url}`, coordinatorToken, Math.min(reads, 200));
    const summary = summarize(r.latencies, r.wall, r.errors);
    console.log(
      `  ${engine} ${scale}: ${c.label} … p50 ${summary.p50.toFixed(1)} ms, p95 ${summary.p95.toFixed(1)} ms`,
    );
    rows.push({
      part: 'cockpit',
      engine,
      scale,
      label: c.label,
      clients: 1,
      summary,
      budget: { percentile: 'p95', maxMs: 200 },
    });
  }
  rows.push(await liveLag(engine, scale, server, coordinatorToken, requesterToken));
  return rows;
}

async function liveLag(
  engine: string,
  scale: string,
  server: RunningServer,
  coordinatorToken: string,
  requesterToken: string,
): Promise<ResultRow> {
  const socket = new WebSocket(`${server.baseUrl.replace('http', 'ws')}/api/v1/stream`, {
    headers: { authorization: `Bearer ${coordinatorToken}` },
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  });
  let nudges = 0;
  socket.on('message', (data) => {
    if ((JSON.parse(String(data)) as { type?: string }).type === 'cockpit.changed') nudges++;
  });
  const incoming = async () => {
    const res = await fetch(`${server.baseUrl}/api/v1/cockpit/now`, {
      headers: { authorization: `Bearer ${coordinatorToken}` },
    });
    return ((await res.json()) as { today: { incoming: number } }).today.incoming;
  };
  const latencies: number[] = [];
  let errors = 0;
  const started = performance.now();
  for (let i = 0; i < LIVE_TICKETS; i++) {
    const before = await incoming();
    const seen = nudges;
    const sent = performance.now();
    const res = await fetch(`${server.baseUrl}/api/v1/tickets`, {
      method: 'POST',
      headers: { authorization: `Bearer ${requesterToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ type: 'incident', title: `Écran noir ${i}`, description: 'bench cockpit live' }),
    });
    if (res.status !== 201) {
      errors++;
      continue;
    }
    const deadline = sent + 10_000;
    let done = false;
    // as the web client does: refetch on each nudge until the figure counts the new ticket
    while (!done && performance.now() < deadline) {
      if (nudges === seen) {
        await new Promise((r) => setTimeout(r, 2));
        continue;
      }
      if ((await incoming()) > before) done = true;
    }
    if (done) latencies.push(performance.now() - sent);
    else errors++;
  }
  socket.close();
  const summary = summarize(latencies, performance.now() - started, errors);
  console.log(
    `  ${engine} ${scale}: ticket created → cockpit refetched, ${LIVE_TICKETS} tickets … p50 ${summary.p50.toFixed(0)} ms, p95 ${summary.p95.toFixed(0)} ms`,
  );
  return {
    part: 'cockpit',
    engine,
    scale,
    label: 'ticket created → cockpit shows it',
    clients: 1,
    summary,
    budget: { percentile: 'p95', maxMs: 1_000 },
  };
}
