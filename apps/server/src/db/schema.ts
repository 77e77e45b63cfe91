// The schema index read by drizzle-kit and by the drizzle client: every table of every module.

export * from '../modules/auth/auth.table.js';
export * from '../modules/directory/directory.table.js';
export * from '../modules/tickets/ticket.table.js';
export * from '../platform/audit/audit.table.js';
export * from '../platform/events/outbox.table.js';
export * from '../platform/http/idempotency.table.js';
