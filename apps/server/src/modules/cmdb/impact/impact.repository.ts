import { type CiClass, type CiImpact, openStatuses } from '@guichet/contracts';
import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../../db/client.js';
import type { Actor } from '../../../platform/auth/actor.js';
import { entities, people } from '../../directory/index.js';
import { tickets, visibleTo as ticketVisibleTo } from '../../tickets/index.js';
import { bigintArray, itemVisibleSql } from '../cmdb.repository.js';
import { ciRelations, configItems, ticketItems } from '../cmdb.table.js';

/** impacted items returned per class (the counts are always complete) */
export const IMPACT_ITEMS_PER_CLASS = 200;
export const IMPACT_PEOPLE_SAMPLE = 20;
export const IMPACT_TICKETS_CAP = 100;
/** a guard only: every level adds unseen items, so the walk ends long before on a real graph */
const MAX_DEPTH = 64;

/**
 * What fails when item `rootId` fails ("downstream"), walked in the database. See
 * docs/adr/0010-impact-analysis.md for the semantics; in short:
 * - dependency edges, in the direction the failure travels:
 *   `A runs_on S`, `A depends_on B`, `X located_at site`: the target down ⇒ the source impacted;
 *   `A part_of IS`, `A used_by E`: the source down ⇒ the target impacted (degraded);
 * - `connected_to` is the network, undirected: `alive` is every item reachable from the core (the
 *   metropolis's routers) over connected_to edges without the analysed item; the walk follows
 *   connected_to only to items that are not alive: a site on a ring stays alive when one link is cut.
 *
 * The walk is a breadth-first search that carries the set of items already seen, one row per level,
 * so each item is visited once whatever the cycles; every reached item keeps the one parent it was
 * first reached from, and the path is rebuilt down that tree. The whole walk covers every item;
 * the scope applies to what is returned (items, people, tickets), and names on a path the actor may not
 * see are blanked.
 */
