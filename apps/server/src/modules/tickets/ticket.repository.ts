import type { TicketListParams, TicketStatus } from '@guichet/contracts';
import { and, asc, desc, eq, inArray, isNull, or, type SQL, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { DbOrTx } from '../../db/client.js';
import type { Actor } from '../../platform/auth/actor.js';
import { invalid } from '../../platform/errors.js';
import { EVENTS_CHANNEL } from '../../platform/events/events.js';
import { scopeFilter } from '../../platform/scope.js';
import { categories, entities, groupMembers, groups, people, sites } from '../directory/index.js';
import {
  attachments,
  incidentNumberSeq,
  requestNumberSeq,
  ticketComments,
  ticketEvents,
  ticketLinks,
  tickets,
} from './ticket.table.js';

const requester = alias(people, 'requester');
const assignee = alias(people, 'assignee');
const actorPerson = alias(people, 'actor_person');
const commentAuthor = alias(people, 'comment_author');
const OPEN: TicketStatus[] = ['new', 'assigned', 'in_progress', 'pending'];

/** What the actor may read: staff see their scope, everyone sees their own tickets. */
export function visibleTo(actor: Actor): SQL {
  const own = or(eq(tickets.requesterId, actor.personId), eq(tickets.createdBy, actor.personId)) as SQL;
  if (!actor.isStaff) return own;
  if (actor.scope.all) return sql`true`;
  return or(scopeFilter(actor.scope, tickets.entityId), own) as SQL;
}

const summaryColumns = {
  id: tickets.id,
  number: tickets.number,
  type: tickets.type,
  title: tickets.title,
  status: tickets.status,
  priority: tickets.priority,
  channel: tickets.channel,
  entityId: tickets.entityId,
  entityName: entities.name,
  requesterId: tickets.requesterId,
  requesterName: requester.name,
  requesterEmail: requester.email,
  groupId: tickets.groupId,
  groupName: groups.name,
  assigneeId: tickets.assigneeId,
  assigneeName: assignee.name,
  createdBy: tickets.createdBy,
  createdAt: tickets.createdAt,
  updatedAt: tickets.updatedAt,
  slaState: tickets.slaState,
  slaDueAt: tickets.slaDueAt,
  slaWarnAt: tickets.slaWarnAt,
};

const detailColumns = {
  ...summaryColumns,
  requesterPhone: requester.phone,
  description: tickets.description,
  pendingReason: tickets.pendingReason,
  impact: tickets.impact,
  urgency: tickets.urgency,
  categoryId: tickets.categoryId,
  categoryName: categories.name,
  siteId: tickets.siteId,
  siteName: sites.name,
  resolutionCode: tickets.resolutionCode,
  resolutionNotes: tickets.resolutionNotes,
  resolvedAt: tickets.resolvedAt,
  closedAt: tickets.closedAt,
  version: tickets.version,
};

export type TicketSummaryRow = Awaited<ReturnType<typeof list>>['items'][number];
export type TicketDetailRow = NonNullable<Awaited<ReturnType<typeof findByNumber>>>;

/**
 * The search document: number and title weigh most, then the description, then public comments.
 * Internal notes stay out: a requester's search must not match words only staff can read.
 */
export function searchDocument(ticketId: SQL | number): SQL {
  return sql`setweight(to_tsvector('simple', t.number), 'A')
    || setweight(to_tsvector('guichet_french', t.title), 'A')
    || setweight(to_tsvector('guichet_french', t.description), 'B')
    || setweight(to_tsvector('guichet_french', coalesce((select string_agg(c.body, ' ' order by c.id) from ticket_comments c where c.ticket_id = ${ticketId} and c.visibility = 'public'), '')), 'C')`;
}

export type NewTicket = Omit<typeof tickets.$inferInsert, 'id' | 'number' | 'search' | 'version'> & {
  type: 'incident' | 'request';
};

export interface CreationWrites {
  ticket: NewTicket;
  /** the history row's changes and the requester who hears of it live */
  changes: Record<string, { from: unknown; to: unknown }>;
  actorId: number;
  /** when set, the ticket is written only if this key is not already live for this person */
  idempotency: { personId: number; key: string } | null;
  at: Date;
}

/**
 * A whole ticket creation in ONE statement (atomic on its own): the number, the idempotency key, the
 * ticket with its search vector, its history row, the outbox row and the NOTIFY that pushes it live.
 * Creation is the desk's hottest write; each round trip saved is a socket write and a backend wake-up
 * on both sides. Answers null when a live request with the same Idempotency-Key already created one:
 * the key's insert then returns nothing and nothing else is written. The event has the shape of
 * platform/events publish(), whose dispatcher delivers it.
 */
export async function createTicket(
  db: DbOrTx,
  w: CreationWrites,
): Promise<{ id: number; number: string } | null> {
  const v = w.ticket;
  const seq = v.type === 'incident' ? incidentNumberSeq : requestNumberSeq;
  const prefix = v.type === 'incident' ? 'INC' : 'REQ';
  const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);
  const audience = JSON.stringify([v.requesterId]);
  const key = w.idempotency;
  const keyCte = key
    ? sql`k as (
        insert into idempotency_keys (person_id, key, status_code, body)
        select ${key.personId}::bigint, ${key.key}, 201, jsonb_build_object('ref', n.number) from n
        on conflict (person_id, key) do update set status_code = 201, body = excluded.body, created_at = now()
          where idempotency_keys.created_at <= now() - interval '24 hours'
        returning 1
      ),`
    : sql``;
  const { rows } = await db.execute<{ id: number | string; number: string }>(sql`
    with n as materialized (
      select ${prefix} || lpad(nextval(${sql.raw(`'${seq.seqName}'`)})::text, 7, '0') as number
    ),
    ${keyCte}
    t as (
      insert into tickets (number, type, title, description, status, channel, category_id, impact, urgency,
        priority, entity_id, requester_id, site_id, group_id, assignee_id, resolution_code, resolution_notes,
        resolved_at, created_by, created_at, updated_at, sla_state, sla_due_at, sla_warn_at, search)
      select n.number, ${v.type}, ${v.title}, ${v.description ?? ''}, ${v.status}, ${v.channel},
        ${v.categoryId ?? null}::bigint, ${v.impact}::int, ${v.urgency}::int, ${v.priority}::int,
        ${v.entityId}::bigint, ${v.requesterId}::bigint, ${v.siteId ?? null}::bigint, ${v.groupId ?? null}::bigint,
        ${v.assigneeId ?? null}::bigint, ${v.resolutionCode ?? null}, ${v.resolutionNotes ?? null},
        ${iso(v.resolvedAt)}::timestamptz, ${v.createdBy}::bigint, ${iso(v.createdAt)}::timestamptz,
        ${iso(v.updatedAt)}::timestamptz, ${v.slaState ?? null}, ${iso(v.slaDueAt)}::timestamptz,
        ${iso(v.slaWarnAt)}::timestamptz,
        setweight(to_tsvector('simple', n.number), 'A')
          || setweight(to_tsvector('guichet_french', ${v.title}), 'A')
          || setweight(to_tsvector('guichet_french', ${v.description ?? ''}), 'B')
      from n${key ? sql`, k` : sql``}
      returning id, number, entity_id, status
    ),
    e as (
      insert into ticket_events (ticket_id, entity_id, actor_id, kind, changes)
      select t.id, t.entity_id, ${w.actorId}::bigint, 'created', ${JSON.stringify(w.changes)}::jsonb from t
      returning id
    ),
    ev as materialized (
      select t.id, t.number, jsonb_build_object(
        'topic', 'ticket.changed', 'entityId', t.entity_id, 'audience', ${audience}::jsonb,
        'payload', jsonb_build_object('type', 'ticket.changed', 'number', t.number, 'kind', 'created',
          'status', t.status, 'at', ${w.at.toISOString()}::text, 'eventId', e.id)) as event
      from t, e
    ),
    o as (
      insert into outbox (topic, entity_id, audience, payload)
      select 'ticket.changed', (ev.event->>'entityId')::bigint, ev.event->'audience', ev.event->'payload' from ev
    )
    select ev.id, ev.number, pg_notify(${EVENTS_CHANNEL}, ev.event::text) from ev`);
  const row = rows[0];
  return row ? { id: Number(row.id), number: row.number } : null;
}

