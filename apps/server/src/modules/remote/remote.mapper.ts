import type { RemoteSession } from '@guichet/contracts';
import type * as repo from './remote.repository.js';

/** The API's view of a session. */
export const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function toSession(d: repo.SessionDetail): RemoteSession {
  const s = d.session;
  return {
    id: s.id,
    ticket: { number: d.ticket.number, title: d.ticket.title },
    status: s.status,
    technician: { id: s.technicianId, name: d.technicianName },
    requester: { id: s.requesterId, name: d.requesterName },
    recording: s.recording,
    codeExpiresAt: s.codeExpiresAt.toISOString(),
    consentedAt: iso(s.consentedAt),
    startedAt: iso(s.startedAt),
    endedAt: iso(s.endedAt),
    durationSeconds:
      s.startedAt && s.endedAt ? Math.round((s.endedAt.getTime() - s.startedAt.getTime()) / 1000) : null,
    createdAt: s.createdAt.toISOString(),
  };
}
