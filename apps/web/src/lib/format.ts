import { useTranslation } from 'react-i18next';
import type { Language } from './i18n';

export const TIME_ZONE = 'Europe/Paris';
const locales: Record<Language, string> = { fr: 'fr-FR', en: 'en-GB' };

const cache = new Map<string, Intl.DateTimeFormat | Intl.NumberFormat>();
function dateFormat(lng: Language, kind: 'dateTime' | 'date' | 'time'): Intl.DateTimeFormat {
  const key = `${lng}:${kind}`;
  let f = cache.get(key) as Intl.DateTimeFormat | undefined;
  if (!f) {
    const options: Intl.DateTimeFormatOptions =
      kind === 'dateTime'
        ? { dateStyle: 'short', timeStyle: 'short' }
        : kind === 'date'
          ? { dateStyle: 'medium' }
          : { timeStyle: 'short' };
    f = new Intl.DateTimeFormat(locales[lng], { ...options, timeZone: TIME_ZONE });
    cache.set(key, f);
  }
  return f;
}

export function formatDateTime(iso: string | null | undefined, lng: Language): string {
  if (!iso) return '';
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? '' : dateFormat(lng, 'dateTime').format(d);
}

export function formatDate(iso: string | null | undefined, lng: Language): string {
  if (!iso) return '';
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? '' : dateFormat(lng, 'date').format(d);
}

export function formatNumber(n: number, lng: Language): string {
  const key = `${lng}:number`;
  let f = cache.get(key) as Intl.NumberFormat | undefined;
  if (!f) {
    f = new Intl.NumberFormat(locales[lng]);
    cache.set(key, f);
  }
  return f.format(n);
}

export function formatFileSize(bytes: number, lng: Language): string {
  const units = ['byte', 'kilobyte', 'megabyte', 'gigabyte'] as const;
  let value = bytes;
  let i = 0;
  while (value >= 1024 && i < units.length - 1) {
    value /= 1024;
    i++;
  }
  return new Intl.NumberFormat(locales[lng], {
    style: 'unit',
    unit: units[i],
    unitDisplay: 'short',
    maximumFractionDigits: i === 0 ? 0 : 1,
  }).format(value);
}

/** Formatters bound to the current UI language. */
export function useFormat() {
  const { i18n } = useTranslation();
  const lng: Language = i18n.language === 'en' ? 'en' : 'fr';
  return {
    lng,
    dateTime: (iso: string | null | undefined) => formatDateTime(iso, lng),
    date: (iso: string | null | undefined) => formatDate(iso, lng),
    number: (n: number) => formatNumber(n, lng),
    fileSize: (n: number) => formatFileSize(n, lng),
  };
}
