import { importStreamLineSchema } from '@guichet/contracts';
import { eq, sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectStatus } from '../../directory/directory.test-support.js';
import { configItems } from '../cmdb.table.js';
import { type CmdbWorld, cmdbWorld } from '../cmdb.test-support.js';
import { cmdbImports } from './import.table.js';
import { ndjsonLines, postFormAs } from './import.test-support.js';

let t: CmdbWorld;
let tag: string;
beforeAll(async () => {
  t = await cmdbWorld();
  tag = t.w.tag;
});
afterAll(() => t.ctx.close());

const NDJSON = { accept: 'application/x-ndjson' };
const stream = (who: 'admin' | 'pessacAgent' | 'reqPessac' = 'admin') =>
  postFormAs(t, t.sessions[who], '/api/v1/cmdb/imports', NDJSON);
const preview = (who: 'admin' | 'pessacAgent' | 'reqPessac' | null = 'admin') =>
  postFormAs(t, who ? t.sessions[who] : null, '/api/v1/cmdb/imports/preview');
const items = async () => Number((await t.db.select({ n: sql`count(*)` }).from(configItems))[0]?.n);
const reports = async () => (await t.db.select().from(cmdbImports)).length;
const bySerial = async (serial: string) =>
  (await t.db.select().from(configItems).where(eq(configItems.serialNumber, serial)))[0];

const goodFile = (prefix: string) =>
  [
    'Nom;Classe;Entité;N° de série',
    `Poste ${prefix} 1 ${tag};workstation;${t.w.pessac.name};${prefix}-1-${tag}`,
    `Poste ${prefix} 2 ${tag};workstation;${t.w.pessac.name};${prefix}-2-${tag}`,
    `Poste ${prefix} 3 ${tag};workstation;${t.w.pessac.name};${prefix}-3-${tag}`,
  ].join('\r\n');

