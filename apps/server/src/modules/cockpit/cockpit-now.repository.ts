import type { CockpitNow } from '@guichet/contracts';
import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { type EntityFilter, inEntities, int, ZONE } from './cockpit.sql.js';

const OPEN = sql.raw(`('new','assigned','in_progress','pending')`);

type Row = Record<string, unknown>;

/**
 * The live state, read from the tickets themselves (the open ones are a few thousand at most and
 * every query here walks the open-ticket partial indexes), except today's incoming and resolved,
 * which are ranges of the facts.
 */
export async function readNow(
  db: DbOrTx,
  ids: EntityFilter,
  now: Date,
): Promise<Omit<CockpitNow, 'generatedAt'>> {
  const at = now.toISOString();
  const scope = inEntities(sql`t.entity_id`, ids);
  // one pass over the open tickets for every breakdown (grouping sets), plus the totals
  const { rows: groups } = await db.execute<Row>(sql`
    select grouping(t.status) as gs, grouping(t.priority) as gp, grouping(t.group_id) as gg,
      grouping(t.entity_id) as ge, t.status, t.priority, t.group_id, t.entity_id, count(*) as n,
      count(*) filter (where t.assignee_id is null) as unassigned,
      count(*) filter (where t.status = 'pending' and t.pending_reason = 'requester') as waiting
    from tickets t
    where t.status in ${OPEN} and ${scope}
    group by grouping sets ((t.status), (t.priority), (t.group_id), (t.entity_id), ())`);
  const { rows: names } = await db.execute<Row>(sql`
    select 'g' as k, g.id, g.name from groups g
      where g.id in (select distinct t.group_id from tickets t where t.status in ${OPEN} and ${scope})
    union all
    select 'e', e.id, e.name from entities e
      where e.id in (select distinct t.entity_id from tickets t where t.status in ${OPEN} and ${scope})`);
  const groupName = new Map<number, string>();
  const entityName = new Map<number, string>();
  for (const r of names) (r.k === 'g' ? groupName : entityName).set(int(r.id), String(r.name));

  const { rows: clocks } = await db.execute<Row>(sql`
    select count(*) filter (where c.breached) as breached,
      count(*) filter (where not c.breached and c.warned) as near
    from tickets t
    cross join lateral (
      select bool_or(s.breached_at is not null or s.due_at <= ${at}::timestamptz) as breached,
        bool_or(s.warn_at <= ${at}::timestamptz) as warned
      from ticket_slas s where s.ticket_id = t.id and s.metric = 'resolution' and s.status = 'running'
    ) c
    where t.status in ${OPEN} and ${scope} and c.breached is not null`);

  const { rows: today } = await db.execute<Row>(sql`
    with day as (select (date_trunc('day', ${at}::timestamptz at time zone ${ZONE}) at time zone ${ZONE}) as start)
    select
      (select count(*) from ticket_facts f, day where f.created_at >= day.start and f.created_at <= ${at}::timestamptz
        and ${inEntities(sql`f.entity_id`, ids)}) as incoming,
      (select count(*) from ticket_facts f, day where f.resolved_at >= day.start and f.resolved_at <= ${at}::timestamptz
        and ${inEntities(sql`f.entity_id`, ids)}) as resolved`);

  const { rows: agents } = await db.execute<Row>(sql`
    select t.assignee_id as id, p.name, count(*) as n,
      count(*) filter (where t.status = 'in_progress') as in_progress,
      count(*) filter (where t.status = 'pending') as pending
    from tickets t join people p on p.id = t.assignee_id
    where t.status in ${OPEN} and t.assignee_id is not null and ${scope}
    group by t.assignee_id, p.name
    order by n desc, p.name, t.assignee_id
    limit 200`);

  const total = groups.find((g) => int(g.gs) && int(g.gp) && int(g.gg) && int(g.ge));
  const by = (flag: string) => groups.filter((g) => !int(g[flag])).sort((a, b) => int(b.n) - int(a.n));
  return {
    open: {
      total: int(total?.n),
      byStatus: by('gs').map((g) => ({ key: String(g.status), count: int(g.n) })),
      byPriority: by('gp')
        .map((g) => ({ key: String(g.priority), count: int(g.n) }))
        .sort((a, b) => a.key.localeCompare(b.key)),
      byGroup: by('gg').map((g) => {
        const id = g.group_id === null ? null : int(g.group_id);
        return { id, name: id === null ? '' : (groupName.get(id) ?? ''), count: int(g.n) };
      }),
      byEntity: by('ge').map((g) => ({
        id: int(g.entity_id),
        name: entityName.get(int(g.entity_id)) ?? '',
        count: int(g.n),
      })),
    },
    unassigned: int(total?.unassigned),
    waitingForRequester: int(total?.waiting),
    nearBreach: int(clocks[0]?.near),
    breached: int(clocks[0]?.breached),
    today: { incoming: int(today[0]?.incoming), resolved: int(today[0]?.resolved) },
    agentLoad: agents.map((a) => ({
      id: int(a.id),
      name: String(a.name),
      count: int(a.n),
      inProgress: int(a.in_progress),
      pending: int(a.pending),
    })),
  };
}
