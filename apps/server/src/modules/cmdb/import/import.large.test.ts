import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectStatus } from '../../directory/directory.test-support.js';
import { configItems } from '../cmdb.table.js';
import { type CmdbWorld, cmdbWorld } from '../cmdb.test-support.js';
import { importAs } from './import.test-support.js';

let t: CmdbWorld;
beforeAll(async () => {
  t = await cmdbWorld();
});
afterAll(() => t.ctx.close());

/** A ~10 MB audit file of workstations, generated here. */
function bigCsv(tag: string, site: string, entity: string) {
  const lines = ['Nom;Type;Entité;Site;N° de série;N° d’inventaire;Nom d’hôte;Fabricant;Modèle;Système;RAM'];
  let size = 0;
  let i = 0;
  while (size < 10 * 1024 * 1024) {
    const line = `Poste ${i} ${tag} bureau des affaires générales;poste de travail;${entity};${site};SN${tag}-${i};INV-${tag}-${i};pc-${tag}-${i};Dell;OptiPlex 7090;Windows 11 Pro;${8 + (i % 3) * 8}`;
    lines.push(line);
    size += Buffer.byteLength(line) + 1;
    i++;
  }
  return { csv: `${lines.join('\n')}\n`, rows: i };
}

describe('a 10 MB file', () => {
  it('dry-runs and applies within the timeout, then re-applies as unchanged', {
    timeout: 240_000,
  }, async () => {
    const { csv, rows } = bigCsv(t.w.tag, t.w.pessacTownHall.name, t.w.pessac.name);
    const size = Buffer.byteLength(csv);
    expect(size).toBeGreaterThan(10 * 1024 * 1024);
    const imp = importAs(t, t.sessions.admin);
    const engine = t.ctx.databaseUrl ? 'PostgreSQL' : 'PGlite';

    let started = performance.now();
    const dry = await imp('big.csv', csv);
    const dryMs = performance.now() - started;
    expectStatus(dry, 201);
    expect(dry.json().counts).toEqual({ rows, create: rows, update: 0, unchanged: 0, error: 0 });

    started = performance.now();
    const applied = await imp('big.csv', csv, { apply: 'true' });
    const applyMs = performance.now() - started;
    expect(applied.json()).toMatchObject({ status: 'applied', counts: { create: rows } });
    const [n] = await t.db
      .select({ n: sql<number>`count(*)::int` })
      .from(configItems)
      .where(sql`serial_number like ${`SN${t.w.tag}-%`}`);
    expect(n?.n).toBe(rows);

    started = performance.now();
    const again = await imp('big.csv', csv, { apply: 'true' });
    const againMs = performance.now() - started;
    expect(again.json()).toMatchObject({
      status: 'applied',
      counts: { unchanged: rows, create: 0, update: 0 },
    });
    console.log(
      `[import ${engine}] ${(size / 1024 / 1024).toFixed(1)} MB, ${rows} rows: dry run ${Math.round(dryMs)} ms, ` +
        `apply ${Math.round(applyMs)} ms (${Math.round((rows / applyMs) * 1000)} rows/s), re-apply ${Math.round(againMs)} ms`,
    );
  });

  it('refuses a file over 20 MB with 413', { timeout: 60_000 }, async () => {
    const res = await importAs(t, t.sessions.admin)('huge.csv', Buffer.alloc(21 * 1024 * 1024, 'a'));
    expectStatus(res, 413);
  });
});
