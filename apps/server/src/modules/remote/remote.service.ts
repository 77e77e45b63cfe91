import { randomBytes, randomInt } from 'node:crypto';
import type { MultipartFile } from '@fastify/multipart';
import type {
  RemoteChatMessage,
  RemoteFile,
  RemoteJoin,
  RemoteRole,
  RemoteSession,
  RemoteSessionCreated,
  Role,
} from '@guichet/contracts';
import type { Db, DbOrTx } from '../../db/client.js';
import { audit } from '../../platform/audit/audit.js';
import { type Actor, inScope } from '../../platform/auth/actor.js';
import { newToken, safeEqual, sha256 } from '../../platform/auth/secrets.js';
import type { Clock } from '../../platform/clock.js';
import { AppError, conflict, forbidden, invalid, notFound } from '../../platform/errors.js';
import type { FileStore } from '../../platform/files/file-store.js';
import { isAncestorOrSelf } from '../directory/index.js';
import { findVisibleTicket, recordRemoteEvent } from '../tickets/index.js';
import { toSession } from './remote.mapper.js';
import * as repo from './remote.repository.js';
import type { RemoteRooms } from './remote.rooms.js';
import { createRecordings } from './remote-recordings.js';

/** How long the code read over the phone stays valid. */
export const CODE_TTL_MS = 5 * 60_000;
/** After the code, the requester has this long to consent. */
export const CONSENT_WINDOW_MS = 10 * 60_000;
/** Wrong codes the requester may type before their waiting sessions are burned. */
export const MAX_CODE_ATTEMPTS = 5;
/** The signalling token only opens the socket: short-lived, renewed by joining again. */
export const TOKEN_TTL_MS = 2 * 60_000;
const MAX_TRANSCRIPT_LINES = 1_000;

export interface RemoteServiceDeps {
  db: Db;
  clock: Clock;
  files: FileStore;
  rooms: RemoteRooms;
  maxUploadBytes: number;
  publicUrl: string;
  iceServers: RemoteJoin['iceServers'];
  /** the tickets module's attachment upload, used for files exchanged during a session */
  attach: (
    actor: Actor,
    number: string,
    file: MultipartFile,
  ) => Promise<{ id: number; fileName: string; size: number; createdAt: string }>;
}

/** how the caller authenticated: a long-lived API token never opens a session (ANSSI) */
export type Via = 'session' | 'token';

