import type {
  AgentConsentRequest,
  AgentSession,
  AgentSessionCreated,
  AgentTerminalClientMessage,
  agentSessionCreateSchema,
  ItemAgent,
} from '@guichet/contracts';
import type { FastifyBaseLogger } from 'fastify';
import type { z } from 'zod';
import type { Db } from '../../db/client.js';
import type { Actor } from '../../platform/auth/actor.js';
import { newToken, sha256 } from '../../platform/auth/secrets.js';
import type { Clock } from '../../platform/clock.js';
import { AppError, conflict, invalid, notFound } from '../../platform/errors.js';
import { findVisibleTicket, type VisibleTicket } from '../tickets/index.js';
import type { AgentRegistry, TerminalViewer } from './agent-registry.js';
import { toAgent, toAgentSession } from './agents.mapper.js';
import { agentsPolicy, requireOperator } from './agents.policy.js';
import * as repo from './agents.repository.js';
import { type SessionEntry, type SessionTarget, sessionHistory } from './session-history.js';
import { recordedOutput, TerminalRecorder } from './terminal-recorder.js';

type CreateBody = z.output<typeof agentSessionCreateSchema>;

/** How long the technician's browser has to open the terminal with its single-use token. */
const TERMINAL_TOKEN_MS = 10 * 60_000;
/** A consent request nobody answers ends on its own. */
const CONSENT_TIMEOUT_MS = 5 * 60_000;

interface LiveSession extends SessionTarget {
  id: number;
  agentId: number;
  kind: 'terminal' | 'diagnostic';
  diagnostic: 'network' | 'disk' | 'processes' | 'restart_service' | null;
  service: string | null;
  recorder: TerminalRecorder;
  /** history writes of one session, in order */
  chain: Promise<void>;
  consentTimer: NodeJS.Timeout | null;
}

/**
 * Remote terminal and diagnostics on a workstation agent: a technician asks, the workstation's user
 * consents (in the portal or the agent's prompt) unless the entity's policy allows unattended access
 * for that class of machine, then the server relays the terminal between the technician's browser and
 * the agent, and records every command line and its output (session-history.ts).
 */
