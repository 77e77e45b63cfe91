import type {
  Language,
  Notification,
  NotificationChannel,
  NotificationKind,
  NotificationParams,
} from '@guichet/contracts';
import { and, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { EVENTS_CHANNEL } from '../../platform/events/events.js';
import { notificationPreferences, notifications } from './notification.table.js';

/** Someone a ticket change concerns, before preferences are applied. */
export interface TicketCandidate {
  personId: number;
  kind: NotificationKind;
  number: string;
  title: string;
  actorId: number | null;
  actorName: string | null;
  /** the public reply's text, for reply notifications */
  body: string | null;
  groupName: string | null;
  /** told as the ticket's requester (portal links) rather than as staff (desk links) */
  forRequester: boolean;
}

const asNumber = (v: number | string | null) => (v === null ? null : Number(v));

/**
 * Who each ticket history event concerns, for a whole batch in one query. Internal notes never
 * reach requesters: only public comments make 'reply' candidates.
 */
export async function ticketCandidates(tx: DbOrTx, eventIds: number[]): Promise<TicketCandidate[]> {
  if (eventIds.length === 0) return [];
  const { rows } = await tx.execute<{
    person_id: number | string;
    kind: NotificationKind;
    number: string;
    title: string;
    actor_id: number | string | null;
    actor_name: string | null;
    body: string | null;
    group_name: string | null;
    for_requester: boolean;
  }>(sql`
    with ev as (
      select e.id as event_id, e.kind, e.changes, e.actor_id, e.comment_id, t.number, t.title,
        t.requester_id,
        -- the state the change left, read from the change itself when it carries the field
        case when e.changes ? 'assigneeId' then (e.changes->'assigneeId'->>'to')::bigint
             when e.kind = 'created' and not reassigned then t.assignee_id end as new_assignee,
        case when e.changes ? 'groupId' then (e.changes->'groupId'->>'to')::bigint
             when e.kind = 'created' and not reassigned then t.group_id end as new_group,
        case when e.changes ? 'assigneeId' then (e.changes->'assigneeId'->>'to')::bigint
             else t.assignee_id end as assignee_after,
        t.assignee_id
      from ticket_events e join tickets t on t.id = e.ticket_id
        -- a creation's history row does not list the assignment: the ticket's is the creation's
        -- only while no later change moved it (that later change then tells its own story)
        cross join lateral (select exists (select 1 from ticket_events later
          where later.ticket_id = e.ticket_id and later.id > e.id
            and (later.changes ? 'assigneeId' or later.changes ? 'groupId')) as reassigned) r
      where e.id = any(${`{${eventIds.join(',')}}`}::bigint[])
    ),
    candidate as (
      select ev.event_id, ev.new_assignee as person_id, 'assigned' as kind, null::bigint as group_id, null::bigint as comment_id
        from ev where ev.new_assignee is not null
      union all
      select ev.event_id, gm.person_id, 'group_assigned', ev.new_group, null
        from ev join group_members gm on gm.group_id = ev.new_group
        where ev.assignee_after is null
      union all
      -- a public reply by anyone but the requester: the requester
      select ev.event_id, ev.requester_id, 'reply', null, c.id
        from ev join ticket_comments c on c.id = ev.comment_id
        where c.visibility = 'public' and c.author_id <> ev.requester_id
      union all
      -- the requester's reply: whoever works on the ticket
      select ev.event_id, ev.assignee_id, 'reply', null, c.id
        from ev join ticket_comments c on c.id = ev.comment_id
        where c.visibility = 'public' and c.author_id = ev.requester_id and ev.assignee_id is not null
      union all
      select ev.event_id, ev.requester_id, 'resolved', null, null
        from ev where ev.changes->'status'->>'to' = 'resolved'
    )
    select c.person_id, c.kind, ev.number, ev.title, ev.actor_id, a.name as actor_name,
      tc.body, g.name as group_name, c.person_id = ev.requester_id as for_requester
    from candidate c
      join ev on ev.event_id = c.event_id
      left join people a on a.id = ev.actor_id
      left join ticket_comments tc on tc.id = c.comment_id
      left join groups g on g.id = c.group_id
    -- nobody is told about what they did themselves
    where c.person_id is distinct from ev.actor_id
    order by ev.event_id, c.person_id`);
  return rows.map((r) => ({
    personId: Number(r.person_id),
    kind: r.kind,
    number: r.number,
    title: r.title,
    actorId: asNumber(r.actor_id),
    actorName: r.actor_name,
    body: r.body,
    groupName: r.group_name,
    forRequester: r.for_requester,
  }));
}

export interface Recipient {
  id: number;
  name: string;
  email: string;
  language: Language;
  isStaff: boolean;
  /** the person's own choices; missing kinds take the default */
  chosen: Partial<Record<NotificationKind, NotificationChannel>>;
}

/** Active people among `ids`, with their role and their choices (one query). */
export async function recipients(tx: DbOrTx, ids: number[]): Promise<Map<number, Recipient>> {
  const out = new Map<number, Recipient>();
  if (ids.length === 0) return out;
  const { rows } = await tx.execute<{
    id: number | string;
    name: string;
    email: string;
    language: Language;
    is_staff: boolean;
    chosen: Partial<Record<NotificationKind, NotificationChannel>> | null;
  }>(sql`
    select p.id, p.name, p.email, p.language,
      exists (select 1 from role_assignments r where r.person_id = p.id
        and r.role in ('agent', 'coordinator', 'admin')) as is_staff,
      (select jsonb_object_agg(np.kind, np.channel) from notification_preferences np
        where np.person_id = p.id) as chosen
    from people p
    where p.id = any(${`{${[...new Set(ids)].join(',')}}`}::bigint[]) and p.active`);
  for (const r of rows) {
    out.set(Number(r.id), {
      id: Number(r.id),
      name: r.name,
      email: r.email,
      language: r.language,
      isStaff: r.is_staff,
      chosen: r.chosen ?? {},
    });
  }
  return out;
}

export interface NewNotification {
  personId: number;
  kind: NotificationKind;
  ticketNumber: string | null;
  ticketTitle: string | null;
  actorName: string | null;
  params: NotificationParams;
}

/**
 * One statement for the whole batch: the notifications, their outbox rows ('notification.created',
 * audience: the reader) and the NOTIFY that pushes each one live: publish() for many events at once.
 */
export async function insertAndPublish(tx: DbOrTx, items: NewNotification[]): Promise<number> {
  if (items.length === 0) return 0;
  const { rows } = await tx.execute<{ n: number }>(sql`
    with input as (
      select * from jsonb_to_recordset(${JSON.stringify(items)}::jsonb) as x(
        "personId" bigint, kind text, "ticketNumber" text, "ticketTitle" text, "actorName" text, params jsonb)
    ),
    n as (
      insert into notifications (person_id, kind, ticket_number, ticket_title, actor_name, params)
      select "personId", kind, "ticketNumber", "ticketTitle", "actorName", params from input
      returning *
    ),
    o as (
      insert into outbox (topic, entity_id, audience, payload)
      select 'notification.created', null, jsonb_build_array(n.person_id),
        jsonb_build_object('type', 'notification', 'notification', jsonb_build_object(
          'id', n.id, 'kind', n.kind, 'ticketNumber', n.ticket_number, 'ticketTitle', n.ticket_title,
          'actorName', n.actor_name, 'params', n.params, 'readAt', null,
          'createdAt', to_char(n.created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')))
      from n
      returning audience, payload
    )
    select count(pg_notify(${EVENTS_CHANNEL}, jsonb_build_object('topic', 'notification.created',
      'entityId', null, 'audience', o.audience, 'payload', o.payload)::text))::int as n
    from o`);
  return Number(rows[0]?.n ?? 0);
}

type NotificationRow = typeof notifications.$inferSelect;

const toNotification = (r: NotificationRow): Notification => ({
  id: r.id,
  kind: r.kind,
  ticketNumber: r.ticketNumber,
  ticketTitle: r.ticketTitle,
  actorName: r.actorName,
  params: r.params,
  readAt: r.readAt ? r.readAt.toISOString() : null,
  createdAt: r.createdAt.toISOString(),
});

/** A person's notifications, newest first; keyset on (created_at, id) after the cursor's row. */
export async function listFor(
  db: DbOrTx,
  personId: number,
  opts: { limit: number; cursor?: number; unreadOnly?: boolean },
): Promise<Notification[]> {
  const after = opts.cursor
    ? sql`(${notifications.createdAt}, ${notifications.id}) < (select created_at, id from notifications
        where id = ${opts.cursor} and person_id = ${personId})`
    : undefined;
  const rows = await db
    .select()
    .from(notifications)
    .where(
      and(
        eq(notifications.personId, personId),
        opts.unreadOnly ? isNull(notifications.readAt) : undefined,
        after,
      ),
    )
    .orderBy(desc(notifications.createdAt), desc(notifications.id))
    .limit(opts.limit);
  return rows.map(toNotification);
}

export async function unreadCount(db: DbOrTx, personId: number): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(notifications)
    .where(and(eq(notifications.personId, personId), isNull(notifications.readAt)));
  return Number(row?.n ?? 0);
}

