import type { DbOrTx } from '../../db/client.js';
import { auditLog } from './audit.table.js';

export interface AuditEntry {
  actorId: number | null;
  action: string;
  targetType: string;
  targetId: string | number;
  entityId?: number | null;
  details?: Record<string, unknown>;
}

/** Appends to the audit log inside the caller's transaction. */
export async function audit(tx: DbOrTx, entry: AuditEntry): Promise<void> {
  await tx.insert(auditLog).values({
    actorId: entry.actorId,
    action: entry.action,
    targetType: entry.targetType,
    targetId: String(entry.targetId),
    entityId: entry.entityId ?? null,
    details: entry.details ?? {},
  });
}

/** Appends many entries in a few statements (batches of 1,000 rows), for bulk operations. */
export async function auditMany(tx: DbOrTx, entries: AuditEntry[]): Promise<void> {
  for (let i = 0; i < entries.length; i += 1_000) {
    await tx.insert(auditLog).values(
      entries.slice(i, i + 1_000).map((entry) => ({
        actorId: entry.actorId,
        action: entry.action,
        targetType: entry.targetType,
        targetId: String(entry.targetId),
        entityId: entry.entityId ?? null,
        details: entry.details ?? {},
      })),
    );
  }
}
