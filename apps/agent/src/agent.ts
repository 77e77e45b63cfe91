import {
  type AgentMessage,
  type AgentServerMessage,
  agentServerMessageSchema,
} from '@guichet/contracts/agent-protocol';
import WebSocket from 'ws';
import type { AgentConfig } from './config.js';
import { runDiagnostic } from './diagnostics.js';
import type { Inventory } from './inventory.js';
import type { Pty, SpawnPty } from './terminal.js';
import { AGENT_VERSION } from './version.js';

/** How often the agent looks again at who is signed in on the workstation. */
const USER_CHECK_MS = 60_000;

/** What the workstation's user is asked before anyone connects. */
export interface ConsentRequest {
  sessionId: number;
  technician: string;
  kind: 'terminal' | 'diagnostic';
  diagnostic: string | null;
}

/**
 * Everything the agent needs from its machine, injected: the CLI passes the real collectors and
 * prompt, tests pass their own.
 */
export interface AgentDeps {
  config: AgentConfig;
  collectInventory: () => Promise<Inventory>;
  loggedInUser: () => Promise<string | null>;
  /** node-pty, or why it could not load */
  pty: { spawn: SpawnPty } | { error: string };
  /**
   * Asks the workstation's user; resolves true to allow. Undefined: the agent does not answer and the
   * person answers in the portal (or the request times out).
   */
  consent?: (request: ConsentRequest) => Promise<boolean>;
  /** tells the user a session runs or ended (a banner, a notification, the console) */
  notify?: (text: string) => void;
  log?: (level: 'info' | 'warn' | 'error', message: string) => void;
}

/** Exponential back-off with full jitter: 1 s, 2 s, 4 s … up to 5 min, each a random part of it. */
export function backoffDelay(attempt: number, random = Math.random): number {
  const cap = Math.min(300_000, 1_000 * 2 ** Math.min(attempt, 20));
  return Math.round(cap / 2 + (random() * cap) / 2);
}

/**
 * The agent's connection to the server: one outbound WebSocket authenticated by the agent's id and
 * secret, reopened with back-off; inventory at start and on a schedule; consent, terminal and
 * diagnostics on request. The server never reaches the workstation otherwise.
 */
export class WorkstationAgent {
  private socket: WebSocket | null = null;
  private attempt = 0;
  private stopped = false;
  private reconnectTimer: NodeJS.Timeout | null = null;
  private inventoryTimer: NodeJS.Timeout | null = null;
  private userTimer: NodeJS.Timeout | null = null;
  /** the login name last told to the server: consent requests go to this person */
  private reportedUser: string | null = null;
  private readonly terminals = new Map<number, Pty>();
  private readonly sessions = new Set<number>();
  /** set when the server refused the credential: retrying cannot help */
  refused: string | null = null;
  private readonly connectedWaiters: (() => void)[] = [];

  constructor(private readonly deps: AgentDeps) {}

  private log(level: 'info' | 'warn' | 'error', message: string) {
    this.deps.log?.(level, message);
  }

  start(): void {
    this.stopped = false;
    this.open();
  }

  /** Resolves once the WebSocket is open (tests, the RSS measure). */
  connected(): Promise<void> {
    if (this.socket?.readyState === WebSocket.OPEN) return Promise.resolve();
    return new Promise((resolve) => this.connectedWaiters.push(resolve));
  }

  get isConnected(): boolean {
    return this.socket?.readyState === WebSocket.OPEN;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    if (this.inventoryTimer) clearInterval(this.inventoryTimer);
    if (this.userTimer) clearInterval(this.userTimer);
    for (const pty of this.terminals.values()) pty.kill();
    this.terminals.clear();
    const socket = this.socket;
    this.socket = null;
    if (socket && socket.readyState !== WebSocket.CLOSED) {
      await new Promise<void>((resolve) => {
        socket.once('close', () => resolve());
        socket.close(1000, 'agent stopping');
        setTimeout(resolve, 2_000).unref();
      });
    }
  }

  /** Ends every running session from the workstation (the user's "stop" control). */
  endAllSessions(reason = 'ended by the workstation user'): void {
    for (const sessionId of [...this.sessions]) this.endSession(sessionId, reason, true);
  }

  private open() {
    const url = new URL('/api/v1/agents/connect', this.deps.config.server);
    url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
    const socket = new WebSocket(url, {
      headers: { 'x-agent-id': String(this.deps.config.agentId), 'x-agent-secret': this.deps.config.secret },
      handshakeTimeout: 15_000,
    });
    this.socket = socket;
    socket.on('unexpected-response', (_req, res) => {
      // 401: unknown or revoked agent; stop knocking (an operator re-enrols the machine)
      if (res.statusCode === 401) {
        this.refused = `the server refused this agent (${res.statusCode})`;
        this.log('error', `${this.refused}: revoked or unknown; enrol again`);
        this.stopped = true;
      } else {
        this.log('warn', `connection refused with HTTP ${res.statusCode}`);
      }
      socket.terminate();
    });
    socket.on('open', () => {
      this.attempt = 0;
      this.log('info', `connected to ${this.deps.config.server}`);
      void this.hello();
      for (const waiter of this.connectedWaiters.splice(0)) waiter();
    });
    socket.on('message', (raw) => {
      let message: AgentServerMessage;
      try {
        const parsed = agentServerMessageSchema.safeParse(JSON.parse(raw.toString()));
        if (!parsed.success) return;
        message = parsed.data;
      } catch {
        return;
      }
      void this.handle(message).catch((err: Error) =>
        this.log('error', `message ${message.type}: ${err.message}`),
      );
    });
    socket.on('close', (code, reason) => {
      if (this.socket === socket) this.socket = null;
      for (const pty of this.terminals.values()) pty.kill();
      this.terminals.clear();
      this.sessions.clear();
      if (code === 4001) {
        this.refused = reason.toString() || 'revoked';
        this.stopped = true;
        this.log('error', `disconnected by the server: ${this.refused}`);
      }
      this.scheduleReconnect();
    });
    socket.on('error', (err) => this.log('warn', `connection error: ${err.message}`));
  }

