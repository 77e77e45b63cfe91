import { ZONE } from './cockpit.sql.js';

const localDate = new Intl.DateTimeFormat('en-CA', {
  timeZone: ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** The local date (Europe/Paris) of an instant, as YYYY-MM-DD. */
export const toLocalDate = (d: Date) => localDate.format(d);

/** Calendar arithmetic on YYYY-MM-DD dates (UTC noon avoids any daylight-saving edge). */
export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

export const daysBetween = (from: string, to: string) =>
  Math.round((Date.parse(`${to}T12:00:00Z`) - Date.parse(`${from}T12:00:00Z`)) / 86_400_000);

/** The period of the same length just before [from, to]. */
export function previousPeriod(from: string, to: string): { from: string; to: string } {
  const length = daysBetween(from, to) + 1;
  return { from: addDays(from, -length), to: addDays(from, -1) };
}

/** The last `count` calendar months up to the one holding `today`, oldest first: first day, last day, YYYY-MM. */
export function lastMonths(today: string, count: number): { month: string; from: string; to: string }[] {
  const [y, m] = today.split('-').map(Number) as [number, number];
  const months: { month: string; from: string; to: string }[] = [];
  for (let i = count - 1; i >= 0; i--) {
    const first = new Date(Date.UTC(y, m - 1 - i, 1, 12));
    const last = new Date(Date.UTC(y, m - i, 0, 12));
    months.push({
      month: first.toISOString().slice(0, 7),
      from: first.toISOString().slice(0, 10),
      to: last.toISOString().slice(0, 10),
    });
  }
  return months;
}
