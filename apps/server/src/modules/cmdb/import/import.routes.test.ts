import { eq, sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectStatus } from '../../directory/directory.test-support.js';
import { ciEvents, configItems } from '../cmdb.table.js';
import { type CmdbWorld, cmdbWorld } from '../cmdb.test-support.js';
import { cmdbImports } from './import.table.js';
import { importAs } from './import.test-support.js';

let t: CmdbWorld;
let tag: string;
let ownerEmail: string;
beforeAll(async () => {
  t = await cmdbWorld();
  tag = t.w.tag;
  ownerEmail = await t.emailOf(t.w.requesterPessac.id);
});
afterAll(() => t.ctx.close());

const imp = (who: 'admin' | 'pessacAgent' | 'coordinator' | 'reqPessac') => importAs(t, t.sessions[who]);
const count = async () => Number((await t.db.select({ n: sql`count(*)` }).from(configItems))[0]?.n);
const bySerial = async (serial: string) =>
  (await t.db.select().from(configItems).where(eq(configItems.serialNumber, serial)))[0];
type Report = {
  id: number;
  status: string;
  counts: Record<string, number>;
  errors: { row: number; field: string | null; message: string }[];
  warnings: { row: number; field: string | null; message: string }[];
};

describe('POST /cmdb/imports (dry run)', () => {
  it('counts what would happen and reports row errors with row numbers and fields; writes no item', async () => {
    const csv = [
      'Nom,Classe,Entité,Site,Propriétaire,N° de série,Nom d’hôte,RAM,Modèle',
      `PC neuf ${tag},poste de travail,${t.w.pessac.name},${t.w.pessacTownHall.name},${ownerEmail},DRY-1-${tag},dry1-${tag},8,OptiPlex`,
      `PC Accueil Mairie Pessac ${tag},workstation,${t.w.pessac.name},,,SN-PES-${tag},pes-acc-${tag},16,`,
      `Sans site ${tag},workstation,${t.w.pessac.name},Site inconnu,,DRY-3-${tag},,8,`,
      `,workstation,${t.w.pessac.name},,,DRY-4-${tag},,8,`,
      `RAM invalide ${tag},workstation,${t.w.pessac.name},,nobody@nowhere.example,DRY-5-${tag},,beaucoup,`,
      `Doublon ${tag},workstation,${t.w.pessac.name},,,DRY-1-${tag},,8,`,
      `Portable ${tag},laptop,${t.w.pessac.name},,,DRY-7-${tag},,8,`,
    ].join('\n');
    const before = await count();
    const res = await imp('admin')('audit.csv', csv);
    expectStatus(res, 201);
    const report = res.json() as Report & { mapping: { columns: Record<string, string | null> } };
    expect(report.status).toBe('dry_run');
    expect(report.mapping.columns).toMatchObject({
      Nom: 'name',
      Classe: 'class',
      Entité: 'entity',
      'N° de série': 'serialNumber',
      RAM: 'attributes.ramGb',
      Modèle: 'attributes.model',
    });
    expect(report.counts).toEqual({ rows: 7, create: 2, update: 0, unchanged: 1, error: 4 });
    const issues = report.errors.map((e) => [e.row, e.field]);
    expect(issues).toEqual(
      expect.arrayContaining([
        [4, 'site'],
        [5, 'name'],
        [6, 'owner'],
        [6, 'attributes.ramGb'],
        [7, 'serialNumber'],
      ]),
    );
    expect(report.errors.find((e) => e.row === 7)?.message).toMatch(/row 2/);
    expect(await count()).toBe(before);
  });

  it('answers 400 for a malformed file, writes nothing, keeps no report', async () => {
    const before = await count();
    const reports = (await t.db.select().from(cmdbImports)).length;
    const bad = await imp('admin')('bad.csv', 'Nom;Série\n"PC ouvert;X\nautre;Y\n');
    expectStatus(bad, 400);
    expect(bad.json().detail).toMatch(/Malformed file/);
    const binary = await imp('admin')('bad.xlsx', Buffer.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3, 4, 5]));
    expectStatus(binary, 400);
    expect(binary.json().detail).toMatch(/XLSX/);
    const empty = await imp('admin')('empty.csv', '');
    expectStatus(empty, 400);
    const badMapping = await imp('admin')('a.csv', 'Nom\nx\n', { mapping: '{"columns":{"Nom":"colour"}}' });
    expectStatus(badMapping, 400);
    expect(await count()).toBe(before);
    expect((await t.db.select().from(cmdbImports)).length).toBe(reports);
  });

  it('answers 401 without a session and 403 to requesters and coordinators', async () => {
    expectStatus(await importAs(t, null)('a.csv', 'Nom\nx\n'), 401);
    expectStatus(await imp('reqPessac')('a.csv', 'Nom\nx\n'), 403);
    expectStatus(await imp('coordinator')('a.csv', 'Nom\nx\n'), 403);
    expectStatus(await t.api('reqPessac').get('/api/v1/cmdb/imports'), 403);
    expectStatus(await t.api(null).get('/api/v1/cmdb/items/export'), 401);
    expectStatus(await t.api('reqPessac').get('/api/v1/cmdb/items/export'), 403);
  });
});

