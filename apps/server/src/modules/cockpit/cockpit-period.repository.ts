import type { KpiKey } from '@guichet/contracts';
import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { type EntityFilter, inEntities, int, num, startOfDay, ZONE } from './cockpit.sql.js';

/** A half-open range of local dates: from 00:00 of `from` to 00:00 after `to` (Europe/Paris). */
export interface DayRange {
  from: string;
  to: string;
}

export type PeriodKpis = Record<Exclude<KpiKey, 'backlog'>, number | null> & { satisfactionCount: number };

type Row = Record<string, unknown>;

const round = (v: number | null, digits: number) => (v === null ? null : Number(v.toFixed(digits)));
const ratio = (part: unknown, whole: unknown) => (int(whole) === 0 ? null : round(int(part) / int(whole), 4));

/** The rounding of each KPI: rates to 4 decimals, minutes to 1, satisfaction to 2, counts whole. */
export function roundKpi(kpi: Exclude<KpiKey, 'backlog'>, v: number | null): number | null {
  if (kpi === 'volume') return v ?? 0;
  if (kpi.endsWith('_rate')) return round(v, 4);
  if (kpi === 'satisfaction_mean') return round(v, 2);
  return round(v, 1);
}

const surveysSeen = new WeakSet<object>();

/** Whether the satisfaction survey's table exists (it belongs to the satisfaction module, read by name). */
export async function hasSurveys(db: DbOrTx): Promise<boolean> {
  if (surveysSeen.has(db)) return true;
  const { rows } = await db.execute<{ ok: boolean }>(
    sql`select to_regclass('satisfaction_responses') is not null as ok`,
  );
  // once there it stays (migrations only add): later calls skip the round trip
  if (rows[0]?.ok === true) surveysSeen.add(db);
  return rows[0]?.ok === true;
}

/**
 * Every period KPI of a period and of the one just before it (ADR 0013 has the definitions), in one
 * statement: each KPI is one range scan of the timestamp that dates it over both periods, split by
 * the boundary. Volume and first-contact resolution by creation, first response by its moment,
 * resolution time by the current resolution, SLA compliance by the clocks' stop, reopen rate by the
 * first resolution, satisfaction by the answer.
 */
export async function readKpis(
  db: DbOrTx,
  ids: EntityFilter,
  current: DayRange,
  previous: DayRange,
): Promise<{ current: PeriodKpis; previous: PeriodKpis }> {
  const { start: from } = dayRange(previous);
  const { start: boundary, end } = dayRange(current);
  const f = inEntities(sql`f.entity_id`, ids);
  /** `value` (a jsonb object) for each side of the boundary, as {"c": …, "p": …} */
  const split = (column: string, value: string, table = sql`ticket_facts f`, scope = f) => {
    const c = sql.raw(column);
    return sql`(select jsonb_object_agg(k, v) from (
      select case when ${c} >= ${boundary} then 'c' else 'p' end as k, ${sql.raw(value)} as v
      from ${table} where ${c} >= ${from} and ${c} < ${end} and ${scope} group by 1) x)`;
  };
  const minutes = (a: string) => `extract(epoch from (f.${a} - f.created_at)) / 60.0`;
  const times = (a: string) =>
    `jsonb_build_object('mean', avg(${minutes(a)}), 'p90', percentile_cont(0.9) within group (order by ${minutes(a)}))`;
  const surveys = (await hasSurveys(db))
    ? split(
        's.answered_at',
        `jsonb_build_object('n', count(*), 'mean', avg(s.score))`,
        sql`satisfaction_responses s`,
        inEntities(sql`s.entity_id`, ids),
      )
    : sql`null::jsonb`;
  const { rows } = await db.execute<Row>(sql`select
    ${split('f.created_at', `jsonb_build_object('n', count(*), 'fcr', count(*) filter (where f.first_contact))`)} as created,
    ${split('f.first_response_at', times('first_response_at'))} as response,
    ${split('f.resolved_at', times('resolved_at'))} as resolution,
    ${split('f.sla_stopped_at', `jsonb_build_object('n', count(*), 'met', count(*) filter (where not f.sla_breached))`)} as sla,
    ${split('f.first_resolved_at', `jsonb_build_object('n', count(*), 'reopened', count(*) filter (where f.reopen_count > 0))`)} as reopen,
    ${surveys} as satisfaction`);
  const r = rows[0] ?? {};
  const side = (k: 'c' | 'p'): PeriodKpis => {
    const o = (m: string) => ((r[m] as Record<string, Record<string, unknown>> | null)?.[k] ?? {}) as Row;
    return {
      volume: int(o('created').n),
      first_contact_resolution_rate: ratio(o('created').fcr, o('created').n),
      first_response_mean_minutes: round(num(o('response').mean), 1),
      first_response_p90_minutes: round(num(o('response').p90), 1),
      resolution_mean_minutes: round(num(o('resolution').mean), 1),
      resolution_p90_minutes: round(num(o('resolution').p90), 1),
      sla_compliance_rate: ratio(o('sla').met, o('sla').n),
      reopen_rate: ratio(o('reopen').reopened, o('reopen').n),
      satisfaction_mean: round(num(o('satisfaction').mean), 2),
      satisfactionCount: int(o('satisfaction').n),
    };
  };
  return { current: side('c'), previous: side('p') };
}

