import type { MultipartFile } from '@fastify/multipart';
import type { RemotePolicy, RemoteRecording } from '@guichet/contracts';
import { audit } from '../../platform/audit/audit.js';
import { type Actor, inScope } from '../../platform/auth/actor.js';
import { AppError, forbidden, notFound } from '../../platform/errors.js';
import type { recordRemoteEvent } from '../tickets/index.js';
import * as repo from './remote.repository.js';
import type { RemoteServiceDeps } from './remote.service.js';

/**
 * Recordings of a session's shared screen and the entity policy that allows them: staff data, kept
 * apart from the ticket's attachments, every viewing audited (ADR 0014).
 */
export function createRecordings({
  deps,
  loadVisible,
  isHandler,
  history,
}: {
  deps: RemoteServiceDeps;
  loadVisible: (db: RemoteServiceDeps['db'], actor: Actor, id: number) => Promise<repo.SessionDetail>;
  isHandler: (actor: Actor, entityId: number) => boolean;
  history: ReturnType<typeof recordRemoteEvent>;
}) {
  const { db, clock } = deps;

  async function policy(actor: Actor, entityId: number): Promise<RemotePolicy> {
    if (!isHandler(actor, entityId) && !inScope(actor.adminScope, entityId)) throw notFound('Entity');
    const p = await repo.effectivePolicy(db, entityId);
    if (!p) throw notFound('Entity');
    return {
      entityId,
      recordingAllowed: p.policy?.recordingAllowed ?? false,
      inheritedFrom: p.policy ? p.policy.entityId : null,
    };
  }

  return {
    /** The technician's recording (webm), only when the session was announced as recorded. */
    async saveRecording(actor: Actor, id: number, file: MultipartFile): Promise<RemoteRecording> {
      const d = await loadVisible(db, actor, id);
      const s = d.session;
      const refuse = (e: AppError) => {
        file.file.resume();
        return e;
      };
      if (s.technicianId !== actor.personId)
        throw refuse(forbidden('Only the technician uploads the recording'));
      if (!s.recording) throw refuse(forbidden('This session was not announced as recorded'));
      if (!s.startedAt)
        throw refuse(new AppError('invalid_transition', 'Nothing was shared in this session'));
      if (file.mimetype.split(';')[0]?.trim() !== 'video/webm') {
        throw refuse(new AppError('unsupported_media_type', 'Recordings are video/webm'));
      }
      const stored = await deps.files.save(file.file, () => file.file.truncated);
      if (stored === 'too_large') {
        throw new AppError(
          'payload_too_large',
          `Files are limited to ${Math.round(deps.maxUploadBytes / 1048576)} MB`,
        );
      }
      try {
        return await db.transaction(async (tx) => {
          const fileName = `remote-session-${s.id}-${clock.now().toISOString().replace(/[:.]/g, '-')}.webm`;
          const r = await repo.insertRecording(tx, {
            sessionId: s.id,
            ticketId: s.ticketId,
            entityId: s.entityId,
            fileName,
            contentType: 'video/webm',
            size: stored.size,
            storageKey: stored.key,
            sha256: stored.sha256,
            uploadedBy: actor.personId,
          });
          await history(tx, actor, d.ticket, 'remote_recording', {
            recording: { from: null, to: { id: r.id, fileName, size: r.size } },
          });
          await audit(tx, {
            actorId: actor.personId,
            action: 'remote.recording',
            targetType: 'remote_session',
            targetId: s.id,
            entityId: s.entityId,
            details: { recordingId: r.id, size: r.size, sha256: r.sha256 },
          });
          return { id: r.id, fileName, size: r.size, createdAt: r.createdAt.toISOString() };
        });
      } catch (err) {
        await deps.files.remove(stored.key);
        throw err;
      }
    },

    /** Recordings are staff data: the requester was told, but only staff in scope can watch them. */
    async listRecordings(actor: Actor, id: number): Promise<RemoteRecording[]> {
      const d = await loadVisible(db, actor, id);
      if (!isHandler(actor, d.session.entityId)) throw forbidden('Recordings are for support staff');
      return (await repo.listRecordings(db, id)).map((r) => ({
        id: r.id,
        fileName: r.fileName,
        size: r.size,
        createdAt: r.createdAt.toISOString(),
      }));
    },

    async openRecording(actor: Actor, recordingId: number) {
      const r = await repo.findRecording(db, recordingId);
      if (!r || !isHandler(actor, r.entityId)) throw notFound('Recording');
      await audit(db, {
        actorId: actor.personId,
        action: 'remote.recording_viewed',
        targetType: 'remote_recording',
        targetId: r.id,
        entityId: r.entityId,
      });
      return {
        fileName: r.fileName,
        contentType: r.contentType,
        size: r.size,
        stream: deps.files.open(r.storageKey),
      };
    },

    async setPolicy(actor: Actor, entityId: number, recordingAllowed: boolean): Promise<RemotePolicy> {
      if (!inScope(actor.adminScope, entityId)) throw notFound('Entity');
      await db.transaction(async (tx) => {
        await repo.savePolicy(tx, entityId, recordingAllowed, actor.personId, clock.now());
        await audit(tx, {
          actorId: actor.personId,
          action: 'remote.policy_updated',
          targetType: 'entity',
          targetId: entityId,
          entityId,
          details: { recordingAllowed },
        });
      });
      return policy(actor, entityId);
    },
    policy,
  };
}
