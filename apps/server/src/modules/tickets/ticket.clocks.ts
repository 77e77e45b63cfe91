import type { DbOrTx } from '../../db/client.js';
import type { tickets } from './ticket.table.js';

export type TicketRecord = typeof tickets.$inferSelect;

/**
 * The service-level clocks, seen from the tickets module: the SLA engine implements it, so
 * tickets never import it (the engine depends on tickets, not the reverse). A creation starts no
 * clock itself: the SLA module starts new tickets' clocks in batches from the outbox.
 */
export interface TicketClocks {
  /** in the transaction that changed the ticket, after its row is written */
  onChange(
    tx: DbOrTx,
    before: TicketRecord,
    after: TicketRecord,
    ctx: { staffPublicReply: boolean },
  ): Promise<void>;
}

export const noClocks: TicketClocks = { onChange: async () => {} };