/** The ticket with the names of everything it refers to. */
function selectDetail(db: DbOrTx) {
  return db
    .select(detailColumns)
    .from(tickets)
    .innerJoin(entities, eq(entities.id, tickets.entityId))
    .innerJoin(requester, eq(requester.id, tickets.requesterId))
    .leftJoin(groups, eq(groups.id, tickets.groupId))
    .leftJoin(assignee, eq(assignee.id, tickets.assigneeId))
    .leftJoin(categories, eq(categories.id, tickets.categoryId))
    .leftJoin(sites, eq(sites.id, tickets.siteId));
}

export async function findByNumber(db: DbOrTx, actor: Actor, number: string) {
  const [row] = await selectDetail(db).where(and(eq(tickets.number, number), visibleTo(actor)));
  return row;
}

/** Locks the row for an update; scope applies as for reads. */
export async function lockForUpdate(db: DbOrTx, actor: Actor, number: string) {
  const [row] = await db
    .select()
    .from(tickets)
    .where(and(eq(tickets.number, number), visibleTo(actor)))
    .for('update');
  return row;
}

interface Cursor {
  id: number;
  at?: string;
  p?: number;
}
const encodeCursor = (c: Cursor) => Buffer.from(JSON.stringify(c)).toString('base64url');
function decodeCursor(raw: string): Cursor {
  try {
    const c = JSON.parse(Buffer.from(raw, 'base64url').toString()) as Cursor;
    if (typeof c.id !== 'number') throw new Error('bad cursor');
    return c;
  } catch {
    throw invalid('cursor', 'invalid cursor');
  }
}

