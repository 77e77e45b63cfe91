import type { CiRelationKind } from '@guichet/contracts';
import { sql } from 'drizzle-orm';
import type { ItemNode } from '../../apps/server/src/demo/inventory.js';
import { buildDemoData } from '../../apps/server/src/demo/seed.js';
import type { Target } from './databases.js';
import type { RunningServer } from './server.js';
import { type ResultRow, summarize } from './stats.js';

/** The budget: the demo inventory (10,000 + 850 + 600 and their links) imported from files in < 5 s. */
const IMPORT_BUDGET_MS = 5_000;

interface AuditFile {
  name: string;
  csv: string;
  mapping: { columns: Record<string, string | null>; fixed?: Record<string, string> };
}

const cell = (v: string | number | null | undefined) => {
  const s = v === null || v === undefined ? '' : String(v);
  return /[;"\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};
const csvOf = (header: string[], rows: (string | number | null)[][]) =>
  [header, ...rows].map((r) => r.map(cell).join(';')).join('\r\n');

/**
 * The demo inventory as an audit campaign hands it over: one sheet per family, with the relations as
 * columns naming the other items (inventory number, hostname, serial number or name).
 */
export function auditFiles(now: Date, entityIds: ReadonlyMap<string, number>): AuditFile[] {
  const { inventory, directory } = buildDemoData(now);
  // entity names are not unique across communes ("Direction du numérique"): the database's id there
  const entityNames = new Map<string, number>();
  for (const e of directory.entities) entityNames.set(e.name, (entityNames.get(e.name) ?? 0) + 1);
  const entity = (i: ItemNode) => {
    if ((entityNames.get(i.entity.name) ?? 0) === 1) return i.entity.name;
    const id = entityIds.get(`${i.entity.name}|${i.entity.parent?.name ?? ''}`);
    if (id === undefined) throw new Error(`bench: entity ${i.entity.name} not in the database`);
    return id;
  };
  const siteRef = new Map<ItemNode, string>();
  let n = 0;
  for (const i of inventory.items)
    if (i.class === 'site') siteRef.set(i, i.inventory ?? `SITE-${String(++n).padStart(4, '0')}`);
  const ref = (i: ItemNode) => siteRef.get(i) ?? i.hostname ?? i.serial ?? i.inventory ?? i.name;
  const related = new Map<ItemNode, Map<CiRelationKind, ItemNode[]>>();
  const ends = new Map<ItemNode, ItemNode[]>();
  for (const [kind, source, target] of inventory.relations) {
    if (kind === 'connected_to' && target.class === 'network_link') {
      ends.set(target, [...(ends.get(target) ?? []), source]);
      continue;
    }
    const byKind = related.get(source) ?? new Map<CiRelationKind, ItemNode[]>();
    byKind.set(kind, [...(byKind.get(kind) ?? []), target]);
    related.set(source, byKind);
  }
  const rel = (i: ItemNode, kind: CiRelationKind) =>
    (related.get(i)?.get(kind) ?? []).map(ref).join(' | ') || null;
  const of = (...classes: string[]) => inventory.items.filter((i) => classes.includes(i.class));
  const core = {
    Classe: 'class',
    Nom: 'name',
    Entité: 'entity',
    Site: 'site',
    'N° de série': 'serialNumber',
    'N° inventaire': 'inventoryNumber',
    "Nom d'hôte": 'hostname',
  };
  const coreCells = (i: ItemNode) => [
    i.class,
    i.name,
    entity(i),
    i.site?.name ?? null,
    i.serial,
    siteRef.get(i) ?? i.inventory,
    i.hostname,
  ];
  return [
    {
      // sites, routers and links in one sheet: they name each other (a site is connected to a core
      // router located at a site; a link names its two ends), and a sheet may name rows further down
      name: 'sites-reseau.csv',
      csv: csvOf(
        [...Object.keys(core), 'Raccordé à', 'Situé à', 'Extrémité A', 'Extrémité B'],
        of('site', 'network_device', 'network_link').map((i) => {
          const [a, b] = (ends.get(i) ?? []).map(ref);
          return [...coreCells(i), rel(i, 'connected_to'), rel(i, 'located_at'), a ?? null, b ?? null];
        }),
      ),
      mapping: {
        columns: {
          ...core,
          'Raccordé à': 'relation.connected_to',
          'Situé à': 'relation.located_at',
          'Extrémité A': 'relation.connected_to',
          'Extrémité B': 'relation.connected_to',
        },
      },
    },
    {
      name: 'serveurs-applications.csv',
      csv: csvOf(
        [...Object.keys(core), 'Situé à', 'Fait partie de', "S'exécute sur", 'Dépend de'],
        of('server', 'information_system', 'application').map((i) => [
          ...coreCells(i),
          rel(i, 'located_at'),
          rel(i, 'part_of'),
          rel(i, 'runs_on'),
          rel(i, 'depends_on'),
        ]),
      ),
      mapping: {
        columns: {
          ...core,
          'Situé à': 'relation.located_at',
          'Fait partie de': 'relation.part_of',
          "S'exécute sur": 'relation.runs_on',
          'Dépend de': 'relation.depends_on',
        },
      },
    },
    {
      name: 'postes-imprimantes-telephones.csv',
      csv: csvOf(
        [...Object.keys(core), 'Détenteur', 'Situé à'],
        of('workstation', 'laptop', 'printer', 'phone').map((i) => [
          ...coreCells(i),
          i.owner?.email ?? null,
          rel(i, 'located_at'),
        ]),
      ),
      mapping: { columns: { ...core, Détenteur: 'owner', 'Situé à': 'relation.located_at' } },
    },
  ];
}

interface Report {
  status: string;
  counts: Record<string, number> & { relations?: Record<string, number> };
  errors: { row: number; field: string | null; message: string }[];
}

async function post(server: RunningServer, token: string, file: AuditFile, apply: boolean): Promise<Report> {
  const form = new FormData();
  form.set('file', new Blob([file.csv], { type: 'text/csv' }), file.name);
  form.set('mapping', JSON.stringify(file.mapping));
  form.set('source', `bench ${file.name}`);
  form.set('apply', String(apply));
  const res = await fetch(`${server.baseUrl}/api/v1/cmdb/imports`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}` },
    body: form,
  });
  const body = (await res.json()) as Report;
  if (res.status !== 201) throw new Error(`import ${file.name}: ${res.status} ${JSON.stringify(body)}`);
  if (body.status === 'failed' || body.errors.length > 0) {
    throw new Error(`import ${file.name}: ${JSON.stringify(body.errors.slice(0, 5))}`);
  }
  return body;
}

/**
 * Imports the demo inventory from its audit files into a CMDB emptied for the purpose, over HTTP as the
 * admin: a dry run then the apply of each file in order (later files name earlier files' items), then
 * the same files again, which must change nothing. Runs last: it replaces the seeded inventory.
 */
export async function benchCmdbImport(
  target: Target,
  server: RunningServer,
  token: string,
): Promise<ResultRow[]> {
  const { rows: entities } = await target.database.db.execute<{ id: number; name: string; parent: string }>(
    sql`select e.id, e.name, coalesce(p.name, '') as parent from entities e left join entities p on p.id = e.parent_id`,
  );
  const files = auditFiles(new Date(), new Map(entities.map((e) => [`${e.name}|${e.parent}`, Number(e.id)])));
  const bytes = files.reduce((a, f) => a + Buffer.byteLength(f.csv), 0);
  const lines = files.reduce((a, f) => a + f.csv.split('\r\n').length - 1, 0);
  console.log(`  import: ${files.length} files, ${lines} rows, ${(bytes / 1e6).toFixed(1)} MB`);
  await target.database.db.execute(
    sql`truncate ci_relations, ci_usages, ci_events, ticket_items, config_items, cmdb_imports restart identity cascade`,
  );
  const report = (label: string, ms: number, reports: Report[]) => {
    const total = (k: string) => reports.reduce((a, r) => a + (r.counts[k] ?? 0), 0);
    const relations = (k: string) => reports.reduce((a, r) => a + (r.counts.relations?.[k] ?? 0), 0);
    console.log(
      `  import ${label}: ${(ms / 1000).toFixed(2)} s — items create ${total('create')}, update ${total('update')}, unchanged ${total('unchanged')}; relations create ${relations('create')}, unchanged ${relations('unchanged')}`,
    );
  };
  // as a person works: check a file, apply it, go on with the next (which names the previous ones' items)
  const dry = { ms: 0, reports: [] as Report[] };
  const apply = { ms: 0, reports: [] as Report[] };
  for (const f of files) {
    for (const [step, isApply] of [
      [dry, false],
      [apply, true],
    ] as const) {
      const t0 = performance.now();
      step.reports.push(await post(server, token, f, isApply));
      step.ms += performance.now() - t0;
    }
  }
  report('dry runs (check only)', dry.ms, dry.reports);
  report('applies', apply.ms, apply.reports);
  const again = { ms: 0, reports: [] as Report[] };
  const t0 = performance.now();
  for (const f of files) again.reports.push(await post(server, token, f, true));
  again.ms = performance.now() - t0;
  report('same files again', again.ms, again.reports);
  const changed = again.reports.some((r) => (r.counts.create ?? 0) + (r.counts.update ?? 0) > 0);
  if (changed) console.log('  import: WARNING the second import changed something');
  const row = (label: string, ms: number, budget: boolean): ResultRow => ({
    part: 'import',
    engine: target.engine,
    scale: 'demo',
    label,
    clients: 1,
    summary: summarize([ms], ms),
    ...(budget ? { budget: { percentile: 'p95' as const, maxMs: IMPORT_BUDGET_MS } } : {}),
  });
  return [
    row(`dry run, ${files.length} files, ${lines} rows`, dry.ms, false),
    row(`apply, ${files.length} files, ${lines} rows`, apply.ms, true),
    row('re-import (unchanged)', again.ms, false),
  ];
}