describe('apply and reconciliation', () => {
  const file = () =>
    [
      'name;class;entity;site;serial;inventory;hostname;os;ramGb',
      `Poste A ${tag};workstation;${t.w.pessac.name};${t.w.pessacTownHall.name};APP-A-${tag};INV-A-${tag};a-${tag};Windows 11;16`,
      `Poste B ${tag};workstation;${t.w.pessac.name};;APP-B-${tag};;b-${tag};Windows 10;8`,
      `Imprimante ${tag};printer;${t.w.pessac.id};;APP-C-${tag};;;;`,
    ].join('\r\n');

  it('applies in one go with history, then re-applying the same file changes nothing', async () => {
    const first = await imp('pessacAgent')('audit.csv', file(), { apply: 'true', source: `audit-${tag}` });
    expectStatus(first, 201);
    expect(first.json()).toMatchObject({ status: 'applied', counts: { create: 3, update: 0, error: 0 } });
    const a = await bySerial(`APP-A-${tag}`);
    expect(a).toMatchObject({
      class: 'workstation',
      siteId: t.w.pessacTownHall.id,
      inventoryNumber: `INV-A-${tag}`,
      attributes: { os: 'Windows 11', ramGb: 16 },
    });
    const events = await t.db
      .select()
      .from(ciEvents)
      .where(eq(ciEvents.ciId, a?.id ?? 0));
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ kind: 'created', actorId: t.w.pessacAgent.id });
    // the item is usable through the API
    expectStatus(await t.api('pessacAgent').get(`/api/v1/cmdb/items/${a?.id}`), 200);

    const again = await imp('pessacAgent')('audit.csv', file(), { apply: 'true', source: `audit-${tag}` });
    expect(again.json()).toMatchObject({ status: 'applied', counts: { create: 0, update: 0, unchanged: 3 } });
    expect(
      await t.db
        .select()
        .from(ciEvents)
        .where(eq(ciEvents.ciId, a?.id ?? 0)),
    ).toHaveLength(1);
    expect((await bySerial(`APP-A-${tag}`))?.version).toBe(1);

    // the mapping was saved for the source and is reused when none is given
    const sources = (await t.api('pessacAgent').get('/api/v1/cmdb/import-sources')).json() as {
      name: string;
    }[];
    expect(sources.map((s) => s.name)).toContain(`audit-${tag}`);

    // reports: listed and readable
    const list = await t.api('pessacAgent').get('/api/v1/cmdb/imports');
    expectStatus(list, 200);
    expect(list.json()[0]).toMatchObject({ id: again.json().id, status: 'applied', fileName: 'audit.csv' });
    const one = await t.api('admin').get(`/api/v1/cmdb/imports/${first.json().id}`);
    expect(one.json()).toMatchObject({ by: { id: t.w.pessacAgent.id }, counts: { create: 3 } });
  });

  it('same serial with a new hostname updates the hostname; a retired item reappearing comes back (warned)', async () => {
    const b = await bySerial(`APP-B-${tag}`);
    await t.db
      .update(configItems)
      .set({ status: 'retired' })
      .where(eq(configItems.id, b?.id ?? 0));
    const csv = [
      'name;class;entity;serial;hostname',
      `Poste A ${tag};workstation;${t.w.pessac.name};APP-A-${tag};a-new-${tag}`,
      `Poste B ${tag};workstation;${t.w.pessac.name};app-b-${tag};b-${tag}`,
    ].join('\n');
    const res = await imp('pessacAgent')('audit2.csv', csv, { apply: 'true' });
    const report = res.json() as Report;
    expect(report).toMatchObject({ status: 'applied', counts: { create: 0, update: 2, unchanged: 0 } });
    expect(report.warnings).toEqual([expect.objectContaining({ row: 3, field: 'status' })]);
    const a = await bySerial(`APP-A-${tag}`);
    expect(a).toMatchObject({
      hostname: `a-new-${tag}`,
      version: 2,
      attributes: { os: 'Windows 11', ramGb: 16 },
    });
    expect((await bySerial(`APP-B-${tag}`))?.status).toBe('deployed');
    const [event] = await t.db
      .select()
      .from(ciEvents)
      .where(eq(ciEvents.ciId, a?.id ?? 0))
      .orderBy(sql`id desc`);
    expect(event).toMatchObject({
      kind: 'updated',
      changes: { hostname: { from: `a-${tag}`, to: `a-new-${tag}` } },
    });
  });

  it('two rows for one item: the second is an error, and an apply with errors writes nothing', async () => {
    const csv = [
      'name;class;entity;serial;inventory',
      `Poste A bis ${tag};workstation;${t.w.pessac.name};APP-A-${tag};`,
      `Poste A ter ${tag};workstation;${t.w.pessac.name};;INV-A-${tag}`,
      `Nouveau ${tag};workstation;${t.w.pessac.name};NEW-${tag};`,
    ].join('\n');
    const before = await count();
    const res = await imp('pessacAgent')('twice.csv', csv, { apply: 'true' });
    expectStatus(res, 201);
    const report = res.json() as Report;
    expect(report.status).toBe('failed');
    expect(report.counts).toMatchObject({ update: 1, create: 1, error: 1 });
    expect(report.errors).toEqual([
      expect.objectContaining({ row: 3, field: null, message: expect.stringMatching(/row 2/) }),
    ]);
    expect(await count()).toBe(before);
    expect((await bySerial(`APP-A-${tag}`))?.name).toBe(`Poste A ${tag}`);
  });

  it('refuses rows outside the importer scope (entity and matched item)', async () => {
    const csv = [
      'name,class,entity,serial',
      `Chez Mérignac ${tag},workstation,${t.w.merignac.name},OUT-1-${tag}`,
      `PC Élus Mérignac ${tag},workstation,${t.w.pessac.name},SN-MER-${tag}`,
      `Chez Pessac ${tag},workstation,${t.w.pessac.name},OUT-3-${tag}`,
    ].join('\n');
    const res = await imp('pessacAgent')('scope.csv', csv);
    const report = res.json() as Report;
    expect(report.counts).toMatchObject({ create: 1, error: 2 });
    expect(report.errors.map((e) => [e.row, e.field])).toEqual(
      expect.arrayContaining([
        [2, 'entity'],
        [3, null],
      ]),
    );
    // agents see their own reports only
    expectStatus(await t.api('pessacAgent').get(`/api/v1/cmdb/imports/${report.id}`), 200);
    expectStatus(await t.merignacApi.get(`/api/v1/cmdb/imports/${report.id}`), 404);
  });
});

