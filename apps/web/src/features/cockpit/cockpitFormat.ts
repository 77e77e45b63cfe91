import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { formatNumber, TIME_ZONE } from '../../lib/format';
import type { Language } from '../../lib/i18n';

const locales = { fr: 'fr-FR', en: 'en-GB' } as const;

/**
 * Rates arrive as fractions (0.42 = 42 %). Kept in one place so the whole page follows if the
 * API ever sends percentages.
 */
export const rateToFraction = (rate: number): number => rate;

/** The cockpit's number, percent, duration and date formats in the current UI language. */
export function useCockpitFormat() {
  const { t, i18n } = useTranslation();
  const lng: Language = i18n.language === 'en' ? 'en' : 'fr';
  return useMemo(() => {
    const locale = locales[lng];
    const number = (n: number) => formatNumber(n, lng);
    const percent = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 });
    const signedPercent = new Intl.NumberFormat(locale, {
      style: 'percent',
      maximumFractionDigits: 0,
      signDisplay: 'exceptZero',
    });
    const decimal = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 });
    const signedDecimal = new Intl.NumberFormat(locale, {
      minimumFractionDigits: 1,
      maximumFractionDigits: 1,
      signDisplay: 'exceptZero',
    });
    const day = new Intl.DateTimeFormat(locale, { timeZone: 'UTC', day: 'numeric', month: 'short' });
    const fullDay = new Intl.DateTimeFormat(locale, { timeZone: 'UTC', dateStyle: 'long' });
    const clock = new Intl.DateTimeFormat(locale, { timeZone: TIME_ZONE, timeStyle: 'medium' });
    // calendar dates (YYYY-MM-DD) are read at UTC midnight so no time zone moves them to another day
    const utcDate = (date: string) => new Date(`${date}T00:00:00Z`);

    /** « 2 h 15 min », « 3 j 4 h », « 45 min »: a duration in minutes as people read it. */
    const minutes = (total: number): string => {
      const m = Math.max(0, Math.round(total));
      if (m < 60) return t('cockpit.duration.minutes', { m });
      const days = Math.floor(m / 1440);
      const hours = Math.floor((m % 1440) / 60);
      const rest = m % 60;
      if (days > 0) {
        return hours === 0
          ? t('cockpit.duration.days', { d: number(days) })
          : t('cockpit.duration.daysHours', { d: number(days), h: hours });
      }
      return rest === 0
        ? t('cockpit.duration.hours', { h: hours })
        : t('cockpit.duration.hoursMinutes', { h: hours, m: rest });
    };

    return {
      lng,
      number,
      decimal: (n: number) => decimal.format(n),
      rate: (r: number) => percent.format(rateToFraction(r)),
      /** +12 % (a relative change given as a fraction) */
      signedPercent: (fraction: number) => signedPercent.format(fraction),
      signedDecimal: (n: number) => signedDecimal.format(n),
      minutes,
      /** « 3 nov. » */
      day: (date: string) => day.format(utcDate(date)),
      /** « 3 novembre 2026 » */
      fullDay: (date: string) => fullDay.format(utcDate(date)),
      /** « 14:02:31 », in Paris */
      clock: (at: number | string) => clock.format(new Date(at)),
    };
  }, [lng, t]);
}

export type CockpitFormat = ReturnType<typeof useCockpitFormat>;