const hashCode = (salt: string, code: string) => sha256(`${salt}:${code}`);
export function createRemoteService(deps: RemoteServiceDeps) {
  const { db, clock, rooms } = deps;
  const history = recordRemoteEvent(clock);

  /** A role of one of `roles` granted on the entity or on an ancestor with its sub-entities. */
  async function holdsRoleOn(tx: DbOrTx, actor: Actor, roles: Role[], entityId: number) {
    for (const g of actor.roles) {
      if (!roles.includes(g.role)) continue;
      if (g.entityId === entityId) return true;
      if (g.includeDescendants && (await isAncestorOrSelf(tx, g.entityId, entityId))) return true;
    }
    return false;
  }

  const isHandler = (actor: Actor, entityId: number) => actor.isStaff && inScope(actor.scope, entityId);

  /** The session as the actor may see it: its requester, or staff whose scope includes the ticket. */
  async function loadVisible(tx: DbOrTx, actor: Actor, id: number) {
    const d = await repo.findDetail(tx, id);
    if (!d || !(d.session.requesterId === actor.personId || isHandler(actor, d.session.entityId))) {
      throw notFound('Remote session');
    }
    return d;
  }

  /** A waiting session whose code (or consent window) ran out is expired; written lazily when read. */
  function lapsed(s: repo.SessionRow, now: Date) {
    if (s.status !== 'requested') return false;
    if (s.codeUsedAt) return now.getTime() > s.codeUsedAt.getTime() + CONSENT_WINDOW_MS;
    return now.getTime() > s.codeExpiresAt.getTime();
  }

  async function expire(tx: DbOrTx, s: repo.SessionRow, reason: 'timeout' | 'attempts') {
    await repo.updateSession(tx, s.id, { status: 'expired', codeHash: null, endReason: reason });
    await audit(tx, {
      actorId: null,
      action: 'remote.expired',
      targetType: 'remote_session',
      targetId: s.id,
      entityId: s.entityId,
      details: { reason },
    });
  }

  async function ticketFacts(tx: DbOrTx, s: repo.SessionRow) {
    const d = await repo.findDetail(tx, s.id);
    if (!d) throw notFound('Remote session');
    return d.ticket;
  }

  /** Ends or cancels a session: its summary and transcript in the ticket, the audit row. */
  async function finish(tx: DbOrTx, s: repo.SessionRow, actor: Actor | null, reason: string) {
    const now = clock.now();
    const next = s.status === 'requested' ? ('cancelled' as const) : ('ended' as const);
    await repo.updateSession(tx, s.id, {
      status: next,
      codeHash: null,
      endedAt: now,
      endedBy: actor?.personId ?? null,
      endReason: reason,
    });
    const t = await ticketFacts(tx, s);
    const durationSeconds = s.startedAt ? Math.round((now.getTime() - s.startedAt.getTime()) / 1000) : 0;
    const events = next === 'ended' ? await repo.listEvents(tx, s.id) : [];
    const files = events.filter((e) => e.kind === 'file').map((e) => e.fileName ?? '');
    await history(tx, actor, t, 'remote_ended', {
      remoteSession: { from: null, to: { id: s.id, status: next, reason, durationSeconds, files } },
    });
    const chat = events.filter((e) => e.kind === 'chat').slice(0, MAX_TRANSCRIPT_LINES);
    if (chat.length > 0) {
      await history(tx, actor, t, 'remote_transcript', {
        transcript: {
          from: null,
          to: chat.map((e) => ({ name: e.actorName, text: e.body ?? '', at: e.at.toISOString() })),
        },
      });
    }
    await audit(tx, {
      actorId: actor?.personId ?? null,
      action: next === 'ended' ? 'remote.ended' : 'remote.cancelled',
      targetType: 'remote_session',
      targetId: s.id,
      entityId: s.entityId,
      details: { reason, durationSeconds, chatLines: chat.length, files },
    });
    return next;
  }

  return {
    async create(
      actor: Actor,
      via: Via,
      number: string,
      input: { record: boolean },
    ): Promise<RemoteSessionCreated> {
      if (via !== 'session')
        throw forbidden('Remote sessions are opened from a signed-in browser, not an API token');
      const created = await db.transaction(async (tx) => {
        const t = await findVisibleTicket(tx, actor, number);
        if (!t || !isHandler(actor, t.entityId)) throw notFound('Ticket');
        if (!(await holdsRoleOn(tx, actor, ['agent', 'admin'], t.entityId))) {
          throw forbidden('Only a support agent in charge of the ticket can start remote assistance');
        }
        if (t.status === 'closed' || t.status === 'cancelled') {
          throw new AppError('invalid_transition', 'A closed ticket takes no remote session');
        }
        if (input.record) {
          const policy = await repo.effectivePolicy(tx, t.entityId);
          if (!policy?.policy?.recordingAllowed) {
            throw invalid('record', "the entity's policy does not allow recording remote sessions");
          }
        }
        const now = clock.now();
        for (const open of await repo.openForTicket(tx, t.id)) {
          if (open.status === 'active') throw conflict('A remote session is already running on this ticket');
          // a new code replaces a waiting one: only the latest code read over the phone works
          await repo.updateSession(tx, open.id, {
            status: 'cancelled',
            codeHash: null,
            endReason: 'replaced',
          });
        }
        const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
        const salt = randomBytes(16).toString('hex');
        const s = await repo.insertSession(tx, {
          ticketId: t.id,
          entityId: t.entityId,
          technicianId: actor.personId,
          requesterId: t.requesterId,
          status: 'requested',
          codeHash: hashCode(salt, code),
          codeSalt: salt,
          codeExpiresAt: new Date(now.getTime() + CODE_TTL_MS),
          recording: input.record,
        });
        await history(tx, actor, t, 'remote_requested', {
          remoteSession: { from: null, to: { id: s.id, recording: s.recording } },
        });
        await audit(tx, {
          actorId: actor.personId,
          action: 'remote.requested',
          targetType: 'remote_session',
          targetId: s.id,
          entityId: t.entityId,
          details: { ticket: t.number, recording: s.recording },
        });
        return { id: s.id, code };
      });
      const d = await repo.findDetail(db, created.id);
      if (!d) throw notFound('Remote session');
      return { session: toSession(d), code: created.code, link: `${deps.publicUrl}/portal/remote` };
    },

    /** The ticket's latest session (waiting, running or finished), or null. */
    async current(actor: Actor, number: string): Promise<RemoteSession | null> {
      const t = await findVisibleTicket(db, actor, number);
      if (!t) throw notFound('Ticket');
      const d = await repo.latestForTicket(db, t.id);
      if (!d) return null;
      if (lapsed(d.session, clock.now())) {
        await db.transaction(async (tx) => {
          const s = await repo.lockSession(tx, d.session.id);
          if (s && lapsed(s, clock.now())) await expire(tx, s, 'timeout');
        });
        const fresh = await repo.findDetail(db, d.session.id);
        return fresh ? toSession(fresh) : null;
      }
      return toSession(d);
    },

    async get(actor: Actor, id: number): Promise<RemoteSession> {
      return toSession(await loadVisible(db, actor, id));
    },

    /**
     * The requester types the code: it must belong to one of their waiting sessions. A match uses the
     * code up; a miss counts against every waiting session of theirs and burns them after a few tries.
     */
    async redeem(actor: Actor, code: string): Promise<RemoteSession> {
      const outcome = await db.transaction(async (tx) => {
        const now = clock.now();
        let match: repo.SessionRow | undefined;
        const waiting: repo.SessionRow[] = [];
        for (const s of await repo.pendingForRequester(tx, actor.personId)) {
          if (s.codeUsedAt || lapsed(s, now)) {
            if (lapsed(s, now)) await expire(tx, s, 'timeout');
            continue;
          }
          waiting.push(s);
          if (s.codeHash && safeEqual(s.codeHash, hashCode(s.codeSalt, code))) match = s;
        }
        if (match) {
          await repo.updateSession(tx, match.id, { codeHash: null, codeUsedAt: now });
          await audit(tx, {
            actorId: actor.personId,
            action: 'remote.code_redeemed',
            targetType: 'remote_session',
            targetId: match.id,
            entityId: match.entityId,
          });
          return { id: match.id };
        }
        for (const s of waiting) {
          if (s.attempts + 1 >= MAX_CODE_ATTEMPTS) await expire(tx, s, 'attempts');
          else await repo.updateSession(tx, s.id, { attempts: s.attempts + 1 });
        }
        return null;
      });
      // the same answer for a wrong, expired or someone else's code
      if (!outcome) throw notFound('Remote session for this code');
      return this.get(actor, outcome.id);
    },

    /** The requester's explicit yes or no, after reading who asks, for which ticket and whether it is recorded. */
    async consent(actor: Actor, id: number, consent: boolean): Promise<RemoteSession> {
      await db.transaction(async (tx) => {
        const s = await repo.lockSession(tx, id);
        if (!s || s.requesterId !== actor.personId) throw notFound('Remote session');
        if (s.status !== 'requested' || !s.codeUsedAt) {
          throw new AppError('invalid_transition', 'This session is not waiting for consent');
        }
        if (lapsed(s, clock.now())) {
          await expire(tx, s, 'timeout');
          return;
        }
        const t = await ticketFacts(tx, s);
        const now = clock.now();
        await repo.updateSession(
          tx,
          s.id,
          consent
            ? { status: 'active', consentedAt: now }
            : { status: 'refused', endedAt: now, endedBy: actor.personId },
        );
        await history(tx, actor, t, consent ? 'remote_consented' : 'remote_refused', {
          remoteSession: { from: null, to: { id: s.id, recording: s.recording } },
        });
        await audit(tx, {
          actorId: actor.personId,
          action: consent ? 'remote.consented' : 'remote.refused',
          targetType: 'remote_session',
          targetId: s.id,
          entityId: s.entityId,
          details: { recording: s.recording },
        });
      });
      const d = await loadVisible(db, actor, id);
      if (d.session.status === 'expired') throw new AppError('invalid_transition', 'The code has expired');
      return toSession(d);
    },

    /** A short-lived token for the signalling socket, with the role the actor plays in the session. */
    async join(actor: Actor, via: Via, id: number): Promise<RemoteJoin> {
      if (via !== 'session')
        throw forbidden('Remote sessions are joined from a signed-in browser, not an API token');
      return db.transaction(async (tx) => {
        const s = await repo.lockSession(tx, id);
        const visible = s && (s.requesterId === actor.personId || isHandler(actor, s.entityId));
        if (!s || !visible) throw notFound('Remote session');
        if (s.status !== 'active') throw new AppError('invalid_transition', 'This session is not running');
        let role: RemoteRole;
        if (s.requesterId === actor.personId) role = 'sender';
        else if (s.technicianId === actor.personId) role = 'technician';
        else if (await holdsRoleOn(tx, actor, ['coordinator', 'admin'], s.entityId)) role = 'viewer';
        else throw forbidden('Only the technician and a coordinator can join this session');
        const token = newToken('rs_');
        const expiresAt = new Date(clock.now().getTime() + TOKEN_TTL_MS);
        await repo.upsertParticipant(tx, {
          sessionId: s.id,
          personId: actor.personId,
          role,
          tokenHash: sha256(token),
          tokenExpiresAt: expiresAt,
        });
        await audit(tx, {
          actorId: actor.personId,
          action: 'remote.joined',
          targetType: 'remote_session',
          targetId: s.id,
          entityId: s.entityId,
          details: { role },
        });
        return {
          token,
          role,
          expiresAt: expiresAt.toISOString(),
          iceServers: deps.iceServers,
          maxFileBytes: deps.maxUploadBytes,
        };
      });
    },

    /** Checks the socket's token: the cookie's person, this session, not expired, session running. */
    async verifyToken(actor: Actor, id: number, token: string) {
      const [s, p] = await Promise.all([
        repo.findDetail(db, id),
        repo.findParticipant(db, id, actor.personId),
      ]);
      if (!s || !p || s.session.status !== 'active') return null;
      if (!safeEqual(p.tokenHash, sha256(token)) || p.tokenExpiresAt.getTime() < clock.now().getTime())
        return null;
      return { role: p.role, name: p.name };
    },

    /** The requester's screen went out for the first time: the session starts. */
    async markStarted(actor: Actor, id: number): Promise<void> {
      await db.transaction(async (tx) => {
        const s = await repo.lockSession(tx, id);
        if (s?.status !== 'active' || s.startedAt || s.requesterId !== actor.personId) return;
        await repo.updateSession(tx, s.id, { startedAt: clock.now() });
        await history(tx, actor, await ticketFacts(tx, s), 'remote_started', {
          remoteSession: { from: null, to: { id: s.id } },
        });
        await audit(tx, {
          actorId: actor.personId,
          action: 'remote.started',
          targetType: 'remote_session',
          targetId: s.id,
          entityId: s.entityId,
        });
      });
    },

    /** Kept for the transcript before it is relayed. */
    async chat(actor: Actor, id: number, text: string): Promise<RemoteChatMessage> {
      const e = await repo.insertEvent(db, {
        sessionId: id,
        actorId: actor.personId,
        kind: 'chat',
        body: text,
      });
      return { id: e.id, from: { id: actor.personId, name: actor.name }, text, at: e.at.toISOString() };
    },

    async backlog(id: number): Promise<{ chat: RemoteChatMessage[]; files: RemoteFile[] }> {
      const events = await repo.listEvents(db, id);
      return {
        chat: events
          .filter((e) => e.kind === 'chat')
          .map((e) => ({
            id: e.id,
            from: { id: e.actorId, name: e.actorName },
            text: e.body ?? '',
            at: e.at.toISOString(),
          })),
        files: events.flatMap((e) =>
          e.kind === 'file' && e.attachmentId
            ? [
                {
                  attachmentId: e.attachmentId,
                  fileName: e.fileName ?? '',
                  size: e.fileSize ?? 0,
                  from: { id: e.actorId, name: e.actorName },
                  at: e.at.toISOString(),
                },
              ]
            : [],
        ),
      };
    },

    /** Either side stops: a waiting session is cancelled, a running one ended with its summary in the ticket. */
    async end(actor: Actor, id: number): Promise<RemoteSession> {
      const status = await db.transaction(async (tx) => {
        const s = await repo.lockSession(tx, id);
        const party = s && (s.requesterId === actor.personId || s.technicianId === actor.personId);
        const watcher = s && isHandler(actor, s.entityId);
        if (!s || !(party || watcher)) throw notFound('Remote session');
        if (!party) throw forbidden('Only the requester or the technician can end the session');
        if (s.status !== 'requested' && s.status !== 'active') {
          throw new AppError('invalid_transition', 'This session is already over');
        }
        const reason = s.requesterId === actor.personId ? 'requester_stopped' : 'technician_stopped';
        return finish(tx, s, actor, reason);
      });
      rooms.close(id, { type: 'ended', status });
      return this.get(actor, id);
    },

    /** The requester's socket went away and did not come back: the session ends by itself. */
    async endAbandoned(id: number): Promise<void> {
      const status = await db.transaction(async (tx) => {
        const s = await repo.lockSession(tx, id);
        if (s?.status !== 'active') return null;
        return finish(tx, s, null, 'requester_disconnected');
      });
      if (status) rooms.close(id, { type: 'ended', status });
    },

    /** A file from either side becomes a ticket attachment; the session notes it and tells the room. */
    async shareFile(actor: Actor, id: number, file: MultipartFile): Promise<RemoteFile> {
      const d = await loadVisible(db, actor, id);
      const s = d.session;
      if (s.requesterId !== actor.personId && s.technicianId !== actor.personId) {
        file.file.resume();
        throw forbidden('Only the requester and the technician exchange files');
      }
      if (s.status !== 'active') {
        file.file.resume();
        throw new AppError('invalid_transition', 'This session is not running');
      }
      const a = await deps.attach(actor, d.ticket.number, file);
      const e = await db.transaction(async (tx) => {
        const row = await repo.insertEvent(tx, {
          sessionId: id,
          actorId: actor.personId,
          kind: 'file',
          attachmentId: a.id,
        });
        await audit(tx, {
          actorId: actor.personId,
          action: 'remote.file',
          targetType: 'remote_session',
          targetId: id,
          entityId: s.entityId,
          details: { attachmentId: a.id, fileName: a.fileName, size: a.size },
        });
        return row;
      });
      const shared: RemoteFile = {
        attachmentId: a.id,
        fileName: a.fileName,
        size: a.size,
        from: { id: actor.personId, name: actor.name },
        at: e.at.toISOString(),
      };
      rooms.broadcast(id, { type: 'file', file: shared });
      return shared;
    },

    ...createRecordings({ deps, loadVisible, isHandler, history }),
  };
}
export type RemoteService = ReturnType<typeof createRemoteService>;
