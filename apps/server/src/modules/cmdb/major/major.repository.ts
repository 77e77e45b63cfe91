import { openStatuses } from '@guichet/contracts';
import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../../db/client.js';
import type { Actor } from '../../../platform/auth/actor.js';
import { entities } from '../../directory/index.js';
import { tickets, visibleTo as ticketVisibleTo } from '../../tickets/index.js';
import { bigintArray, itemVisibleSql } from '../cmdb.repository.js';
import { ciRelations, configItems, ticketItems } from '../cmdb.table.js';
import type { CandidateTicket } from './grouping.js';

/** Candidates considered per request, newest first: a storm bigger than this is one incident anyway. */
export const MAX_CANDIDATES = 1000;

const coreRoutersSql = sql`
  select c.id from ${configItems} c join ${entities} e on e.id = c.entity_id
  where c.class = 'network_device' and c.attributes->>'kind' = 'router' and e.parent_id is null
    and c.status <> 'retired'`;

/**
 * A cheap fingerprint of the network: the connected_to relations (count, largest and summed ids: a
 * relation is only inserted with a new, larger id or deleted, so any change moves one of them) and the
 * core routers (the same rule as the impact analysis).
 */
export async function networkFingerprint(db: DbOrTx): Promise<string> {
  const { rows } = await db.execute<{ fp: string }>(sql`
    select (select count(*)::text || ':' || coalesce(max(id), 0)::text || ':' || coalesce(sum(id), 0)::text
            from ${ciRelations} where kind = 'connected_to')
      || '|' || coalesce((select string_agg(id::text, ',' order by id) from (${coreRoutersSql}) core), '') as fp`);
  return rows[0]?.fp ?? '';
}

/** The network's edges and core routers, to analyse in memory. */
export async function loadNetwork(db: DbOrTx): Promise<{ edges: [number, number][]; core: number[] }> {
  const { rows } = await db.execute<{ edges: [number, number][] | null; core: number[] | null }>(sql`
    select
      (select json_agg(json_build_array(source_id, target_id)) from ${ciRelations} where kind = 'connected_to') as edges,
      (select json_agg(id) from (${coreRoutersSql}) core) as core`);
  const row = rows[0];
  return { edges: row?.edges ?? [], core: row?.core ?? [] };
}

export interface CandidatesAndDeps {
  candidates: CandidateTicket[];
  /** item → the items it directly depends on (reverse of the impact walk's dependency edges) */
  deps: Map<number, number[]>;
}

/**
 * In one statement: the candidate tickets (open, created since `since`, visible to the actor, in no
 * parent/child group), their affected items visible to the actor (the linked items, or else the item
 * of the ticket's site), and every dependency edge upstream of those items, walked by a recursive
 * query (each edge once whatever the number of tickets). Paths and the network are done in memory.
 */
export async function candidatesAndDeps(db: DbOrTx, actor: Actor, since: Date): Promise<CandidatesAndDeps> {
  const open = sql`${`{${openStatuses.join(',')}}`}::text[]`;
  const sinceSql = sql`${since.toISOString()}::timestamptz`;
  const { rows } = await db.execute<{
    result: {
      tickets: { id: number; number: string; title: string; createdAt: string; items: number[] }[] | null;
      edges: [number, number][] | null;
    };
  }>(sql`
    with recursive
    cand as materialized (
      -- updated_at >= created_at: the range on updated_at lets tickets_status_idx find the window
      select ${tickets.id} as id, ${tickets.number} as number, ${tickets.title} as title,
        ${tickets.createdAt} as created_at, ${tickets.siteId} as site_id
      from ${tickets}
      where ${tickets.status} = any(${open}) and ${tickets.updatedAt} >= ${sinceSql}
        and ${tickets.createdAt} >= ${sinceSql} and ${ticketVisibleTo(actor)}
        -- two probes, one per index of ticket_links (an OR of both would scan)
        and not exists (select 1 from ticket_links l where l.to_ticket_id = ${tickets.id} and l.kind = 'parent')
        and not exists (select 1 from ticket_links l where l.from_ticket_id = ${tickets.id} and l.kind = 'parent')
      order by ${tickets.createdAt} desc, ${tickets.id} desc
      limit ${MAX_CANDIDATES}
    ),
    -- per ticket, by index lookups only: the CTEs' row estimates are blind (1 row), and joins between
    -- them were planned as nested loops over CTE scans (200 × 200 rows: cheap on PostgreSQL, ~50 ms
    -- on PGlite)
    affected as materialized (
      select cand.id, cand.number, cand.title, cand.created_at,
        array(select x.id from unnest(coalesce(
            (select array_agg(ti.ci_id) from ${ticketItems} ti where ti.ticket_id = cand.id),
            (select array_agg(s.id) from ${configItems} s where s.class = 'site' and s.site_id = cand.site_id)
          )) x(id)
          join ${configItems} c on c.id = x.id
          where ${itemVisibleSql(actor, sql`c.id`, sql`c.entity_id`)}
          order by x.id) as items
      from cand
    ),
    up(id, via) as (
      select distinct x.id, x.id from affected, unnest(affected.items) x(id)
      union
      select e.id, u.id from up u cross join lateral (
        select r.target_id as id from ${ciRelations} r
          where r.source_id = u.id and r.kind in ('runs_on', 'depends_on', 'located_at')
        union all
        select r.source_id from ${ciRelations} r
          where r.target_id = u.id and r.kind in ('part_of', 'used_by')
      ) e
    )
    select json_build_object(
      'tickets', (select json_agg(json_build_object('id', a.id, 'number', a.number, 'title', a.title,
          'createdAt', a.created_at, 'items', a.items) order by a.created_at, a.id)
        from affected a where cardinality(a.items) > 0),
      'edges', (select json_agg(json_build_array(via, id)) from up where id <> via)
    ) as result`);
  const result = rows[0]?.result;
  const candidates = (result?.tickets ?? []).map((t) => ({
    ...t,
    id: Number(t.id),
    createdAt: new Date(t.createdAt).toISOString(),
    items: t.items.map(Number),
  }));
  const deps = new Map<number, number[]>();
  for (const [via, id] of result?.edges ?? []) {
    const list = deps.get(Number(via));
    if (list) list.push(Number(id));
    else deps.set(Number(via), [Number(id)]);
  }
  for (const list of deps.values()) list.sort((a, b) => a - b); // stable paths whatever the plan
  return { candidates, deps };
}

export type ItemFacts = {
  id: number;
  name: string;
  class: string;
  visible: boolean;
};

/** Names and classes of the items of the answer, and whether the actor may see each. */
export async function itemFacts(
  db: DbOrTx,
  actor: Actor,
  ids: readonly number[],
): Promise<Map<number, ItemFacts>> {
  if (ids.length === 0) return new Map();
  const { rows } = await db.execute<ItemFacts>(sql`
    select c.id::int as id, c.name, c.class, ${itemVisibleSql(actor, sql`c.id`, sql`c.entity_id`)} as visible
    from ${configItems} c where c.id = any(${bigintArray(ids)})`);
  return new Map(rows.map((r) => [Number(r.id), { ...r, id: Number(r.id) }]));
}
