/** The tickets module's public surface for other modules. */
export { missingCells } from './priority.js';
export type { TicketClocks, TicketRecord } from './ticket.clocks.js';
export { createTicketEscalation, type EscalateTicket, type EscalationChange } from './ticket.escalation.js';
export { visibleTo } from './ticket.repository.js';
export { ticketEvents, tickets } from './ticket.table.js';
