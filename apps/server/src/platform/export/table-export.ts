import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';

export type Cell = string | number | null;

export interface ExportFile {
  body: Buffer;
  contentType: string;
  fileName: string;
}

/**
 * A small table (figures, not records: whole in memory) as a file: CSV in UTF-8 with a BOM and `;`
 * separators (what spreadsheet software expects in French), or an XLSX sheet with numbers kept as numbers.
 * Large record exports stream instead (cmdb/import/import.export.ts).
 */
export async function tableFile(
  format: 'csv' | 'xlsx',
  name: string,
  header: readonly string[],
  rows: readonly Cell[][],
): Promise<ExportFile> {
  if (format === 'csv') {
    const text = stringify([header as string[], ...rows.map((r) => r.map((c) => (c === null ? '' : c)))], {
      delimiter: ';',
      bom: true,
    });
    return {
      body: Buffer.from(text, 'utf8'),
      contentType: 'text/csv; charset=utf-8',
      fileName: `${name}.csv`,
    };
  }
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet(name.slice(0, 31));
  sheet.addRow([...header]).font = { bold: true };
  for (const r of rows) sheet.addRow(r.map((c) => (c === null ? '' : c)));
  return {
    body: Buffer.from(await wb.xlsx.writeBuffer()),
    contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    fileName: `${name}.xlsx`,
  };
}