describe('formats', () => {
  it('reads a Windows-1252 CSV with ; and French headers', async () => {
    const text = [
      'Désignation;Type;Entité;N° de série;Système d’exploitation',
      `Poste Accueil École ${tag};Poste de travail;${t.w.pessac.name};W1252-${tag};Windows 11`,
    ].join('\r\n');
    const latin = Buffer.from(text.replace('’', "'"), 'latin1');
    expect(latin.includes(Buffer.from('É'))).toBe(false); // really not UTF-8
    const res = await imp('admin')('cp1252.csv', latin, {
      mapping: JSON.stringify({
        columns: {
          Désignation: 'name',
          Type: 'class',
          Entité: 'entity',
          'N° de série': 'serialNumber',
          "Système d'exploitation": 'attributes.os',
        },
      }),
      apply: 'true',
    });
    expect(res.json()).toMatchObject({ status: 'applied', counts: { create: 1 } });
    expect(await bySerial(`W1252-${tag}`)).toMatchObject({
      name: `Poste Accueil École ${tag}`,
      attributes: { os: 'Windows 11' },
    });
  });

  it('reads an XLSX built with exceljs (named sheet, numbers, dates, fixed class)', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Notes').addRow(['rien']);
    const ws = wb.addWorksheet('Inventaire');
    ws.addRow(['Hostname', 'Serial', 'Site', 'Entité', 'RAM (Go)', "Date d'achat", 'Nom']);
    ws.addRow([
      `x-${tag}`,
      `XL-1-${tag}`,
      t.w.pessacTownHall.name,
      t.w.pessac.name,
      32,
      new Date(Date.UTC(2024, 2, 1)),
      `Portable XL ${tag}`,
    ]);
    ws.addRow([`y-${tag}`, `XL-2-${tag}`, '', t.w.pessac.name, 8, '', `Portable YL ${tag}`]);
    const buf = Buffer.from(await wb.xlsx.writeBuffer());
    const res = await imp('admin')('audit.xlsx', buf, {
      sheet: 'Inventaire',
      mapping: JSON.stringify({
        columns: {
          Hostname: 'hostname',
          Serial: 'serialNumber',
          Site: 'site',
          Entité: 'entity',
          'RAM (Go)': 'attributes.ramGb',
          "Date d'achat": 'attributes.purchasedOn',
          Nom: 'name',
        },
        fixed: { class: 'laptop' },
      }),
      apply: 'true',
    });
    expect(res.json()).toMatchObject({ status: 'applied', counts: { create: 2, error: 0 } });
    expect(await bySerial(`XL-1-${tag}`)).toMatchObject({
      class: 'laptop',
      hostname: `x-${tag}`,
      siteId: t.w.pessacTownHall.id,
      attributes: { ramGb: 32, purchasedOn: '2024-03-01' },
    });
  });

  it('suggests a mapping from French and English headers', async () => {
    const res = await t.api('pessacAgent').post('/api/v1/cmdb/imports/mapping-suggestion', {
      headers: [
        'Numéro de série',
        'Nom d’hôte',
        'Site',
        'Entité',
        'Modèle',
        'Serial',
        'Inconnue',
        'Hostname',
      ],
    });
    expectStatus(res, 200);
    expect(res.json().columns).toEqual({
      'Numéro de série': 'serialNumber',
      'Nom d’hôte': 'hostname',
      Site: 'site',
      Entité: 'entity',
      Modèle: 'attributes.model',
      Serial: null,
      Inconnue: null,
      Hostname: null,
    });
  });
});

