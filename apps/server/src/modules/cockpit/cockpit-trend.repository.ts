import type { KpiKey } from '@guichet/contracts';
import { type SQL, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { type EntityFilter, inEntities, num, ZONE } from './cockpit.sql.js';
import { hasSurveys, roundKpi } from './cockpit-period.repository.js';

type MonthlyKpi = Exclude<KpiKey, 'backlog'>;

const minutes = (a: string) => `extract(epoch from (f.${a} - f.created_at)) / 60.0`;

/** Per KPI: the facts timestamp that dates it, and its aggregate (the same definitions as readKpis). */
const MEASURES: Record<Exclude<MonthlyKpi, 'satisfaction_mean'>, { column: string; value: string }> = {
  volume: { column: 'created_at', value: 'count(*)' },
  first_contact_resolution_rate: {
    column: 'created_at',
    value: 'count(*) filter (where f.first_contact)::float8 / nullif(count(*), 0)',
  },
  first_response_mean_minutes: { column: 'first_response_at', value: `avg(${minutes('first_response_at')})` },
  first_response_p90_minutes: {
    column: 'first_response_at',
    value: `percentile_cont(0.9) within group (order by ${minutes('first_response_at')})`,
  },
  resolution_mean_minutes: { column: 'resolved_at', value: `avg(${minutes('resolved_at')})` },
  resolution_p90_minutes: {
    column: 'resolved_at',
    value: `percentile_cont(0.9) within group (order by ${minutes('resolved_at')})`,
  },
  sla_compliance_rate: {
    column: 'sla_stopped_at',
    value: 'count(*) filter (where not f.sla_breached)::float8 / nullif(count(*), 0)',
  },
  reopen_rate: {
    column: 'first_resolved_at',
    value: 'count(*) filter (where f.reopen_count > 0)::float8 / nullif(count(*), 0)',
  },
};

/** One KPI for every month of [start, end) in one statement (one range scan, grouped by local month). */
export async function readMonthly(
  db: DbOrTx,
  ids: EntityFilter,
  kpi: MonthlyKpi,
  start: SQL,
  end: SQL,
): Promise<Map<string, number | null>> {
  let query: SQL;
  if (kpi === 'satisfaction_mean') {
    if (!(await hasSurveys(db))) return new Map();
    query = sql`select to_char(s.answered_at at time zone ${ZONE}, 'YYYY-MM') as month, avg(s.score) as value
      from satisfaction_responses s
      where s.answered_at >= ${start} and s.answered_at < ${end} and ${inEntities(sql`s.entity_id`, ids)}
      group by 1`;
  } else {
    const m = MEASURES[kpi];
    const column = sql.raw(`f.${m.column}`);
    query = sql`select to_char(${column} at time zone ${ZONE}, 'YYYY-MM') as month, ${sql.raw(m.value)} as value
      from ticket_facts f
      where ${column} >= ${start} and ${column} < ${end} and ${inEntities(sql`f.entity_id`, ids)}
      group by 1`;
  }
  const { rows } = await db.execute<{ month: string; value: unknown }>(query);
  return new Map(rows.map((r) => [r.month, roundKpi(kpi, num(r.value))]));
}
