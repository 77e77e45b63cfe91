/** The tickets module's public surface for other modules. */
export { missingCells } from './priority.js';
export { ticketEvents, tickets } from './ticket.table.js';
