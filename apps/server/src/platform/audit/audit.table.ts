import { index, jsonb, pgTable, text } from 'drizzle-orm/pg-core';
import { createdAt, id, ref } from '../../db/columns.js';

/** Privileged actions (moves, role grants, settings); append-only. */
export const auditLog = pgTable(
  'audit_log',
  {
    id: id(),
    actorId: ref('actor_id'),
    action: text('action').notNull(),
    targetType: text('target_type').notNull(),
    targetId: text('target_id').notNull(),
    entityId: ref('entity_id'),
    details: jsonb('details').notNull().$type<Record<string, unknown>>(),
    at: createdAt(),
  },
  (t) => [index('audit_log_target_idx').on(t.targetType, t.targetId), index('audit_log_at_idx').on(t.at)],
);
