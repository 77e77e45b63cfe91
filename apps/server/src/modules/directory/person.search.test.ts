import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEntity } from '../../test/factories.js';
import { people } from './directory.table.js';
import { directoryWorld, errorPaths, expectStatus } from './directory.test-support.js';
import { peopleSearchQuery, phonePrefixes } from './person.repository.js';

let t: Awaited<ReturnType<typeof directoryWorld>>;
let callers: Awaited<ReturnType<typeof createEntity>>;
const person = async (name: string, email: string, phone: string | null, entityId = callers.id) => {
  const [row] = await t.db.insert(people).values({ name, email, phone, entityId }).returning();
  if (!row) throw new Error('insert failed');
  return row;
};
type Page = {
  items: { id: number; name: string; email: string; phone: string | null }[];
  nextCursor: string | null;
};
const search = async (query: string, who: Parameters<typeof t.api>[0] = 'desk') => {
  const res = await t.api(who).get(`/api/v1/people?${query}`);
  expectStatus(res, 200);
  return res.json() as Page;
};
const q = (text: string) => `q=${encodeURIComponent(text)}`;

beforeAll(async () => {
  t = await directoryWorld();
  callers = await createEntity(t.db, { name: `Standard ${t.w.tag}`, kind: 'service', parent: t.w.merignac });
});
afterAll(() => t.ctx.close());

