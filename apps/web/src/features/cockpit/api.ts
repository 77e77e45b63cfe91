import type { CockpitExportTable, CockpitNow, CockpitPeriod } from '@guichet/contracts';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { API_BASE, api, toQueryString } from '../../lib/api';
import type { Period } from './period';

export interface CockpitFilter {
  /** an entity and its sub-entities; undefined: the whole cockpit scope */
  entityId?: number;
}

export const cockpitKeys = {
  all: ['cockpit'] as const,
  now: (filter: CockpitFilter) => ['cockpit', 'now', filter] as const,
  period: (filter: CockpitFilter, period: Period) => ['cockpit', 'period', filter, period] as const,
};

/** The tables the server exports (GET /cockpit/export?table=…). */
export type ExportTable = CockpitExportTable;
/** The tables that cover a period (the server wants from and to); the others are live. */
const periodTables: ReadonlySet<ExportTable> = new Set<ExportTable>([
  'kpis',
  'byChannel',
  'byCategory',
  'byEntity',
  'bySiteKind',
  'backlog',
]);
export const isPeriodTable = (table: ExportTable): boolean => periodTables.has(table);
export type ExportFormat = 'csv' | 'xlsx';

export const useCockpitNow = (filter: CockpitFilter) =>
  useQuery({
    queryKey: cockpitKeys.now(filter),
    queryFn: ({ signal }) => api.get<CockpitNow>('/cockpit/now', { entityId: filter.entityId }, { signal }),
    // live events refresh it; this only covers a silent stream (clocks passing their warning threshold)
    refetchInterval: 60_000,
    staleTime: 5_000,
    // another filter keeps the old figures on screen until the new ones arrive: no flash of emptiness
    placeholderData: keepPreviousData,
  });

export const useCockpitPeriod = (filter: CockpitFilter, period: Period, enabled: boolean) =>
  useQuery({
    queryKey: cockpitKeys.period(filter, period),
    queryFn: ({ signal }) =>
      api.get<CockpitPeriod>('/cockpit/period', { ...period, entityId: filter.entityId }, { signal }),
    staleTime: 10_000,
    placeholderData: keepPreviousData,
    enabled,
  });

/** A plain link: the browser downloads the file with the session cookie. */
export const exportUrl = (
  table: ExportTable,
  format: ExportFormat,
  filter: CockpitFilter,
  period: Period,
): string =>
  `${API_BASE}/cockpit/export${toQueryString({
    table,
    format,
    ...(isPeriodTable(table) ? period : {}),
    entityId: filter.entityId,
  })}`;
