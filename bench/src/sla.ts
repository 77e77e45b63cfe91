import { sql } from 'drizzle-orm';
import type { Target } from './databases.js';
import type { RunningServer } from './server.js';
import { type ResultRow, summarize } from './stats.js';

const OPEN_TICKETS = 100_000;
const ESCALATIONS = 20;

const officeHours = (end: string) =>
  Object.fromEntries(['1', '2', '3', '4', '5'].map((d) => [d, [{ start: '08:00', end }]]));

async function call<T>(server: RunningServer, token: string, method: string, path: string, body?: unknown) {
  const res = await fetch(`${server.baseUrl}/api/v1${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

/**
 * 100,000 open tickets with a running clock on one calendar, then an administrator changes its
 * hours: the PUT answers once every clock has its new due time, the queues their new order and
 * the timers their new instants.
 */
async function benchRecalculation(
  target: Target,
  server: RunningServer,
  adminToken: string,
): Promise<ResultRow> {
  const { db } = target.database;
  const cal = await call<{ id: number; version: number }>(server, adminToken, 'POST', '/sla/calendars', {
    name: 'Bench – bureaux',
    weekly: officeHours('18:00'),
  });
  const policy = await call<{ id: number }>(server, adminToken, 'POST', '/sla/policies', {
    name: 'Bench – recalcul',
    kind: 'sla',
    active: false, // clocks are written below; new tickets of the other parts must not get this one
    calendarId: cal.id,
    targets: [{ priority: 3, responseMinutes: null, resolutionMinutes: 960 }],
  });
  const t0 = Date.now();
  // copies of a seeded ticket, open, each with a clock started up to two days ago
  await db.execute(sql`
    with src as (select * from tickets order by id limit 1),
    t as (
      insert into tickets (number, type, title, description, status, channel, impact, urgency, priority, entity_id,
        requester_id, created_by, created_at, updated_at, search)
      select 'BEN' || lpad(g.i::text, 7, '0'), src.type, src.title, src.description, 'assigned', src.channel,
        src.impact, src.urgency, 3, src.entity_id, src.requester_id, src.created_by,
        now() - make_interval(mins => g.i % 2880), now(), src.search
      from src, generate_series(1, ${OPEN_TICKETS}) g(i)
      returning id, created_at
    )
    insert into ticket_slas (ticket_id, policy_id, metric, calendar_id, target_minutes, status, elapsed_minutes,
      segment_started_at, started_at, fired)
    select t.id, ${policy.id}, 'resolution', ${cal.id}, 960, 'running', 0, t.created_at, t.created_at, '[]'::jsonb
    from t`);
  console.log(
    `  sla: ${OPEN_TICKETS.toLocaleString('en')} open tickets with a running clock written in ${Date.now() - t0} ms`,
  );
  const started = performance.now();
  await call(server, adminToken, 'PUT', `/sla/calendars/${cal.id}`, {
    name: 'Bench – bureaux',
    weekly: officeHours('17:00'),
    version: cal.version,
  });
  const wall = performance.now() - started;
  const { rows } = await db.execute<{ moved: number }>(
    sql`select count(*)::int as moved from ticket_slas where calendar_id = ${cal.id} and due_at is not null`,
  );
  console.log(
    `  sla: calendar change recalculated ${rows[0]?.moved} clocks in ${(wall / 1000).toFixed(2)} s ` +
      `(${Math.round((OPEN_TICKETS / wall) * 1000).toLocaleString('en')} clocks/s)`,
  );
  return {
    part: 'sla',
    engine: target.engine,
    scale: '100k',
    label: 'recalculate after calendar change',
    clients: 1,
    summary: summarize([wall], wall),
  };
}

/**
 * From the moment a clock crosses an escalation threshold to the moment the reassignment is
 * written, with the job queue polling as in production. Each ticket's escalation falls due 1.2 s
 * after its creation (2 % of a one-minute target).
 */
async function benchEscalation(
  target: Target,
  server: RunningServer,
  adminToken: string,
  agentToken: string,
): Promise<ResultRow> {
  const { db } = target.database;
  const cal = await call<{ id: number }>(server, adminToken, 'POST', '/sla/calendars', {
    name: 'Bench – 24/7',
    weekly: null,
  });
  const groups = await call<{ id: number; name: string }[]>(server, adminToken, 'GET', '/groups');
  const [from, to] = groups;
  if (!from || !to) throw new Error('the demo groups are missing');
  const [category] = await call<{ id: number }[]>(server, adminToken, 'GET', '/categories');
  if (!category) throw new Error('the demo categories are missing');
  // a category makes it the most specific level for these tickets, above the demo's
  const policy = await call<{ id: number }>(server, adminToken, 'POST', '/sla/policies', {
    name: 'Bench – escalade',
    kind: 'sla',
    ticketType: 'request',
    categoryId: category.id,
    calendarId: cal.id,
    warnPercent: 1,
    targets: [{ priority: 5, responseMinutes: null, resolutionMinutes: 1 }],
    escalations: [{ metric: 'resolution', percent: 2, notifyCoordinators: true, reassignGroupId: to.id }],
  });
  const numbers: string[] = [];
  for (let i = 0; i < ESCALATIONS; i++) {
    const t = await call<{ number: string }>(server, agentToken, 'POST', '/tickets', {
      type: 'request',
      title: `Accès au partage ${i}`,
      impact: 3,
      urgency: 3,
      categoryId: category.id,
      groupId: from.id,
    });
    numbers.push(t.number);
    await new Promise((r) => setTimeout(r, 150));
  }
  const deadline = Date.now() + 30_000;
  const latencies = async () => {
    const { rows } = await db.execute<{ latency: number | null }>(sql`
      select extract(epoch from (e.created_at - (c.started_at + interval '1.2 seconds'))) * 1000 as latency
      from ticket_slas c
      join tickets t on t.id = c.ticket_id
      left join ticket_events e on e.ticket_id = t.id and e.kind = 'escalated'
      where c.policy_id = ${policy.id} and t.number in (select jsonb_array_elements_text(${JSON.stringify(numbers)}::jsonb))`);
    return rows.map((r) => (r.latency === null ? null : Number(r.latency)));
  };
  let measured = await latencies();
  while (measured.some((l) => l === null) && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 250));
    measured = await latencies();
  }
  const done = measured.filter((l): l is number => l !== null);
  const summary = summarize(done, 0, measured.length - done.length);
  console.log(
    `  sla: breach → escalation applied, ${done.length}/${ESCALATIONS}: p50 ${summary.p50.toFixed(0)} ms, ` +
      `p95 ${summary.p95.toFixed(0)} ms, max ${summary.max.toFixed(0)} ms`,
  );
  return {
    part: 'sla',
    engine: target.engine,
    scale: 'demo',
    label: 'threshold → escalation applied',
    clients: 1,
    summary,
    budget: { percentile: 'p95', maxMs: 5_000 },
  };
}

export async function benchSla(
  target: Target,
  server: RunningServer,
  adminToken: string,
  agentToken: string,
): Promise<ResultRow[]> {
  return [
    await benchEscalation(target, server, adminToken, agentToken),
    await benchRecalculation(target, server, adminToken),
  ];
}
