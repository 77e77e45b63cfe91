import { addBusinessMinutes, type BusinessCalendar, businessMinutesBetween } from './business-calendar.js';

export type ClockStatus = 'running' | 'paused' | 'stopped';
export type ClockEventKind =
  | 'started'
  | 'paused'
  | 'resumed'
  | 'recalculated'
  | 'warning'
  | 'breached'
  | 'escalated'
  | 'met'
  | 'missed';

/** The persisted state of one clock (a row of ticket_slas without its keys). */
export interface ClockState {
  status: ClockStatus;
  targetMinutes: number;
  elapsedMinutes: number;
  segmentStartedAt: Date | null;
  dueAt: Date | null;
  warnAt: Date | null;
  nextCheckAt: Date | null;
  fired: number[];
  breachedAt: Date | null;
  stoppedAt: Date | null;
}

export interface ClockEvent {
  kind: ClockEventKind;
  at: Date;
  detail: Record<string, unknown>;
}

/** What a clock needs of its policy: where the warning falls and every threshold acted on. */
export interface ClockRules {
  warnPercent: number;
  /** percentages of the target with an action: the warning, the breach (100) and escalations */
  thresholds: readonly number[];
}

export const thresholdsOf = (warnPercent: number, escalations: readonly number[]) =>
  [...new Set([warnPercent, 100, ...escalations])].sort((a, b) => a - b);

/** Business minutes consumed at `now`. */
export function consumedAt(c: ClockState, cal: BusinessCalendar, now: Date): number {
  if (c.status !== 'running' || !c.segmentStartedAt) return c.elapsedMinutes;
  return c.elapsedMinutes + businessMinutesBetween(cal, c.segmentStartedAt, now);
}

/** When a running clock reaches `percent` of its target. */
function instantOf(c: ClockState, cal: BusinessCalendar, percent: number): Date {
  const start = c.segmentStartedAt ?? new Date();
  const remaining = (percent / 100) * c.targetMinutes - c.elapsedMinutes;
  return remaining <= 0 ? start : addBusinessMinutes(cal, start, remaining);
}

/** Due, warning and next-check instants: set while running, cleared otherwise. */
export function scheduled(c: ClockState, cal: BusinessCalendar, rules: ClockRules): ClockState {
  if (c.status !== 'running') return { ...c, dueAt: null, warnAt: null, nextCheckAt: null };
  const pending = rules.thresholds.filter((p) => !c.fired.includes(p));
  const first = pending[0];
  return {
    ...c,
    dueAt: instantOf(c, cal, 100),
    warnAt: instantOf(c, cal, rules.warnPercent),
    nextCheckAt: first === undefined ? null : instantOf(c, cal, first),
  };
}

/** A new clock, running from `now`. */
export function startClock(targetMinutes: number, now: Date): ClockState {
  return {
    status: 'running',
    targetMinutes,
    elapsedMinutes: 0,
    segmentStartedAt: now,
    dueAt: null,
    warnAt: null,
    nextCheckAt: null,
    fired: [],
    breachedAt: null,
    stoppedAt: null,
  };
}

/** Moves a clock to `to` at `now`, banking the time of the segment that ends. */
export function moveClock(
  c: ClockState,
  to: ClockStatus,
  now: Date,
  cal: BusinessCalendar,
  rules: ClockRules,
): { clock: ClockState; events: ClockEvent[] } {
  if (c.status === to) return { clock: c, events: [] };
  const events: ClockEvent[] = [];
  let next: ClockState = { ...c };
  if (c.status === 'running') {
    next = { ...next, elapsedMinutes: consumedAt(c, cal, now), segmentStartedAt: null };
  }
  if (to === 'running') {
    next = { ...next, status: 'running', segmentStartedAt: now, stoppedAt: null };
    events.push({ kind: 'resumed', at: now, detail: { elapsedMinutes: round(next.elapsedMinutes) } });
  } else if (to === 'paused') {
    next = { ...next, status: 'paused' };
    events.push({ kind: 'paused', at: now, detail: { elapsedMinutes: round(next.elapsedMinutes) } });
  } else {
    next = { ...next, status: 'stopped', stoppedAt: now };
    const missed = next.breachedAt !== null || next.elapsedMinutes >= next.targetMinutes;
    events.push({
      kind: missed ? 'missed' : 'met',
      at: now,
      detail: { elapsedMinutes: round(next.elapsedMinutes), targetMinutes: next.targetMinutes },
    });
  }
  return { clock: scheduled(next, cal, rules), events };
}

/** A new target (the priority changed): time consumed is kept, the due time moves. */
export function retarget(
  c: ClockState,
  targetMinutes: number,
  now: Date,
  cal: BusinessCalendar,
  rules: ClockRules,
  reason: Record<string, unknown>,
): { clock: ClockState; events: ClockEvent[] } {
  if (c.targetMinutes === targetMinutes) return { clock: c, events: [] };
  const banked: ClockState =
    c.status === 'running' ? { ...c, elapsedMinutes: consumedAt(c, cal, now), segmentStartedAt: now } : c;
  const clock = scheduled({ ...banked, targetMinutes }, cal, rules);
  return {
    clock,
    events: [
      {
        kind: 'recalculated',
        at: now,
        detail: { ...reason, targetMinutes: { from: c.targetMinutes, to: targetMinutes } },
      },
    ],
  };
}

/** Thresholds a running clock has reached at `now` and not yet acted on, in order. */
export function reachedThresholds(
  c: ClockState,
  cal: BusinessCalendar,
  rules: ClockRules,
  now: Date,
): number[] {
  if (c.status !== 'running') return [];
  const consumed = consumedAt(c, cal, now);
  // a millisecond of slack: the job fires at the computed instant, not after it
  const slack = 1 / 60_000;
  return rules.thresholds.filter(
    (p) => !c.fired.includes(p) && (p / 100) * c.targetMinutes <= consumed + slack,
  );
}

/** Records that thresholds were acted on; the breach keeps the instant it happened. */
export function markFired(
  c: ClockState,
  cal: BusinessCalendar,
  rules: ClockRules,
  percents: number[],
): ClockState {
  const breachedAt = percents.includes(100) && !c.breachedAt ? instantOf(c, cal, 100) : c.breachedAt;
  return scheduled({ ...c, fired: [...c.fired, ...percents].sort((a, b) => a - b), breachedAt }, cal, rules);
}

const round = (m: number) => Math.round(m * 100) / 100;