export async function myGroupIds(db: DbOrTx, personId: number): Promise<number[]> {
  const rows = await db
    .select({ id: groupMembers.groupId })
    .from(groupMembers)
    .where(eq(groupMembers.personId, personId));
  return rows.map((r) => r.id);
}

/** Keyset-paginated list; every condition is ANDed with the actor's visibility. */
export async function list(db: DbOrTx, actor: Actor, q: TicketListParams) {
  const where: (SQL | undefined)[] = [visibleTo(actor)];
  const queueOpen = q.queue && !q.status;
  if (q.status?.length) where.push(inArray(tickets.status, q.status));
  else if (queueOpen) where.push(inArray(tickets.status, OPEN));
  if (q.queue === 'mine') where.push(eq(tickets.assigneeId, actor.personId));
  if (q.queue === 'unassigned') where.push(isNull(tickets.assigneeId));
  if (q.queue === 'my_groups') {
    const ids = await myGroupIds(db, actor.personId);
    where.push(ids.length ? inArray(tickets.groupId, ids) : sql`false`);
  }
  if (q.type) where.push(eq(tickets.type, q.type));
  if (q.assignee === 'me') where.push(eq(tickets.assigneeId, actor.personId));
  else if (q.assignee === 'none') where.push(isNull(tickets.assigneeId));
  else if (typeof q.assignee === 'number') where.push(eq(tickets.assigneeId, q.assignee));
  if (q.group) where.push(eq(tickets.groupId, q.group));
  if (q.requester) where.push(eq(tickets.requesterId, q.requester));
  if (q.entity) where.push(eq(tickets.entityId, q.entity));
  if (q.priority) where.push(eq(tickets.priority, q.priority));
  if (q.q) {
    const term = q.q.trim();
    if (/^(INC|REQ)\d+$/i.test(term)) where.push(eq(tickets.number, term.toUpperCase()));
    else where.push(sql`${tickets.search} @@ websearch_to_tsquery('guichet_french', ${term})`);
  }
  const c = q.cursor ? decodeCursor(q.cursor) : null;
  let order: SQL[];
  switch (q.sort) {
    case '-createdAt':
      order = [desc(tickets.id)];
      if (c) where.push(sql`${tickets.id} < ${c.id}`);
      break;
    case 'createdAt':
      order = [asc(tickets.id)];
      if (c) where.push(sql`${tickets.id} > ${c.id}`);
      break;
    case 'priority':
      order = [asc(tickets.priority), desc(tickets.updatedAt), desc(tickets.id)];
      if (c)
        where.push(
          sql`(${tickets.priority} > ${c.p} or (${tickets.priority} = ${c.p} and (${tickets.updatedAt}, ${tickets.id}) < (${c.at}::timestamptz, ${c.id})))`,
        );
      break;
    case 'slaDueAt':
      // closest to breach first; tickets without a running clock after, oldest first
      order = [sql`${tickets.slaDueAt} asc nulls last`, asc(tickets.id)];
      if (c)
        where.push(
          c.at
            ? sql`(${tickets.slaDueAt} > ${c.at}::timestamptz or (${tickets.slaDueAt} = ${c.at}::timestamptz and ${tickets.id} > ${c.id}) or ${tickets.slaDueAt} is null)`
            : sql`(${tickets.slaDueAt} is null and ${tickets.id} > ${c.id})`,
        );
      break;
    default:
      order = [desc(tickets.updatedAt), desc(tickets.id)];
      if (c) where.push(sql`(${tickets.updatedAt}, ${tickets.id}) < (${c.at}::timestamptz, ${c.id})`);
  }
  const rows = await db
    .select(summaryColumns)
    .from(tickets)
    .innerJoin(entities, eq(entities.id, tickets.entityId))
    .innerJoin(requester, eq(requester.id, tickets.requesterId))
    .leftJoin(groups, eq(groups.id, tickets.groupId))
    .leftJoin(assignee, eq(assignee.id, tickets.assigneeId))
    .where(and(...where))
    .orderBy(...order)
    .limit(q.limit + 1);
  const more = rows.length > q.limit;
  const items = more ? rows.slice(0, q.limit) : rows;
  const last = items.at(-1);
  const at = q.sort === 'slaDueAt' ? last?.slaDueAt : last?.updatedAt;
  const nextCursor =
    more && last
      ? encodeCursor({ id: last.id, at: at ? new Date(at).toISOString() : undefined, p: last.priority })
      : null;
  return { items, nextCursor };
}

