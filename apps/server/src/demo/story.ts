import type { tickets } from '../modules/tickets/ticket.table.js';
import type { CategoryNode, EntityNode, GroupNode, PersonNode, SiteNode } from './plan.js';

type TicketRow = typeof tickets.$inferSelect;
export type TicketStatus = TicketRow['status'];
export type TicketType = TicketRow['type'];
export type Channel = TicketRow['channel'];
export type PendingReason = NonNullable<TicketRow['pendingReason']>;
export type ResolutionCode = NonNullable<TicketRow['resolutionCode']>;

/** Group and person references are turned into ids when the rows are built. */
export type ChangeValue = string | number | null | GroupNode | PersonNode;
export type Changes = Record<string, { from: ChangeValue; to: ChangeValue }>;

export interface CommentPlan {
  id: number;
  ticket: TicketPlan;
  author: PersonNode;
  visibility: 'public' | 'internal';
  body: string;
  at: Date;
}

export interface EventPlan {
  id: number;
  ticket: TicketPlan;
  at: Date;
  actor: PersonNode | null;
  kind: 'created' | 'updated' | 'commented' | 'confirmed';
  changes: Changes;
  comment: CommentPlan | null;
}

/** What a ticket is when it is opened. */
export interface TicketOpening {
  type: TicketType;
  title: string;
  description: string;
  channel: Channel;
  category: CategoryNode;
  impact: number;
  urgency: number;
  priority: number;
  requester: PersonNode;
  createdBy: PersonNode;
  createdAt: Date;
}

/** A ticket as it stands at "now", with its history up to then. */
export interface TicketPlan extends TicketOpening {
  id: number;
  number: string;
  entity: EntityNode;
  site: SiteNode | null;
  status: TicketStatus;
  pendingReason: PendingReason | null;
  group: GroupNode | null;
  assignee: PersonNode | null;
  resolutionCode: ResolutionCode | null;
  resolutionNotes: string | null;
  resolvedAt: Date | null;
  closedAt: Date | null;
  updatedAt: Date;
  version: number;
  events: EventPlan[];
  comments: CommentPlan[];
}

interface Step {
  at: Date;
  order: number;
  run: (t: TicketPlan) => void;
}

/**
 * The whole life of a ticket as dated steps. `play(now)` applies the steps up to `now`, the way the
 * ticket service would have (same statuses, same change records), and drops the rest.
 */
export class TicketStory {
  private readonly steps: Step[] = [];

  constructor(
    private readonly opening: TicketOpening,
    private readonly firstContact?: { group: GroupNode; code: ResolutionCode; notes: string },
  ) {}

  private add(at: Date, run: (t: TicketPlan) => void): this {
    this.steps.push({ at, order: this.steps.length, run });
    return this;
  }

  private event(
    t: TicketPlan,
    at: Date,
    actor: PersonNode | null,
    kind: EventPlan['kind'],
    changes: Changes,
    comment: CommentPlan | null = null,
  ) {
    t.events.push({ id: 0, ticket: t, at, actor, kind, changes, comment });
    t.updatedAt = at;
    if (kind !== 'commented' || changes.status) t.version += 1;
  }

  private setStatus(t: TicketPlan, to: TicketStatus, changes: Changes) {
    changes.status = { from: t.status, to };
    if (t.pendingReason && to !== 'pending') {
      changes.pendingReason = { from: t.pendingReason, to: null };
      t.pendingReason = null;
    }
    t.status = to;
  }

  assign(at: Date, actor: PersonNode, group: GroupNode, assignee: PersonNode): this {
    return this.add(at, (t) => {
      const changes: Changes = {};
      if (t.group !== group) changes.groupId = { from: t.group, to: group };
      if (t.assignee !== assignee) changes.assigneeId = { from: t.assignee, to: assignee };
      t.group = group;
      t.assignee = assignee;
      if (t.status === 'new') this.setStatus(t, 'assigned', changes);
      if (Object.keys(changes).length) this.event(t, at, actor, 'updated', changes);
    });
  }

  start(at: Date, actor: PersonNode): this {
    return this.add(at, (t) => {
      if (t.status !== 'assigned' && t.status !== 'pending') return;
      const changes: Changes = {};
      this.setStatus(t, 'in_progress', changes);
      this.event(t, at, actor, 'updated', changes);
    });
  }