describe('POST /cmdb/imports with Accept: application/x-ndjson', () => {
  it('streams progress lines then the report of a dry run; every line matches the contract', async () => {
    const before = await items();
    const res = await stream()('audit.csv', goodFile('STR'));
    expectStatus(res, 200);
    expect(res.headers['content-type']).toMatch(/^application\/x-ndjson/);
    const lines = ndjsonLines(res);
    for (const l of lines) expect(importStreamLineSchema.safeParse(l).success).toBe(true);
    const last = lines.at(-1);
    expect(last).toMatchObject({
      type: 'report',
      report: { status: 'dry_run', counts: { rows: 3, create: 3, update: 0, unchanged: 0, error: 0 } },
    });
    const progress = lines.slice(0, -1);
    expect(progress.length).toBeGreaterThanOrEqual(2);
    expect(progress[0]).toEqual({ type: 'progress', phase: 'checking', done: 0, total: 3 });
    expect(progress.at(-1)).toEqual({ type: 'progress', phase: 'checking', done: 3, total: 3 });
    expect(await items()).toBe(before);
  });

  it('applies with checking then writing progress, and the counts match the rows written', async () => {
    const before = await items();
    const res = await stream('pessacAgent')('audit.csv', goodFile('APL'), { apply: 'true' });
    expectStatus(res, 200);
    const lines = ndjsonLines(res);
    const phases = lines.filter((l) => l.type === 'progress').map((l) => l.phase);
    expect(phases[0]).toBe('checking');
    expect(phases.at(-1)).toBe('writing');
    expect(lines.filter((l) => l.type === 'progress' && l.phase === 'writing').at(-1)).toMatchObject({
      done: 3,
      total: 3,
    });
    const last = lines.at(-1) as { type: string; report: { id: number; status: string; counts: object } };
    expect(last).toMatchObject({ type: 'report', report: { status: 'applied', counts: { create: 3 } } });
    expect(await items()).toBe(before + 3);
    expect(await bySerial(`APL-2-${tag}`)).toMatchObject({ class: 'workstation', entityId: t.w.pessac.id });
    // the report is kept, with who ran it
    const kept = await t.api('pessacAgent').get(`/api/v1/cmdb/imports/${last.report.id}`);
    expect(kept.json()).toMatchObject({ status: 'applied', by: { id: t.w.pessacAgent.id } });
  });

  it('a row error refuses the whole apply: the report says failed and nothing is written', async () => {
    const before = await items();
    const csv = `${goodFile('ERR')}\r\nSans entité ${tag};workstation;Nulle part;ERR-4-${tag}`;
    const res = await stream()('audit.csv', csv, { apply: 'true' });
    expectStatus(res, 200);
    const last = ndjsonLines(res).at(-1);
    expect(last).toMatchObject({
      type: 'report',
      report: { status: 'failed', counts: { create: 3, error: 1 }, errors: [{ row: 5, field: 'entity' }] },
    });
    expect(await items()).toBe(before);
  });

  it('a mapping naming a missing column, found once streaming, ends with an error line and writes nothing', async () => {
    const before = await items();
    const kept = await reports();
    const res = await stream()('audit.csv', goodFile('MAP'), {
      apply: 'true',
      mapping: JSON.stringify({
        columns: { Nom: 'name', Absente: 'serialNumber' },
        fixed: { class: 'server' },
      }),
    });
    expectStatus(res, 200);
    const last = ndjsonLines(res).at(-1);
    expect(last).toMatchObject({
      type: 'error',
      error: { code: 'validation_failed', errors: [{ path: 'mapping.columns.Absente' }] },
    });
    expect(importStreamLineSchema.safeParse(last).success).toBe(true);
    expect(await items()).toBe(before);
    expect(await reports()).toBe(kept);
  });

  it('answers plain 400s before streaming: malformed file, no file, bad mapping JSON; 403 to requesters', async () => {
    const before = await items();
    const kept = await reports();
    const bad = await stream()('bad.csv', 'Nom;Série\n"PC ouvert;X\nautre;Y\n', { apply: 'true' });
    expectStatus(bad, 400);
    expect(bad.headers['content-type']).toMatch(/json/);
    expect(bad.json().detail).toMatch(/Malformed file/);
    const badJson = await stream()('a.csv', 'Nom\nx\n', { mapping: '{' });
    expectStatus(badJson, 400);
    expect(badJson.json().errors).toEqual([{ path: 'mapping', message: 'not JSON' }]);
    expectStatus(await stream('reqPessac')('a.csv', 'Nom\nx\n'), 403);
    expect(await items()).toBe(before);
    expect(await reports()).toBe(kept);
  });

  it('throttles progress on a larger file: few lines, the last ones reach the total', async () => {
    const rows = ['Nom;Classe;Entité;N° de série'];
    for (let i = 0; i < 2500; i++)
      rows.push(`Big ${i} ${tag};workstation;${t.w.pessac.name};BIG-${i}-${tag}`);
    const res = await stream()('big.csv', rows.join('\n'));
    const lines = ndjsonLines(res);
    const progress = lines.filter((l) => l.type === 'progress');
    // one per 500-row slice at most, plus the first and the last
    expect(progress.length).toBeLessThanOrEqual(2500 / 500 + 2);
    expect(progress.at(-1)).toMatchObject({ phase: 'checking', done: 2500, total: 2500 });
    expect(lines.at(-1)).toMatchObject({ type: 'report', report: { counts: { create: 2500 } } });
  });
});

