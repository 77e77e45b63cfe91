import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type SQL, sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { buildApp } from '../app.js';
import { loadConfig } from '../config/config.js';
import { type Database, openDatabase } from '../db/client.js';
import { searchDocument } from '../modules/tickets/ticket.repository.js';
import { verifyPassword } from '../platform/auth/secrets.js';
import { buildDemoData, DEMO_PASSWORD, seedDemoIfEmpty } from './seed.js';

/** The 28 member municipalities, as reference/context.md lists them. */
const COMMUNES = [
  'Ambarès-et-Lagrave',
  'Ambès',
  'Artigues-près-Bordeaux',
  'Bassens',
  'Bègles',
  'Blanquefort',
  'Bordeaux',
  'Bouliac',
  'Bruges',
  'Carbon-Blanc',
  'Cenon',
  'Eysines',
  'Floirac',
  'Gradignan',
  'Le Bouscat',
  'Le Haillan',
  'Le Taillan-Médoc',
  'Lormont',
  'Martignas-sur-Jalle',
  'Mérignac',
  'Parempuyre',
  'Pessac',
  'Saint-Aubin-de-Médoc',
  'Saint-Louis-de-Montferrand',
  'Saint-Médard-en-Jalles',
  'Saint-Vincent-de-Paul',
  'Talence',
  "Villenave-d'Ornon",
];

const DEMO_LOGINS = [
  'admin@guichet.example',
  'coordinator@guichet.example',
  ...Array.from({ length: 12 }, (_, i) => `agent${i + 1}@guichet.example`),
  'agent.pessac@guichet.example',
  'requester@guichet.example',
  'requester.pessac@guichet.example',
  'requester.merignac@guichet.example',
];

const NOW = new Date('2026-11-27T10:30:00Z');

/**
 * A database of its own: a copy of the migrated PGlite template, or a scratch database beside
 * DATABASE_URL (the suite's shared database already has other tests' entities, so it is not empty).
 */
