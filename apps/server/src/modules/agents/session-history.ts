import type { DbOrTx } from '../../db/client.js';
import { audit } from '../../platform/audit/audit.js';
import type { Actor } from '../../platform/auth/actor.js';
import type { Clock } from '../../platform/clock.js';
import { ciEvents } from '../cmdb/index.js';
import { recordTicketChange, type VisibleTicket } from '../tickets/index.js';
import * as repo from './agents.repository.js';

/** What a session is recorded against. */
export interface SessionTarget {
  sessionId: number;
  entityId: number;
  ciId: number | null;
  ticket: VisibleTicket | null;
  technician: Actor;
}

export interface SessionEntry {
  kind: 'command' | 'diagnostic' | 'event';
  command: string;
  output: string;
  truncated: boolean;
}

/**
 * Writes one thing that happened in a session, in one transaction: the session's own append-only log,
 * the history of the ticket it was opened from (internal line) or else of the workstation's item, and
 * the audit log. None of these has a route that edits or deletes: the technician cannot alter them.
 */
export function sessionHistory(clock: Clock) {
  const ticketHistory = recordTicketChange(clock);
  return async (tx: DbOrTx, target: SessionTarget, entry: SessionEntry) => {
    await repo.appendLog(tx, { sessionId: target.sessionId, ...entry });
    const key = entry.kind === 'event' ? 'remoteSession' : 'remoteCommand';
    const text =
      entry.kind === 'event'
        ? `#${target.sessionId} ${entry.command}`
        : `#${target.sessionId} $ ${entry.command}\n${entry.output}${entry.truncated ? '\n[…]' : ''}`;
    const changes = { [key]: { from: null, to: text } };
    if (target.ticket) {
      await ticketHistory(tx, target.technician, target.ticket, changes);
    } else if (target.ciId !== null) {
      await tx
        .insert(ciEvents)
        .values({ ciId: target.ciId, actorId: target.technician.personId, kind: 'updated', changes });
    }
    await audit(tx, {
      actorId: target.technician.personId,
      action: `agent.session.${entry.kind}`,
      targetType: 'agent_session',
      targetId: target.sessionId,
      entityId: target.entityId,
      details: { command: entry.command, outputChars: entry.output.length, truncated: entry.truncated },
    });
  };
}
