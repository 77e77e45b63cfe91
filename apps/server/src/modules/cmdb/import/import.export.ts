import { PassThrough, Readable } from 'node:stream';
import { type CiClass, ciAttributeSchemas, type ciExportQuerySchema } from '@guichet/contracts';
import { stringify } from 'csv-stringify';
import ExcelJS from 'exceljs';
import type { z } from 'zod';
import type { Db } from '../../../db/client.js';
import type { Actor } from '../../../platform/auth/actor.js';
import { requireCmdbReader } from '../cmdb.policy.js';
import { listItems } from '../cmdb.repository.js';
import { exportDetails } from './import.repository.js';

type ExportQuery = z.output<typeof ciExportQuerySchema>;
const PAGE = 1000;
const CORE = [
  'id',
  'class',
  'name',
  'status',
  'entity',
  'site',
  'owner',
  'serialNumber',
  'inventoryNumber',
  'hostname',
];

/** The attribute columns: the class's, or every class's. */
function attributeKeys(cls?: CiClass): string[] {
  const schemas = cls ? [ciAttributeSchemas[cls]] : Object.values(ciAttributeSchemas);
  return [...new Set(schemas.flatMap((s) => Object.keys(s.shape)))].sort();
}

/** Every page of the filtered list, in the list's order, within the actor's scope. */
async function* exportRows(db: Db, actor: Actor, q: ExportQuery, keys: string[]) {
  let after: [string, number] | undefined;
  for (;;) {
    const page = await listItems(db, actor, { ...q, q: q.q || undefined, limit: PAGE, after });
    const details = new Map(
      (
        await exportDetails(
          db,
          page.map((r) => r.id),
        )
      ).map((d) => [d.id, d]),
    );
    for (const r of page) {
      const d = details.get(r.id);
      const attrs = d?.attributes ?? {};
      yield [
        r.id,
        r.class,
        r.name,
        r.status,
        r.entityName,
        r.siteName ?? '',
        d?.ownerEmail ?? '',
        r.serialNumber ?? '',
        r.inventoryNumber ?? '',
        r.hostname ?? '',
        ...keys.map((k) => {
          const v = attrs[k];
          return v === undefined || v === null
            ? ''
            : typeof v === 'object'
              ? JSON.stringify(v)
              : (v as string | number | boolean);
        }),
      ];
    }
    const last = page.at(-1);
    if (page.length < PAGE || !last) return;
    after = [last.nameFolded ?? '', last.id];
  }
}

/** A stream of the export: CSV (UTF-8 with BOM, `;` for spreadsheet software in French) or XLSX. */
export function exportItems(
  db: Db,
  actor: Actor,
  q: ExportQuery,
): { stream: Readable; contentType: string; fileName: string } {
  requireCmdbReader(actor);
  const keys = attributeKeys(q.class);
  const header = [...CORE, ...keys.map((k) => `attributes.${k}`)];
  const rows = exportRows(db, actor, q, keys);
  const stamp = new Date().toISOString().slice(0, 10);
  if (q.format === 'csv') {
    const csv = stringify({ delimiter: ';', bom: true, header: true, columns: header });
    Readable.from(rows)
      .on('error', (err) => csv.destroy(err))
      .pipe(csv);
    return { stream: csv, contentType: 'text/csv; charset=utf-8', fileName: `cmdb-${stamp}.csv` };
  }
  const out = new PassThrough();
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: out,
    useStyles: false,
    useSharedStrings: false,
  });
  const sheet = wb.addWorksheet('CMDB');
  void (async () => {
    sheet.addRow(header).commit();
    for await (const row of rows) sheet.addRow(row).commit();
    sheet.commit();
    await wb.commit();
  })().catch((err) => out.destroy(err));
  return {
    stream: out,
    contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    fileName: `cmdb-${stamp}.xlsx`,
  };
}
