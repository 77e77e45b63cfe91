import type { SlaMetric } from '@guichet/contracts';
import type { DbOrTx } from '../../db/client.js';
import { entities } from '../directory/index.js';
import type { BusinessCalendar } from './business-calendar.js';
import { type ClockRules, thresholdsOf } from './sla.clock.js';
import { businessCalendars, entityCalendars, slaPolicies } from './sla.table.js';

export type PolicyRow = typeof slaPolicies.$inferSelect;
export type CalendarRow = typeof businessCalendars.$inferSelect;

/** Open every minute of every day: used when no calendar is configured at all. */
export const ALWAYS_OPEN: BusinessCalendar = {
  timeZone: 'Europe/Paris',
  weekly: null,
  publicHolidays: false,
  closedDates: [],
};

export const toBusinessCalendar = (c: CalendarRow): BusinessCalendar => ({
  timeZone: c.timeZone,
  weekly: c.weekly as BusinessCalendar['weekly'],
  publicHolidays: c.publicHolidays,
  closedDates: c.closedDates,
});

export interface TicketFacts {
  type: 'incident' | 'request';
  entityId: number;
  categoryId: number | null;
  groupId: number | null;
  priority: number;
}

/**
 * Policies, calendars and the entity tree, as the engine reads them on every ticket write.
 * Kept a few seconds (like settings); writes in this process clear it at once.
 */
export class SlaCatalog {
  private policies: PolicyRow[] = [];
  private calendars = new Map<number, { row: CalendarRow; calendar: BusinessCalendar }>();
  private entityCalendar = new Map<number, number>();
  private entityPath = new Map<number, string>();
  private defaultCalendarId: number | null = null;
  private expires = 0;

  invalidate() {
    this.expires = 0;
  }

  async load(db: DbOrTx): Promise<this> {
    if (this.expires > Date.now()) return this;
    const [policies, calendars, links, tree] = await Promise.all([
      db.select().from(slaPolicies),
      db.select().from(businessCalendars),
      db.select().from(entityCalendars),
      db.select({ id: entities.id, path: entities.path }).from(entities),
    ]);
    this.policies = policies;
    this.calendars = new Map(calendars.map((row) => [row.id, { row, calendar: toBusinessCalendar(row) }]));
    this.entityCalendar = new Map(links.map((l) => [l.entityId, l.calendarId]));
    this.entityPath = new Map(tree.map((e) => [e.id, e.path]));
    this.defaultCalendarId = calendars.find((c) => c.isDefault)?.id ?? null;
    this.expires = Date.now() + 5_000;
    return this;
  }

  policy(id: number): PolicyRow | undefined {
    return this.policies.find((p) => p.id === id);
  }

  calendar(id: number): BusinessCalendar {
    return this.calendars.get(id)?.calendar ?? ALWAYS_OPEN;
  }

  /** The entity's own calendar, else its nearest ancestor's, else the default one. */
  calendarIdForEntity(entityId: number): number | null {
    const path = this.entityPath.get(entityId);
    if (path) {
      const ids = path.split('/').filter(Boolean).map(Number).reverse();
      for (const id of ids) {
        const found = this.entityCalendar.get(id);
        if (found) return found;
      }
    }
    return this.defaultCalendarId;
  }

  /** The calendar a policy's clock counts on for a ticket of `entityId`. */
  calendarIdFor(policy: PolicyRow, entityId: number): number | null {
    return policy.calendarId ?? this.calendarIdForEntity(entityId);
  }

  private covers(ancestorId: number, entityId: number): boolean {
    const a = this.entityPath.get(ancestorId);
    const e = this.entityPath.get(entityId);
    if (a === undefined) return false;
    return e?.startsWith(a) ?? false;
  }

  private depth(entityId: number | null): number {
    return entityId === null ? 0 : (this.entityPath.get(entityId)?.split('/').filter(Boolean).length ?? 0);
  }

  /**
   * The policies that apply to a ticket: the most specific requester SLA, and for its group the
   * most specific OLA and underpinning contract. More specific: a category, a deeper entity, a type.
   */
  matching(t: TicketFacts): PolicyRow[] {
    const fits = (p: PolicyRow) =>
      p.active &&
      (p.ticketType === null || p.ticketType === t.type) &&
      (p.entityId === null || this.covers(p.entityId, t.entityId)) &&
      (p.categoryId === null || p.categoryId === t.categoryId) &&
      (p.kind === 'sla' || (t.groupId !== null && p.groupId === t.groupId)) &&
      p.targets.some((x) => x.priority === t.priority && (x.responseMinutes || x.resolutionMinutes));
    const score = (p: PolicyRow) =>
      (p.categoryId ? 1000 : 0) + this.depth(p.entityId) * 10 + (p.ticketType ? 1 : 0);
    const best = new Map<string, PolicyRow>();
    for (const p of this.policies) {
      if (!fits(p)) continue;
      const current = best.get(p.kind);
      if (!current || score(p) > score(current) || (score(p) === score(current) && p.id < current.id)) {
        best.set(p.kind, p);
      }
    }
    return [...best.values()];
  }
}

export function targetOf(policy: PolicyRow, priority: number, metric: SlaMetric): number | null {
  const t = policy.targets.find((x) => x.priority === priority);
  return (metric === 'response' ? t?.responseMinutes : t?.resolutionMinutes) ?? null;
}

export function rulesOf(policy: PolicyRow, metric: SlaMetric): ClockRules {
  const escalations = policy.escalations.filter((e) => e.metric === metric).map((e) => e.percent);
  return { warnPercent: policy.warnPercent, thresholds: thresholdsOf(policy.warnPercent, escalations) };
}
