import type { Actor } from '../../platform/auth/actor.js';
import { inScope } from '../../platform/auth/actor.js';

export interface TicketAccessFacts {
  entityId: number;
  requesterId: number;
  createdBy: number;
  status: string;
}

/** Staff whose scope covers the ticket's entity. */
export const isHandler = (actor: Actor, t: TicketAccessFacts) =>
  actor.isStaff && inScope(actor.scope, t.entityId);
/** The requester (or who declared it for them). */
export const isOwner = (actor: Actor, t: TicketAccessFacts) =>
  t.requesterId === actor.personId || t.createdBy === actor.personId;

export const ticketPolicy = {
  see: (actor: Actor, t: TicketAccessFacts) => isHandler(actor, t) || isOwner(actor, t),
  update: (actor: Actor, t: TicketAccessFacts) => isHandler(actor, t),
  comment: (actor: Actor, t: TicketAccessFacts) =>
    (isHandler(actor, t) || isOwner(actor, t)) && t.status !== 'closed' && t.status !== 'cancelled',
  writeInternal: (actor: Actor, t: TicketAccessFacts) => isHandler(actor, t),
  seeInternal: (actor: Actor, t: TicketAccessFacts) => isHandler(actor, t),
  confirm: (actor: Actor, t: TicketAccessFacts) =>
    (isOwner(actor, t) || isHandler(actor, t)) && t.status === 'resolved',
  reopen: (actor: Actor, t: TicketAccessFacts) =>
    (isOwner(actor, t) || isHandler(actor, t)) && t.status === 'resolved',
};