export const dayRange = (r: DayRange) => ({
  start: startOfDay(r.from),
  end: sql`(${startOfDay(r.to)} + interval '1 day')`,
});

export interface BreakdownRow {
  key: string;
  label: string;
  current: number;
  previous: number;
}

/** Tickets created in the period and in the previous one, by channel, category, entity and site kind. */
export async function readBreakdowns(
  db: DbOrTx,
  ids: EntityFilter,
  current: DayRange,
  previous: DayRange,
): Promise<Record<'channel' | 'category' | 'entity' | 'siteKind', BreakdownRow[]>> {
  const cur = dayRange(current);
  const prev = dayRange(previous);
  const { rows } = await db.execute<Row>(sql`
    select grouping(f.channel) as gc, grouping(f.category_id) as gk, grouping(f.entity_id) as ge,
      grouping(f.site_kind) as gs, f.channel, f.category_id, f.entity_id, f.site_kind,
      count(*) filter (where f.created_at >= ${cur.start}) as cur,
      count(*) filter (where f.created_at < ${cur.start}) as prev
    from ticket_facts f
    where f.created_at >= ${prev.start} and f.created_at < ${cur.end} and ${inEntities(sql`f.entity_id`, ids)}
    group by grouping sets ((f.channel), (f.category_id), (f.entity_id), (f.site_kind))`);
  const categoryIds = rows.filter((r) => !int(r.gk) && r.category_id !== null).map((r) => int(r.category_id));
  const entityIds = rows.filter((r) => !int(r.ge)).map((r) => int(r.entity_id));
  const { rows: names } = await db.execute<Row>(sql`
    select 'c' as k, id, name from categories where id = any(${`{${categoryIds.join(',')}}`}::bigint[])
    union all
    select 'e', id, name from entities where id = any(${`{${entityIds.join(',')}}`}::bigint[])`);
  const label = new Map(names.map((n) => [`${n.k}${int(n.id)}`, String(n.name)]));
  const rowsOf = (flag: string, keyOf: (r: Row) => string, labelOf: (key: string) => string) =>
    rows
      .filter((r) => !int(r[flag]))
      .map((r) => {
        const key = keyOf(r);
        return { key, label: labelOf(key), current: int(r.cur), previous: int(r.prev) };
      })
      .sort((a, b) => b.current - a.current || b.previous - a.previous || a.key.localeCompare(b.key));
  return {
    channel: rowsOf(
      'gc',
      (r) => String(r.channel),
      (k) => k,
    ),
    category: rowsOf(
      'gk',
      (r) => (r.category_id === null ? 'none' : String(int(r.category_id))),
      (k) => label.get(`c${k}`) ?? k,
    ),
    entity: rowsOf(
      'ge',
      (r) => String(int(r.entity_id)),
      (k) => label.get(`e${k}`) ?? k,
    ),
    siteKind: rowsOf(
      'gs',
      (r) => (r.site_kind === null ? 'none' : String(r.site_kind)),
      (k) => k,
    ),
  };
}

/**
 * Open tickets at the end of each day: those open at the start of the period (one range of the
 * settled index from the start to infinity), plus each day's creations, minus each day's
 * settlements; three index range scans whatever the size of the history.
 */
export async function readBacklog(
  db: DbOrTx,
  ids: EntityFilter,
  range: DayRange,
): Promise<{ date: string; open: number }[]> {
  const { start, end } = dayRange(range);
  const f = inEntities(sql`f.entity_id`, ids);
  const { rows } = await db.execute<Row>(sql`
    with days as (
      select d::date as day from generate_series(${range.from}::date, ${range.to}::date, interval '1 day') d
    ),
    base as (
      select count(*) as n from ticket_facts f
      where coalesce(f.settled_at, 'infinity'::timestamptz) >= ${start} and f.created_at < ${start} and ${f}
    ),
    created as (
      select (f.created_at at time zone ${ZONE})::date as day, count(*) as n from ticket_facts f
      where f.created_at >= ${start} and f.created_at < ${end} and ${f} group by 1
    ),
    settled as (
      select (f.settled_at at time zone ${ZONE})::date as day, count(*) as n from ticket_facts f
      where coalesce(f.settled_at, 'infinity'::timestamptz) >= ${start}
        and coalesce(f.settled_at, 'infinity'::timestamptz) < ${end} and ${f} group by 1
    )
    select to_char(days.day, 'YYYY-MM-DD') as date,
      (select n from base) + sum(coalesce(c.n, 0) - coalesce(s.n, 0)) over (order by days.day) as open
    from days left join created c on c.day = days.day left join settled s on s.day = days.day
    order by days.day`);
  return rows.map((r) => ({ date: String(r.date), open: int(r.open) }));
}
