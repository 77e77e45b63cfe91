import { type MajorIncidentCreated, openStatuses } from '@guichet/contracts';
import { and, eq, inArray, or } from 'drizzle-orm';
import type { Tx } from '../../db/client.js';
import type { Actor } from '../../platform/auth/actor.js';
import { AppError, conflict, forbidden } from '../../platform/errors.js';
import { readSettings } from '../directory/index.js';
import { priorityOf } from './priority.js';
import { noClocks } from './ticket.clocks.js';
import type { TicketCore, TicketServiceDeps } from './ticket.core.js';
import { ticketPolicy } from './ticket.policy.js';
import * as repo from './ticket.repository.js';
import { ticketLinks } from './ticket.table.js';

type LockedTicket = NonNullable<Awaited<ReturnType<typeof repo.lockForUpdate>>>;

export interface ParentIncidentInput {
  title: string;
  description: string;
  /** in the desk's order: the first one's group takes the parent */
  childNumbers: readonly string[];
}
/** What a caller may write alongside, in the same transaction (the CMDB links the upstream item). */
export type ParentTicket = {
  id: number;
  number: string;
  title: string;
  status: 'new';
  entityId: number;
  requesterId: number;
};

/** Grouping open tickets under a new parent incident (a major incident). */
export function createTicketGrouping(
  { record }: TicketCore,
  { db, clock, clocks = noClocks }: TicketServiceDeps,
) {
  return {
    /**
     * In ONE transaction: locks the children (in number order, so two groupings cannot deadlock),
     * refuses any not visible (404), not the actor's to change (403), no longer open or already in a
     * parent/child group (409); creates the parent incident (high impact and urgency, the group of the
     * first child or else the actor's, the actor as requester), links each child to it with a history
     * line and a live event on both sides, then runs `alongside`.
     */
    async createParentIncident(
      actor: Actor,
      input: ParentIncidentInput,
      alongside: (tx: Tx, parent: ParentTicket) => Promise<void>,
    ): Promise<MajorIncidentCreated> {
      if (!actor.isStaff) throw forbidden('Only support staff can group tickets');
      return db.transaction(async (tx) => {
        const byNumber = new Map<string, LockedTicket>();
        for (const number of [...input.childNumbers].sort()) {
          const t = await repo.lockForUpdate(tx, actor, number);
          if (!t) throw new AppError('not_found', `Ticket ${number} not found`, { ticket: number });
          if (!ticketPolicy.update(actor, t)) throw forbidden(`You cannot change ${number}`);
          if (!openStatuses.includes(t.status)) {
            throw conflict(`${number} is ${t.status}: only open tickets can be grouped`);
          }
          byNumber.set(number, t);
        }
        const children = input.childNumbers.map((n) => byNumber.get(n) as LockedTicket);
        const ids = children.map((c) => c.id);
        const grouped = await tx
          .select({ from: ticketLinks.fromTicketId, to: ticketLinks.toTicketId })
          .from(ticketLinks)
          .where(
            and(
              eq(ticketLinks.kind, 'parent'),
              or(inArray(ticketLinks.toTicketId, ids), inArray(ticketLinks.fromTicketId, ids)),
            ),
          );
        if (grouped.length > 0) {
          const taken = children
            .filter((c) => grouped.some((g) => g.to === c.id || g.from === c.id))
            .map((c) => c.number);
          throw new AppError('conflict', `Already in a parent/child group: ${taken.join(', ')}`, {
            tickets: taken,
          });
        }

        const first = children[0];
        const groupId = first?.groupId ?? (await repo.myGroupIds(tx, actor.personId))[0] ?? null;
        const settings = await readSettings(tx);
        const now = clock.now();
        const priority = priorityOf(settings.priorityMatrix, 1, 1);
        const facts = {
          type: 'incident' as const,
          status: 'new' as const,
          pendingReason: null,
          entityId: actor.entityId,
          categoryId: null,
          groupId,
          assigneeId: null,
          priority,
        };
        const queue = await clocks.queueColumns(tx, facts, now);
        const written = await repo.createTicket(tx, {
          ticket: {
            ...facts,
            title: input.title,
            description: input.description,
            channel: 'portal',
            impact: 1,
            urgency: 1,
            requesterId: actor.personId,
            siteId: null,
            createdBy: actor.personId,
            createdAt: now,
            updatedAt: now,
            ...queue,
          },
          changes: { status: { from: null, to: 'new' } },
          actorId: actor.personId,
          idempotency: null,
          at: now,
        });
        if (!written) throw new Error('parent incident insert returned nothing');
        const parent: ParentTicket = {
          ...written,
          title: input.title,
          status: 'new',
          entityId: actor.entityId,
          requesterId: actor.personId,
        };
        await tx.insert(ticketLinks).values(
          children.map((c) => ({
            fromTicketId: parent.id,
            toTicketId: c.id,
            kind: 'parent' as const,
            createdBy: actor.personId,
          })),
        );
        for (const c of children) {
          await record(tx, actor, c, 'linked', {
            link: { from: null, to: { kind: 'parent', ticket: parent.number } },
          });
          await record(tx, actor, parent, 'linked', {
            link: { from: null, to: { kind: 'child', ticket: c.number } },
          });
        }
        await alongside(tx, parent);
        return { number: parent.number, title: parent.title, children: children.map((c) => c.number) };
      });
    },
  };
}
export type TicketGrouping = ReturnType<typeof createTicketGrouping>;
