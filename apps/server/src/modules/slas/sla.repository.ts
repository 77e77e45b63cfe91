import { and, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import type { ClockEvent, ClockState } from './sla.clock.js';
import { ticketSlaEvents, ticketSlas } from './sla.table.js';

export type ClockRow = typeof ticketSlas.$inferSelect;

export const stateOf = (r: ClockRow): ClockState => ({
  status: r.status,
  targetMinutes: r.targetMinutes,
  elapsedMinutes: r.elapsedMinutes,
  segmentStartedAt: r.segmentStartedAt,
  dueAt: r.dueAt,
  warnAt: r.warnAt,
  nextCheckAt: r.nextCheckAt,
  fired: r.fired,
  breachedAt: r.breachedAt,
  stoppedAt: r.stoppedAt,
});

export const clocksOf = (db: DbOrTx, ticketId: number) =>
  db.select().from(ticketSlas).where(eq(ticketSlas.ticketId, ticketId)).orderBy(ticketSlas.id);

export const runningClocksOf = (db: DbOrTx, ticketId: number) =>
  db
    .select()
    .from(ticketSlas)
    .where(and(eq(ticketSlas.ticketId, ticketId), eq(ticketSlas.status, 'running')))
    .orderBy(ticketSlas.id);

export async function saveClock(db: DbOrTx, id: number, c: ClockState, events: ClockEvent[]): Promise<void> {
  await db
    .update(ticketSlas)
    .set({
      status: c.status,
      targetMinutes: c.targetMinutes,
      elapsedMinutes: c.elapsedMinutes,
      segmentStartedAt: c.segmentStartedAt,
      dueAt: c.dueAt,
      warnAt: c.warnAt,
      nextCheckAt: c.nextCheckAt,
      fired: c.fired,
      breachedAt: c.breachedAt,
      stoppedAt: c.stoppedAt,
    })
    .where(eq(ticketSlas.id, id));
  await addEvents(
    db,
    events.map((e) => ({ ...e, ticketSlaId: id })),
  );
}

export async function addEvents(db: DbOrTx, events: (ClockEvent & { ticketSlaId: number })[]): Promise<void> {
  if (events.length === 0) return;
  await db
    .insert(ticketSlaEvents)
    .values(events.map((e) => ({ ticketSlaId: e.ticketSlaId, kind: e.kind, detail: e.detail, at: e.at })));
}

export interface NewClock {
  ticketId: number;
  policyId: number;
  metric: 'response' | 'resolution';
  calendarId: number;
  startedAt: Date;
  state: ClockState;
  events: ClockEvent[];
}

const clockValues = (c: Omit<NewClock, 'ticketId' | 'events'>) => ({
  policyId: c.policyId,
  metric: c.metric,
  calendarId: c.calendarId,
  targetMinutes: c.state.targetMinutes,
  status: c.state.status,
  elapsedMinutes: c.state.elapsedMinutes,
  segmentStartedAt: c.state.segmentStartedAt,
  dueAt: c.state.dueAt,
  warnAt: c.state.warnAt,
  nextCheckAt: c.state.nextCheckAt,
  fired: c.state.fired,
  breachedAt: c.state.breachedAt,
  startedAt: c.startedAt,
  stoppedAt: c.state.stoppedAt,
});

/**
 * Many clocks and their first history rows in one statement: rows travel as one JSON parameter,
 * which costs far less than thousands of bound parameters (a batch of new tickets has ~1,000).
 */
export async function insertClocks(db: DbOrTx, clocks: NewClock[]): Promise<void> {
  if (clocks.length === 0) return;
  const iso = (d: Date | null) => d?.toISOString() ?? null;
  const rows = clocks.map((c) => {
    const v = clockValues(c);
    return {
      ...v,
      ticketId: c.ticketId,
      segmentStartedAt: iso(v.segmentStartedAt),
      dueAt: iso(v.dueAt),
      warnAt: iso(v.warnAt),
      nextCheckAt: iso(v.nextCheckAt),
      breachedAt: iso(v.breachedAt),
      startedAt: iso(v.startedAt),
      stoppedAt: iso(v.stoppedAt),
    };
  });
  const events = clocks.flatMap((c) =>
    c.events.map((e) => ({
      ticketId: c.ticketId,
      policyId: c.policyId,
      metric: c.metric,
      kind: e.kind,
      detail: e.detail,
      at: e.at.toISOString(),
    })),
  );
  await db.execute(sql`
    with added as (
      insert into ticket_slas (ticket_id, policy_id, metric, calendar_id, target_minutes, status, elapsed_minutes,
        segment_started_at, due_at, warn_at, next_check_at, fired, breached_at, started_at, stopped_at)
      select x."ticketId", x."policyId", x.metric, x."calendarId", x."targetMinutes", x.status, x."elapsedMinutes",
        x."segmentStartedAt", x."dueAt", x."warnAt", x."nextCheckAt", x.fired, x."breachedAt", x."startedAt",
        x."stoppedAt"
      from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as x("ticketId" bigint, "policyId" bigint,
        metric text, "calendarId" bigint, "targetMinutes" int, status text, "elapsedMinutes" float8,
        "segmentStartedAt" timestamptz, "dueAt" timestamptz, "warnAt" timestamptz, "nextCheckAt" timestamptz,
        fired jsonb, "breachedAt" timestamptz, "startedAt" timestamptz, "stoppedAt" timestamptz)
      returning id, ticket_id, policy_id, metric
    )
    insert into ticket_sla_events (ticket_sla_id, kind, detail, created_at)
    select a.id, ev.kind, ev.detail, ev.at
    from added a join jsonb_to_recordset(${JSON.stringify(events)}::jsonb)
      as ev("ticketId" bigint, "policyId" bigint, metric text, kind text, detail jsonb, at timestamptz)
      on ev."ticketId" = a.ticket_id and ev."policyId" = a.policy_id and ev.metric = a.metric`);
}

/** Copies the most urgent clock onto the tickets (for the queues); only rows that differ are written. */
export async function refreshTicketColumns(db: DbOrTx, ticketIds: number[]): Promise<void> {
  if (ticketIds.length === 0) return;
  await db.execute(sql`
    update tickets t set sla_state = x.state, sla_due_at = x.due, sla_warn_at = x.warn
    from (
      select id as ticket_id, s.state, s.due, s.warn
      from tickets tk
      left join lateral (
        select case when bool_or(c.status = 'running') then 'running'
                    when bool_or(c.status = 'paused') then 'paused' end as state,
          min(c.due_at) filter (where c.status = 'running') as due,
          min(c.warn_at) filter (where c.status = 'running') as warn
        from ticket_slas c where c.ticket_id = tk.id
      ) s on true
      where tk.id in (select jsonb_array_elements_text(${JSON.stringify(ticketIds)}::jsonb)::bigint)
    ) x
    where t.id = x.ticket_id
      and (t.sla_state, t.sla_due_at, t.sla_warn_at) is distinct from (x.state, x.due, x.warn)`);
}

/** Tickets with a threshold due at or before `at`: what the timers act on, or the sweep catches up. */
export async function ticketsDueBy(db: DbOrTx, at: Date, limit: number): Promise<number[]> {
  const rows = await db
    .selectDistinct({ ticketId: ticketSlas.ticketId })
    .from(ticketSlas)
    .where(sql`${ticketSlas.nextCheckAt} <= ${at.toISOString()}::timestamptz`)
    .limit(limit);
  return rows.map((r) => r.ticketId);
}

export const clocksOnCalendar = (db: DbOrTx, calendarId: number) =>
  db
    .select()
    .from(ticketSlas)
    .where(and(eq(ticketSlas.calendarId, calendarId), eq(ticketSlas.status, 'running')));

/** New due, warning and next-check instants for many clocks, with a history row each. */
export async function rescheduleClocks(
  db: DbOrTx,
  clocks: { id: number; dueAt: Date | null; warnAt: Date | null; nextCheckAt: Date | null }[],
  event: ClockEvent,
): Promise<void> {
  if (clocks.length === 0) return;
  const rows = clocks.map((c) => ({
    id: c.id,
    due: c.dueAt?.toISOString() ?? null,
    warn: c.warnAt?.toISOString() ?? null,
    next: c.nextCheckAt?.toISOString() ?? null,
  }));
  await db.execute(sql`
    with x as (
      select * from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb)
        as x(id bigint, due timestamptz, warn timestamptz, next timestamptz)
    ),
    updated as (
      update ticket_slas c set due_at = x.due, warn_at = x.warn, next_check_at = x.next
      from x where c.id = x.id
      returning c.id
    )
    insert into ticket_sla_events (ticket_sla_id, kind, detail, created_at)
    select id, ${event.kind}, ${JSON.stringify(event.detail)}::jsonb, ${event.at.toISOString()}::timestamptz
    from updated`);
}
