/** Months as YYYY-MM in Paris time: the report of a month that has not started is refused. */
const parisMonth = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/Paris',
  year: 'numeric',
  month: '2-digit',
});

export const currentMonthInParis = (now: Date = new Date()): string => parisMonth.format(now).slice(0, 7);

export function shiftMonth(month: string, offset: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m - 1 + offset, 1, 12)).toISOString().slice(0, 7);
}

/** null when fine; otherwise why the month cannot be asked for. */
export function monthProblem(month: string, current: string): 'invalid' | 'future' | null {
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(month)) return 'invalid';
  return month > current ? 'future' : null;
}
