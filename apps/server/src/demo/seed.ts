import { sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '../db/client.js';
import { hashPassword } from '../platform/auth/secrets.js';
import {
  categories,
  entities,
  groupMembers,
  groups,
  people,
  roleAssignments,
  sites,
  ticketComments,
  ticketEvents,
  tickets,
} from '../schema.js';
import { assignIds, bulkInsert } from './bulk.js';
import { buildDirectory } from './directory.js';
import { buildInventory, type InventoryPlan, writeInventory } from './inventory.js';
import type { DirectoryPlan } from './plan.js';
import { Random } from './random.js';
import { buildScenarios } from './scenarios.js';
import { writeServiceLevels } from './slas.js';
import type { ChangeValue, CommentPlan, EventPlan, TicketPlan } from './story.js';
import { buildTickets } from './tickets.js';

export const DEMO_PASSWORD = 'demo';
const SEED = 20_160_101;
/** any constant: serialises concurrent seeds of one database (several processes starting at once) */
const SEED_LOCK = 7_426_001;

export interface SeedOptions {
  log: (msg: string) => void;
  /** the moment the demo timeline ends; the current time by default */
  now?: Date;
}

export interface DemoData {
  directory: DirectoryPlan;
  tickets: TicketPlan[];
  inventory: InventoryPlan;
}

/** The demo data in memory: identical for the same `now`. */
export function buildDemoData(now: Date): DemoData {
  const rng = new Random(SEED);
  const directory = buildDirectory(rng.fork('directory'));
  const random = buildTickets(rng.fork('tickets'), directory, now);
  const fixed = buildScenarios(directory, now);
  const all = [...random, ...fixed].sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
  const counters = { incident: 0, request: 0 };
  for (const t of all) {
    counters[t.type] += 1;
    t.number = `${t.type === 'incident' ? 'INC' : 'REQ'}${String(counters[t.type]).padStart(7, '0')}`;
  }
  const inventory = buildInventory(rng.fork('inventory'), directory, all);
  return { directory, tickets: all, inventory };
}

/**
 * Loads the demo organisation (reference/context.md) into an empty database, in one transaction.
 * Returns false, writing nothing, when the database already has entities.
 */
export async function seedDemoIfEmpty(db: Db, opts: SeedOptions): Promise<boolean> {
  if (await hasEntities(db)) return false;
  const started = Date.now();
  const now = opts.now ?? new Date();
  const data = buildDemoData(now);
  // one argon2 hash (55 ms) shared by every demo account
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const built = Date.now();
  const laps: string[] = [];
  let lapStart = built;
  const lap = (what: string) => {
    laps.push(`${what} ${Date.now() - lapStart} ms`);
    lapStart = Date.now();
  };
  const seeded = await db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${SEED_LOCK})`);
    if (await hasEntities(tx)) return false;
    await writeDirectory(tx, data.directory, passwordHash);
    lap('directory');
    await writeTickets(tx, data.tickets, lap);
    const clocks = await writeServiceLevels(tx, data.directory, now);
    lap(`service levels (${clocks} clocks)`);
    await writeInventory(tx, data.inventory);
    lap(`inventory (${data.inventory.items.length} items, ${data.inventory.relations.length} relations)`);
    // What autovacuum would do later (and PGlite, which has none, never): move the GIN indexes'
    // pending entries into the index proper, and give the planner statistics.
    await tx.execute(sql`select gin_clean_pending_list(c.oid::regclass) from pg_class c
      join pg_am a on a.oid = c.relam where a.amname = 'gin' and c.relkind = 'i'`);
    await tx.execute(sql`analyze entities, sites, people, groups, group_members, role_assignments,
      categories, tickets, ticket_comments, ticket_events, ticket_slas, config_items, ci_relations, ci_usages,
      ticket_items`);
    lap('analyze');
    return true;
  });
  if (seeded) {
    const d = data.directory;
    opts.log(
      `demo data: ${d.entities.length} entities, ${d.sites.length} sites, ${d.people.length} people, ` +
        `${d.groups.length} groups, ${data.tickets.length} tickets, ${data.inventory.items.length} items ` +
        `(built in ${built - started} ms, written in ${Date.now() - built} ms: ${laps.join(', ')})`,
    );
  }
  return seeded;
}

async function hasEntities(db: DbOrTx): Promise<boolean> {
  const { rows } = await db.execute<{ found: boolean }>(sql`select exists (select 1 from entities) as found`);
  return rows[0]?.found === true;
}

async function writeDirectory(tx: DbOrTx, d: DirectoryPlan, passwordHash: string): Promise<void> {
  await assignIds(tx, entities, d.entities);
  const path = new Map<object, string>();
  for (const e of d.entities) path.set(e, `${e.parent ? path.get(e.parent) : '/'}${e.id}/`);
  await bulkInsert(
    tx,
    entities,
    d.entities.map((e) => ({
      id: e.id,
      parentId: e.parent?.id ?? null,
      name: e.name,
      kind: e.kind,
      path: path.get(e) as string,
      depth: e.depth,
    })),
  );
  await assignIds(tx, sites, d.sites);
  await bulkInsert(
    tx,
    sites,
    d.sites.map((s) => ({ id: s.id, entityId: s.entity.id, name: s.name, kind: s.kind, address: s.address })),
  );
  await assignIds(tx, people, d.people);
  await bulkInsert(
    tx,
    people,
    d.people.map((p) => ({
      id: p.id,
      entityId: p.entity.id,
      siteId: p.site?.id ?? null,
      name: p.name,
      email: p.email,
      phone: p.phone,
      language: p.language,
      passwordHash,
    })),
  );
  await assignIds(tx, groups, d.groups);
  await bulkInsert(
    tx,
    groups,
    d.groups.map((g) => ({ id: g.id, entityId: g.entity.id, name: g.name, kind: g.kind })),
  );
  await bulkInsert(
    tx,
    groupMembers,
    d.groups.flatMap((g) => g.members.map((m) => ({ groupId: g.id, personId: m.id }))),
  );
  await bulkInsert(
    tx,
    roleAssignments,
    d.roles.map((r) => ({
      personId: r.person.id,
      role: r.role,
      entityId: r.entity.id,
      includeDescendants: r.includeDescendants,
    })),
  );
  await assignIds(tx, categories, d.categories);
  await bulkInsert(
    tx,
    categories,
    d.categories.map((c) => ({ id: c.id, parentId: c.parent?.id ?? null, name: c.name, nameEn: c.nameEn })),
  );
}

/**
 * The search document of ticket.repository's searchDocument(), with the comments (inserted after
 * the tickets) passed along instead of read back; seed.test.ts checks both give the same vectors.
 */
const seededSearch = sql`setweight(to_tsvector('simple', t.number), 'A')
    || setweight(to_tsvector('guichet_french', t.title), 'A')
    || setweight(to_tsvector('guichet_french', t.description), 'B')
    || setweight(to_tsvector('guichet_french', coalesce(t.comments, '')), 'C')`;

const idOf = (v: ChangeValue) => (typeof v === 'object' && v !== null ? v.id : v);

async function writeTickets(tx: DbOrTx, all: TicketPlan[], lap: (what: string) => void): Promise<void> {
  await assignIds(tx, tickets, all);
  await bulkInsert(
    tx,
    tickets,
    all.map((t) => ({
      id: t.id,
      number: t.number,
      type: t.type,
      title: t.title,
      description: t.description,
      status: t.status,
      pendingReason: t.pendingReason,
      channel: t.channel,
      categoryId: t.category.id,
      impact: t.impact,
      urgency: t.urgency,
      priority: t.priority,
      entityId: t.entity.id,
      requesterId: t.requester.id,
      siteId: t.site?.id ?? null,
      groupId: t.group?.id ?? null,
      assigneeId: t.assignee?.id ?? null,
      resolutionCode: t.resolutionCode,
      resolutionNotes: t.resolutionNotes,
      createdBy: t.createdBy.id,
      createdAt: t.createdAt,
      updatedAt: t.updatedAt,
      resolvedAt: t.resolvedAt,
      closedAt: t.closedAt,
      version: t.version,
      // internal notes stay out of the search document, as in the app
      comments:
        t.comments
          .filter((c) => c.visibility === 'public')
          .map((c) => c.body)
          .join(' ') || null,
    })),
    { computed: { search: seededSearch }, extra: { comments: 'text' }, chunk: 4_000 },
  );
  lap('tickets');

  // History in time order, as it would have been appended.
  const byTime = <T extends { at: Date }>(items: T[]) =>
    items.sort((a, b) => a.at.getTime() - b.at.getTime());
  const comments: CommentPlan[] = byTime(all.flatMap((t) => t.comments));
  await assignIds(tx, ticketComments, comments);
  await bulkInsert(
    tx,
    ticketComments,
    comments.map((c) => ({
      id: c.id,
      ticketId: c.ticket.id,
      authorId: c.author.id,
      visibility: c.visibility,
      body: c.body,
      createdAt: c.at,
    })),
  );
  const events: EventPlan[] = byTime(all.flatMap((t) => t.events));
  await bulkInsert(
    tx,
    ticketEvents,
    events.map((e) => ({
      ticketId: e.ticket.id,
      entityId: e.ticket.entity.id,
      actorId: e.actor?.id ?? null,
      kind: e.kind,
      changes: Object.fromEntries(
        Object.entries(e.changes).map(([k, v]) => [k, { from: idOf(v.from), to: idOf(v.to) }]),
      ),
      commentId: e.comment?.id ?? null,
      at: e.at,
    })),
    { chunk: 10_000 },
  );
  lap('history');
  // New tickets continue after the seeded numbers.
  const last = (type: 'incident' | 'request') =>
    all.filter((t) => t.type === type).reduce((max, t) => Math.max(max, Number(t.number.slice(3))), 0);
  for (const [seq, n] of [
    ['ticket_incident_number_seq', last('incident')],
    ['ticket_request_number_seq', last('request')],
  ] as const) {
    await tx.execute(sql`select setval(${seq}, ${Math.max(n, 1)}, ${n > 0})`);
  }
}