/** Open tickets per agent queue, in one scan. */
export async function queueCounts(db: DbOrTx, actor: Actor) {
  const ids = await myGroupIds(db, actor.personId);
  const inMyGroups = ids.length ? inArray(tickets.groupId, ids) : sql`false`;
  const [row] = await db
    .select({
      mine: sql<number>`count(*) filter (where ${tickets.assigneeId} = ${actor.personId})::int`,
      my_groups: sql<number>`count(*) filter (where ${inMyGroups})::int`,
      unassigned: sql<number>`count(*) filter (where ${tickets.assigneeId} is null)::int`,
      all: sql<number>`count(*)::int`,
    })
    .from(tickets)
    .where(and(visibleTo(actor), inArray(tickets.status, OPEN)));
  return row ?? { mine: 0, my_groups: 0, unassigned: 0, all: 0 };
}

export async function refreshSearch(db: DbOrTx, ticketId: number): Promise<void> {
  await db.execute(sql`update tickets t set search = ${searchDocument(sql`t.id`)} where t.id = ${ticketId}`);
}

export async function listEvents(db: DbOrTx, ticketId: number, includeInternal: boolean) {
  return db
    .select({
      id: ticketEvents.id,
      kind: ticketEvents.kind,
      actorId: ticketEvents.actorId,
      actorName: actorPerson.name,
      at: ticketEvents.at,
      changes: ticketEvents.changes,
      commentId: ticketComments.id,
      commentVisibility: ticketComments.visibility,
      commentBody: ticketComments.body,
      commentAuthorId: commentAuthor.id,
      commentAuthorName: commentAuthor.name,
      commentAt: ticketComments.createdAt,
    })
    .from(ticketEvents)
    .leftJoin(actorPerson, eq(actorPerson.id, ticketEvents.actorId))
    .leftJoin(ticketComments, eq(ticketComments.id, ticketEvents.commentId))
    .leftJoin(commentAuthor, eq(commentAuthor.id, ticketComments.authorId))
    .where(
      and(
        eq(ticketEvents.ticketId, ticketId),
        includeInternal ? undefined : or(isNull(ticketComments.id), eq(ticketComments.visibility, 'public')),
      ),
    )
    .orderBy(asc(ticketEvents.id));
}

