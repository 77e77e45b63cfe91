/** Europe/Paris wall-clock helpers for the demo timeline (EU summer time rule, French holidays). */

import { frenchPublicHolidays } from '../modules/slas/index.js';

export const HOUR = 3_600_000;
export const MINUTE = 60_000;
export const DAY = 24 * HOUR;

/** Last Sunday of a month (0-based), at 01:00 UTC: when EU summer time starts or ends. */
function lastSundayUtc(year: number, month: number): number {
  const lastDay = new Date(Date.UTC(year, month + 1, 0));
  return Date.UTC(year, month, lastDay.getUTCDate() - lastDay.getUTCDay(), 1);
}

/** Paris offset from UTC in hours at an instant: 2 in summer time, 1 otherwise. */
export function parisOffset(utcMs: number): number {
  const year = new Date(utcMs).getUTCFullYear();
  return utcMs >= lastSundayUtc(year, 2) && utcMs < lastSundayUtc(year, 9) ? 2 : 1;
}

/** The instant of a Paris wall-clock time on a given civil day (a UTC-midnight timestamp). */
export function parisTime(dayUtcMidnight: number, minutesOfDay: number): Date {
  const guess = dayUtcMidnight + minutesOfDay * MINUTE - HOUR;
  return new Date(dayUtcMidnight + minutesOfDay * MINUTE - parisOffset(guess) * HOUR);
}

/** Paris civil day (as a UTC-midnight timestamp) and minutes since midnight of an instant. */
export function parisClock(at: Date): { day: number; minutes: number; weekday: number } {
  const local = at.getTime() + parisOffset(at.getTime()) * HOUR;
  const day = Math.floor(local / DAY) * DAY;
  return { day, minutes: Math.floor((local - day) / MINUTE), weekday: new Date(day).getUTCDay() };
}

const holidayCache = new Map<number, Set<number>>();

/** French public holidays of a year, as UTC-midnight timestamps. */
function holidays(year: number): Set<number> {
  const cached = holidayCache.get(year);
  if (cached) return cached;
  // "YYYY-MM-DD" parses as UTC midnight
  const days = new Set<number>(frenchPublicHolidays(year).map((d) => Date.parse(d)));
  holidayCache.set(year, days);
  return days;
}

export function isWorkingDay(dayUtcMidnight: number): boolean {
  const weekday = new Date(dayUtcMidnight).getUTCDay();
  if (weekday === 0 || weekday === 6) return false;
  return !holidays(new Date(dayUtcMidnight).getUTCFullYear()).has(dayUtcMidnight);
}

const OPEN_MINUTES = 7 * 60 + 45;
const CLOSE_MINUTES = 18 * 60 + 15;

/** The instant itself when it falls in office hours, else the start of the next working morning. */
export function nextWorkingMoment(at: Date, morningJitterMinutes = 0): Date {
  const { day, minutes } = parisClock(at);
  if (isWorkingDay(day) && minutes >= OPEN_MINUTES && minutes < CLOSE_MINUTES) return at;
  let d = minutes >= CLOSE_MINUTES || !isWorkingDay(day) ? day + DAY : day;
  if (minutes < OPEN_MINUTES && isWorkingDay(day)) d = day;
  while (!isWorkingDay(d)) d += DAY;
  return parisTime(d, 8 * 60 + morningJitterMinutes);
}

export const addMinutes = (at: Date, minutes: number) => new Date(at.getTime() + minutes * MINUTE);
export const addHours = (at: Date, hours: number) => new Date(at.getTime() + hours * HOUR);

/** The first 02:00 (Paris) after an instant: when nightly jobs run. */
export function nextNight(at: Date): Date {
  const { day, minutes } = parisClock(at);
  return parisTime(minutes < 2 * 60 ? day : day + DAY, 2 * 60);
}
