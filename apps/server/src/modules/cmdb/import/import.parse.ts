import { parse as parseCsv } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { AppError } from '../../../platform/errors.js';

/** The largest file an import reads (HTTP and CLI). */
export const IMPORT_MAX_BYTES = 20 * 1024 * 1024;

export interface ParsedFile {
  headers: string[];
  /** data rows, each aligned on headers; a cell is a trimmed string, a number, a boolean, a Date or null */
  rows: Cell[][];
  /** the spreadsheet row number of rows[0] (the header is row 1 of a CSV) */
  firstRow: number;
  format: 'csv' | 'xlsx';
  /** CSV: how the bytes were decoded and the delimiter guessed */
  encoding?: 'utf-8' | 'windows-1252';
  delimiter?: string;
  /** XLSX: every sheet name, and the one read */
  sheets?: string[];
  sheet?: string;
}
export type Cell = string | number | boolean | Date | null;

const malformed = (message: string) =>
  new AppError('validation_failed', `Malformed file: ${message}`, { errors: [{ path: 'file', message }] });

/** UTF-8 (with or without BOM); when that yields replacement characters, Windows-1252. */
export function decodeText(buf: Buffer): string {
  return decodeTextWithEncoding(buf).text;
}

export function decodeTextWithEncoding(buf: Buffer): { text: string; encoding: 'utf-8' | 'windows-1252' } {
  const utf8 = new TextDecoder('utf-8').decode(buf);
  const encoding = utf8.includes('\uFFFD') ? 'windows-1252' : 'utf-8';
  const text = encoding === 'utf-8' ? utf8 : new TextDecoder('windows-1252').decode(buf);
  return { text: text.charCodeAt(0) === 0xfeff ? text.slice(1) : text, encoding };
}

/** The delimiter that splits the header line into the most fields (outside quotes). */
export function sniffDelimiter(text: string): string {
  const end = text.search(/\r?\n/);
  const line = end === -1 ? text : text.slice(0, end);
  let best = ',';
  let bestCount = 0;
  for (const d of [';', ',', '\t', '|']) {
    let count = 0;
    let quoted = false;
    for (const ch of line) {
      if (ch === '"') quoted = !quoted;
      else if (ch === d && !quoted) count++;
    }
    if (count > bestCount) {
      best = d;
      bestCount = count;
    }
  }
  return best;
}

const isXlsx = (buf: Buffer) => buf.length > 4 && buf.readUInt32LE(0) === 0x04034b50; // "PK\3\4"

export async function parseFile(buf: Buffer, opts: { fileName?: string; sheet?: string } = {}) {
  if (buf.length === 0) throw malformed('the file is empty');
  if (buf.length > IMPORT_MAX_BYTES) {
    throw new AppError('payload_too_large', `The file is larger than ${IMPORT_MAX_BYTES / 1024 / 1024} MB`);
  }
  if (isXlsx(buf) || opts.fileName?.toLowerCase().endsWith('.xlsx')) return parseXlsx(buf, opts.sheet);
  const { text, encoding } = decodeTextWithEncoding(buf);
  return { ...parseCsvText(text), encoding };
}

export function parseCsvText(text: string): ParsedFile {
  if (text.includes('\u0000')) throw malformed('binary content: expected CSV text or an XLSX workbook');
  let records: string[][];
  const delimiter = sniffDelimiter(text);
  try {
    records = parseCsv(text, {
      delimiter,
      relax_column_count: true,
      skip_empty_lines: true,
      trim: true,
      bom: true,
    }) as string[][];
  } catch (err) {
    throw malformed((err as Error).message);
  }
  const [header, ...data] = records;
  if (!header) throw malformed('no header line');
  const headers = cleanHeaders(header);
  const width = headers.length;
  const rows = data.map((r, i) => {
    if (r.length > width && r.slice(width).some((c) => c !== '')) {
      throw malformed(`row ${i + 2} has ${r.length} fields, the header ${width}`);
    }
    return headers.map((_, c) => (r[c] ? r[c] : null));
  });
  return { headers, rows, firstRow: 2, format: 'csv', delimiter };
}

function cleanHeaders(raw: unknown[]): string[] {
  const headers = raw.map((h) => String(h ?? '').trim());
  if (headers.every((h) => h === '')) throw malformed('the header line is empty');
  const seen = new Set<string>();
  for (const h of headers) {
    if (h && seen.has(h.toLowerCase())) throw malformed(`the column "${h}" appears twice`);
    seen.add(h.toLowerCase());
  }
  return headers;
}

function cellValue(v: ExcelJS.CellValue): Cell {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string') return v.trim() || null;
  if (typeof v === 'number' || typeof v === 'boolean' || v instanceof Date) return v;
  if (typeof v === 'object') {
    if ('result' in v) return cellValue(v.result as ExcelJS.CellValue); // formula
    if ('richText' in v)
      return (
        v.richText
          .map((t) => t.text)
          .join('')
          .trim() || null
      );
    if ('text' in v) return String(v.text).trim() || null; // hyperlink
    if ('error' in v) return null;
  }
  return String(v);
}

async function parseXlsx(buf: Buffer, sheetName?: string): Promise<ParsedFile> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(buf as unknown as ArrayBuffer);
  } catch (err) {
    throw malformed(`not a readable XLSX workbook (${(err as Error).message})`);
  }
  const sheet = sheetName ? wb.getWorksheet(sheetName) : wb.worksheets[0];
  if (!sheet) throw malformed(sheetName ? `no sheet named "${sheetName}"` : 'the workbook has no sheet');
  let headers: string[] | null = null;
  let headerRow = 1;
  const rows: Cell[][] = [];
  const numbers: number[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, n) => {
    const values = row.values as ExcelJS.CellValue[]; // 1-based
    if (!headers) {
      headers = cleanHeaders(values.slice(1));
      headerRow = n;
      return;
    }
    const cells = headers.map((_, c) => cellValue(values[c + 1] ?? null));
    if (cells.every((c) => c === null)) return;
    rows.push(cells);
    numbers.push(n);
  });
  if (!headers) throw malformed('the sheet is empty');
  // rows keep their sheet numbers: a gap in the sheet is a gap in the numbering
  return Object.assign(
    {
      headers,
      rows,
      firstRow: headerRow + 1,
      format: 'xlsx' as const,
      sheets: wb.worksheets.map((w) => w.name),
      sheet: sheet.name,
    },
    { rowNumbers: numbers },
  );
}

/** The spreadsheet row number of data row i. */
export function rowNumber(file: ParsedFile, i: number): number {
  const numbers = (file as ParsedFile & { rowNumbers?: number[] }).rowNumbers;
  return numbers?.[i] ?? file.firstRow + i;
}