async function freshDatabase(): Promise<{ database: Database; drop(): Promise<void> }> {
  const url = process.env.DATABASE_URL;
  if (url) {
    const name = `guichet_seed_test_${process.pid}_${Date.now()}`;
    // not through the suite's database: a session there would stop other files copying it
    const server = new URL(url);
    server.pathname = '/postgres';
    const admin = new pg.Client({ connectionString: server.toString() });
    await admin.connect();
    await admin.query(`create database ${name}`);
    const scratch = new URL(url);
    scratch.pathname = `/${name}`;
    const database = await openDatabase({ url: scratch.toString() });
    return {
      database,
      async drop() {
        await database.close();
        await admin.query(`drop database if exists ${name}`);
        await admin.end();
      },
    };
  }
  const dir = mkdtempSync(join(tmpdir(), 'guichet-seed-'));
  cpSync(inject('pgliteTemplate'), dir, { recursive: true });
  const database = await openDatabase({ pgliteDir: dir });
  return {
    database,
    async drop() {
      await database.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

describe('demo data', () => {
  let database: Database;
  let drop: () => Promise<void>;
  let seeded: boolean;
  const logs: string[] = [];
  const rows = async <T>(query: SQL) => (await database.db.execute<T & Record<string, unknown>>(query)).rows;
  const one = async <T>(query: SQL) => (await rows<T>(query))[0] as T;

  beforeAll(async () => {
    ({ database, drop } = await freshDatabase());
    // the real time, as the server seeds it: sessions and the reopening window run on the clock
    seeded = await seedDemoIfEmpty(database.db, { log: (m) => logs.push(m) });
  });
  afterAll(async () => {
    await drop?.();
  });

  it('is the same data on every run for the same "now"', () => {
    const digest = (now: Date) =>
      buildDemoData(now).tickets.map(
        (t) => `${t.number}|${t.title}|${t.status}|${t.createdAt.toISOString()}`,
      );
    expect(digest(NOW)).toEqual(digest(NOW));
  });

  it('loads an empty database and says what it wrote', () => {
    expect(seeded).toBe(true);
    expect(logs.join('\n')).toMatch(/5000 people/);
  });

  it('has the metropolis and its 28 communes by their exact names', async () => {
    const root = await rows<{ name: string; depth: number; path: string; id: string | number }>(
      sql`select id, name, depth, path from entities where parent_id is null`,
    );
    expect(root).toHaveLength(1);
    expect(root[0]).toMatchObject({ name: 'Bordeaux Métropole', depth: 0, path: `/${root[0]?.id}/` });
    const communes = await rows<{ name: string }>(
      sql`select name from entities where kind = 'commune' and parent_id = ${Number(root[0]?.id)} order by name`,
    );
    expect(communes.map((c) => c.name).sort()).toEqual([...COMMUNES].sort());
    const badPaths = await one<{ n: number }>(sql`
      select count(*)::int as n from entities c join entities p on p.id = c.parent_id
      where c.path <> p.path || c.id || '/' or c.depth <> p.depth + 1`);
    expect(badPaths.n).toBe(0);
  });

  it('has the size of the real organisation: ~600 sites, 5,000 people, ~17,000 tickets', async () => {
    const counts = await one<Record<'sites' | 'people' | 'metro' | 'communes' | 'open', number>>(sql`
      select (select count(*)::int from sites) as sites,
             (select count(*)::int from people) as people,
             (select count(*)::int from tickets t join entities e on e.id = t.entity_id
               where e.kind = 'metropolis' or (e.kind = 'service' and e.depth = 1)) as metro,
             (select count(*)::int from tickets t join entities e on e.id = t.entity_id
               where e.kind = 'commune' or e.depth = 2) as communes,
             (select count(*)::int from tickets where status in ('new','assigned','in_progress','pending')) as open`);
    expect(counts.sites).toBeGreaterThanOrEqual(590);
    expect(counts.sites).toBeLessThanOrEqual(650);
    expect(counts.people).toBe(5000);
    expect(counts.metro).toBeGreaterThan(15_000);
    expect(counts.metro).toBeLessThan(15_800);
    expect(counts.communes).toBeGreaterThan(1_400);
    expect(counts.communes).toBeLessThan(1_600);
    expect(counts.open).toBeGreaterThanOrEqual(300);
    expect(counts.open).toBeLessThanOrEqual(600);
  });

  it('has the inventory of the audit: 600 site items joined by fibre, 10,000 workstations, 850 applications in 13 systems', async () => {
    const byClass = await rows<{ class: string; n: number }>(
      sql`select class, count(*)::int as n from config_items group by class order by class`,
    );
    const n = Object.fromEntries(byClass.map((r) => [r.class, r.n]));
    const sitesCount = await one<{ n: number }>(sql`select count(*)::int as n from sites`);
    expect(n.site).toBe(sitesCount.n);
    expect(n.workstation).toBe(10_000);
    expect(n.application).toBe(850);
    expect(n.information_system).toBe(13);
    expect(n.server).toBe(120);
    expect(n.network_device).toBe(2);
    // a tree of spurs plus the rings' closing links: more links than sites
    expect(n.network_link).toBeGreaterThan(sitesCount.n);
    const checks = await one<Record<'badEnds' | 'unplaced' | 'unlinkedSites', number>>(sql`
      select (select count(*)::int from (select target_id from ci_relations where kind = 'connected_to'
                and target_id in (select id from config_items where class = 'network_link')
                group by target_id having count(*) <> 2) x) as "badEnds",
             (select count(*)::int from config_items c where c.class in ('workstation', 'printer', 'phone', 'server')
                and not exists (select 1 from ci_relations r where r.source_id = c.id and r.kind = 'located_at')) as unplaced,
             (select count(*)::int from config_items c where c.class = 'site'
                and not exists (select 1 from ci_relations r where r.source_id = c.id and r.kind = 'connected_to')) as "unlinkedSites"`);
    expect(checks).toEqual({ badEnds: 0, unplaced: 0, unlinkedSites: 0 });
  });

  it('lets every demo login in with the password "demo"', async () => {
    const found = await rows<{ email: string; password_hash: string }>(
      sql`select email, password_hash from people where email like '%@guichet.example'`,
    );
    expect(found.map((p) => p.email).sort()).toEqual([...DEMO_LOGINS].sort());
    const hash = found[0]?.password_hash ?? null;
    expect(await verifyPassword(hash, DEMO_PASSWORD)).toBe(true);
    const distinct = await one<{ n: number }>(
      sql`select count(distinct password_hash)::int as n from people`,
    );
    expect(distinct.n).toBe(1);
  });

  it('keeps tickets consistent: history, assignment, resolution', async () => {
    const problems = await one<Record<string, number>>(sql`
      select
        (select count(*)::int from tickets t where (select count(*) from ticket_events e
           where e.ticket_id = t.id and e.kind = 'created') <> 1) as without_created_event,
        (select count(*)::int from tickets t where t.assignee_id is not null and not exists
           (select 1 from group_members m where m.group_id = t.group_id and m.person_id = t.assignee_id))
           as assignee_outside_group,
        (select count(*)::int from tickets where status in ('resolved','closed')
           and (resolution_code is null or resolved_at is null)) as resolved_without_resolution,
        (select count(*)::int from tickets where (status = 'pending') <> (pending_reason is not null))
           as bad_pending,
        (select count(*)::int from tickets where status = 'assigned' and assignee_id is null) as bad_assigned,
        (select count(*)::int from tickets where updated_at < created_at) as updated_before_created,
        (select count(*)::int from ticket_events e join ticket_comments c on c.id = e.comment_id
           where e.kind <> 'commented') as misplaced_comment`);
    expect(problems).toEqual({
      without_created_event: 0,
      assignee_outside_group: 0,
      resolved_without_resolution: 0,
      bad_pending: 0,
      bad_assigned: 0,
      updated_before_created: 0,
      misplaced_comment: 0,
    });
  });

  it('indexes tickets for search as the app does', async () => {
    // same lexemes with the same weights; positions may differ, as searchDocument() aggregates
    // the comments in no particular order
    const differing = await one<{ n: number }>(sql`
      select count(*)::int as n from tickets t, lateral (select ${searchDocument(sql`t.id`)} as doc) app
      where (t.id % 10 = 0 or exists (select 1 from ticket_comments c where c.ticket_id = t.id))
        and (strip(ts_filter(t.search, '{a}')) <> strip(ts_filter(app.doc, '{a}'))
         or strip(ts_filter(t.search, '{b}')) <> strip(ts_filter(app.doc, '{b}'))
         or strip(ts_filter(t.search, '{c}')) <> strip(ts_filter(app.doc, '{c}')))`);
    expect(differing.n).toBe(0);
    const printers = await one<{ n: number }>(
      sql`select count(*)::int as n from tickets where search @@ websearch_to_tsquery('french', 'imprimante')`,
    );
    expect(printers.n).toBeGreaterThan(100);
  });

  it('numbers new tickets after the seeded ones', async () => {
    const next = await one<{ inc: string; req: string; max_inc: string; max_req: string }>(sql`
      select nextval('ticket_incident_number_seq')::text as inc, nextval('ticket_request_number_seq')::text as req,
        (select max(substr(number, 4)) from tickets where type = 'incident') as max_inc,
        (select max(substr(number, 4)) from tickets where type = 'request') as max_req`);
    expect(Number(next.inc)).toBe(Number(next.max_inc) + 1);
    expect(Number(next.req)).toBe(Number(next.max_req) + 1);
  });

  it('does nothing the second time', async () => {
    const before = await one<{ n: number }>(sql`select count(*)::int as n from tickets`);
    expect(await seedDemoIfEmpty(database.db, { log: () => {} })).toBe(false);
    const after = await one<{ n: number }>(sql`select count(*)::int as n from tickets`);
    expect(after.n).toBe(before.n);
  });

  describe('through the API', () => {
    let app: FastifyInstance;
    let dataDir: string;
    beforeAll(async () => {
      dataDir = mkdtempSync(join(tmpdir(), 'guichet-seed-app-'));
      app = await buildApp({
        config: loadConfig({ NODE_ENV: 'test', DATA_DIR: dataDir }),
        database,
        webRoot: null,
      });
    });
    afterAll(async () => {
      await app?.close();
      rmSync(dataDir, { recursive: true, force: true });
    });
    const login = async (email: string) => {
      const res = await app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { email, password: DEMO_PASSWORD },
      });
      expect(res.statusCode).toBe(200);
      const cookie = res.cookies.find((c) => c.name === 'guichet_session');
      return { cookie: `guichet_session=${cookie?.value}` };
    };
    const get = (headers: { cookie: string }, url: string) => app.inject({ method: 'GET', url, headers });

    it('shows Pessac local support only Pessac tickets', async () => {
      const agent = await login('agent.pessac@guichet.example');
      const res = await get(agent, '/api/v1/tickets?limit=100');
      const items = res.json().items as { entity: { id: number } }[];
      expect(items.length).toBeGreaterThan(0);
      const pessacTree = await rows<{ id: string | number }>(sql`
        select e.id from entities e, entities p where p.name = 'Pessac' and e.path like p.path || '%'`);
      const allowed = new Set(pessacTree.map((r) => Number(r.id)));
      expect(items.every((t) => allowed.has(t.entity.id))).toBe(true);
    });

    it('gives the desk a queue of open tickets', async () => {
      const agent = await login('agent1@guichet.example');
      const counts = (await get(agent, '/api/v1/tickets/counts')).json() as Record<string, number>;
      expect(counts.all).toBeGreaterThanOrEqual(300);
      expect(counts.mine).toBeGreaterThan(0);
    });

    it('lets the requester confirm or reopen a ticket resolved yesterday', async () => {
      const requester = await login('requester@guichet.example');
      const list = (await get(requester, '/api/v1/tickets?limit=50')).json() as {
        items: { number: string; status: string }[];
      };
      const statuses = list.items.map((t) => t.status);
      expect(statuses).toContain('resolved');
      expect(statuses.some((s) => ['new', 'assigned', 'in_progress', 'pending'].includes(s))).toBe(true);
      const resolved = list.items.find((t) => t.status === 'resolved');
      const detail = (await get(requester, `/api/v1/tickets/${resolved?.number}`)).json();
      expect(detail.can).toMatchObject({ confirm: true, reopen: true });
    });
  });
});
