import type { PeriodKpis } from '../cockpit/index.js';
import {
  channelLabel,
  type ReportWords,
  reportWords,
  statusLabel,
  typeLabel,
} from './monthly-report.labels.js';
import type { MonthlyReport } from './monthly-report.service.js';

/** A value with what it measures, so the PDF writes it for people and the XLSX keeps it a number. */
export type NumberKind = 'count' | 'minutes' | 'score' | 'rate';
export type ReportCell =
  | { kind: 'text'; value: string }
  /** signed: a change from the previous month (shown with its sign; a rate's change is in points) */
  | { kind: NumberKind; value: number | null; signed?: boolean };

export interface ReportTable {
  /** the sheet name (31 characters at most) */
  sheet: string;
  title: string;
  header: string[];
  rows: ReportCell[][];
  /** the PDF's column widths (percent of the page's text width); the rest share what is left */
  widths?: (string | '*')[];
}

const text = (value: string): ReportCell => ({ kind: 'text', value });
const count = (value: number | null): ReportCell => ({ kind: 'count', value });

const KPI_ORDER: { key: keyof PeriodKpis; kind: NumberKind }[] = [
  { key: 'volume', kind: 'count' },
  { key: 'first_contact_resolution_rate', kind: 'rate' },
  { key: 'sla_compliance_rate', kind: 'rate' },
  { key: 'first_response_mean_minutes', kind: 'minutes' },
  { key: 'first_response_p90_minutes', kind: 'minutes' },
  { key: 'resolution_mean_minutes', kind: 'minutes' },
  { key: 'resolution_p90_minutes', kind: 'minutes' },
  { key: 'reopen_rate', kind: 'rate' },
  { key: 'satisfaction_mean', kind: 'score' },
  { key: 'satisfactionCount', kind: 'count' },
];

const cell = (kind: NumberKind, value: number | null): ReportCell => ({ kind, value });

/** Change from the previous month, in the unit of the figure (points for rates); null when either is missing. */
function change(kind: NumberKind, cur: number | null, prev: number | null): ReportCell {
  const value = cur === null || prev === null ? null : Number((cur - prev).toFixed(kind === 'rate' ? 4 : 2));
  return { kind, value, signed: true };
}

/** The report's tables in reading order: summary, channels, types, categories, notable incidents. */
export function reportTables(report: MonthlyReport): ReportTable[] {
  const w: ReportWords = reportWords(report.language);
  const { current, previous } = report.kpis;
  const cmp = [w.thisMonth, w.previousMonth];
  return [
    {
      sheet: w.sheets.summary,
      title: w.summary,
      header: [w.indicator, ...cmp, w.change],
      widths: ['40%', '*', '*', '*'],
      rows: KPI_ORDER.flatMap(({ key, kind }) => {
        const row = [
          text(w.kpis[key]),
          cell(kind, current[key]),
          cell(kind, previous[key]),
          change(kind, current[key], previous[key]),
        ];
        if (key !== 'sla_compliance_rate') return [row];
        const r = report.responseCompliance;
        // the response side sits just before the resolution side
        return [
          [
            text(w.responseCompliance),
            cell('rate', r.current),
            cell('rate', r.previous),
            change('rate', r.current, r.previous),
          ],
          row,
        ];
      }),
    },
    {
      sheet: w.sheets.channel,
      title: w.byChannel,
      header: [w.channel, ...cmp],
      widths: ['40%', '*', '*'],
      rows: report.byChannel.map((r) => [text(channelLabel(w, r.key)), count(r.current), count(r.previous)]),
    },
    {
      sheet: w.sheets.type,
      title: w.byType,
      header: [w.type, ...cmp],
      widths: ['40%', '*', '*'],
      rows: report.byType.map((r) => [text(typeLabel(w, r.key)), count(r.current), count(r.previous)]),
    },
    {
      sheet: w.sheets.categories,
      title: w.topCategories,
      header: [w.category, ...cmp],
      widths: ['60%', '*', '*'],
      rows: report.topCategories.map((r) => [
        text(r.key === 'none' ? w.noCategory : r.label),
        count(r.current),
        count(r.previous),
      ]),
    },
    {
      sheet: w.sheets.notable,
      title: w.notable,
      header: [w.number, w.titleCol, w.priority, w.status, w.created, w.duration, w.children],
      widths: ['14%', '*', '9%', '11%', '15%', '13%', '11%'],
      rows: report.notableIncidents.map((i) => [
        text(i.number),
        text(i.title),
        count(i.priority),
        text(statusLabel(w, i.status)),
        text(formatDate(i.createdAt, w.locale)),
        { kind: 'minutes', value: i.durationMinutes },
        count(i.children),
      ]),
    },
  ];
}

export function formatDate(iso: string, locale: string): string {
  return new Intl.DateTimeFormat(locale, {
    dateStyle: 'short',
    timeStyle: 'short',
    timeZone: 'Europe/Paris',
  }).format(new Date(iso));
}

/** A cell as people read it: "87,5 %", "+2,5 pt", "3 h 20 min", "4,25", "12". */
export function formatCell(c: ReportCell, locale: string, missing = '–'): string {
  if (c.kind === 'text') return c.value;
  if (c.value === null) return missing;
  const n = (v: number, digits: number) =>
    new Intl.NumberFormat(locale, { maximumFractionDigits: digits }).format(v);
  const sign = c.signed && c.value > 0 ? '+' : c.value < 0 ? '-' : '';
  const v = Math.abs(c.value);
  switch (c.kind) {
    case 'rate':
      // a rate's change is in percentage points, not a percentage of a percentage
      return `${sign}${n(v * 100, 1)}\u00a0${c.signed ? 'pt' : '%'}`;
    case 'minutes': {
      const total = Math.round(v);
      const h = Math.floor(total / 60);
      const m = total % 60;
      return h > 0 ? `${sign}${h} h ${String(m).padStart(2, '0')} min` : `${sign}${m} min`;
    }
    case 'score':
      return `${sign}${n(v, 2)}`;
    default:
      return `${sign}${n(v, 0)}`;
  }
}
