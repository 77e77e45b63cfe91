import type { RemotePeer, RemoteServerMessage } from '@guichet/contracts';

/** One participant's open signalling socket. */
export interface RoomMember {
  peer: RemotePeer;
  send(message: RemoteServerMessage): void;
  close(code: number, reason: string): void;
}

/**
 * The signalling rooms of this process: one per active session, keyed by session id. It only relays;
 * what must last (chat, files, the session's state) is written by the service before it is relayed.
 * Rooms live in memory: with several app processes, route a session's sockets to one process
 * (sticky by session id), see docs/adr/0014-remote-assistance.md.
 */
export class RemoteRooms {
  private readonly rooms = new Map<number, Map<number, RoomMember>>();

  /** Adds a member; a second socket of the same person replaces the first (a reload). */
  join(sessionId: number, member: RoomMember): RemotePeer[] {
    const room = this.rooms.get(sessionId) ?? new Map<number, RoomMember>();
    this.rooms.set(sessionId, room);
    const previous = room.get(member.peer.personId);
    if (previous) previous.close(4000, 'replaced by a new connection');
    room.set(member.peer.personId, member);
    const others = [...room.values()].filter((m) => m !== member);
    for (const m of others) m.send({ type: 'peer-joined', peer: member.peer });
    return others.map((m) => m.peer);
  }

  leave(sessionId: number, member: RoomMember): void {
    const room = this.rooms.get(sessionId);
    if (!room || room.get(member.peer.personId) !== member) return;
    room.delete(member.peer.personId);
    for (const m of room.values()) m.send({ type: 'peer-left', personId: member.peer.personId });
    if (room.size === 0) this.rooms.delete(sessionId);
  }

  /** To one member of the room; false when that person is not connected. */
  sendTo(sessionId: number, personId: number, message: RemoteServerMessage): boolean {
    const target = this.rooms.get(sessionId)?.get(personId);
    if (!target) return false;
    target.send(message);
    return true;
  }

  broadcast(sessionId: number, message: RemoteServerMessage, except?: number): void {
    for (const m of this.rooms.get(sessionId)?.values() ?? []) {
      if (m.peer.personId !== except) m.send(message);
    }
  }

  /** The session ended: tell everyone, then close every socket of the room. */
  close(sessionId: number, message: RemoteServerMessage): void {
    const room = this.rooms.get(sessionId);
    if (!room) return;
    this.rooms.delete(sessionId);
    for (const m of room.values()) {
      m.send(message);
      m.close(1000, 'session ended');
    }
  }

  members(sessionId: number): RemotePeer[] {
    return [...(this.rooms.get(sessionId)?.values() ?? [])].map((m) => m.peer);
  }
}
