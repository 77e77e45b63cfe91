import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { dayRange, type EntityFilter, inEntities, int } from '../cockpit/index.js';
import type { MonthRange } from './report-month.js';

type Row = Record<string, unknown>;

/** pg answers timestamptz as text, PGlite as a Date. */
const instant = (v: unknown) => (v instanceof Date ? v : new Date(String(v)));

/** An entity and its sub-entities (materialised path), for a report read without an actor (the schedule). */
export async function entitySubtree(db: DbOrTx, entityId: number): Promise<number[]> {
  const { rows } = await db.execute<{ id: unknown }>(sql`
    select d.id from entities e join entities d on d.path like e.path || '%' where e.id = ${entityId}`);
  return rows.map((r) => int(r.id));
}

export async function entityName(db: DbOrTx, entityId: number): Promise<string | undefined> {
  const { rows } = await db.execute<{ name: string }>(sql`select name from entities where id = ${entityId}`);
  return rows[0]?.name;
}

/** Tickets created by type (incident, request) in the month and the month before, from the facts. */
export async function readByType(
  db: DbOrTx,
  ids: EntityFilter,
  current: MonthRange,
  previous: MonthRange,
): Promise<{ key: string; current: number; previous: number }[]> {
  const cur = dayRange(current);
  const prev = dayRange(previous);
  const { rows } = await db.execute<Row>(sql`
    select f.type, count(*) filter (where f.created_at >= ${cur.start}) as cur,
      count(*) filter (where f.created_at < ${cur.start}) as prev
    from ticket_facts f
    where f.created_at >= ${prev.start} and f.created_at < ${cur.end} and ${inEntities(sql`f.entity_id`, ids)}
    group by f.type order by f.type`);
  return rows.map((r) => ({ key: String(r.type), current: int(r.cur), previous: int(r.prev) }));
}

export interface NotableIncident {
  number: string;
  title: string;
  priority: number;
  status: string;
  createdAt: string;
  resolvedAt: string | null;
  /** creation → resolution, minutes; null while unresolved */
  durationMinutes: number | null;
  /** tickets grouped under it (a major incident when > 0) */
  children: number;
}

/**
 * The month's notable incidents: priority 1–2, or parents of grouped tickets (major incidents),
 * created in the month; most urgent first, at most `limit`.
 */
export async function readNotableIncidents(
  db: DbOrTx,
  ids: EntityFilter,
  month: MonthRange,
  limit = 25,
): Promise<NotableIncident[]> {
  const { start, end } = dayRange(month);
  const { rows } = await db.execute<Row>(sql`
    select t.number, t.title, t.priority, t.status, t.created_at, t.resolved_at,
      (select count(*) from ticket_links l where l.from_ticket_id = t.id and l.kind = 'parent') as children
    from tickets t
    where t.type = 'incident' and t.created_at >= ${start} and t.created_at < ${end}
      and ${inEntities(sql`t.entity_id`, ids)}
      and (t.priority <= 2 or exists (select 1 from ticket_links l where l.from_ticket_id = t.id and l.kind = 'parent'))
    order by t.priority, t.created_at, t.id
    limit ${limit}`);
  return rows.map((r) => {
    const created = instant(r.created_at);
    const resolved = r.resolved_at === null ? null : instant(r.resolved_at);
    return {
      number: String(r.number),
      title: String(r.title),
      priority: int(r.priority),
      status: String(r.status),
      createdAt: created.toISOString(),
      resolvedAt: resolved?.toISOString() ?? null,
      durationMinutes: resolved ? Math.round((resolved.getTime() - created.getTime()) / 60_000) : null,
      children: int(r.children),
    };
  });
}

/**
 * Response SLA compliance, which the cockpit's facts do not keep (they hold the resolution side):
 * tickets whose SLA response clocks (policies of kind `sla`, as for resolution) all stopped, dated
 * by the last stop, met when none breached; this month and the month before. It reads the clocks
 * stopped in the two months (no index on the stop: a monthly report can afford the scan).
 */
export async function readResponseCompliance(
  db: DbOrTx,
  ids: EntityFilter,
  current: MonthRange,
  previous: MonthRange,
): Promise<{ current: number | null; previous: number | null }> {
  const cur = dayRange(current);
  const prev = dayRange(previous);
  const { rows } = await db.execute<Row>(sql`
    select case when x.stopped >= ${cur.start} then 'c' else 'p' end as k, count(*) as n,
      count(*) filter (where not x.breached) as met
    from (
      select s.ticket_id, max(s.stopped_at) as stopped, bool_or(s.breached_at is not null) as breached
      from ticket_slas s
      join sla_policies p on p.id = s.policy_id and p.kind = 'sla'
      join tickets t on t.id = s.ticket_id
      where s.metric = 'response' and ${inEntities(sql`t.entity_id`, ids)}
      group by s.ticket_id
      having bool_and(s.status = 'stopped')
    ) x
    where x.stopped >= ${prev.start} and x.stopped < ${cur.end}
    group by 1`);
  const rate = (k: string) => {
    const r = rows.find((row) => row.k === k);
    return r && int(r.n) > 0 ? Number((int(r.met) / int(r.n)).toFixed(4)) : null;
  };
  return { current: rate('c'), previous: rate('p') };
}