/** Marks the person's own notifications read; others' ids are silently ignored. */
export async function markRead(db: DbOrTx, personId: number, ids: number[] | 'all', at: Date): Promise<void> {
  await db
    .update(notifications)
    .set({ readAt: at })
    .where(
      and(
        eq(notifications.personId, personId),
        isNull(notifications.readAt),
        ids === 'all' ? undefined : inArray(notifications.id, ids),
      ),
    );
}

export async function chosenChannels(
  db: DbOrTx,
  personId: number,
): Promise<Partial<Record<NotificationKind, NotificationChannel>>> {
  const rows = await db
    .select({ kind: notificationPreferences.kind, channel: notificationPreferences.channel })
    .from(notificationPreferences)
    .where(eq(notificationPreferences.personId, personId));
  return Object.fromEntries(rows.map((r) => [r.kind, r.channel]));
}

export async function saveChannels(
  db: DbOrTx,
  personId: number,
  items: { kind: NotificationKind; channel: NotificationChannel }[],
): Promise<void> {
  await db
    .insert(notificationPreferences)
    .values(items.map((i) => ({ personId, kind: i.kind, channel: i.channel })))
    .onConflictDoUpdate({
      target: [notificationPreferences.personId, notificationPreferences.kind],
      set: { channel: sql`excluded.channel` },
    });
}
