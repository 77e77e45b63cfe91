import type { ImprovementAction, ImprovementPlan } from '@guichet/contracts';
import type { ActionRow, PlanRow } from './improvement.repository.js';

/** Today's date in the organisation's time zone, as YYYY-MM-DD (dates of plans are local dates). */
export function localToday(now: Date): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Europe/Paris',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(now);
}

export function timingOf(
  p: { periodStart: string; periodEnd: string },
  today: string,
): ImprovementPlan['timing'] {
  if (p.periodStart > today) return 'upcoming';
  if (p.periodEnd < today) return 'past';
  return 'current';
}

export function toAction(row: ActionRow, today: string): ImprovementAction {
  return {
    id: row.id,
    planId: row.planId,
    title: row.title,
    description: row.description,
    owner: { id: row.ownerId, name: row.ownerName },
    dueDate: row.dueDate,
    status: row.status,
    kpi: row.kpi,
    target: row.target === null ? null : Number(row.target),
    overdue: row.dueDate < today && row.status !== 'done' && row.status !== 'cancelled',
    version: row.version,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export function toPlan(row: PlanRow, actions: ActionRow[], today: string, canEdit: boolean): ImprovementPlan {
  return {
    id: row.id,
    entity: { id: row.entityId, name: row.entityName },
    title: row.title,
    periodStart: row.periodStart,
    periodEnd: row.periodEnd,
    timing: timingOf(row, today),
    createdBy: { id: row.createdBy, name: row.createdByName },
    version: row.version,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    actions: actions.map((a) => toAction(a, today)),
    canEdit,
  };
}

const timingRank = { current: 0, upcoming: 1, past: 2 } as const;

/** Current plans first (latest start first), then upcoming (soonest first), then past (latest end first). */
export function byTiming(a: ImprovementPlan, b: ImprovementPlan): number {
  const rank = timingRank[a.timing] - timingRank[b.timing];
  if (rank !== 0) return rank;
  if (a.timing === 'upcoming') return a.periodStart.localeCompare(b.periodStart) || a.id - b.id;
  if (a.timing === 'past') return b.periodEnd.localeCompare(a.periodEnd) || b.id - a.id;
  return b.periodStart.localeCompare(a.periodStart) || b.id - a.id;
}
