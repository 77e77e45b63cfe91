import type { AgentServerMessage, AgentTerminalServerMessage } from '@guichet/contracts';

/** One connected agent's WebSocket, as the sessions see it. */
export interface AgentLink {
  agentId: number;
  /** whether the agent could load its pseudo-terminal module */
  terminal: boolean;
  send(message: AgentServerMessage): void;
  close(code: number, reason: string): void;
}

/** A technician's browser showing a terminal. */
export interface TerminalViewer {
  send(message: AgentTerminalServerMessage): void;
  close(code: number, reason: string): void;
}

/**
 * The agents connected to this process and the terminals open on them. In-memory: an agent and the
 * technician's browser must reach the same process (one process, or sticky routing by agent; see
 * ADR 0015 for the cross-process relay left to do).
 */
export class AgentRegistry {
  private readonly links = new Map<number, AgentLink>();
  private readonly viewers = new Map<number, TerminalViewer>();

  /** Registers a connection; an older one of the same agent is closed (the newest wins). */
  add(link: AgentLink): void {
    const previous = this.links.get(link.agentId);
    this.links.set(link.agentId, link);
    if (previous && previous !== link) previous.close(4000, 'replaced by a newer connection');
  }

  /** Forgets a connection if it is still the current one; true when it was. */
  remove(link: AgentLink): boolean {
    if (this.links.get(link.agentId) !== link) return false;
    this.links.delete(link.agentId);
    return true;
  }

  get(agentId: number): AgentLink | undefined {
    return this.links.get(agentId);
  }

  isOnline(agentId: number): boolean {
    return this.links.has(agentId);
  }

  /** Closes an agent's connection (revoked): it is refused when it comes back. */
  disconnect(agentId: number, reason: string): void {
    const link = this.links.get(agentId);
    if (!link) return;
    this.links.delete(agentId);
    link.close(4001, reason);
  }

  send(agentId: number, message: AgentServerMessage): boolean {
    const link = this.links.get(agentId);
    if (!link) return false;
    link.send(message);
    return true;
  }

  attachViewer(sessionId: number, viewer: TerminalViewer): void {
    this.viewers.get(sessionId)?.close(4000, 'replaced');
    this.viewers.set(sessionId, viewer);
  }

  viewer(sessionId: number): TerminalViewer | undefined {
    return this.viewers.get(sessionId);
  }

  detachViewer(sessionId: number): TerminalViewer | undefined {
    const viewer = this.viewers.get(sessionId);
    this.viewers.delete(sessionId);
    return viewer;
  }

  closeAll(): void {
    for (const link of this.links.values()) link.close(1001, 'server shutting down');
    for (const viewer of this.viewers.values()) viewer.close(1001, 'server shutting down');
    this.links.clear();
    this.viewers.clear();
  }
}
