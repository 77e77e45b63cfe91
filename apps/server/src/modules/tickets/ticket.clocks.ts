import type { DbOrTx } from '../../db/client.js';
import type { tickets } from './ticket.table.js';

export type TicketRecord = typeof tickets.$inferSelect;

/**
 * The service-level clocks, seen from the tickets module: the SLA engine implements it, so
 * tickets never import it (the engine depends on tickets, not the reverse). A creation writes no
 * clock itself (only the queue columns): the SLA module starts new tickets' clocks in batches from
 * the outbox.
 */
/** What the queue columns of a new ticket are computed from. */
export type ClockFacts = Pick<
  TicketRecord,
  'type' | 'status' | 'pendingReason' | 'entityId' | 'categoryId' | 'groupId' | 'assigneeId' | 'priority'
>;
export type QueueColumns = Pick<TicketRecord, 'slaState' | 'slaDueAt' | 'slaWarnAt'>;

export interface TicketClocks {
  /**
   * The queue columns a new ticket will have once its clocks start: computed in memory, written
   * with the ticket, so queues show its time left at once.
   */
  queueColumns(db: DbOrTx, facts: ClockFacts, now: Date): Promise<QueueColumns>;
  /** in the transaction that changed the ticket, after its row is written */
  onChange(
    tx: DbOrTx,
    before: TicketRecord,
    after: TicketRecord,
    ctx: { staffPublicReply: boolean },
  ): Promise<void>;
}

export const noClocks: TicketClocks = {
  queueColumns: async () => ({ slaState: null, slaDueAt: null, slaWarnAt: null }),
  onChange: async () => {},
};
