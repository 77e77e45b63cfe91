import type {
  CockpitNow,
  CockpitPeriod,
  CockpitPeriodQuery,
  CockpitTrend,
  KpiKey,
  KpiValue,
} from '@guichet/contracts';
import { kpiKeySchema } from '@guichet/contracts';
import { type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import type { Actor } from '../../platform/auth/actor.js';
import type { Clock } from '../../platform/clock.js';
import { lastMonths, previousPeriod, toLocalDate } from './cockpit.dates.js';
import { cockpitEntities } from './cockpit.scope.js';
import { type EntityFilter, inEntities, int } from './cockpit.sql.js';
import { readNow } from './cockpit-now.repository.js';
import {
  dayRange,
  type PeriodKpis,
  readBacklog,
  readBreakdowns,
  readKpis,
} from './cockpit-period.repository.js';
import { readMonthly } from './cockpit-trend.repository.js';

export interface CockpitServiceDeps {
  db: Db;
  clock: Clock;
}

const PERIOD_KPIS = kpiKeySchema.options.filter((k) => k !== 'backlog') as Exclude<KpiKey, 'backlog'>[];

/**
 * Open tickets just before midnight ending a day (`end`), or at the instant `now`: a ticket is open
 * from its creation (included) to its settlement (excluded). One range of the settled index.
 */
async function openAt(db: Db, ids: EntityFilter, at: { end: SQL } | { now: Date }): Promise<number> {
  const when =
    'end' in at
      ? sql`coalesce(f.settled_at, 'infinity'::timestamptz) >= ${at.end} and f.created_at < ${at.end}`
      : sql`coalesce(f.settled_at, 'infinity'::timestamptz) > ${at.now.toISOString()}::timestamptz
          and f.created_at <= ${at.now.toISOString()}::timestamptz`;
  const { rows } = await db.execute<{ n: unknown }>(sql`
    select count(*) as n from ticket_facts f where ${when} and ${inEntities(sql`f.entity_id`, ids)}`);
  return int(rows[0]?.n);
}

export function createCockpitService({ db, clock }: CockpitServiceDeps) {
  async function period(actor: Actor, q: CockpitPeriodQuery): Promise<CockpitPeriod> {
    const ids = await cockpitEntities(db, actor, q.entityId);
    const current = { from: q.from, to: q.to };
    const previous = previousPeriod(q.from, q.to);
    const { current: cur, previous: prev } = await readKpis(db, ids, current, previous);
    const breakdowns = await readBreakdowns(db, ids, current, previous);
    const backlog = await readBacklog(db, ids, current);
    const pair = (k: keyof PeriodKpis): KpiValue => ({ current: cur[k], previous: prev[k] });
    // backlog as a figure: open at the end of each period (the daily series is below)
    const backlogKpi: KpiValue = {
      current: backlog.at(-1)?.open ?? null,
      previous: await openAt(db, ids, { end: dayRange(previous).end }),
    };
    return {
      period: current,
      previous,
      kpis: {
        ...(Object.fromEntries(PERIOD_KPIS.map((k) => [k, pair(k)])) as Omit<
          CockpitPeriod['kpis'],
          'backlog'
        >),
        backlog: backlogKpi,
      },
      byChannel: breakdowns.channel,
      byCategory: breakdowns.category,
      byEntity: breakdowns.entity,
      bySiteKind: breakdowns.siteKind,
      backlog,
      satisfactionCount: pair('satisfactionCount'),
    };
  }

  return {
    period,

    async now(actor: Actor, entityId?: number): Promise<CockpitNow> {
      const ids = await cockpitEntities(db, actor, entityId);
      const now = clock.now();
      return { generatedAt: now.toISOString(), ...(await readNow(db, ids, now)) };
    },

    /** One value per month; the current month counts up to now, its backlog is the one of now. */
    async trend(actor: Actor, q: { kpi: KpiKey; months: number; entityId?: number }): Promise<CockpitTrend> {
      const ids = await cockpitEntities(db, actor, q.entityId);
      const now = clock.now();
      const points: CockpitTrend['points'] = [];
      const months = lastMonths(toLocalDate(now), q.months);
      if (q.kpi !== 'backlog') {
        const first = months[0];
        const last = months.at(-1);
        if (!first || !last) return { kpi: q.kpi, points };
        const values = await readMonthly(db, ids, q.kpi, dayRange(first).start, dayRange(last).end);
        const empty = q.kpi === 'volume' ? 0 : null;
        return {
          kpi: q.kpi,
          points: months.map((m) => ({ month: m.month, value: values.get(m.month) ?? empty })),
        };
      }
      for (const m of months) {
        const isCurrent = m.to >= toLocalDate(now);
        points.push({
          month: m.month,
          value: await openAt(db, ids, isCurrent ? { now } : { end: dayRange(m).end }),
        });
      }
      return { kpi: q.kpi, points };
    },
  };
}
export type CockpitService = ReturnType<typeof createCockpitService>;