describe('GET /cmdb/items/export', () => {
  it('streams the filtered list as CSV within the scope', async () => {
    const res = await t.api('pessacAgent').get('/api/v1/cmdb/items/export?format=csv&class=workstation');
    expectStatus(res, 200);
    expect(res.headers['content-type']).toMatch(/text\/csv/);
    const lines = res.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\n');
    expect(lines[0]).toMatch(
      /^id;class;name;status;entity;site;owner;serialNumber;inventoryNumber;hostname;attributes\.ip;/,
    );
    expect(res.body).toContain(`PC Accueil Mairie Pessac ${tag}`);
    expect(res.body).toContain(ownerEmail);
    expect(res.body).not.toContain(`SN-MER-${tag}`); // Mérignac's is out of scope
    expect(lines.every((l) => l.split(';')[1] === 'workstation' || l.startsWith('id;'))).toBe(true);
  });

  it('streams XLSX that exceljs reads back, and the export re-imports as unchanged', async () => {
    const res = await t
      .api('pessacAgent')
      .get(`/api/v1/cmdb/items/export?format=xlsx&q=${encodeURIComponent(`APP-A-${tag}`)}`);
    expectStatus(res, 200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    if (!ws) throw new Error('no sheet');
    expect(ws.rowCount).toBe(2);
    const header = (ws.getRow(1).values as string[]).slice(1);
    const row = (ws.getRow(2).values as unknown[]).slice(1);
    expect(row[header.indexOf('serialNumber')]).toBe(`APP-A-${tag}`);
    expect(row[header.indexOf('attributes.ramGb')]).toBe(16);

    const again = await imp('pessacAgent')('export.xlsx', res.rawPayload, { apply: 'true' });
    expect(again.json()).toMatchObject({ status: 'applied', counts: { rows: 1, unchanged: 1, error: 0 } });
  });
});

describe('relation columns', () => {
  const sheet = (runsOn: string, suffix = '') =>
    [
      "Classe;Nom;Entité;N° inventaire;Extrémité A;Extrémité B;S'exécute sur;Fait partie de",
      `site;Site A ${tag}${suffix};${t.w.pessac.name};SA-${tag}${suffix};;;;`,
      `site;Site B ${tag}${suffix};${t.w.pessac.name};SB-${tag}${suffix};;;;`,
      // the link names its two ends; the ends are the relations' sources
      `lien;Fibre A-B ${tag}${suffix};${t.w.pessac.name};;SA-${tag}${suffix};sb-${tag}${suffix};;`,
      `système d'information;SI Test ${tag}${suffix};${t.w.metropolis.name};SI-${tag}${suffix};;;;`,
      // the server exists already, named; the information system is further up in the file
      `application;Appli ${tag}${suffix};${t.w.metropolis.name};;;;${runsOn};SI-${tag}${suffix}`,
    ].join('\n');
  const relationsOf = async (id: number) =>
    (
      await t.db.execute<{ kind: string; source: string; target: string }>(
        sql`select r.kind, s.name as source, d.name as target from ci_relations r
            join config_items s on s.id = r.source_id join config_items d on d.id = r.target_id
            where r.source_id = ${id} or r.target_id = ${id} order by r.kind, s.name`,
      )
    ).rows;

  it('adds the relations the columns name (a link and its ends, runs on, part of), once', async () => {
    const dry = await imp('admin')('topologie.csv', sheet(t.items.server.name));
    expectStatus(dry, 201);
    const report = dry.json() as Report & { mapping: { columns: Record<string, string | null> } };
    expect(report.mapping.columns).toMatchObject({
      'Extrémité A': 'relation.connected_to',
      'Extrémité B': 'relation.connected_to',
      "S'exécute sur": 'relation.runs_on',
      'Fait partie de': 'relation.part_of',
    });
    expect(report.errors).toEqual([]);
    expect(report.counts).toMatchObject({ create: 5, error: 0, relations: { create: 4, unchanged: 0 } });

    const applied = await imp('admin')('topologie.csv', sheet(t.items.server.name), { apply: 'true' });
    expect((applied.json() as Report).status).toBe('applied');
    const link = (
      await t.db
        .select()
        .from(configItems)
        .where(eq(configItems.name, `Fibre A-B ${tag}`))
    )[0];
    const app = (
      await t.db
        .select()
        .from(configItems)
        .where(eq(configItems.name, `Appli ${tag}`))
    )[0];
    expect(await relationsOf(link?.id as number)).toEqual([
      { kind: 'connected_to', source: `Site A ${tag}`, target: `Fibre A-B ${tag}` },
      { kind: 'connected_to', source: `Site B ${tag}`, target: `Fibre A-B ${tag}` },
    ]);
    expect(await relationsOf(app?.id as number)).toEqual([
      { kind: 'part_of', source: `Appli ${tag}`, target: `SI Test ${tag}` },
      { kind: 'runs_on', source: `Appli ${tag}`, target: t.items.server.name },
    ]);
    // one history line per item and import: the link's creation lists its two ends, each as a relation
    // made by hand reads; the server, which existed, gains one "related" line
    const history = await t.api('admin').get(`/api/v1/cmdb/items/${link?.id}/events`);
    expect(history.json()).toHaveLength(1);
    expect(history.json()[0]).toMatchObject({
      kind: 'created',
      changes: { import: { to: 'topologie.csv' } },
    });
    expect(history.json()[0].changes.relations.to).toEqual([
      expect.objectContaining({
        kind: 'connected_to',
        target: { id: link?.id, name: `Fibre A-B ${tag}`, class: 'network_link' },
      }),
      expect.objectContaining({
        kind: 'connected_to',
        source: expect.objectContaining({ name: `Site B ${tag}` }),
      }),
    ]);
    const server = await t.api('admin').get(`/api/v1/cmdb/items/${t.items.server.id}/events`);
    expect(server.json().at(-1)).toMatchObject({ kind: 'related' });
    expect(server.json().at(-1).changes.relations.to).toEqual([
      expect.objectContaining({ kind: 'runs_on', source: expect.objectContaining({ name: `Appli ${tag}` }) }),
    ]);

    const again = await imp('admin')('topologie.csv', sheet(t.items.server.name), { apply: 'true' });
    expect((again.json() as Report).counts).toMatchObject({
      create: 0,
      update: 0,
      unchanged: 5,
      relations: { create: 0, unchanged: 4 },
    });
  });

  it('refuses a row naming an unknown item, and writes nothing at all', async () => {
    const before = await count();
    const res = await imp('admin')('topologie.csv', sheet('Serveur qui n’existe pas', 'x'), {
      apply: 'true',
    });
    const report = res.json() as Report;
    expect(report.status).toBe('failed');
    expect(report.errors).toEqual([
      { row: 6, field: 'relation.runs_on', message: 'unknown item "Serveur qui n’existe pas"' },
    ]);
    expect(report.counts).toMatchObject({ create: 4, error: 1 });
    expect(await count()).toBe(before);
  });
});
