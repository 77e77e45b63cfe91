import type { Agent, AgentSession, AgentSessionLogEntry, EnrolmentToken } from '@guichet/contracts';
import type { AgentRow, SessionRow, TokenRow } from './agents.repository.js';
import type { agentSessionLogs } from './agents.table.js';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function toEnrolmentToken(row: TokenRow, now: Date): EnrolmentToken {
  return {
    id: row.id,
    entity: { id: row.entityId, name: row.entityName },
    label: row.label,
    expiresAt: row.expiresAt.toISOString(),
    maxUses: row.maxUses,
    uses: row.uses,
    revokedAt: iso(row.revokedAt),
    createdBy: row.createdById && row.createdByName ? { id: row.createdById, name: row.createdByName } : null,
    createdAt: row.createdAt.toISOString(),
    usable: row.revokedAt === null && row.expiresAt > now && row.uses < row.maxUses,
  };
}

export function toAgent(row: AgentRow, live: { online: boolean; terminal: boolean }): Agent {
  return {
    id: row.id,
    entity: { id: row.entityId, name: row.entityName },
    hostname: row.hostname,
    serialNumber: row.serialNumber,
    os: row.os,
    agentVersion: row.agentVersion,
    loggedInUser: row.loggedInUser,
    item: row.ciId && row.ciName ? { id: row.ciId, name: row.ciName } : null,
    lastSeenAt: iso(row.lastSeenAt),
    lastInventoryAt: iso(row.lastInventoryAt),
    online: row.revokedAt === null && live.online,
    terminal: live.online && live.terminal,
    revokedAt: iso(row.revokedAt),
    createdAt: row.createdAt.toISOString(),
  };
}

type LogRow = typeof agentSessionLogs.$inferSelect;
export const toLogEntry = (row: LogRow): AgentSessionLogEntry => ({
  at: row.at.toISOString(),
  kind: row.kind,
  command: row.command,
  output: row.output,
  truncated: row.truncated,
});

export function toAgentSession(row: SessionRow, logs: LogRow[]): AgentSession {
  return {
    id: row.id,
    agentId: row.agentId,
    hostname: row.hostname,
    kind: row.kind,
    diagnostic: row.diagnostic,
    service: row.service,
    status: row.status,
    consent: row.consent,
    item: row.ciId && row.ciName ? { id: row.ciId, name: row.ciName } : null,
    ticketNumber: row.ticketNumber,
    requestedBy: { id: row.requestedBy, name: row.requestedByName },
    createdAt: row.createdAt.toISOString(),
    startedAt: iso(row.startedAt),
    endedAt: iso(row.endedAt),
    endReason: row.endReason,
    log: logs.filter((l) => l.sessionId === row.id).map(toLogEntry),
  };
}
