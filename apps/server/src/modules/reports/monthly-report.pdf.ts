import PDFDocument from 'pdfkit';
import { reportWords } from './monthly-report.labels.js';
import type { MonthlyReport } from './monthly-report.service.js';
import { formatCell, formatDate, reportTables } from './monthly-report.tables.js';

/** pdfkit's table options also take the structure element the table is tagged under (missing from its types). */
type TaggedTableOptions = PDFKit.Mixins.TableOptionsWithData & { structParent?: PDFKit.PDFStructureElement };

/**
 * The standard fonts write WinAnsi (Latin-1 plus « œ », « € », typographic quotes), enough for
 * French; Intl's narrow and thin spaces are not in it, so they become no-break spaces.
 */
const winAnsi = (s: string) => s.replace(/[\u202f\u2009]/g, '\u00a0');

/**
 * The report as a tagged PDF (PDF/UA-style structure as far as pdfkit goes: language, title shown
 * in the viewer, headings, paragraphs, tables with header cells). `compress: false` leaves the
 * text readable in the file, for tests.
 */
export function renderReportPdf(report: MonthlyReport, opts: { compress?: boolean } = {}): Promise<Buffer> {
  const w = reportWords(report.language);
  const monthName = w.monthName(report.month.from);
  const title = `${w.title} – ${report.entity.name} – ${monthName}`;
  const doc = new PDFDocument({
    size: 'A4',
    margin: 48,
    pdfVersion: '1.7',
    tagged: true,
    lang: report.language === 'fr' ? 'fr-FR' : 'en-GB',
    displayTitle: true,
    compress: opts.compress ?? true,
    info: {
      Title: winAnsi(title),
      Author: 'Guichet',
      Subject: winAnsi(w.subject(report.entity.name, report.month.month)),
    },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  const root = doc.struct('Document');
  doc.addStructure(root);
  const heading = (tag: 'H1' | 'H2', s: string, size: number) => {
    doc.font('Helvetica-Bold').fontSize(size).fillColor('#1a1a1a');
    doc.text(winAnsi(s), { structParent: root, structType: tag });
    doc.moveDown(0.4);
  };
  const paragraph = (s: string, size = 10, color = '#1a1a1a') => {
    doc.font('Helvetica').fontSize(size).fillColor(color);
    doc.text(winAnsi(s), { structParent: root, structType: 'P' });
  };

  heading('H1', w.title, 20);
  // French puts a (no-break) space before a colon
  const colon = report.language === 'fr' ? '\u00a0: ' : ': ';
  paragraph(`${w.entity}${colon}${report.entity.name}`, 12);
  paragraph(`${w.month}${colon}${monthName}`, 12);
  paragraph(`${w.generated} ${formatDate(report.generatedAt, w.locale)}`, 9, '#555555');
  doc.moveDown();

  for (const table of reportTables(report)) {
    if (doc.y > doc.page.height - 160) doc.addPage();
    heading('H2', table.title, 13);
    if (table.rows.length === 0) {
      paragraph(w.none);
    } else {
      doc.font('Helvetica').fontSize(9).fillColor('#1a1a1a');
      const numeric = (i: number) => i > 0 && table.rows.some((r) => r[i] && r[i].kind !== 'text');
      const options: TaggedTableOptions = {
        structParent: root,
        columnStyles: table.widths?.map((width) => ({ width })),
        defaultStyle: { padding: 3, border: 0.5, borderColor: '#999999' },
        data: [
          table.header.map((h, i) => ({
            align: { x: numeric(i) ? ('right' as const) : ('left' as const) },
            text: winAnsi(h),
            type: 'TH' as const,
            font: { src: 'Helvetica-Bold' },
            backgroundColor: '#e8eef5',
          })),
          ...table.rows.map((r) =>
            r.map((c, i) => ({
              // the PDF writes times with their unit: the "(min)" of the KPI names is for the XLSX
              text: winAnsi(formatCell(c, w.locale)).replace(/ \(min\)$/, ''),
              type: 'TD' as const,
              align: { x: i > 0 && c.kind !== 'text' ? ('right' as const) : ('left' as const) },
            })),
          ),
        ],
      };
      doc.table(options);
    }
    doc.moveDown();
  }
  doc.font('Helvetica').fontSize(8).fillColor('#555555');
  paragraph(w.slaNote, 8, '#555555');
  paragraph(w.satisfactionNote, 8, '#555555');
  root.end();
  doc.end();
  return done;
}