export async function listLinks(db: DbOrTx, ticketId: number) {
  const other = alias(tickets, 'other');
  const rows = await db
    .select({
      id: ticketLinks.id,
      kind: ticketLinks.kind,
      fromId: ticketLinks.fromTicketId,
      number: other.number,
      title: other.title,
      status: other.status,
    })
    .from(ticketLinks)
    .innerJoin(
      other,
      sql`${other.id} = case when ${ticketLinks.fromTicketId} = ${ticketId} then ${ticketLinks.toTicketId} else ${ticketLinks.fromTicketId} end`,
    )
    .where(or(eq(ticketLinks.fromTicketId, ticketId), eq(ticketLinks.toTicketId, ticketId)))
    .orderBy(asc(ticketLinks.id));
  return rows.map((r) => {
    const outgoing = r.fromId === ticketId;
    const kind =
      r.kind === 'related'
        ? 'related'
        : r.kind === 'parent'
          ? outgoing
            ? 'child' // this ticket is the parent: the other one is its child
            : 'parent'
          : outgoing
            ? 'duplicate_of'
            : 'duplicated_by';
    return { id: r.id, kind, ticket: { number: r.number, title: r.title, status: r.status } } as const;
  });
}

export async function listAttachments(db: DbOrTx, ticketId: number) {
  return db
    .select({
      id: attachments.id,
      fileName: attachments.fileName,
      contentType: attachments.contentType,
      size: attachments.size,
      createdAt: attachments.createdAt,
    })
    .from(attachments)
    .where(eq(attachments.ticketId, ticketId))
    .orderBy(asc(attachments.id));
}

const referenceTables = {
  assigneeId: people,
  requesterId: people,
  groupId: groups,
  categoryId: categories,
  siteId: sites,
  entity: entities,
  entityId: entities,
} as const;
export type ReferenceField = keyof typeof referenceTables;
export const isReferenceField = (f: string): f is ReferenceField => f in referenceTables;
type ReferenceTable = (typeof referenceTables)[ReferenceField];

/** Names for the ids history events refer to, one query per table. */
export async function namesFor(db: DbOrTx, wanted: Map<ReferenceField, Set<number>>) {
  const byTable = new Map<ReferenceTable, Set<number>>();
  for (const [field, ids] of wanted) {
    const table = referenceTables[field];
    byTable.set(table, new Set([...(byTable.get(table) ?? []), ...ids]));
  }
  const names = new Map<ReferenceTable, Map<number, string>>();
  for (const [table, ids] of byTable) {
    const rows = await db
      .select({ id: table.id, name: table.name })
      .from(table)
      .where(inArray(table.id, [...ids]));
    names.set(table, new Map(rows.map((r) => [r.id, r.name])));
  }
  return (field: ReferenceField, id: number) => names.get(referenceTables[field])?.get(id) ?? null;
}
