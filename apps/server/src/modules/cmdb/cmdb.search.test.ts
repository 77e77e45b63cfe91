import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../platform/auth/actor.js';
import { expectStatus } from '../directory/directory.test-support.js';
import { loadActor } from '../directory/index.js';
import { type ListFilters, listItemsQuery } from './cmdb.repository.js';
import { type CmdbWorld, cmdbWorld } from './cmdb.test-support.js';

let t: CmdbWorld;
let desk: Actor;
let pessacAgent: Actor;
beforeAll(async () => {
  t = await cmdbWorld();
  const load = async (id: number) => {
    const actor = await loadActor(t.db, id);
    if (!actor) throw new Error('no actor');
    return actor;
  };
  desk = await load(t.w.deskAgent.id);
  pessacAgent = await load(t.w.pessacAgent.id);
  // a few thousand workstations over the two communes, and some shared applications
  await t.db.execute(sql`
    insert into config_items (class, name, status, entity_id, serial_number, inventory_number, hostname, attributes)
    select 'workstation', 'Poste ' || md5(i::text), 'deployed',
      case when i % 2 = 0 then ${t.w.pessac.id}::bigint else ${t.w.merignac.id}::bigint end,
      'SN' || lpad(i::text, 8, '0'), 'INV' || i, 'ws-' || i, '{}'::jsonb
    from generate_series(1, 6000) i`);
  await t.db.execute(sql`
    insert into config_items (class, name, status, entity_id, attributes)
    select 'application', 'Application ' || i, 'deployed', ${t.w.metropolis.id}::bigint, '{}'::jsonb
    from generate_series(1, 300) i`);
  await t.db.execute(sql`
    insert into ci_usages (ci_id, entity_id)
    select id, ${t.w.pessac.id}::bigint from config_items
    where entity_id = ${t.w.metropolis.id} and name like 'Application 1%'`);
  await t.db.execute(sql`vacuum analyze config_items`);
  await t.db.execute(sql`vacuum analyze ci_usages`);
});
afterAll(() => t.ctx.close());

const plan = async (actor: Actor, f: Partial<ListFilters>) => {
  const query = listItemsQuery(t.db, actor, { limit: 51, ...f });
  const { rows } = await t.db.execute<{ 'QUERY PLAN': string }>(sql`explain ${query}`);
  return rows.map((r) => r['QUERY PLAN']).join('\n');
};

/**
 * Plans of the inventory list on ~6,300 items (PGlite = PostgreSQL 18; PostgreSQL server): a name
 * fragment goes through the trigram index on name_folded, a serial/inventory number/hostname through
 * the lower(...) expression indexes (one BitmapOr), a class filter within a commune through
 * (entity_id, class, name_folded, id), the first page without filters walks (name_folded, id) in order.
 */
describe('inventory search plans', () => {
  it('serves a name fragment or an identifier from the indexes', async () => {
    const byName = await plan(desk, { q: 'poste 4a8a' });
    expect(byName).toContain('config_items_name_folded_trgm_idx');
    expect(byName).not.toContain('Seq Scan on config_items');
    const bySerial = await plan(desk, { q: 'SN00004242' });
    expect(bySerial).toContain('config_items_serial_idx');
    expect(bySerial).toContain('config_items_hostname_idx');
    expect(bySerial).not.toContain('Seq Scan on config_items');
  });

  it('serves the first page and a commune scope filtered by class from btree indexes', async () => {
    const first = await plan(desk, {});
    expect(first).toContain('config_items_name_order_idx');
    expect(first).not.toContain('Seq Scan on config_items');
    const scoped = await plan(pessacAgent, { class: 'application' });
    expect(scoped).not.toContain('Seq Scan on config_items');
  });

  it('answers right at that size, shared applications included for the commune', async () => {
    const res = await t
      .api('pessacAgent')
      .get('/api/v1/cmdb/items?q=application%201&class=application&limit=200');
    expectStatus(res, 200);
    const names = res.json().items.map((i: { name: string }) => i.name) as string[];
    expect(names.length).toBeGreaterThan(100);
    expect(names.every((n) => n.startsWith('Application 1'))).toBe(true);
    const serial = await t.api('pessacAgent').get('/api/v1/cmdb/items?q=sn00004242');
    expect(serial.json().items.map((i: { hostname: string }) => i.hostname)).toEqual(['ws-4242']);
    // odd numbers are Mérignac's
    expect((await t.api('pessacAgent').get('/api/v1/cmdb/items?q=ws-4243')).json().items).toEqual([]);
  });
});
