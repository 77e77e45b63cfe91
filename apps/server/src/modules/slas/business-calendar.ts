import { DateTime, IANAZone } from 'luxon';
import { frenchPublicHolidays } from './holidays.js';

/** Opening hours of one weekday, local wall-clock "HH:MM" times, end exclusive. */
export interface OpeningHours {
  start: string;
  end: string;
}

/**
 * When a service counts time: always (24/7), or per weekday (1 = Monday … 7 = Sunday) in a time
 * zone, without French public holidays and extra closed days when they apply.
 */
export interface BusinessCalendar {
  timeZone: string;
  /** null: open all the time (24/7) */
  weekly: Partial<Record<1 | 2 | 3 | 4 | 5 | 6 | 7, OpeningHours[]>> | null;
  publicHolidays: boolean;
  /** extra closed days, local dates "YYYY-MM-DD" */
  closedDates: readonly string[];
}

export interface CalendarProblem {
  path: string;
  message: string;
}

const HHMM = /^([01]\d|2[0-3]):([0-5]\d)$|^24:00$/;
const minutesOf = (hhmm: string) => {
  const [h = '0', m = '0'] = hhmm.split(':');
  return Number(h) * 60 + Number(m);
};

/** Everything wrong with a calendar, so an admin screen can show it all at once. */
export function calendarProblems(c: BusinessCalendar): CalendarProblem[] {
  const problems: CalendarProblem[] = [];
  if (!IANAZone.isValidZone(c.timeZone))
    problems.push({ path: 'timeZone', message: `unknown time zone ${c.timeZone}` });
  for (const [i, d] of c.closedDates.entries()) {
    if (!DateTime.fromISO(d, { zone: 'UTC' }).isValid || !/^\d{4}-\d{2}-\d{2}$/.test(d)) {
      problems.push({ path: `closedDates.${i}`, message: `not a date: ${d}` });
    }
  }
  if (c.weekly === null) return problems;
  let open = 0;
  for (const [day, slots] of Object.entries(c.weekly)) {
    const sorted = [...(slots ?? [])]
      .map((s, i) => ({ ...s, i }))
      .sort((a, b) => minutesOf(a.start) - minutesOf(b.start));
    let previousEnd = -1;
    for (const s of sorted) {
      const path = `weekly.${day}.${s.i}`;
      if (!HHMM.test(s.start) || !HHMM.test(s.end)) {
        problems.push({ path, message: 'times are HH:MM, from 00:00 to 24:00' });
        continue;
      }
      if (minutesOf(s.end) <= minutesOf(s.start)) {
        problems.push({ path, message: `closes (${s.end}) before it opens (${s.start})` });
        continue;
      }
      if (minutesOf(s.start) < previousEnd)
        problems.push({ path, message: 'overlaps another opening of the same day' });
      previousEnd = Math.max(previousEnd, minutesOf(s.end));
      open += minutesOf(s.end) - minutesOf(s.start);
    }
  }
  if (open === 0) problems.push({ path: 'weekly', message: 'the calendar is never open' });
  return problems;
}

const holidaysByYear = new Map<number, ReadonlySet<string>>();
const holidaysOf = (year: number) => {
  let found = holidaysByYear.get(year);
  if (!found) {
    found = new Set(frenchPublicHolidays(year));
    holidaysByYear.set(year, found);
  }
  return found;
};

/**
 * Each calendar's days already worked out, by the day's start instant: a recalculation of 100,000
 * clocks asks for the same few days over and over, and luxon's zone arithmetic is the cost.
 */
const daysByCalendar = new WeakMap<BusinessCalendar, Map<number, Day>>();
interface Day {
  openings: [number, number][];
  /** the next local day, as luxon computes it across daylight-saving changes */
  next: DateTime;
}
const MAX_CACHED_DAYS = 5_000;

/** The local day an instant falls in; cached per quarter hour, the finest step of any UTC offset. */
const dayStarts = new Map<string, Map<number, DateTime>>();
const QUARTER = 15 * 60_000;
function localDayOf(c: BusinessCalendar, ms: number): DateTime {
  let starts = dayStarts.get(c.timeZone);
  if (!starts) {
    starts = new Map();
    dayStarts.set(c.timeZone, starts);
  }
  const bucket = Math.floor(ms / QUARTER);
  let found = starts.get(bucket);
  if (!found) {
    found = DateTime.fromMillis(bucket * QUARTER, { zone: c.timeZone }).startOf('day');
    if (starts.size >= MAX_CACHED_DAYS * 96) starts.clear();
    starts.set(bucket, found);
  }
  return found;
}

function dayOf(c: BusinessCalendar, day: DateTime): Day {
  let days = daysByCalendar.get(c);
  if (!days) {
    days = new Map();
    daysByCalendar.set(c, days);
  }
  const key = day.toMillis();
  let found = days.get(key);
  if (!found) {
    found = { openings: openingsOn(c, day), next: day.plus({ days: 1 }).startOf('day') };
    if (days.size >= MAX_CACHED_DAYS) days.clear();
    days.set(key, found);
  }
  return found;
}

/** The open intervals of one local day, as instants (correct across daylight-saving changes). */
function openingsOn(c: BusinessCalendar, day: DateTime): [number, number][] {
  if (c.weekly === null)
    return [[day.startOf('day').toMillis(), day.plus({ days: 1 }).startOf('day').toMillis()]];
  const date = day.toISODate() ?? '';
  if (c.closedDates.includes(date)) return [];
  if (c.publicHolidays && holidaysOf(day.year).has(date)) return [];
  const slots = c.weekly[day.weekday as 1 | 2 | 3 | 4 | 5 | 6 | 7] ?? [];
  return slots
    .map((s): [number, number] => {
      const at = (hhmm: string) =>
        hhmm === '24:00'
          ? day.plus({ days: 1 }).startOf('day')
          : day.set({
              hour: Math.floor(minutesOf(hhmm) / 60),
              minute: minutesOf(hhmm) % 60,
              second: 0,
              millisecond: 0,
            });
      return [at(s.start).toMillis(), at(s.end).toMillis()];
    })
    .sort((a, b) => a[0] - b[0]);
}

/** How far ahead a calendar with openings must find them; past that the calendar is unusable. */
const MAX_DAYS = 3 * 366;

/** The instant `minutes` business minutes after `start`. */
export function addBusinessMinutes(c: BusinessCalendar, start: Date, minutes: number): Date {
  if (!Number.isFinite(minutes) || minutes < 0) throw new RangeError('minutes must be a non-negative number');
  let remaining = minutes * 60_000;
  let cursor = start.getTime();
  let day = localDayOf(c, cursor);
  for (let i = 0; i < MAX_DAYS; i++) {
    const { openings, next } = dayOf(c, day);
    day = next;
    for (const [open, close] of openings) {
      const from = Math.max(open, cursor);
      if (from >= close) continue;
      if (from + remaining <= close) return new Date(from + remaining);
      remaining -= close - from;
      cursor = close;
    }
  }
  throw new RangeError('the calendar has no opening within three years');
}

/** Business minutes between two instants (0 when `to` is not after `from`). */
export function businessMinutesBetween(c: BusinessCalendar, from: Date, to: Date): number {
  const end = to.getTime();
  let total = 0;
  let day = localDayOf(c, from.getTime());
  while (day.toMillis() < end) {
    const { openings, next } = dayOf(c, day);
    for (const [open, close] of openings) {
      const a = Math.max(open, from.getTime());
      const b = Math.min(close, end);
      if (b > a) total += b - a;
    }
    day = next;
  }
  return total / 60_000;
}
