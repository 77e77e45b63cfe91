import type { CockpitExportQuery, CockpitNow } from '@guichet/contracts';
import type { Actor } from '../../platform/auth/actor.js';
import { type Cell, type ExportFile, tableFile } from '../../platform/export/table-export.js';
import { toLocalDate } from './cockpit.dates.js';
import { cockpitLabels, exportName } from './cockpit.labels.js';
import type { CockpitService } from './cockpit.service.js';

type Table = { header: string[]; rows: Cell[][] };

/** Any cockpit table as CSV or XLSX: the same figures as the routes, headed in the actor's language. */
export function createCockpitExport(cockpit: CockpitService) {
  return async function exportTable(actor: Actor, q: CockpitExportQuery): Promise<ExportFile> {
    const l = cockpitLabels(actor.language);
    let table: Table;
    if (
      q.from !== undefined &&
      q.to !== undefined &&
      !q.table.startsWith('open') &&
      q.table !== 'agentLoad'
    ) {
      const p = await cockpit.period(actor, { from: q.from, to: q.to, entityId: q.entityId });
      const periodHeader = [
        `${l.current} ${p.period.from} – ${p.period.to}`,
        `${l.previous} ${p.previous.from} – ${p.previous.to}`,
      ];
      const breakdown = (rows: typeof p.byChannel): Table => ({
        header: [l.key, l.label, ...periodHeader],
        rows: rows.map((r) => [r.key, r.label, r.current, r.previous]),
      });
      switch (q.table) {
        case 'kpis':
          table = {
            header: [l.key, l.kpi, ...periodHeader],
            rows: [
              ...Object.entries(p.kpis).map(([k, v]) => [
                k,
                l.kpis[k as keyof typeof l.kpis],
                v.current,
                v.previous,
              ]),
              [
                'satisfactionCount',
                l.kpis.satisfactionCount,
                p.satisfactionCount.current,
                p.satisfactionCount.previous,
              ],
            ],
          };
          break;
        case 'byChannel':
          table = breakdown(p.byChannel);
          break;
        case 'byCategory':
          table = breakdown(p.byCategory);
          break;
        case 'byEntity':
          table = breakdown(p.byEntity);
          break;
        case 'bySiteKind':
          table = breakdown(p.bySiteKind);
          break;
        default:
          table = { header: [l.date, l.open], rows: p.backlog.map((b) => [b.date, b.open]) };
      }
    } else {
      table = nowTable(await cockpit.now(actor, q.entityId), q.table, l);
    }
    return tableFile(q.format, exportName(q.table, toLocalDate(new Date())), table.header, table.rows);
  };
}

function nowTable(
  now: CockpitNow,
  table: CockpitExportQuery['table'],
  l: ReturnType<typeof cockpitLabels>,
): Table {
  switch (table) {
    case 'openByStatus':
      return { header: [l.status, l.count], rows: now.open.byStatus.map((r) => [r.key, r.count]) };
    case 'openByPriority':
      return { header: [l.priority, l.count], rows: now.open.byPriority.map((r) => [r.key, r.count]) };
    case 'openByGroup':
      return {
        header: [l.key, l.group, l.count],
        rows: now.open.byGroup.map((r) => [r.id, r.id === null ? l.noGroup : r.name, r.count]),
      };
    case 'openByEntity':
      return {
        header: [l.key, l.entity, l.count],
        rows: now.open.byEntity.map((r) => [r.id, r.name, r.count]),
      };
    default:
      return {
        header: [l.key, l.agent, l.count, l.inProgress, l.pending],
        rows: now.agentLoad.map((r) => [r.id, r.name, r.count, r.inProgress, r.pending]),
      };
  }
}