export function createAgentSessionsService({
  db,
  clock,
  registry,
  log,
  serverHost,
}: {
  db: Db;
  clock: Clock;
  registry: AgentRegistry;
  log: FastifyBaseLogger;
  /** what the network diagnostic pings and resolves */
  serverHost: string;
}) {
  const live = new Map<number, LiveSession>();
  const write = sessionHistory(clock);

  function record(session: LiveSession, entry: SessionEntry): Promise<void> {
    session.chain = session.chain
      .then(() => db.transaction((tx) => write(tx, session, entry)))
      .catch((err) => log.error({ err, sessionId: session.id }, 'could not record a session entry'));
    return session.chain;
  }

  async function view(id: number): Promise<AgentSession> {
    const row = await repo.findSession(db, id);
    if (!row) throw notFound('Session');
    return toAgentSession(row, await repo.logsOf(db, [id]));
  }

  /** Starts a session that has its consent (or needs none): the agent tells its user, diagnostics run. */
  function start(session: LiveSession, consent: 'user' | 'unattended') {
    registry.send(session.agentId, {
      type: 'session_start',
      sessionId: session.id,
      technician: session.technician.name,
      kind: session.kind,
      consent,
    });
    if (session.kind === 'diagnostic' && session.diagnostic) {
      registry.send(session.agentId, {
        type: 'diagnostic_run',
        sessionId: session.id,
        diagnostic: session.diagnostic,
        service: session.service,
        target: serverHost,
      });
    }
  }

  /** Ends a session once, whoever asks: records the last command, tells both ends. */
  async function finish(sessionId: number, reason: string): Promise<boolean> {
    const session = live.get(sessionId);
    const ended = await repo.transitionSession(db, sessionId, ['pending_consent', 'active'], {
      status: 'ended',
      endedAt: clock.now(),
      endReason: reason.slice(0, 200),
    });
    if (!ended) return false;
    if (session) {
      live.delete(sessionId);
      if (session.consentTimer) clearTimeout(session.consentTimer);
      const last = session.recorder.flush();
      if (last) await record(session, { kind: 'command', ...last });
      await record(session, { kind: 'event', command: `ended: ${reason}`, output: '', truncated: false });
      registry.send(session.agentId, { type: 'session_end', sessionId, reason });
    }
    const viewer = registry.detachViewer(sessionId);
    if (viewer) {
      viewer.send({ type: 'ended', reason });
      viewer.close(1000, 'session ended');
    }
    return true;
  }

  /** The consent answer, from the portal (personId) or the agent's prompt (null): the first one counts. */
  async function decide(sessionId: number, granted: boolean, by: number | null): Promise<boolean> {
    const now = clock.now();
    const moved = await repo.transitionSession(
      db,
      sessionId,
      ['pending_consent'],
      granted
        ? { status: 'active', consent: 'user', consentBy: by, startedAt: now }
        : { status: 'refused', consent: null, consentBy: by, endedAt: now, endReason: 'consent refused' },
    );
    if (!moved) return false;
    const session = live.get(sessionId);
    if (!session) return true;
    if (session.consentTimer) clearTimeout(session.consentTimer);
    session.consentTimer = null;
    const who = by === null ? 'workstation user (agent prompt)' : `person ${by} (portal)`;
    await record(session, {
      kind: 'event',
      command: granted ? `consent granted by ${who}` : `consent refused by ${who}`,
      output: '',
      truncated: false,
    });
    if (granted) {
      start(session, 'user');
    } else {
      live.delete(sessionId);
      registry.send(session.agentId, { type: 'session_end', sessionId, reason: 'consent refused' });
    }
    return true;
  }

  return {
    async create(actor: Actor, agentId: number, body: CreateBody): Promise<AgentSessionCreated> {
      const agent = await repo.findAgentInScope(db, actor.scope, agentId);
      if (!agent || !actor.isStaff) throw notFound('Agent');
      requireOperator(actor, agent);
      if (agent.revokedAt) throw conflict('This agent was revoked');
      const link = registry.get(agentId);
      if (!link) throw conflict('The agent is offline');
      if (body.kind === 'terminal' && !link.terminal) {
        throw conflict('The agent cannot open a terminal on this workstation (no pseudo-terminal module)');
      }
      let ticket: VisibleTicket | null = null;
      if (body.ticketNumber) {
        ticket = (await findVisibleTicket(db, actor, body.ticketNumber)) ?? null;
        if (!ticket) throw invalid('ticketNumber', 'unknown ticket');
        if (agent.ciId === null || !(await repo.ticketConcernsItem(db, ticket.id, agent.ciId))) {
          throw invalid('ticketNumber', 'this workstation is not among the ticket’s items');
        }
      }
      const policy = await repo.nearestPolicy(db, agent.entityPath, agent.ciClass ?? 'workstation');
      const service = body.diagnostic === 'restart_service' ? (body.service ?? null) : null;
      if (service !== null && !(policy?.services ?? []).includes(service)) {
        throw invalid(
          'service',
          'this service is not in the entity’s list of services a technician may restart',
        );
      }
      const unattended = policy?.unattended ?? false;
      if (!unattended && !agent.loggedInUser) {
        throw conflict('Nobody is signed in on this workstation to consent, and the policy requires consent');
      }

      const token = newToken('gts_');
      const now = clock.now();
      const tokenExpiresAt = new Date(now.getTime() + TERMINAL_TOKEN_MS);
      const diagnostic = body.kind === 'diagnostic' ? (body.diagnostic ?? null) : null;
      const id = await db.transaction(async (tx) => {
        const sessionId = await repo.insertSession(tx, {
          agentId,
          entityId: agent.entityId,
          ciId: agent.ciId,
          ticketId: ticket?.id ?? null,
          kind: body.kind,
          diagnostic,
          service,
          status: unattended ? 'active' : 'pending_consent',
          consent: unattended ? 'unattended' : null,
          requestedBy: actor.personId,
          tokenHash: body.kind === 'terminal' ? sha256(token) : null,
          tokenExpiresAt: body.kind === 'terminal' ? tokenExpiresAt : null,
          startedAt: unattended ? now : null,
        });
        await write(
          tx,
          { sessionId, entityId: agent.entityId, ciId: agent.ciId, ticket, technician: actor },
          {
            kind: 'event',
            command: `${body.kind}${diagnostic ? ` ${diagnostic}` : ''}${service ? ` ${service}` : ''} requested on ${agent.hostname}${unattended ? ' (unattended: entity policy)' : ', waiting for consent'}`,
            output: '',
            truncated: false,
          },
        );
        return sessionId;
      });
      const session: LiveSession = {
        sessionId: id,
        id,
        entityId: agent.entityId,
        ciId: agent.ciId,
        ticket,
        technician: actor,
        agentId,
        kind: body.kind,
        diagnostic,
        service,
        recorder: new TerminalRecorder(),
        chain: Promise.resolve(),
        consentTimer: null,
      };
      live.set(id, session);
      if (unattended) {
        start(session, 'unattended');
      } else {
        session.consentTimer = setTimeout(() => {
          void decide(id, false, null).catch((err) => log.error({ err }, 'consent timeout failed'));
        }, CONSENT_TIMEOUT_MS);
        session.consentTimer.unref();
        registry.send(agentId, {
          type: 'consent_request',
          sessionId: id,
          technician: actor.name,
          kind: body.kind,
          diagnostic,
        });
      }
      const created = await view(id);
      return {
        ...created,
        token: body.kind === 'terminal' ? token : '',
        tokenExpiresAt: tokenExpiresAt.toISOString(),
      };
    },

    async get(actor: Actor, id: number): Promise<AgentSession> {
      const row = await repo.findSession(db, id);
      if (!row || !agentsPolicy.see(actor, row.entityId)) throw notFound('Session');
      return view(id);
    },

    /** The technician (or any operator of the workstation) ends a session. */
    async end(actor: Actor, id: number): Promise<AgentSession> {
      const row = await repo.findSession(db, id);
      const agent = row ? await repo.findAgent(db, row.agentId) : undefined;
      if (!row || !agent || !agentsPolicy.see(actor, row.entityId)) throw notFound('Session');
      requireOperator(actor, agent);
      await finish(id, `ended by ${actor.name}`);
      return view(id);
    },

    /** The agent panel of a CMDB item: the agent, its last inventory, the policy, recent sessions. */
    async ofItem(actor: Actor, ciId: number): Promise<ItemAgent> {
      if (!actor.isStaff) throw new AppError('forbidden', 'Agents are for support staff');
      const agent = await repo.findAgentOfItem(db, ciId);
      if (!agent || !agentsPolicy.see(actor, agent.entityId)) {
        return {
          agent: null,
          hardware: null,
          softwareCount: 0,
          software: [],
          services: [],
          unattended: false,
          sessions: [],
        };
      }
      const [inventory, policy, sessions] = await Promise.all([
        repo.findInventory(db, agent.id),
        repo.nearestPolicy(db, agent.entityPath, agent.ciClass ?? 'workstation'),
        repo.sessionsOfItem(db, ciId),
      ]);
      const logs = await repo.logsOf(
        db,
        sessions.map((s) => s.id),
      );
      const link = registry.get(agent.id);
      return {
        agent: toAgent(agent, { online: Boolean(link), terminal: link?.terminal ?? false }),
        hardware: (inventory?.hardware as ItemAgent['hardware']) ?? null,
        softwareCount: inventory?.software.length ?? 0,
        software: (inventory?.software ?? []).slice(0, 500),
        services: policy?.services ?? [],
        unattended: policy?.unattended ?? false,
        sessions: sessions.map((s) => toAgentSession(s, logs)),
      };
    },

    /** The requests and running sessions on the workstations the signed-in person uses. */
    async consents(actor: Actor): Promise<AgentConsentRequest[]> {
      const person = await repo.personContact(db, actor.personId);
      if (!person) return [];
      const rows = await repo.sessionsForPerson(db, person);
      return rows.map((r) => ({
        sessionId: r.id,
        hostname: r.hostname,
        technician: r.requestedByName,
        kind: r.kind,
        diagnostic: r.diagnostic,
        status: r.status,
        createdAt: r.createdAt.toISOString(),
      }));
    },

    async answer(actor: Actor, sessionId: number, granted: boolean): Promise<void> {
      const mine = (await this.consents(actor)).find((c) => c.sessionId === sessionId);
      if (!mine) throw notFound('Consent request');
      if (mine.status !== 'pending_consent' || !(await decide(sessionId, granted, actor.personId))) {
        throw conflict('This request was already answered');
      }
    },

    /** The workstation's user ends a running session from the portal. */
    async endByUser(actor: Actor, sessionId: number): Promise<void> {
      const mine = (await this.consents(actor)).find((c) => c.sessionId === sessionId);
      if (!mine) throw notFound('Session');
      await finish(sessionId, `ended by the workstation user ${actor.name}`);
    },

    // ------------------------------------------------------------------------------ from the agent

    async onAgentMessage(
      agentId: number,
      message:
        | { type: 'consent'; sessionId: number; granted: boolean }
        | { type: 'terminal_output'; sessionId: number; data: string }
        | { type: 'terminal_exit'; sessionId: number; exitCode: number | null }
        | { type: 'diagnostic_result'; sessionId: number; exitCode: number | null; output: string }
        | { type: 'session_end'; sessionId: number; reason: string },
    ): Promise<void> {
      const session = live.get(message.sessionId);
      // an agent speaks only of its own sessions
      if (!session || session.agentId !== agentId) return;
      switch (message.type) {
        case 'consent':
          await decide(message.sessionId, message.granted, null);
          return;
        case 'terminal_output':
          session.recorder.output(message.data);
          registry.viewer(message.sessionId)?.send({ type: 'output', data: message.data });
          return;
        case 'terminal_exit':
          await finish(message.sessionId, `terminal exited (${message.exitCode ?? 'signal'})`);
          return;
        case 'diagnostic_result': {
          const { output, truncated } = recordedOutput(message.output);
          const command = `${session.diagnostic}${session.service ? ` ${session.service}` : ''} (exit ${message.exitCode ?? '?'})`;
          await record(session, { kind: 'diagnostic', command, output, truncated });
          await finish(message.sessionId, 'diagnostic completed');
          return;
        }
        case 'session_end':
          await finish(message.sessionId, `ended on the workstation: ${message.reason}`);
          return;
      }
    },

    /** The agent went away: its sessions cannot go on. */
    async onAgentGone(agentId: number): Promise<void> {
      for (const session of [...live.values()]) {
        if (session.agentId === agentId) await finish(session.id, 'agent disconnected');
      }
    },

    // ------------------------------------------------------------------- from the technician's browser

    /**
     * Checks a terminal connection before the WebSocket upgrade: the session's requester, its token
     * (single use, short-lived), an active terminal session. Throws 401/404/409 as plain HTTP answers.
     */
    async claimTerminal(actor: Actor, sessionId: number, token: string): Promise<void> {
      const row = await repo.findSession(db, sessionId);
      if (!row || row.requestedBy !== actor.personId || row.kind !== 'terminal') throw notFound('Session');
      if (row.status !== 'active') throw conflict(`The session is ${row.status}`);
      if (!(await repo.claimSessionToken(db, sessionId, sha256(token), clock.now()))) {
        throw new AppError('unauthenticated', 'The terminal token is invalid, used or expired');
      }
      if (!live.has(sessionId)) throw conflict('The session is no longer running on this server');
    },

    attachViewer(sessionId: number, viewer: TerminalViewer, size: { cols: number; rows: number }): void {
      const session = live.get(sessionId);
      if (!session) {
        viewer.send({ type: 'ended', reason: 'session ended' });
        viewer.close(1000, 'session ended');
        return;
      }
      registry.attachViewer(sessionId, viewer);
      registry.send(session.agentId, { type: 'terminal_open', sessionId, ...size });
      viewer.send({ type: 'ready' });
    },

    async onViewerMessage(sessionId: number, message: AgentTerminalClientMessage): Promise<void> {
      const session = live.get(sessionId);
      if (!session) return;
      if (message.type === 'resize') {
        registry.send(session.agentId, {
          type: 'terminal_resize',
          sessionId,
          cols: message.cols,
          rows: message.rows,
        });
        return;
      }
      for (const done of session.recorder.input(message.data)) {
        void record(session, { kind: 'command', ...done });
      }
      registry.send(session.agentId, { type: 'terminal_input', sessionId, data: message.data });
    },

    async onViewerClosed(sessionId: number, viewer: TerminalViewer): Promise<void> {
      if (registry.viewer(sessionId) !== viewer) return;
      registry.detachViewer(sessionId);
      await finish(sessionId, 'technician closed the terminal');
    },

    /** Waits for the history writes of every running session (tests, shutdown). */
    async settle(): Promise<void> {
      await Promise.all([...live.values()].map((s) => s.chain));
    },
  };
}
export type AgentSessionsService = ReturnType<typeof createAgentSessionsService>;
