import { TIME_ZONE } from '../../lib/format';

/** A period as the API takes it: calendar dates (YYYY-MM-DD) in Europe/Paris, both ends included. */
export interface Period {
  from: string;
  to: string;
}

export const periodPresets = ['thisMonth', 'lastMonth', 'last7Days', 'last30Days', 'thisQuarter'] as const;
export type PeriodPreset = (typeof periodPresets)[number];

/** The API refuses periods longer than this (cockpitPeriodQuerySchema). */
export const MAX_PERIOD_DAYS = 366;

const parisDate = new Intl.DateTimeFormat('en-CA', {
  timeZone: TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** Today's date in Paris, whatever the browser's own time zone: the server counts days in Paris too. */
export function todayInParis(now: Date = new Date()): string {
  return parisDate.format(now); // en-CA formats as YYYY-MM-DD
}

// Date maths on calendar dates go through UTC midnight, where no daylight-saving change can shift a day.
const toUtc = (date: string): Date => new Date(`${date}T00:00:00Z`);
const fromUtc = (d: Date): string => d.toISOString().slice(0, 10);

export function addDays(date: string, days: number): string {
  const d = toUtc(date);
  d.setUTCDate(d.getUTCDate() + days);
  return fromUtc(d);
}

const monthStart = (year: number, month: number): string => fromUtc(new Date(Date.UTC(year, month, 1)));

export function presetPeriod(preset: PeriodPreset, today: string = todayInParis()): Period {
  const d = toUtc(today);
  const year = d.getUTCFullYear();
  const month = d.getUTCMonth();
  switch (preset) {
    case 'thisMonth':
      return { from: monthStart(year, month), to: today };
    case 'lastMonth':
      return { from: monthStart(year, month - 1), to: addDays(monthStart(year, month), -1) };
    case 'last7Days':
      return { from: addDays(today, -6), to: today };
    case 'last30Days':
      return { from: addDays(today, -29), to: today };
    case 'thisQuarter':
      return { from: monthStart(year, month - (month % 3)), to: today };
  }
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
export const isDate = (v: string | null | undefined): v is string =>
  typeof v === 'string' && DATE.test(v) && !Number.isNaN(toUtc(v).getTime()) && fromUtc(toUtc(v)) === v;

export const periodDays = (p: Period): number =>
  Math.round((toUtc(p.to).getTime() - toUtc(p.from).getTime()) / 86_400_000) + 1;

/** Why a custom period cannot be asked for, or null when it can. */
export function periodProblem(p: Period): 'invalid' | 'order' | 'tooLong' | null {
  if (!isDate(p.from) || !isDate(p.to)) return 'invalid';
  if (p.from > p.to) return 'order';
  if (periodDays(p) - 1 > MAX_PERIOD_DAYS) return 'tooLong';
  return null;
}
