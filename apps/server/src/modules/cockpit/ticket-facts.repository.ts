import { type SQL, sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '../../db/client.js';

/** What one outbox event says about a ticket: the status after the change and when it happened. */
export interface TicketChange {
  number: string;
  kind: string;
  /** null for events that carry no status (clocks started) */
  status: string | null;
  at: string | null;
  eventId: number | null;
}

const DONE = sql.raw(`('resolved','closed','cancelled')`);
const STAFF = sql.raw(`('agent','coordinator','admin')`);

/**
 * The facts columns computed from the ticket's current row: the same for an event and for a
 * backfill. `src` must expose the ticket as `t` with `responded_at` and `first_resolved_at` candidates.
 */
function upsertFrom(src: SQL): SQL {
  return sql`
    insert into ticket_facts (ticket_id, entity_id, type, channel, category_id, site_kind, created_at,
      first_response_at, first_resolved_at, resolved_at, settled_at, reopen_count, first_contact,
      sla_stopped_at, sla_breached, updated_at)
    select t.id, t.entity_id, t.type, t.channel, t.category_id, si.kind, t.created_at,
      -- created already taken in charge (assigned, resolved on the phone): answered at creation
      case when t.created_status <> 'new' then t.created_at else src.responded_at end,
      case when t.created_status = 'resolved' then t.created_at
        else coalesce(src.first_resolved_at, t.resolved_at) end,
      t.resolved_at,
      case when t.status in ${DONE} then coalesce(t.resolved_at, t.closed_at, t.updated_at) end,
      t.reopens,
      t.created_status = 'resolved' and t.reopens = 0,
      clocks.stopped_at,
      coalesce(clocks.breached, false),
      now()
    from (${src}) src
    cross join lateral (
      select tk.*,
        (select count(*) from ticket_events e where e.ticket_id = tk.id and e.kind = 'reopened')::int as reopens,
        coalesce((select e.changes->'status'->>'to' from ticket_events e
          where e.ticket_id = tk.id and e.kind = 'created' limit 1), 'new') as created_status
      from tickets tk where tk.id = src.ticket_id
    ) t
    left join sites si on si.id = t.site_id
    left join lateral (
      select case when bool_and(s.status = 'stopped') then max(s.stopped_at) end as stopped_at,
        bool_or(s.breached_at is not null) as breached
      from ticket_slas s join sla_policies p on p.id = s.policy_id
      where s.ticket_id = t.id and s.metric = 'resolution' and p.kind = 'sla'
    ) clocks on true
    on conflict (ticket_id) do update set
      entity_id = excluded.entity_id, type = excluded.type, channel = excluded.channel,
      category_id = excluded.category_id, site_kind = excluded.site_kind, created_at = excluded.created_at,
      -- firsts are kept once known: a later pass sees only the ticket's state, not its past
      first_response_at = coalesce(ticket_facts.first_response_at, excluded.first_response_at),
      first_resolved_at = coalesce(ticket_facts.first_resolved_at, excluded.first_resolved_at),
      resolved_at = excluded.resolved_at, settled_at = excluded.settled_at,
      reopen_count = excluded.reopen_count, first_contact = excluded.first_contact,
      sla_stopped_at = excluded.sla_stopped_at, sla_breached = excluded.sla_breached,
      updated_at = excluded.updated_at
    returning entity_id`;
}

/**
 * Brings the facts of the tickets these events touched up to date, in one statement; answers the
 * entities whose figures changed. The moments of the first response and first resolution come from
 * the events (their `at` is the application clock at the change), the rest from the tickets' rows.
 */
export async function applyChanges(tx: DbOrTx, changes: TicketChange[]): Promise<number[]> {
  if (changes.length === 0) return [];
  const { rows } = await tx.execute<{ entity_id: number | string }>(
    upsertFrom(sql`
      with ev as (
        select * from jsonb_to_recordset(${JSON.stringify(changes)}::jsonb)
          as x(number text, kind text, status text, at timestamptz, "eventId" bigint)
      )
      select tk.id as ticket_id,
        min(ev.at) filter (where ev.status <> 'new' or (ev.kind = 'commented' and exists (
          select 1 from ticket_events e join ticket_comments c on c.id = e.comment_id
          where e.id = ev."eventId" and c.visibility = 'public' and e.actor_id <> tk.requester_id
            and exists (select 1 from role_assignments r where r.person_id = e.actor_id and r.role in ${STAFF})
        ))) as responded_at,
        min(ev.at) filter (where ev.status = 'resolved') as first_resolved_at
      from ev join tickets tk on tk.number = ev.number
      group by tk.id`),
  );
  return [...new Set(rows.map((r) => Number(r.entity_id)))];
}

/**
 * Facts for tickets that have none (written before the consumer existed: demo data, an import,
 * an upgrade), `limit` tickets at a time from `afterId`; answers the last ticket id seen, or null
 * at the end. First response and resolution come from the history rows' dates here.
 */
export async function backfillChunk(tx: DbOrTx, afterId: number, limit: number): Promise<number | null> {
  const { rows } = await tx.execute<{ last: number | string | null }>(sql`
    with chunk as (
      select id from tickets where id > ${afterId} order by id limit ${limit}
    ), missing as (
      select c.id from chunk c where not exists (select 1 from ticket_facts f where f.ticket_id = c.id)
    ), written as (
      ${upsertFrom(sql`
        select m.id as ticket_id,
          (select min(e.created_at) from ticket_events e where e.ticket_id = m.id and e.kind <> 'created'
            and (e.changes->'status'->>'to' <> 'new' or e.changes ? 'assigneeId')) as responded_at,
          (select min(e.created_at) from ticket_events e where e.ticket_id = m.id
            and e.changes->'status'->>'to' = 'resolved') as first_resolved_at
        from missing m`)}
    )
    select (select max(id) from chunk) as last, (select count(*) from written) as n`);
  const last = rows[0]?.last;
  return last === null || last === undefined ? null : Number(last);
}

/** Fills every missing fact, committing each chunk on its own (a long transaction would hold the outbox back). */
export async function backfillAll(db: Db, chunk = 5_000): Promise<void> {
  let after = 0;
  for (;;) {
    const last = await db.transaction((tx) => backfillChunk(tx, after, chunk));
    if (last === null) return;
    after = last;
  }
}
