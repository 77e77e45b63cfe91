/** Calendar months as YYYY-MM, with their first and last local dates (pure, no time zone needed). */
export interface MonthRange {
  month: string;
  from: string;
  to: string;
}

export function monthRange(month: string): MonthRange {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const first = new Date(Date.UTC(y, m - 1, 1, 12));
  const last = new Date(Date.UTC(y, m, 0, 12));
  return { month, from: first.toISOString().slice(0, 10), to: last.toISOString().slice(0, 10) };
}

/** The month `offset` months away from `month` (negative: before). */
export function shiftMonth(month: string, offset: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m - 1 + offset, 1, 12)).toISOString().slice(0, 7);
}

/** The local month (Europe/Paris) holding an instant. */
export function monthOf(instant: Date): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit' })
    .format(instant)
    .slice(0, 7);
}