export async function impactOf(db: DbOrTx, actor: Actor, rootId: number): Promise<Omit<CiImpact, 'item'>> {
  const root = sql`${rootId}::bigint`;
  const visible = itemVisibleSql(actor, sql`c.id`, sql`c.entity_id`);
  const personVisible = !actor.isStaff
    ? sql`false`
    : actor.scope.all
      ? sql`true`
      : sql`p.entity_id = any(${bigintArray(actor.scope.entityIds)})`;
  const { rows } = await db.execute<{ result: Omit<CiImpact, 'item'> }>(sql`
    with recursive
    core(id) as (
      select c.id from ${configItems} c join ${entities} e on e.id = c.entity_id
      where c.class = 'network_device' and c.attributes->>'kind' = 'router' and e.parent_id is null
        and c.status <> 'retired' and c.id <> ${root}
    ),
    alive(id) as (
      select id from core
      union
      select n.id from alive a cross join lateral (
        select r.target_id as id from ${ciRelations} r where r.source_id = a.id and r.kind = 'connected_to'
        union all
        select r.source_id from ${ciRelations} r where r.target_id = a.id and r.kind = 'connected_to'
      ) n
      where n.id <> ${root}
    ),
    walk(depth, frontier, parents, seen) as (
      select 0, array[${root}], array[null::bigint], array[${root}]
      union all
      select w.depth + 1, n.ids, n.parents, w.seen || n.ids
      from walk w
      cross join lateral (
        select array_agg(d.id order by d.id) as ids, array_agg(d.parent order by d.id) as parents
        from (
          select distinct on (e.id) e.id, e.parent
          from unnest(w.frontier) f(id)
          cross join lateral (
            select r.source_id as id, f.id as parent from ${ciRelations} r
              where r.target_id = f.id and r.kind in ('runs_on', 'depends_on', 'located_at')
            union all
            select r.target_id, f.id from ${ciRelations} r
              where r.source_id = f.id and r.kind in ('part_of', 'used_by')
            union all
            select r.target_id, f.id from ${ciRelations} r
              where r.source_id = f.id and r.kind = 'connected_to'
                and not exists (select 1 from alive a where a.id = r.target_id)
            union all
            select r.source_id, f.id from ${ciRelations} r
              where r.target_id = f.id and r.kind = 'connected_to'
                and not exists (select 1 from alive a where a.id = r.source_id)
          ) e
          where e.id <> all(w.seen)
          order by e.id, e.parent
        ) d
      ) n
      where n.ids is not null and w.depth < ${MAX_DEPTH}
    ),
    reached as materialized (
      select u.id, u.parent, w.depth
      from walk w cross join lateral unnest(w.frontier, w.parents) as u(id, parent)
      where w.depth > 0
    ),
    tree(id, path) as (
      select ${root}, array[${root}]
      union all
      select r.id, t.path || r.id from tree t join reached r on r.parent = t.id
    ),
    hit as materialized (
      select c.id, c.name, c.class, c.status, c.site_id, c.owner_id, r.depth, t.path,
        ${visible} as visible
      from reached r
      join tree t on t.id = r.id
      join ${configItems} c on c.id = r.id
    ),
    shown as (
      select h.*, row_number() over (partition by h.class order by h.depth, h.id) as rank
      from hit h where h.visible
    ),
    hit_people as (
      select p.id, p.name from ${people} p
      where (p.site_id in (select h.site_id from hit h where h.class = 'site' and h.site_id is not null)
          or p.id in (select h.owner_id from hit h where h.owner_id is not null))
        and ${personVisible}
    ),
    hit_tickets as (
      select distinct on (${tickets.id}) ${tickets.id} as id, ${tickets.number} as number,
        ${tickets.title} as title, ${tickets.status} as status, ${tickets.createdAt} as created_at,
        ti.ci_id as item_id
      from ${ticketItems} ti
      join ${tickets} on ${tickets.id} = ti.ticket_id
      where (ti.ci_id = ${root} or ti.ci_id in (select id from hit))
        and ${tickets.status} = any(${`{${openStatuses.join(',')}}`}::text[])
        and ${ticketVisibleTo(actor)}
      order by ${tickets.id}, ti.ci_id
    )
    select json_build_object(
      'counts', coalesce((select json_object_agg(class, n) from
        (select class, count(*)::int as n from shown group by class) x), '{}'::json),
      'hiddenCount', (select count(*)::int from hit where not visible),
      'items', coalesce((select json_agg(json_build_object(
          'id', s.id, 'name', s.name, 'class', s.class, 'status', s.status, 'depth', s.depth,
          'path', (select json_agg(json_build_object('id', pc.id, 'class', pc.class,
              'name', case when ${itemVisibleSql(actor, sql`pc.id`, sql`pc.entity_id`)} then pc.name end)
              order by p.ord)
            from unnest(s.path) with ordinality p(id, ord) join ${configItems} pc on pc.id = p.id)
        ) order by s.depth, s.class, s.id) from shown s where s.rank <= ${IMPACT_ITEMS_PER_CLASS}), '[]'::json),
      'people', json_build_object(
        'count', (select count(*)::int from hit_people),
        'sample', coalesce((select json_agg(json_build_object('id', x.id, 'name', x.name) order by x.name, x.id)
          from (select * from hit_people order by name, id limit ${IMPACT_PEOPLE_SAMPLE}) x), '[]'::json)),
      'openTickets', json_build_object(
        'count', (select count(*)::int from hit_tickets),
        'items', coalesce((select json_agg(json_build_object('number', x.number, 'title', x.title,
            'status', x.status, 'createdAt', x.created_at, 'itemId', x.item_id) order by x.created_at desc, x.id)
          from (select * from hit_tickets order by created_at desc, id limit ${IMPACT_TICKETS_CAP}) x), '[]'::json))
    ) as result`);
  const result = rows[0]?.result;
  if (!result) throw new Error('impact query returned nothing');
  // JSON numbers and timestamps: ids are bigint in SQL but small; timestamps as ISO strings
  for (const t of result.openTickets.items) t.createdAt = new Date(t.createdAt).toISOString();
  result.counts = result.counts as Partial<Record<CiClass, number>>;
  return result;
}