  private scheduleReconnect() {
    if (this.stopped || this.reconnectTimer) return;
    const delay = backoffDelay(this.attempt++);
    this.log('info', `reconnecting in ${Math.round(delay / 1000)} s`);
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = null;
      if (!this.stopped) this.open();
    }, delay);
  }

  private send(message: AgentMessage) {
    if (this.socket?.readyState === WebSocket.OPEN) this.socket.send(JSON.stringify(message));
  }

  private async hello() {
    this.reportedUser = await this.deps.loggedInUser();
    this.send({
      type: 'hello',
      agentVersion: AGENT_VERSION,
      loggedInUser: this.reportedUser,
      terminal: 'spawn' in this.deps.pty,
    });
    // someone signs in or out: the server must ask the right person
    if (!this.userTimer) {
      this.userTimer = setInterval(() => void this.checkUser(), USER_CHECK_MS);
      this.userTimer.unref();
    }
  }

  private async checkUser() {
    if (!this.isConnected) return;
    const user = await this.deps.loggedInUser().catch(() => this.reportedUser);
    if (user !== this.reportedUser) await this.hello();
  }

  /** Collects and sends a full inventory; a failure is logged and retried at the next schedule. */
  async reportInventory(): Promise<void> {
    try {
      const inventory = await this.deps.collectInventory();
      this.send({ type: 'inventory', ...inventory });
      this.log('info', `inventory sent (${inventory.software.length} software packages)`);
    } catch (err) {
      this.log('warn', `inventory failed: ${(err as Error).message}`);
    }
  }

  private async handle(message: AgentServerMessage) {
    switch (message.type) {
      case 'welcome': {
        await this.reportInventory();
        if (this.inventoryTimer) clearInterval(this.inventoryTimer);
        const hours = Math.min(
          this.deps.config.inventoryHours,
          message.inventoryHours || Number.POSITIVE_INFINITY,
        );
        this.inventoryTimer = setInterval(() => void this.reportInventory(), hours * 3_600_000);
        this.inventoryTimer.unref();
        return;
      }
      case 'inventory_request':
        await this.reportInventory();
        return;
      case 'consent_request': {
        if (!this.deps.consent) return;
        const granted = await this.deps.consent(message).catch(() => false);
        this.send({ type: 'consent', sessionId: message.sessionId, granted });
        return;
      }
      case 'session_start':
        this.sessions.add(message.sessionId);
        this.deps.notify?.(
          `Session à distance ${message.kind === 'terminal' ? '(terminal)' : '(diagnostic)'} ouverte par ${message.technician}` +
            ` — ${message.consent === 'user' ? 'avec votre accord' : 'sans consentement (politique de l’entité)'}.`,
        );
        return;
      case 'terminal_open':
        this.openTerminal(message.sessionId, message.cols, message.rows);
        return;
      case 'terminal_input':
        this.terminals.get(message.sessionId)?.write(message.data);
        return;
      case 'terminal_resize':
        this.terminals.get(message.sessionId)?.resize(message.cols, message.rows);
        return;
      case 'diagnostic_run': {
        if (!this.sessions.has(message.sessionId)) return;
        const result = await runDiagnostic(message.diagnostic, message.target, message.service);
        this.send({ type: 'diagnostic_result', sessionId: message.sessionId, ...result });
        return;
      }
      case 'session_end':
        this.endSession(message.sessionId, message.reason, false);
        return;
    }
  }

  private openTerminal(sessionId: number, cols: number, rows: number) {
    // only a session the server started (after consent or by policy)
    if (!this.sessions.has(sessionId) || this.terminals.has(sessionId)) return;
    if (!('spawn' in this.deps.pty)) {
      this.send({ type: 'session_end', sessionId, reason: this.deps.pty.error.slice(0, 200) });
      return;
    }
    const pty = this.deps.pty.spawn({ cols, rows });
    this.terminals.set(sessionId, pty);
    pty.onData((data) => {
      // large bursts are split to stay under the WebSocket message limit
      for (let i = 0; i < data.length; i += 32_000) {
        this.send({ type: 'terminal_output', sessionId, data: data.slice(i, i + 32_000) });
      }
    });
    pty.onExit(({ exitCode }) => {
      if (this.terminals.delete(sessionId)) this.send({ type: 'terminal_exit', sessionId, exitCode });
    });
  }

  private endSession(sessionId: number, reason: string, tellServer: boolean) {
    const pty = this.terminals.get(sessionId);
    this.terminals.delete(sessionId);
    pty?.kill();
    if (this.sessions.delete(sessionId)) this.deps.notify?.(`Session à distance terminée : ${reason}`);
    if (tellServer) this.send({ type: 'session_end', sessionId, reason });
  }
}