describe('GET /people: finding the caller as you type', () => {
  it('finds a person by part of the name, accents and case included', async () => {
    const p = await person(`Hélène Dupré-Lafitte ${t.w.tag}`, `hdl-${t.w.tag}@mairie-merignac.fr`, null);
    for (const text of ['dupré-laf', 'HÉLÈNE DUP', 'helene dupre', 'Dupre-Lafitte', `lafitte ${t.w.tag}`]) {
      const page = await search(`${q(text)}&entity=${callers.id}`);
      expect(
        page.items.map((i) => i.id),
        text,
      ).toContain(p.id);
    }
    expect((await search(`${q('hélène dupré-lafitte')}&entity=${callers.id}`)).items[0]).toMatchObject({
      id: p.id,
      email: `hdl-${t.w.tag}@mairie-merignac.fr`,
      entity: { id: callers.id, name: callers.name },
      site: null,
      active: true,
      language: 'fr',
    });
  });

  it('finds a person by a fragment of the e-mail address', async () => {
    const p = await person(`Jean Valjean ${t.w.tag}`, `j.valjean.${t.w.tag}@bordeaux-metropole.fr`, null);
    const page = await search(q(`valjean.${t.w.tag}@bordeaux`));
    expect(page.items.map((i) => i.id)).toEqual([p.id]);
  });

  it('finds a caller by the start of the number, however it is typed', async () => {
    const p = await person(`Camille Phone ${t.w.tag}`, `cp-${t.w.tag}@x.fr`, '05 56 12 34 56');
    const intl = await person(`Noé International ${t.w.tag}`, `ni-${t.w.tag}@x.fr`, '+33 5 57 00 11 22');
    for (const text of ['05 56 12', '0556 12', '05.56.12.34', '+33 5 56 12 34', '+33 (0)5 56 12']) {
      expect(
        (await search(`${q(text)}&entity=${callers.id}`)).items.map((i) => i.id),
        text,
      ).toContain(p.id);
    }
    // stored in the international form, typed in the national one
    expect((await search(`${q('05 57 00 11')}&entity=${callers.id}`)).items.map((i) => i.id)).toContain(
      intl.id,
    );
    // the whole number is an exact match: first
    expect((await search(`${q('05 56 12 34 56')}&entity=${callers.id}`)).items[0]?.id).toBe(p.id);
  });

  it('ranks exact matches, then prefixes (of the name or of a word), then the rest', async () => {
    const names = ['Lemartinet Paul', 'Paul Martinez', 'Martin Claire', 'Martin'];
    for (const n of names) await person(n, `${n.replace(/\W/g, '').toLowerCase()}-${t.w.tag}@x.fr`, null);
    const page = await search(`${q('martin')}&entity=${callers.id}`);
    expect(page.items.map((i) => i.name)).toEqual([
      'Martin',
      'Martin Claire',
      'Paul Martinez',
      'Lemartinet Paul',
    ]);
  });

  it('pages with a cursor that keeps the ranking', async () => {
    const all = (await search(`${q('martin')}&entity=${callers.id}`)).items.map((i) => i.id);
    const first = await search(`${q('martin')}&entity=${callers.id}&limit=3`);
    expect(first.items).toHaveLength(3);
    expect(first.nextCursor).toEqual(expect.any(String));
    const second = await search(`${q('martin')}&entity=${callers.id}&limit=3&cursor=${first.nextCursor}`);
    expect(second.nextCursor).toBeNull();
    expect([...first.items, ...second.items].map((i) => i.id)).toEqual(all);
  });

  it('lists people by name without q, filtered by entity (sub-entities included)', async () => {
    const sub = await createEntity(t.db, {
      name: `Sous-service ${t.w.tag}`,
      kind: 'service',
      parent: callers,
    });
    const deep = await person(`Aaron Profond ${t.w.tag}`, `ap-${t.w.tag}@x.fr`, null, sub.id);
    const page = await search(`entity=${callers.id}&limit=200`);
    const names = page.items.map((i) => i.name);
    expect(names).toEqual([...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    expect(page.items.map((i) => i.id)).toContain(deep.id);
    expect(page.items.every((i) => i.name !== t.w.requesterMerignac.name)).toBe(true);
  });

  it('keeps other communes out of a commune agent’s search', async () => {
    const name = t.w.requesterMerignac.name;
    expect((await search(q(name), 'desk')).items.map((i) => i.id)).toEqual([t.w.requesterMerignac.id]);
    expect((await search(q(name), 'pessacAgent')).items).toEqual([]);
    expect((await search(`entity=${t.w.merignac.id}`, 'pessacAgent')).items).toEqual([]);
    expect((await search(q(t.w.requesterPessac.name), 'pessacAgent')).items.map((i) => i.id)).toEqual([
      t.w.requesterPessac.id,
    ]);
  });

  it('matches LIKE wildcards literally', async () => {
    expect((await search(q('%'))).items).toEqual([]);
    expect((await search(q('_____'))).items).toEqual([]);
  });

  it('is for staff: 403 for requesters, 401 anonymous, 400 on a bad query', async () => {
    expectStatus(await t.api('reqPessac').get('/api/v1/people?q=a'), 403, 'forbidden');
    expectStatus(await t.api(null).get('/api/v1/people?q=a'), 401, 'unauthenticated');
    expect(errorPaths(await t.api('desk').get('/api/v1/people?limit=500&entity=x'))).toEqual(
      expect.arrayContaining(['querystring.limit', 'querystring.entity']),
    );
    expect(errorPaths(await t.api('desk').get('/api/v1/people?cursor=WzFd'))).toEqual(['cursor']);
  });
});

describe('phonePrefixes', () => {
  it('gives the digits and the other French form', () => {
    expect(phonePrefixes('05 56 12')).toEqual(['055612', '3355612']);
    expect(phonePrefixes('+33 5 56 12')).toEqual(['3355612', '055612']);
    expect(phonePrefixes('0033 (0)5 56')).toEqual(['00330556', '33556', '0556']);
    expect(phonePrefixes('12')).toEqual([]);
    expect(phonePrefixes('Durand')).toEqual([]);
  });
});

describe('people search plan on 5,000+ people', () => {
  it('uses the trigram and phone indexes (see person.repository.ts)', async () => {
    const big = await createEntity(t.db, {
      name: `Annuaire ${t.w.tag}`,
      kind: 'service',
      parent: t.w.metropolis,
    });
    await t.db.execute(sql`
      insert into people (name, email, phone, entity_id)
      select 'Agent ' || md5(i::text), 'a' || i || '.' || ${t.w.tag} || '@annuaire.test',
        '09 87 ' || lpad((i % 100)::text, 2, '0') || ' ' || lpad((i % 97)::text, 2, '0') || ' 00',
        ${big.id}::bigint
      from generate_series(1, 5200) i`);
    // merge the GIN pending lists and refresh statistics, as autovacuum would
    await t.db.execute(sql`vacuum analyze people`);
    const plan = async (text: string) => {
      const query = peopleSearchQuery(t.db, { all: true, entityIds: [] }, { q: text, limit: 20 });
      const { rows } = await t.db.execute<{ 'QUERY PLAN': string }>(sql`explain ${query}`);
      return rows.map((r) => r['QUERY PLAN']).join('\n');
    };
    const byName = await plan('durand');
    expect(byName).toContain('people_name_folded_trgm_idx');
    expect(byName).toContain('people_email_trgm_idx');
    expect(byName).not.toContain('Seq Scan on people');
    const byPhone = await plan('09 87 12');
    expect(byPhone).toContain('people_phone_idx');
    expect(byPhone).not.toContain('Seq Scan on people');
    // what an agent types: a short fragment (a long one has many trigrams, and at this size the
    // planner may then rightly prefer reading the table)
    const byEmail = await plan('a4242.');
    expect(byEmail).toContain('people_email_trgm_idx');
    expect(byEmail).not.toContain('Seq Scan on people');
    // and the answers are right at that size
    expect((await search(q('09 87 42'))).items.length).toBeGreaterThan(0);
    expect((await search(q('a4242.'))).items.map((i) => i.email)).toContain(`a4242.${t.w.tag}@annuaire.test`);
  });
});
