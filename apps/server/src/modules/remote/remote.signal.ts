import { type RemoteRole, type RemoteServerMessage, remoteClientMessageSchema } from '@guichet/contracts';
import type { FastifyRequest } from 'fastify';
import type { WebSocket } from 'ws';
import { requireActor } from '../../platform/auth/auth.plugin.js';
import type { RemoteRooms, RoomMember } from './remote.rooms.js';
import type { RemoteService } from './remote.service.js';

/** The role checked before the upgrade, handed to the socket handler. */
export const remoteMembers = new WeakMap<FastifyRequest, { role: RemoteRole; name: string }>();

/** chat lines a participant may send per 10 s: enough for people typing, not for a flood */
const CHAT_BURST = 20;

/**
 * One participant's socket: relays SDP and ICE to the addressed peer, annotations to the others,
 * and chat to everyone once stored. The requester (sender) offers to each viewer; viewers answer.
 */
export function remoteSignalHandler({
  remote,
  rooms,
  senderGraceMs,
}: {
  remote: RemoteService;
  rooms: RemoteRooms;
  /** how long a requester who lost their socket has to reconnect (a reload) before the session ends */
  senderGraceMs: number;
}) {
  return async (socket: WebSocket, request: FastifyRequest) => {
    const actor = requireActor(request);
    const sessionId = Number((request.params as { id: number }).id);
    const role = remoteMembers.get(request)?.role;
    if (!role) {
      socket.close(4003, 'not a participant');
      return;
    }
    const send = (message: RemoteServerMessage) => {
      if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(message));
    };
    const member: RoomMember = {
      peer: { personId: actor.personId, name: actor.name, role },
      send,
      close: (code, reason) => socket.close(code, reason),
    };
    // the handler awaits below: buffer what arrives meanwhile, in order
    const queue: string[] = [];
    let ready = false;
    let chatWindow = { start: Date.now(), count: 0 };

    const handle = async (raw: string) => {
      let data: unknown;
      try {
        data = JSON.parse(raw);
      } catch {
        return send({ type: 'error', message: 'not JSON' });
      }
      const parsed = remoteClientMessageSchema.safeParse(data);
      if (!parsed.success) return send({ type: 'error', message: 'invalid message' });
      const m = parsed.data;
      switch (m.type) {
        case 'offer':
          // only the screen's owner offers, to a viewer
          if (role !== 'sender')
            return send({ type: 'error', message: 'only the requester sends the screen' });
          rooms.sendTo(sessionId, m.to, { type: 'offer', from: actor.personId, sdp: m.sdp });
          return;
        case 'answer':
          rooms.sendTo(sessionId, m.to, { type: 'answer', from: actor.personId, sdp: m.sdp });
          return;
        case 'candidate':
          rooms.sendTo(sessionId, m.to, { type: 'candidate', from: actor.personId, candidate: m.candidate });
          return;
        case 'annotation':
          if (role === 'sender') return;
          rooms.broadcast(
            sessionId,
            { type: 'annotation', from: actor.personId, kind: m.kind, points: m.points },
            actor.personId,
          );
          return;
        case 'chat': {
          const now = Date.now();
          if (now - chatWindow.start > 10_000) chatWindow = { start: now, count: 0 };
          if (++chatWindow.count > CHAT_BURST) return send({ type: 'error', message: 'too many messages' });
          const message = await remote.chat(actor, sessionId, m.text);
          rooms.broadcast(sessionId, { type: 'chat', message });
          return;
        }
        case 'share-started':
          if (role === 'sender') await remote.markStarted(actor, sessionId);
          return;
      }
    };

    // one message at a time, so an answer never overtakes its offer
    let chain = Promise.resolve();
    socket.on('message', (data) => {
      const raw = String(data);
      if (!ready) {
        queue.push(raw);
        return;
      }
      chain = chain.then(() => handle(raw)).catch((err) => request.log.warn({ err }, 'remote signal failed'));
    });
    const leave = () => {
      rooms.leave(sessionId, member);
      // the requester closed the tab or lost the network: end the session unless they come back soon
      if (role === 'sender') {
        setTimeout(() => {
          if (!rooms.members(sessionId).some((p) => p.role === 'sender')) {
            remote.endAbandoned(sessionId).catch((err) => request.log.warn({ err }, 'remote end failed'));
          }
        }, senderGraceMs).unref();
      }
    };
    socket.on('close', leave);

    const others = rooms.join(sessionId, member);
    const backlog = await remote.backlog(sessionId);
    send({ type: 'peers', self: member.peer, peers: others, ...backlog });
    ready = true;
    for (const raw of queue.splice(0)) {
      chain = chain.then(() => handle(raw)).catch((err) => request.log.warn({ err }, 'remote signal failed'));
    }
  };
}
