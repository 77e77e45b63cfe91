import { eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import type { Clock } from '../../platform/clock.js';
import type { TicketRecord } from './ticket.clocks.js';
import { createTicketCore } from './ticket.core.js';
import { tickets } from './ticket.table.js';

export interface EscalationChange {
  /** hand the ticket to this group; its agent is cleared so the group takes it */
  groupId?: number | null;
  raisePriority?: boolean;
  /** why, shown in the history (e.g. "SLA Mairies · résolution 100 %") */
  reason: string;
}

/**
 * A change made by the system, not a person: reassignment or a higher priority on an escalation
 * rule. The caller holds the ticket's row lock; the history event has no actor.
 */
export function createTicketEscalation({ clock }: { clock: Clock }) {
  const { record } = createTicketCore({ clock });
  return async function escalate(
    tx: DbOrTx,
    t: TicketRecord,
    change: EscalationChange,
  ): Promise<TicketRecord> {
    const next = { ...t };
    const changes: Record<string, { from: unknown; to: unknown }> = {};
    const set = <K extends keyof TicketRecord>(key: K, value: TicketRecord[K]) => {
      if (value === t[key]) return;
      changes[key] = { from: t[key], to: value };
      next[key] = value;
    };
    if (change.groupId && change.groupId !== t.groupId) {
      set('groupId', change.groupId);
      set('assigneeId', null);
      if (t.status === 'assigned' || t.status === 'in_progress') set('status', 'new');
    }
    if (change.raisePriority && t.priority > 1) set('priority', t.priority - 1);
    if (Object.keys(changes).length === 0) return t;
    const now = clock.now();
    next.version = t.version + 1;
    next.updatedAt = now;
    await tx
      .update(tickets)
      .set({
        groupId: next.groupId,
        assigneeId: next.assigneeId,
        status: next.status,
        priority: next.priority,
        version: next.version,
        updatedAt: now,
      })
      .where(eq(tickets.id, t.id));
    await record(tx, null, next, 'escalated', { ...changes, reason: { from: null, to: change.reason } });
    return next;
  };
}
export type EscalateTicket = ReturnType<typeof createTicketEscalation>;
