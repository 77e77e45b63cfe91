import type { Ticket, TicketEvent, TicketSummary } from '@guichet/contracts';
import {
  type findByNumber,
  isReferenceField,
  type listAttachments,
  type listEvents,
  type listLinks,
  type ReferenceField,
  type TicketSummaryRow,
} from './ticket.repository.js';

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());
const ref = (id: number | null, name: string | null) => (id !== null && name !== null ? { id, name } : null);

/** The queue's view of the most urgent clock, judged at `now`. */
export function slaSummary(
  r: Pick<TicketSummaryRow, 'slaState' | 'slaDueAt' | 'slaWarnAt'>,
  now: Date,
): TicketSummary['sla'] {
  if (r.slaState === 'paused') return { state: 'paused', dueAt: null, warnAt: null };
  if (r.slaState !== 'running' || !r.slaDueAt) return null;
  const due = new Date(r.slaDueAt);
  const warn = r.slaWarnAt ? new Date(r.slaWarnAt) : null;
  const t = now.getTime();
  const state = t >= due.getTime() ? 'breached' : warn && t >= warn.getTime() ? 'warning' : 'ok';
  return { state, dueAt: due.toISOString(), warnAt: warn?.toISOString() ?? null };
}

/** `withSla`: the clocks include internal OLAs and contracts, shown to staff only. */
export function toSummary(r: TicketSummaryRow, now: Date, withSla: boolean): TicketSummary {
  return {
    id: r.id,
    number: r.number,
    type: r.type,
    title: r.title,
    status: r.status,
    priority: r.priority,
    channel: r.channel,
    entity: { id: r.entityId, name: r.entityName },
    requester: { id: r.requesterId, name: r.requesterName, email: r.requesterEmail },
    group: ref(r.groupId, r.groupName),
    assignee: ref(r.assigneeId, r.assigneeName),
    sla: withSla ? slaSummary(r, now) : null,
    createdAt: new Date(r.createdAt).toISOString(),
    updatedAt: new Date(r.updatedAt).toISOString(),
  };
}

type DetailRow = NonNullable<Awaited<ReturnType<typeof findByNumber>>>;

export function toTicket(
  r: DetailRow,
  extra: {
    links: Awaited<ReturnType<typeof listLinks>>;
    attachments: Awaited<ReturnType<typeof listAttachments>>;
    can: Ticket['can'];
  },
  now: Date,
  withSla: boolean,
): Ticket {
  const summary = toSummary(r, now, withSla);
  return {
    ...summary,
    requester: { ...summary.requester, phone: r.requesterPhone },
    description: r.description,
    pendingReason: r.pendingReason,
    impact: r.impact,
    urgency: r.urgency,
    category: ref(r.categoryId, r.categoryName),
    site: ref(r.siteId, r.siteName),
    resolutionCode: r.resolutionCode,
    resolutionNotes: r.resolutionNotes,
    resolvedAt: iso(r.resolvedAt),
    closedAt: iso(r.closedAt),
    version: r.version,
    links: extra.links,
    attachments: extra.attachments.map((a) => ({ ...a, createdAt: new Date(a.createdAt).toISOString() })),
    can: extra.can,
  };
}

export function toEvent(
  r: Awaited<ReturnType<typeof listEvents>>[number],
  nameOf: (field: ReferenceField, id: number) => string | null,
): TicketEvent {
  const labels: TicketEvent['labels'] = {};
  for (const [field, change] of Object.entries(r.changes)) {
    if (!isReferenceField(field)) continue;
    const label = (v: unknown) => (typeof v === 'number' ? nameOf(field, v) : null);
    labels[field] = { from: label(change.from), to: label(change.to) };
  }
  return {
    id: r.id,
    kind: r.kind as TicketEvent['kind'],
    actor: ref(r.actorId, r.actorName),
    at: new Date(r.at).toISOString(),
    changes: r.changes as TicketEvent['changes'],
    labels,
    comment:
      r.commentId !== null && r.commentBody !== null && r.commentAuthorId !== null
        ? {
            id: r.commentId,
            author: { id: r.commentAuthorId, name: r.commentAuthorName ?? '' },
            visibility: r.commentVisibility ?? 'public',
            body: r.commentBody,
            createdAt: new Date(r.commentAt ?? r.at).toISOString(),
          }
        : null,
  };
}
