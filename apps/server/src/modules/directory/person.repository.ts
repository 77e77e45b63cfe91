import { openStatuses } from '@guichet/contracts';
import { and, asc, eq, ne, or, type SQL, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import type { Scope } from '../../platform/auth/actor.js';
import { scopeFilter } from '../../platform/scope.js';
import { sessions } from '../auth/index.js';
import { ticketEvents, tickets } from '../tickets/index.js';
import { bigintArray, decodeCursor, encodeCursor, escapeLike, inSubtree } from './directory.repository.js';
import { entities, people, personMoves, sites } from './directory.table.js';

const personColumns = {
  id: people.id,
  name: people.name,
  email: people.email,
  phone: people.phone,
  language: people.language,
  active: people.active,
  entityId: people.entityId,
  entityName: entities.name,
  siteId: people.siteId,
  siteName: sites.name,
};
export type PersonRow = {
  id: number;
  name: string;
  email: string;
  phone: string | null;
  language: 'fr' | 'en';
  active: boolean;
  entityId: number;
  entityName: string;
  siteId: number | null;
  siteName: string | null;
};

/**
 * Digit prefixes a typed phone fragment may match in `phone_digits`: the digits as typed, and the
 * other French form, so "+33 5 56 12" finds "05 56 12 34 56" and "05 56 12" finds "+33 5 56 12 34 56".
 * Empty below three digits (too many matches to be useful).
 */
export function phonePrefixes(q: string): string[] {
  const digits = q.replace(/\D/g, '');
  if (digits.length < 3) return [];
  const out = new Set([digits]);
  if (/^\s*(\+|00)\s*33/.test(q)) {
    const national = digits.replace(/^(00)?33/, '').replace(/^0/, ''); // "+33 (0)5 56" as well
    if (national.length > 0) {
      out.add(`33${national}`);
      out.add(`0${national}`);
    }
  } else if (/^0[1-9]/.test(digits)) {
    out.add(`33${digits.slice(1)}`);
  }
  return [...out];
}

/** Only what a phone number is written with: no name or e-mail looks like this. */
const PHONE_LIKE = /^[+\d\s().-]+$/;

/**
 * The caller search of the call centre. `q` matches the name or the e-mail (ILIKE '%q%', served by
 * the trigram indexes) or, from three digits on, the start of the phone number (people_phone_idx).
 * A phone-looking `q` ("05 56 12", "+33 5 56") skips the name; it still tries the e-mail when it is
 * a single word. Ranked 0 exact (name, e-mail or whole number), 1 prefix (of the name, of a word of
 * the name, of the e-mail, of the number), 2 contains; keyset pagination on (rank, name, id).
 *
 * EXPLAIN with 5,200 people after VACUUM ANALYZE (PGlite 0.5 = PostgreSQL 18, and PostgreSQL 15;
 * person.search.test.ts keeps checking it):
 *   q='durand'      Bitmap Heap Scan on people <- BitmapOr (Bitmap Index Scan on people_name_folded_trgm_idx,
 *                   Bitmap Index Scan on people_email_trgm_idx), then a top-N sort of the matches on
 *                   (rank, name, id): ~0.2 ms on PGlite, against ~35 ms for the sequential scan.
 *   q='05 56 12'    Bitmap Heap Scan on people <- Bitmap Index Scan on people_phone_idx, once per
 *                   prefix ('055612%', '3355612%': btree text_pattern_ops ranges): ~0.3 ms.
 *   q='p-1a2b'      BitmapOr of the two trigram indexes.
 *   no q            Seq Scan on people + top-N sort by (name, id) (a commune scope filters through
 *                   people_entity_idx): a few milliseconds at this size.
 * Patterns are bound per execution (unnamed statements get custom plans on both drivers), so a
 * LIKE 'prefix%' parameter still becomes an index range. Queries under three characters have no
 * trigram, and long fragments (15+ characters: many trigrams to look up) are costed above a scan
 * of 5,000 rows; the planner then reads the table, a few milliseconds on PostgreSQL server.
 * Caveat: GIN indexes keep fresh entries in a pending list until VACUUM (or autovacuum, which
 * PGlite lacks) merges them; with a long pending list the planner rightly prefers the sequential
 * scan. Embedded deployments should VACUUM ANALYZE after bulk loads.
 */
export function peopleSearchQuery(
  db: DbOrTx,
  scope: Scope,
  p: { q?: string; entity?: number; limit: number; cursor?: string },
) {
  const where: (SQL | undefined)[] = [scopeFilter(scope, people.entityId)];
  if (p.entity) where.push(inSubtree(people.entityId, p.entity));
  const q = p.q?.trim();
  let rank: SQL | null = null;
  if (q) {
    const e = escapeLike(q);
    const phones = phonePrefixes(q);
    const phoneLike = phones.length > 0 && PHONE_LIKE.test(q);
    const phoneMatch = phones.map((d) => sql`${people.phoneDigits} like ${`${d}%`}`);
    // name_folded is lower-case without accents: "helene" finds "Hélène"
    const nameMatch = sql`${people.nameFolded} like guichet_fold(${`%${e}%`})`;
    const emailMatch = sql`${people.email} ilike ${`%${e}%`}`;
    where.push(
      phoneLike
        ? or(...phoneMatch, /\s/.test(q) ? undefined : emailMatch)
        : or(nameMatch, emailMatch, ...phoneMatch),
    );
    const exactPhone = phones.length ? sql` or ${people.phoneDigits} in ${phones}` : sql``;
    const prefixPhone = phoneMatch.length ? sql` or ${or(...phoneMatch)}` : sql``;
    rank = sql`(case
      when ${people.nameFolded} = guichet_fold(${q}) or lower(${people.email}) = lower(${q})${exactPhone} then 0
      when ${people.nameFolded} like guichet_fold(${`${e}%`}) or ${people.nameFolded} like guichet_fold(${`% ${e}%`})
        or ${people.email} ilike ${`${e}%`}${prefixPhone} then 1
      else 2 end)`;
  }
  if (p.cursor) {
    const [r, name, id] = decodeCursor<[number, string, number]>(p.cursor, ['number', 'string', 'number']);
    where.push(
      rank
        ? sql`(${rank}, ${people.name}, ${people.id}) > (${r}::int, ${name}, ${id}::bigint)`
        : sql`(${people.name}, ${people.id}) > (${name}, ${id}::bigint)`,
    );
  }
  return db
    .select({ ...personColumns, rank: rank ? sql<number>`${rank}`.mapWith(Number) : sql<number>`0::int` })
    .from(people)
    .innerJoin(entities, eq(entities.id, people.entityId))
    .leftJoin(sites, eq(sites.id, people.siteId))
    .where(and(...where))
    .orderBy(...(rank ? [rank] : []), asc(people.name), asc(people.id))
    .limit(p.limit + 1);
}

export async function searchPeople(
  db: DbOrTx,
  scope: Scope,
  p: { q?: string; entity?: number; limit: number; cursor?: string },
) {
  const rows = await peopleSearchQuery(db, scope, p);
  const more = rows.length > p.limit;
  const items = more ? rows.slice(0, p.limit) : rows;
  const last = items.at(-1);
  return { items, nextCursor: more && last ? encodeCursor([last.rank, last.name, last.id]) : null };
}

export async function findPerson(db: DbOrTx, id: number): Promise<PersonRow | undefined> {
  const [row] = await db
    .select(personColumns)
    .from(people)
    .innerJoin(entities, eq(entities.id, people.entityId))
    .leftJoin(sites, eq(sites.id, people.siteId))
    .where(eq(people.id, id));
  return row;
}

/** Whether another person already uses this e-mail (case-insensitive, as people_email_key). */
export async function emailTaken(db: DbOrTx, email: string, exceptId?: number): Promise<boolean> {
  const [row] = await db
    .select({ id: people.id })
    .from(people)
    .where(
      and(
        eq(sql`lower(${people.email})`, email.toLowerCase()),
        exceptId ? ne(people.id, exceptId) : undefined,
      ),
    )
    .limit(1);
  return row !== undefined;
}

export async function insertPerson(tx: DbOrTx, input: typeof people.$inferInsert) {
  const [row] = await tx.insert(people).values(input).returning({ id: people.id });
  if (!row) throw new Error('person insert returned nothing');
  return row.id;
}

export async function updatePerson(tx: DbOrTx, id: number, patch: Partial<typeof people.$inferInsert>) {
  if (Object.keys(patch).length > 0) await tx.update(people).set(patch).where(eq(people.id, id));
}

export async function deleteSessions(tx: DbOrTx, personId: number) {
  await tx.delete(sessions).where(eq(sessions.personId, personId));
}

// ---------------------------------------------------------------------------------------------
// moves

const OPEN = sql.raw(openStatuses.map((s) => `'${s}'`).join(', '));

/** The people to move with their current entity; with `lock`, locked until the transaction ends. */
export async function lockPeopleForMove(tx: DbOrTx, ids: readonly number[], lock: boolean) {
  const query = tx
    .select({
      id: people.id,
      name: people.name,
      entityId: people.entityId,
      entityName: entities.name,
    })
    .from(people)
    .innerJoin(entities, eq(entities.id, people.entityId))
    .where(sql`${people.id} = any(${bigintArray(ids)})`)
    .$dynamic();
  return lock ? query.for('update', { of: people }) : query;
}

/** Open tickets each person requested in their current entity (those that would follow them). */
export async function openTicketCounts(db: DbOrTx, ids: readonly number[]): Promise<Map<number, number>> {
  const rows = await db
    .select({ personId: tickets.requesterId, n: sql<number>`count(*)::int` })
    .from(tickets)
    .innerJoin(people, and(eq(people.id, tickets.requesterId), eq(people.entityId, tickets.entityId)))
    .where(and(sql`${tickets.requesterId} = any(${bigintArray(ids)})`, sql`${tickets.status} in (${OPEN})`))
    .groupBy(tickets.requesterId);
  return new Map(rows.map((r) => [r.personId, r.n]));
}

/**
 * Moves the open tickets each person requested in their current entity to `toEntityId`, and
 * appends a 'requester_moved' history event per ticket, in one statement. Run it before the
 * people themselves move (it reads their current entity). Returns the count per person.
 */
export async function moveOpenTickets(
  tx: DbOrTx,
  ids: readonly number[],
  toEntityId: number,
  actorId: number,
  now: Date,
): Promise<Map<number, number>> {
  const { rows } = await tx.execute<{ person_id: string | number; n: number }>(sql`
    with moved as (
      update ${tickets} t
      set entity_id = ${toEntityId}::bigint, updated_at = ${now.toISOString()}::timestamptz,
          version = t.version + 1
      from ${people} p
      where p.id = any(${bigintArray(ids)}) and t.requester_id = p.id and t.entity_id = p.entity_id
        and t.status in (${OPEN})
      returning t.id, t.requester_id, p.entity_id as from_id
    ), history as (
      insert into ${ticketEvents} (ticket_id, entity_id, actor_id, kind, changes)
      select id, ${toEntityId}::bigint, ${actorId}::bigint, 'requester_moved',
        jsonb_build_object('entity', jsonb_build_object('from', from_id, 'to', ${toEntityId}::bigint))
      from moved
    )
    select requester_id as person_id, count(*)::int as n from moved group by requester_id`);
  return new Map(rows.map((r) => [Number(r.person_id), Number(r.n)]));
}

/**
 * Moves the people, set-based. The site becomes `toSiteId` when given (null clears it); otherwise
 * a site outside the new entity's subtree is cleared and one inside it is kept.
 */
export async function movePeople(
  tx: DbOrTx,
  ids: readonly number[],
  to: { id: number; path: string },
  toSiteId: number | null | undefined,
) {
  const site =
    toSiteId !== undefined
      ? sql`${toSiteId}::bigint`
      : sql`case when exists (select 1 from ${sites} s join ${entities} se on se.id = s.entity_id
            where s.id = ${people.siteId} and se.path like ${`${to.path}%`}) then ${people.siteId} end`;
  await tx
    .update(people)
    .set({ entityId: to.id, siteId: site })
    .where(sql`${people.id} = any(${bigintArray(ids)})`);
}

export async function insertPersonMoves(tx: DbOrTx, rows: (typeof personMoves.$inferInsert)[]) {
  for (let i = 0; i < rows.length; i += 1_000) {
    await tx.insert(personMoves).values(rows.slice(i, i + 1_000));
  }
}
