// The schema index read by drizzle-kit only: every table of every module. The runtime client needs no schema (no relational queries).

export * from './modules/agents/agents.table.js';
export * from './modules/auth/auth.table.js';
export * from './modules/cmdb/cmdb.table.js';
export * from './modules/cmdb/import/import.table.js';
export * from './modules/cockpit/ticket-facts.table.js';
export * from './modules/directory/directory.table.js';
export * from './modules/improvement/improvement.table.js';
export * from './modules/notifications/notification.table.js';
export * from './modules/remote/remote.table.js';
export * from './modules/reports/report-subscription.table.js';
export * from './modules/satisfaction/satisfaction.table.js';
export * from './modules/slas/sla.table.js';
export * from './modules/tickets/ticket.table.js';
export * from './modules/webhooks/webhook.table.js';
export * from './platform/audit/audit.table.js';
export * from './platform/events/outbox.table.js';
export * from './platform/events/outbox-cursor.table.js';
export * from './platform/http/idempotency.table.js';
export * from './platform/mail/mail-message.table.js';
