import type {
  RemoteChatMessage,
  RemoteClientMessage,
  RemoteFile,
  RemoteJoin,
  RemotePeer,
  RemoteServerMessage,
} from '@guichet/contracts';
import { API_BASE } from '../../lib/api';
import { endSession, joinSession } from './api';

export type ConnectionStatus = 'connecting' | 'open' | 'ended' | 'failed';
export type AnnotationKind = 'pointer' | 'stroke' | 'clear';
export interface Annotation {
  from: number;
  kind: AnnotationKind;
  points: { x: number; y: number }[];
}

export interface ConnectionState {
  sessionId: number;
  status: ConnectionStatus;
  role: RemoteJoin['role'] | null;
  self: RemotePeer | null;
  peers: RemotePeer[];
  chat: RemoteChatMessage[];
  files: RemoteFile[];
  /** viewers: the requester's screen */
  remoteStream: MediaStream | null;
  /** sender: their own screen, for the preview and the annotations drawn on it */
  localStream: MediaStream | null;
  /** the latest pointer and the strokes since the last "clear" */
  pointer: Annotation | null;
  strokes: Annotation[];
  error: string | null;
}

/**
 * One side of a remote-assistance session: the signalling socket and one RTCPeerConnection per viewer.
 * The requester (sender) offers their screen to each viewer; viewers answer. It lives outside React
 * so that the requester can move around the portal while the screen is shared (the banner stays).
 */
export class RemoteConnection {
  private socket: WebSocket | null = null;
  private readonly pcs = new Map<number, RTCPeerConnection>();
  private readonly pending = new Map<number, RTCIceCandidateInit[]>();
  private readonly listeners = new Set<() => void>();
  private iceServers: RTCIceServer[] = [];
  state: ConnectionState;

  constructor(readonly sessionId: number) {
    this.state = {
      sessionId,
      status: 'connecting',
      role: null,
      self: null,
      peers: [],
      chat: [],
      files: [],
      remoteStream: null,
      localStream: null,
      pointer: null,
      strokes: [],
      error: null,
    };
  }

  subscribe = (listener: () => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };
  getState = () => this.state;

  private set(patch: Partial<ConnectionState>) {
    this.state = { ...this.state, ...patch };
    for (const l of this.listeners) l();
  }

  /** Asks the server for a short-lived token, then opens the signalling socket with it. */
  async connect(): Promise<void> {
    try {
      const join = await joinSession(this.sessionId);
      this.iceServers = join.iceServers;
      this.set({ role: join.role });
      const scheme = window.location.protocol === 'https:' ? 'wss' : 'ws';
      const url = `${scheme}://${window.location.host}${API_BASE}/remote/sessions/${this.sessionId}/signal?token=${encodeURIComponent(join.token)}`;
      const socket = new WebSocket(url);
      this.socket = socket;
      socket.onmessage = (e) => {
        if (typeof e.data !== 'string') return;
        void this.onMessage(JSON.parse(e.data) as RemoteServerMessage).catch((err: unknown) =>
          this.set({ error: err instanceof Error ? err.message : String(err) }),
        );
      };
      socket.onclose = () => {
        if (this.state.status !== 'ended') this.set({ status: 'ended' });
        this.teardown();
      };
    } catch (err) {
      this.set({ status: 'failed', error: err instanceof Error ? err.message : String(err) });
    }
  }

  /** what was said before the socket was ready (a quick "share" click): sent once the server greets us */
  private readonly queued: RemoteClientMessage[] = [];

  private send(message: RemoteClientMessage) {
    if (this.socket?.readyState === WebSocket.OPEN && this.state.status === 'open') {
      this.socket.send(JSON.stringify(message));
    } else if (this.state.status === 'connecting') {
      this.queued.push(message);
    }
  }

