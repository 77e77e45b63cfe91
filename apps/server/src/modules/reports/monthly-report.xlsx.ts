import ExcelJS from 'exceljs';
import { reportWords } from './monthly-report.labels.js';
import type { MonthlyReport } from './monthly-report.service.js';
import { type ReportCell, reportTables } from './monthly-report.tables.js';

const NUMBER_FORMATS: Partial<Record<ReportCell['kind'], string>> = {
  rate: '0.0%',
  minutes: '0.0',
  score: '0.00',
};

/**
 * The report as a workbook: a cover of what it is (entity, month) above the summary on the first
 * sheet, then one sheet per table; figures stay numbers (rates as fractions shown as percentages,
 * times in minutes) so they can be charted or summed.
 */
export async function renderReportXlsx(report: MonthlyReport): Promise<Buffer> {
  const w = reportWords(report.language);
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Guichet';
  wb.title = `${w.title} ${report.entity.name} ${report.month.month}`;
  const tables = reportTables(report);
  tables.forEach((table, index) => {
    const sheet = wb.addWorksheet(table.sheet.slice(0, 31));
    if (index === 0) {
      sheet.addRow([w.title]).font = { bold: true, size: 14 };
      sheet.addRow([w.entity, report.entity.name]);
      sheet.addRow([w.month, report.month.month]);
      sheet.addRow([]);
    }
    sheet.addRow([table.title]).font = { bold: true };
    const header = sheet.addRow(table.header);
    header.font = { bold: true };
    for (const r of table.rows) {
      const row = sheet.addRow(r.map((c) => (c.value === null ? null : c.value)));
      r.forEach((c, i) => {
        const fmt = NUMBER_FORMATS[c.kind];
        if (fmt) row.getCell(i + 1).numFmt = fmt;
      });
    }
    sheet.columns.forEach((col, i) => {
      col.width = i === 0 ? 48 : 18;
    });
  });
  return Buffer.from(await wb.xlsx.writeBuffer());
}
