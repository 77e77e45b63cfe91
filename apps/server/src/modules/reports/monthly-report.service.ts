import type { Language } from '@guichet/contracts';
import type { Db } from '../../db/client.js';
import type { Actor } from '../../platform/auth/actor.js';
import type { Clock } from '../../platform/clock.js';
import { invalid, notFound } from '../../platform/errors.js';
import {
  type BreakdownRow,
  cockpitEntities,
  type EntityFilter,
  type PeriodKpis,
  readBreakdowns,
  readKpis,
} from '../cockpit/index.js';
import {
  entityName,
  entitySubtree,
  type NotableIncident,
  readByType,
  readNotableIncidents,
  readResponseCompliance,
} from './monthly-report.repository.js';
import { type MonthRange, monthOf, monthRange, shiftMonth } from './report-month.js';

/** Everything a monthly report shows; the PDF and the XLSX render the same object. */
export interface MonthlyReport {
  entity: { id: number; name: string };
  language: Language;
  month: MonthRange;
  previous: MonthRange;
  generatedAt: string;
  /** the cockpit's period KPIs (ADR 0013), this month and the month before */
  kpis: { current: PeriodKpis; previous: PeriodKpis };
  /** share of tickets whose SLA response target was met (the cockpit keeps the resolution side only) */
  responseCompliance: { current: number | null; previous: number | null };
  /** tickets created in the month and the month before, by channel */
  byChannel: BreakdownRow[];
  byType: { key: string; current: number; previous: number }[];
  /** the ten categories with the most tickets created in the month */
  topCategories: BreakdownRow[];
  notableIncidents: NotableIncident[];
}

export const TOP_CATEGORIES = 10;

export function createMonthlyReportService({ db, clock }: { db: Db; clock: Clock }) {
  /** The figures of one month for a list of entities; the previous month is the calendar month before. */
  async function build(
    ids: EntityFilter,
    entityId: number,
    month: string,
    language: Language,
  ): Promise<MonthlyReport> {
    const name = await entityName(db, entityId);
    if (name === undefined) throw notFound('Entity');
    const current = monthRange(month);
    const previous = monthRange(shiftMonth(month, -1));
    const kpis = await readKpis(db, ids, current, previous);
    const breakdowns = await readBreakdowns(db, ids, current, previous);
    return {
      entity: { id: entityId, name },
      language,
      month: current,
      previous,
      generatedAt: clock.now().toISOString(),
      kpis,
      responseCompliance: await readResponseCompliance(db, ids, current, previous),
      byChannel: breakdowns.channel,
      byType: await readByType(db, ids, current, previous),
      topCategories: breakdowns.category.filter((c) => c.current > 0).slice(0, TOP_CATEGORIES),
      notableIncidents: await readNotableIncidents(db, ids, current),
    };
  }

  function assertNotFuture(month: string) {
    if (month > monthOf(clock.now())) throw invalid('month', 'The month has not started yet');
  }

  return {
    /** On demand: the actor's cockpit scope decides (403 outside it); the current month counts to date. */
    async forActor(actor: Actor, entityId: number, month: string): Promise<MonthlyReport> {
      assertNotFuture(month);
      const ids = await cockpitEntities(db, actor, entityId);
      return build(ids, entityId, month, actor.language);
    },

    /**
     * On the schedule, with no actor: the entity and all its sub-entities, explicitly. The recipients
     * were chosen by an administrator of the entity, which is what grants them its figures.
     */
    async forEntity(entityId: number, month: string, language: Language): Promise<MonthlyReport> {
      assertNotFuture(month);
      const ids = await entitySubtree(db, entityId);
      if (ids.length === 0) throw notFound('Entity');
      return build(ids, entityId, month, language);
    },
  };
}
export type MonthlyReportService = ReturnType<typeof createMonthlyReportService>;
