import type { TFunction } from 'i18next';

/** "25 min", "4 h", "1 h 10", "2 j 3 h": a duration in whole minutes, as people say it. */
export function formatMinutes(t: TFunction, total: number): string {
  const m = Math.max(0, Math.round(total));
  if (m < 60) return t('slas.duration.minutes', { m });
  const days = Math.floor(m / 1440);
  const hours = Math.floor((m % 1440) / 60);
  const minutes = m % 60;
  if (days === 0) {
    return minutes === 0
      ? t('slas.duration.hours', { h: hours })
      : t('slas.duration.hoursMinutes', { h: hours, m: minutes });
  }
  return hours === 0
    ? t('slas.duration.days', { d: days })
    : t('slas.duration.daysHours', { d: days, h: hours });
}

/**
 * Reads a duration typed by a person: "90", "90 min", "4 h", "4h30", "1 h 30", "1:30", "2 j", "2 d".
 * Returns whole minutes, null when empty, NaN when it cannot be read.
 */
export function parseDuration(text: string): number | null {
  const s = text.trim().toLowerCase().replace(/\s+/g, '').replace(',', '.');
  if (s === '') return null;
  const clock = /^(\d+):([0-5]\d)$/.exec(s);
  if (clock) return Number(clock[1]) * 60 + Number(clock[2]);
  const parts = /^(?:(\d+)(?:j|d))?(?:(\d+)h)?(?:(\d+)(?:min|mn|m)?)?$/.exec(s);
  if (!parts || (!parts[1] && !parts[2] && !parts[3])) return Number.NaN;
  return Number(parts[1] ?? 0) * 1440 + Number(parts[2] ?? 0) * 60 + Number(parts[3] ?? 0);
}

/** What a running clock has left, in words: "dans 25 min", "dépassé de 1 h 10". */
export function timeLeftText(t: TFunction, dueAt: string, now: number): string {
  const diff = (Date.parse(dueAt) - now) / 60_000;
  if (diff >= 0) {
    return diff < 1
      ? t('slas.timeLeft.underAMinute')
      : t('slas.timeLeft.in', { duration: formatMinutes(t, Math.ceil(diff)) });
  }
  return t('slas.timeLeft.overdue', { duration: formatMinutes(t, Math.max(1, Math.floor(-diff))) });
}
