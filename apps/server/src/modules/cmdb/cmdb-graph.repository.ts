import type { CiClass, CiStatus } from '@guichet/contracts';
import { and, asc, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import type { Actor } from '../../platform/auth/actor.js';
import { bigintArray, itemVisibleSql } from './cmdb.repository.js';
import { ciRelations, configItems } from './cmdb.table.js';

export const GRAPH_NODE_CAP = 500;

/**
 * The items within `depth` relations of `rootId`, both directions, walking only through items the
 * actor may see (an invisible item neither shows nor leads anywhere), nearest first, at most
 * GRAPH_NODE_CAP; then the relations between them. `union` removes repeated (id, depth) pairs, so the
 * walk is bounded by items × (depth + 1) rows even on a dense graph.
 */
export async function graph(db: DbOrTx, actor: Actor, rootId: number, depth: number) {
  const { rows: nodes } = await db.execute<{
    id: string;
    name: string;
    class: CiClass;
    status: CiStatus;
  }>(sql`
    with recursive walk(id, depth) as (
      select ${rootId}::bigint, 0
      union
      select n.id, w.depth + 1
      from walk w
      cross join lateral (
        select r.target_id as id from ${ciRelations} r where r.source_id = w.id
        union all
        select r.source_id from ${ciRelations} r where r.target_id = w.id
      ) n
      join ${configItems} c on c.id = n.id
      where w.depth < ${depth} and ${itemVisibleSql(actor, sql`c.id`, sql`c.entity_id`)}
    ), nearest as (
      select id, min(depth) as depth from walk group by id
    )
    select c.id, c.name, c.class, c.status
    from nearest
    join ${configItems} c on c.id = nearest.id
    order by nearest.depth, c.id
    limit ${GRAPH_NODE_CAP}`);
  const ids = nodes.map((n) => Number(n.id));
  const edges =
    ids.length === 0
      ? []
      : await db
          .select({
            id: ciRelations.id,
            kind: ciRelations.kind,
            sourceId: ciRelations.sourceId,
            targetId: ciRelations.targetId,
          })
          .from(ciRelations)
          .where(
            and(
              sql`${ciRelations.sourceId} = any(${bigintArray(ids)})`,
              sql`${ciRelations.targetId} = any(${bigintArray(ids)})`,
            ),
          )
          .orderBy(asc(ciRelations.id));
  return { nodes: nodes.map((n) => ({ ...n, id: Number(n.id) })), edges };
}