  pending(at: Date, actor: PersonNode, reason: PendingReason): this {
    return this.add(at, (t) => {
      const changes: Changes = {};
      this.setStatus(t, 'pending', changes);
      changes.pendingReason = { from: t.pendingReason, to: reason };
      t.pendingReason = reason;
      this.event(t, at, actor, 'updated', changes);
    });
  }

  comment(at: Date, author: PersonNode, body: string, visibility: 'public' | 'internal' = 'public'): this {
    return this.add(at, (t) => {
      const comment: CommentPlan = { id: 0, ticket: t, author, visibility, body, at };
      t.comments.push(comment);
      const changes: Changes = {};
      // as the service does: the requester's answer puts a ticket waiting for them back to work
      if (t.status === 'pending' && t.pendingReason === 'requester' && author === t.requester) {
        this.setStatus(t, 'in_progress', changes);
      }
      this.event(t, at, author, 'commented', changes, comment);
    });
  }

  resolve(at: Date, actor: PersonNode, code: ResolutionCode, notes: string): this {
    return this.add(at, (t) => {
      const changes: Changes = {
        resolutionCode: { from: t.resolutionCode, to: code },
        resolutionNotes: { from: t.resolutionNotes, to: notes },
      };
      this.setStatus(t, 'resolved', changes);
      changes.resolvedAt = { from: null, to: at.toISOString() };
      t.resolutionCode = code;
      t.resolutionNotes = notes;
      t.resolvedAt = at;
      this.event(t, at, actor, 'updated', changes);
    });
  }

  /** The requester confirms the resolution. */
  confirm(at: Date): this {
    return this.add(at, (t) => {
      if (t.status !== 'resolved') return;
      t.status = 'closed';
      t.closedAt = at;
      this.event(t, at, t.requester, 'confirmed', { status: { from: 'resolved', to: 'closed' } });
    });
  }

  /** Closed without an answer once the reopening window is over. */
  autoClose(at: Date): this {
    return this.add(at, (t) => {
      if (t.status !== 'resolved') return;
      const changes: Changes = {};
      this.setStatus(t, 'closed', changes);
      changes.closedAt = { from: null, to: at.toISOString() };
      t.closedAt = at;
      this.event(t, at, null, 'updated', changes);
    });
  }

  cancel(at: Date, actor: PersonNode, notes: string): this {
    return this.add(at, (t) => {
      const changes: Changes = {
        resolutionCode: { from: null, to: 'cancelled_by_requester' },
        resolutionNotes: { from: null, to: notes },
      };
      this.setStatus(t, 'cancelled', changes);
      t.resolutionCode = 'cancelled_by_requester';
      t.resolutionNotes = notes;
      this.event(t, at, actor, 'updated', changes);
    });
  }

  play(now: Date): TicketPlan {
    const o = this.opening;
    const fc = this.firstContact;
    const t: TicketPlan = {
      ...o,
      id: 0,
      number: '',
      entity: o.requester.entity,
      site: o.requester.site,
      status: fc ? 'resolved' : 'new',
      pendingReason: null,
      group: fc ? fc.group : null,
      assignee: fc ? o.createdBy : null,
      resolutionCode: fc ? fc.code : null,
      resolutionNotes: fc ? fc.notes : null,
      resolvedAt: fc ? o.createdAt : null,
      closedAt: null,
      updatedAt: o.createdAt,
      version: 1,
      events: [],
      comments: [],
    };
    // logged and solved on first contact in one step, as the service's resolveNow does
    t.events.push({
      id: 0,
      ticket: t,
      at: o.createdAt,
      actor: o.createdBy,
      kind: 'created',
      changes: fc
        ? { status: { from: null, to: 'resolved' }, resolutionCode: { from: null, to: fc.code } }
        : { status: { from: null, to: 'new' } },
      comment: null,
    });
    const ordered = [...this.steps].sort((a, b) => a.at.getTime() - b.at.getTime() || a.order - b.order);
    for (const step of ordered) {
      if (step.at.getTime() > now.getTime()) break;
      step.run(t);
    }
    return t;
  }
}