  private async onMessage(m: RemoteServerMessage) {
    switch (m.type) {
      case 'peers':
        this.set({ status: 'open', self: m.self, peers: m.peers, chat: m.chat, files: m.files });
        for (const queued of this.queued.splice(0)) this.send(queued);
        if (this.state.localStream) for (const p of m.peers) await this.offerTo(p.personId);
        return;
      case 'peer-joined':
        this.set({ peers: [...this.state.peers.filter((p) => p.personId !== m.peer.personId), m.peer] });
        if (this.state.role === 'sender' && this.state.localStream) await this.offerTo(m.peer.personId);
        return;
      case 'peer-left':
        this.set({ peers: this.state.peers.filter((p) => p.personId !== m.personId) });
        this.pcs.get(m.personId)?.close();
        this.pcs.delete(m.personId);
        return;
      case 'offer': {
        const pc = this.newPc(m.from);
        await pc.setRemoteDescription({ type: 'offer', sdp: m.sdp });
        await this.flushCandidates(m.from, pc);
        await pc.setLocalDescription();
        this.send({ type: 'answer', to: m.from, sdp: pc.localDescription?.sdp ?? '' });
        return;
      }
      case 'answer': {
        const pc = this.pcs.get(m.from);
        if (!pc) return;
        await pc.setRemoteDescription({ type: 'answer', sdp: m.sdp });
        await this.flushCandidates(m.from, pc);
        return;
      }
      case 'candidate': {
        const pc = this.pcs.get(m.from);
        if (pc?.remoteDescription) await pc.addIceCandidate(m.candidate);
        else this.pending.set(m.from, [...(this.pending.get(m.from) ?? []), m.candidate]);
        return;
      }
      case 'chat':
        this.set({ chat: [...this.state.chat, m.message] });
        return;
      case 'file':
        this.set({ files: [...this.state.files, m.file] });
        return;
      case 'annotation':
        if (m.kind === 'clear') this.set({ strokes: [], pointer: null });
        else if (m.kind === 'pointer')
          this.set({ pointer: { from: m.from, kind: m.kind, points: m.points } });
        else this.set({ strokes: [...this.state.strokes, { from: m.from, kind: m.kind, points: m.points }] });
        return;
      case 'ended':
        this.set({ status: 'ended' });
        this.teardown();
        return;
      case 'error':
        this.set({ error: m.message });
        return;
    }
  }

  private async flushCandidates(from: number, pc: RTCPeerConnection) {
    for (const c of this.pending.get(from) ?? []) await pc.addIceCandidate(c);
    this.pending.delete(from);
  }

  private newPc(peerId: number): RTCPeerConnection {
    this.pcs.get(peerId)?.close();
    const pc = new RTCPeerConnection({ iceServers: this.iceServers });
    pc.onicecandidate = (e) => {
      if (e.candidate) this.send({ type: 'candidate', to: peerId, candidate: e.candidate.toJSON() as never });
    };
    pc.ontrack = (e) => {
      const stream = e.streams[0] ?? new MediaStream([e.track]);
      this.set({ remoteStream: stream });
    };
    this.pcs.set(peerId, pc);
    return pc;
  }

  private async offerTo(peerId: number) {
    const stream = this.state.localStream;
    if (!stream) return;
    const pc = this.newPc(peerId);
    for (const track of stream.getVideoTracks()) pc.addTrack(track, stream);
    await pc.setLocalDescription();
    this.send({ type: 'offer', to: peerId, sdp: pc.localDescription?.sdp ?? '' });
  }

  /** Requester: asks the browser for the screen (the browser's own picker), then offers it to the viewers. */
  async share(): Promise<void> {
    const stream = await navigator.mediaDevices.getDisplayMedia({ video: true, audio: false });
    const [track] = stream.getVideoTracks();
    if (track) {
      track.contentHint = 'detail';
      // the browser's own "stop sharing" ends the session too: the requester is in control
      track.onended = () => void this.end();
    }
    this.set({ localStream: stream });
    this.send({ type: 'share-started' });
    for (const p of this.state.peers) await this.offerTo(p.personId);
  }

  chat(text: string) {
    this.send({ type: 'chat', text });
  }

  annotate(kind: AnnotationKind, points: { x: number; y: number }[] = []) {
    this.send({ type: 'annotation', kind, points });
    if (kind === 'clear') this.set({ strokes: [], pointer: null });
    else if (kind === 'stroke') this.set({ strokes: [...this.state.strokes, { from: 0, kind, points }] });
  }

  async end(): Promise<void> {
    if (this.state.status === 'ended') return;
    await endSession(this.sessionId).catch(() => undefined);
    this.set({ status: 'ended' });
    this.teardown();
  }

  private teardown() {
    for (const pc of this.pcs.values()) pc.close();
    this.pcs.clear();
    for (const t of this.state.localStream?.getTracks() ?? []) t.stop();
    if (this.socket && this.socket.readyState <= WebSocket.OPEN) this.socket.close();
    this.socket = null;
  }
}

/** The one connection of this tab (a person takes part in one session at a time). */
let current: RemoteConnection | null = null;
const currentListeners = new Set<() => void>();

export const remoteConnections = {
  get: () => current,
  subscribe(listener: () => void) {
    currentListeners.add(listener);
    return () => currentListeners.delete(listener);
  },
  /** Opens (or returns) the connection to a session. */
  open(sessionId: number): RemoteConnection {
    if (current && current.sessionId === sessionId && current.state.status !== 'ended') return current;
    void current?.end();
    current = new RemoteConnection(sessionId);
    void current.connect();
    for (const l of currentListeners) l();
    return current;
  },
  forget(sessionId: number) {
    if (current?.sessionId !== sessionId) return;
    current = null;
    for (const l of currentListeners) l();
  },
};