describe('POST /cmdb/imports/preview', () => {
  it('reads a Windows-1252 CSV: encoding, delimiter, headers, first rows, row count, suggested mapping', async () => {
    const lines = ['Désignation;Type;Entité;N° de série;Remarque'];
    for (let i = 1; i <= 12; i++) lines.push(`Mairie annexe ${i};poste de travail;Pessac;PRE-${i};`);
    const latin = Buffer.from(lines.join('\r\n'), 'latin1');
    const res = await preview()('parc.csv', latin);
    expectStatus(res, 200);
    const p = res.json();
    expect(p).toMatchObject({
      format: 'csv',
      encoding: 'windows-1252',
      delimiter: ';',
      sheets: [],
      sheet: null,
      headers: ['Désignation', 'Type', 'Entité', 'N° de série', 'Remarque'],
      rowCount: 12,
      fromSource: false,
      mapping: {
        columns: {
          Désignation: 'name',
          Type: 'class',
          Entité: 'entity',
          'N° de série': 'serialNumber',
          Remarque: null,
        },
        reconcileOrder: ['serialNumber', 'inventoryNumber', 'hostname'],
      },
    });
    expect(p.rows).toHaveLength(10);
    expect(p.rows[0]).toEqual(['Mairie annexe 1', 'poste de travail', 'Pessac', 'PRE-1', null]);
    expect(p.rowNumbers.slice(0, 2)).toEqual([2, 3]);
  });

  it("merges the source's saved mapping over the suggestion, for the file's headers only", async () => {
    const source = `preview-${tag}`;
    const saved = await t.api('pessacAgent').put(`/api/v1/cmdb/import-sources/${source}`, {
      columns: { 'N° de série': 'inventoryNumber', Remarque: 'hostname', Ancienne: 'name' },
      fixed: { class: 'printer' },
      reconcileOrder: ['inventoryNumber', 'serialNumber'],
    });
    expectStatus(saved, 200);
    const res = await preview('pessacAgent')('parc.csv', 'Nom;N° de série;remarque\nA;1;h\n', { source });
    expectStatus(res, 200);
    expect(res.json()).toMatchObject({
      fromSource: true,
      mapping: {
        columns: { Nom: 'name', 'N° de série': 'inventoryNumber', remarque: 'hostname' },
        fixed: { class: 'printer' },
        reconcileOrder: ['inventoryNumber', 'serialNumber'],
      },
    });
    expect(Object.keys(res.json().mapping.columns)).toEqual(['N° de série', 'remarque', 'Nom']);
  });

  it('lists the sheets of a workbook and reads the one asked for (dates as YYYY-MM-DD)', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Notes').addRow(['rien']);
    const ws = wb.addWorksheet('Parc');
    ws.addRow(['Hostname', "Date d'achat"]);
    ws.addRow(['pc-1', new Date(Date.UTC(2024, 2, 1))]);
    const buf = Buffer.from(await wb.xlsx.writeBuffer());
    const first = (await preview()('parc.xlsx', buf)).json();
    expect(first).toMatchObject({
      format: 'xlsx',
      encoding: null,
      sheets: ['Notes', 'Parc'],
      sheet: 'Notes',
    });
    const res = await preview()('parc.xlsx', buf, { sheet: 'Parc' });
    expect(res.json()).toMatchObject({
      sheet: 'Parc',
      headers: ['Hostname', "Date d'achat"],
      rows: [['pc-1', '2024-03-01']],
      rowCount: 1,
      mapping: { columns: { Hostname: 'hostname', "Date d'achat": 'attributes.purchasedOn' } },
    });
    const missing = await preview()('parc.xlsx', buf, { sheet: 'Absente' });
    expectStatus(missing, 400);
    expect(missing.json().detail).toMatch(/no sheet named/);
  });

  it('answers 400 for a malformed or missing file, 401 without a session, 403 to requesters', async () => {
    const kept = await reports();
    expectStatus(await preview()('bad.csv', 'Nom;Série\n"PC ouvert;X\n'), 400);
    expectStatus(await preview()('empty.csv', ''), 400);
    const noFile = await t.ctx.app.inject({
      method: 'POST',
      url: '/api/v1/cmdb/imports/preview',
      headers: t.sessions.admin.headers,
      payload: { a: 1 },
    });
    expect([400, 415]).toContain(noFile.statusCode);
    expectStatus(await preview(null)('a.csv', 'Nom\nx\n'), 401);
    expectStatus(await preview('reqPessac')('a.csv', 'Nom\nx\n'), 403);
    expect(await reports()).toBe(kept);
  });
});
