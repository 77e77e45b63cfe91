import type { SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import type { tickets } from './ticket.table.js';

export type TicketRecord = typeof tickets.$inferSelect;

/** What a service-level engine needs to know of a ticket being created. */
export type CreationFacts = Pick<
  TicketRecord,
  'type' | 'status' | 'pendingReason' | 'entityId' | 'categoryId' | 'groupId' | 'assigneeId' | 'priority'
>;

export interface CreationClocks {
  /** the ticket's queue columns (most urgent clock) */
  columns: Pick<TicketRecord, 'slaState' | 'slaDueAt' | 'slaWarnAt'>;
  /** data-modifying CTEs written with the ticket, reading the new ticket from CTE `t(id)` */
  ctes: SQL | null;
  /** once the ticket exists: arm its timer */
  started(db: DbOrTx, ticketId: number): Promise<void>;
}

/**
 * The service-level clocks, seen from the tickets module: the SLA engine implements it, so
 * tickets never import it (the engine depends on tickets, not the reverse).
 */
export interface TicketClocks {
  prepareCreation(db: DbOrTx, facts: CreationFacts, now: Date): Promise<CreationClocks>;
  /** in the transaction that changed the ticket, after its row is written */
  onChange(
    tx: DbOrTx,
    before: TicketRecord,
    after: TicketRecord,
    ctx: { staffPublicReply: boolean },
  ): Promise<void>;
}

export const noClocks: TicketClocks = {
  prepareCreation: async () => ({
    columns: { slaState: null, slaDueAt: null, slaWarnAt: null },
    ctes: null,
    started: async () => {},
  }),
  onChange: async () => {},
};
