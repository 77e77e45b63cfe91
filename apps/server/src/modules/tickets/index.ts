/** The tickets module's public surface for other modules. */
import { and, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import type { Actor } from '../../platform/auth/actor.js';
import type { Clock } from '../../platform/clock.js';
import { createTicketCore } from './ticket.core.js';
import { visibleTo } from './ticket.repository.js';
import { tickets } from './ticket.table.js';

export { missingCells } from './priority.js';
export type { TicketClocks, TicketRecord } from './ticket.clocks.js';
export { createTicketEscalation, type EscalateTicket, type EscalationChange } from './ticket.escalation.js';
export { visibleTo } from './ticket.repository.js';
export { attachments, ticketEvents, tickets } from './ticket.table.js';
export type { ParentIncidentInput, ParentTicket, TicketGrouping } from './ticket-grouping.service.js';
/** What other modules (the CMDB's ticket links) need of a ticket the actor may see; undefined otherwise. */
export async function findVisibleTicket(db: DbOrTx, actor: Actor, number: string) {
  const [row] = await db
    .select({
      id: tickets.id,
      number: tickets.number,
      title: tickets.title,
      status: tickets.status,
      entityId: tickets.entityId,
      requesterId: tickets.requesterId,
    })
    .from(tickets)
    .where(and(eq(tickets.number, number), visibleTo(actor)));
  return row;
}
export type VisibleTicket = NonNullable<Awaited<ReturnType<typeof findVisibleTicket>>>;

/** An 'updated' line in a ticket's history (and its live event), in the caller's transaction. */
export function recordTicketChange(clock: Clock) {
  const core = createTicketCore({ clock });
  return (
    tx: DbOrTx,
    actor: Actor,
    t: VisibleTicket,
    changes: Record<string, { from: unknown; to: unknown }>,
  ) =>
    // internal: linked items (servers, workstations) are the desk's business, not the requester's
    core.record(tx, actor, t, 'updated', changes, null, true);
}

/**
 * A remote-assistance line in a ticket's history (requested, consent, start, end, transcript, files,
 * recording) and its live event, in the caller's transaction; visible to the requester, who took part.
 */
export function recordRemoteEvent(clock: Clock) {
  const core = createTicketCore({ clock });
  return (
    tx: DbOrTx,
    actor: Actor | null,
    t: Pick<VisibleTicket, 'id' | 'number' | 'entityId' | 'requesterId' | 'status'>,
    kind: `remote_${string}`,
    changes: Record<string, { from: unknown; to: unknown }>,
  ) => core.record(tx, actor, t, kind, changes, null, false);
}
