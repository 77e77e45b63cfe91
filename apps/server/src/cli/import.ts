/**
 * `npm run import -- <file> [--source=name] [--sheet=name] [--apply] [--as=email]`
 *
 * Imports an audit spreadsheet (CSV or XLSX) into the CMDB on DATABASE_URL, or on the embedded database
 * in DATA_DIR when no server holds it. A dry run unless --apply; the mapping is the source's saved one,
 * or suggested from the headers. All-or-nothing: one transaction, nothing written when a row has an error.
 */
import { closeSync, existsSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import { ConfigError, loadConfig } from '../config/config.js';
import { type Db, openDatabase } from '../db/client.js';
import { suggestMapping } from '../modules/cmdb/import/import.mapping.js';
import { createImportService } from '../modules/cmdb/import/import.service.js';
import { entities, loadActor, people, roleAssignments } from '../modules/directory/index.js';
import { systemClock } from '../platform/clock.js';
import { AppError } from '../platform/errors.js';

const USAGE =
  'usage: npm run import -- <file.csv|file.xlsx> [--source=name] [--sheet=name] [--apply] [--as=email]';

function parseArgs(argv: string[]) {
  const opts: { file?: string; source?: string; sheet?: string; apply: boolean; as?: string } = {
    apply: false,
  };
  for (const a of argv) {
    if (a === '--apply') opts.apply = true;
    else if (a.startsWith('--source=')) opts.source = a.slice(9);
    else if (a.startsWith('--sheet=')) opts.sheet = a.slice(8);
    else if (a.startsWith('--as=')) opts.as = a.slice(5);
    else if (a === '--help' || a === '-h') throw new ConfigError(USAGE);
    else if (a.startsWith('--')) throw new ConfigError(`unknown option ${a}\n${USAGE}`);
    else if (opts.file) throw new ConfigError(`one file at a time\n${USAGE}`);
    else opts.file = a;
  }
  if (!opts.file) throw new ConfigError(USAGE);
  return opts as typeof opts & { file: string };
}

/** PGlite has no cross-process lock: refuse a data folder a live server holds (same pid file as main.ts). */
function lockDataDir(dir: string): () => void {
  const lock = join(dir, 'guichet.pid');
  if (existsSync(lock)) {
    const pid = Number(readFileSync(lock, 'utf8'));
    let alive = false;
    try {
      process.kill(pid, 0);
      alive = pid !== process.pid;
    } catch {
      alive = false;
    }
    if (alive) {
      throw new ConfigError(
        `${dir} is in use by process ${pid} (a running server?): stop it, or import through the API`,
      );
    }
    rmSync(lock, { force: true });
  }
  const fd = openSync(lock, 'wx');
  writeFileSync(fd, String(process.pid));
  closeSync(fd);
  return () => rmSync(lock, { force: true });
}

/** --as, or the first administrator of a root entity. */
async function importer(db: Db, email: string | undefined): Promise<number> {
  if (email) {
    const [p] = await db
      .select({ id: people.id })
      .from(people)
      .where(sql`lower(${people.email}) = ${email.toLowerCase()}`);
    if (!p) throw new ConfigError(`no person with the e-mail ${email}`);
    return p.id;
  }
  const [p] = await db
    .select({ id: roleAssignments.personId })
    .from(roleAssignments)
    .innerJoin(entities, eq(entities.id, roleAssignments.entityId))
    .where(and(eq(roleAssignments.role, 'admin'), isNull(entities.parentId)))
    .orderBy(asc(roleAssignments.personId))
    .limit(1);
  if (!p) throw new ConfigError('no administrator found: pass --as=email');
  return p.id;
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const path = resolve(process.env.INIT_CWD ?? process.cwd(), args.file);
  if (!existsSync(path)) throw new ConfigError(`no file ${path}`);
  const config = loadConfig();
  if (!config.databaseUrl && !existsSync(join(config.dataDir, 'pglite'))) {
    throw new ConfigError(
      `no database: set DATABASE_URL, or DATA_DIR to a folder with an embedded database (${config.dataDir})`,
    );
  }
  const unlock = config.databaseUrl ? () => {} : lockDataDir(config.dataDir);
  const database = await openDatabase({ url: config.databaseUrl, pgliteDir: join(config.dataDir, 'pglite') });
  try {
    const actor = await loadActor(database.db, await importer(database.db, args.as));
    if (!actor) throw new ConfigError('that account is disabled');
    const started = Date.now();
    console.log(`${args.apply ? 'Importing' : 'Dry run of'} ${path} as ${actor.name} <${actor.email}>`);
    const service = createImportService({ db: database.db, clock: systemClock });
    const report = await service.run(
      actor,
      {
        buffer: readFileSync(path),
        fileName: basename(path),
        sheet: args.sheet,
        source: args.source,
        apply: args.apply,
        onProgress: (done, total) =>
          console.log(`  written ${done}/${total} items (${Math.round((done / total) * 100)} %)`),
        // a line per tenth of the file, not per slice of 500 rows
        onChecking: (done, total) => {
          const tenth = Math.ceil(total / 10) || 1;
          if (done === total || (done > 0 && done % tenth < 500))
            console.log(`  checked ${done}/${total} rows (${Math.round((done / total) * 100)} %)`);
        },
      },
      suggestMapping,
    );
    const c = report.counts;
    console.log(`\nImport #${report.id}: ${report.status} in ${Date.now() - started} ms`);
    console.log('Mapping:');
    for (const h of report.headers) console.log(`  ${h} -> ${report.mapping.columns[h] ?? '(ignored)'}`);
    console.log(
      `Rows ${c.rows}: create ${c.create}, update ${c.update}, unchanged ${c.unchanged}, error ${c.error}`,
    );
    for (const e of report.errors.slice(0, 50))
      console.log(`  error   row ${e.row}${e.field ? ` ${e.field}` : ''}: ${e.message}`);
    for (const w of report.warnings.slice(0, 50))
      console.log(`  warning row ${w.row}${w.field ? ` ${w.field}` : ''}: ${w.message}`);
    if (report.errors.length > 50 || report.warnings.length > 50 || report.issuesTruncated) {
      console.log(`  … the full list: GET /api/v1/cmdb/imports/${report.id}`);
    }
    if (report.status === 'failed') console.log('Nothing was written: fix the errors and run again.');
    else if (report.status === 'dry_run') console.log('Nothing was written: run again with --apply.');
    process.exitCode = report.status === 'failed' ? 2 : 0;
  } finally {
    await database.close();
    unlock();
  }
}

main().catch((err) => {
  if (err instanceof ConfigError) console.error(err.message);
  else if (err instanceof AppError)
    console.error(
      `${err.message}${err.details.errors ? `\n${err.details.errors.map((e) => `  ${e.path}: ${e.message}`).join('\n')}` : ''}`,
    );
  else console.error(err);
  process.exit(1);
});
