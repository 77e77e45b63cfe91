import WebSocket from 'ws';
import type { RunningServer } from './server.js';
import { type ResultRow, summarize } from './stats.js';

const TICKETS = 200;

/**
 * Live update latency: a requester declares tickets over HTTP while an agent of the metropolis
 * desk listens on /api/v1/stream; measured from the moment the request is sent to the moment the
 * agent's socket receives the change (what "reaches another agent's screen" costs, less rendering).
 */
export async function benchLive(
  engine: string,
  server: RunningServer,
  agentToken: string,
  requesterToken: string,
): Promise<ResultRow> {
  const wsUrl = `${server.baseUrl.replace('http', 'ws')}/api/v1/stream`;
  const socket = new WebSocket(wsUrl, { headers: { authorization: `Bearer ${agentToken}` } });
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  });
  // the event may arrive before the HTTP answer that tells us the number: keep every arrival
  const arrivals = new Map<string, number>();
  socket.on('message', (data) => {
    const event = JSON.parse(String(data)) as { type?: string; number?: string; kind?: string };
    if (event.type === 'ticket.changed' && event.kind === 'created' && event.number) {
      arrivals.set(event.number, performance.now());
    }
  });
  const latencies: number[] = [];
  let errors = 0;
  const started = performance.now();
  for (let i = 0; i < TICKETS; i++) {
    const sent = performance.now();
    const res = await fetch(`${server.baseUrl}/api/v1/tickets`, {
      method: 'POST',
      headers: { authorization: `Bearer ${requesterToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        type: 'incident',
        title: `Écran noir au poste ${i}`,
        description: 'bench live',
      }),
    });
    if (res.status !== 201) {
      errors++;
      continue;
    }
    const { number } = (await res.json()) as { number: string };
    const deadline = performance.now() + 5_000;
    while (!arrivals.has(number) && performance.now() < deadline) await new Promise((r) => setTimeout(r, 1));
    const arrived = arrivals.get(number) ?? null;
    if (arrived === null) errors++;
    else latencies.push(arrived - sent);
    await new Promise((r) => setTimeout(r, 10));
  }
  socket.close();
  const summary = summarize(latencies, performance.now() - started, errors);
  console.log(
    `  ${engine}: live update to another agent, ${TICKETS} tickets … p50 ${summary.p50.toFixed(1)} ms, p95 ${summary.p95.toFixed(1)} ms`,
  );
  return {
    part: 'live',
    engine,
    scale: 'demo',
    label: 'ticket created → agent socket',
    clients: 1,
    summary,
    budget: { percentile: 'p95', maxMs: 100 },
  };
}
