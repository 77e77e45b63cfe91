import { type AgentMessage, type AgentServerMessage, agentMessageSchema } from '@guichet/contracts';
import type { FastifyBaseLogger } from 'fastify';
import type { WebSocket } from 'ws';
import type { Db } from '../../db/client.js';
import { audit } from '../../platform/audit/audit.js';
import { safeEqual, sha256 } from '../../platform/auth/secrets.js';
import type { Clock } from '../../platform/clock.js';
import { AppError } from '../../platform/errors.js';
import type { AgentLink, AgentRegistry } from './agent-registry.js';
import type { AgentSessionsService } from './agent-sessions.service.js';
import { reconcileWorkstation } from './agents.inventory.js';
import * as repo from './agents.repository.js';

/** A silent connection is dropped after two missed pings. */
const PING_MS = 30_000;

/**
 * The agents' side of the server: authenticates an agent's WebSocket (agent id + secret; a revoked
 * agent or enrolment token is refused), keeps it registered while open, files its inventory reports
 * into the CMDB and hands session messages to the sessions service.
 */
export function createAgentGateway({
  db,
  clock,
  registry,
  sessions,
  log,
  inventoryHours,
}: {
  db: Db;
  clock: Clock;
  registry: AgentRegistry;
  sessions: AgentSessionsService;
  log: FastifyBaseLogger;
  inventoryHours: number;
}) {
  async function inventory(agentId: number, message: Extract<AgentMessage, { type: 'inventory' }>) {
    const now = clock.now();
    await db.transaction(async (tx) => {
      const agent = await repo.findAgent(tx, agentId);
      if (!agent || agent.revokedAt) return;
      const previous = await repo.findInventory(tx, agentId);
      const result = await reconcileWorkstation(tx, {
        agentCiId: agent.ciId,
        entityId: agent.entityId,
        hostname: message.hostname,
        hardware: message.hardware,
        software: message.software,
        previousSoftware: previous?.software ?? null,
        now,
      });
      await repo.saveInventory(tx, {
        agentId,
        collectedAt: new Date(message.collectedAt),
        hardware: message.hardware,
        software: message.software,
      });
      const os = [message.hardware.os.distro, message.hardware.os.release].filter(Boolean).join(' ');
      await repo.updateAgent(tx, agentId, {
        ciId: result.ciId,
        hostname: message.hostname,
        serialNumber: message.hardware.serialNumber || agent.serialNumber,
        os: os || agent.os,
        lastInventoryAt: now,
        lastSeenAt: now,
      });
      if (result.created) {
        await audit(tx, {
          actorId: null,
          action: 'agent.item_created',
          targetType: 'config_item',
          targetId: result.ciId,
          entityId: agent.entityId,
          details: { agentId, hostname: message.hostname },
        });
      }
    });
  }

  async function handle(link: AgentLink, message: AgentMessage) {
    const agentId = link.agentId;
    switch (message.type) {
      case 'hello':
        link.terminal = message.terminal;
        await repo.updateAgent(db, agentId, {
          agentVersion: message.agentVersion || null,
          loggedInUser: message.loggedInUser || null,
          lastSeenAt: clock.now(),
        });
        return;
      case 'inventory':
        await inventory(agentId, message);
        return;
      default:
        await sessions.onAgentMessage(agentId, message);
    }
  }

  return {
    /** Checks the agent's credential before the upgrade; a plain 401 otherwise. */
    async authenticate(idHeader: unknown, secretHeader: unknown): Promise<number> {
      const id = Number(idHeader);
      if (
        !Number.isSafeInteger(id) ||
        id <= 0 ||
        typeof secretHeader !== 'string' ||
        secretHeader.length > 200
      ) {
        throw new AppError('unauthenticated', 'Send x-agent-id and x-agent-secret');
      }
      const credential = await repo.agentCredential(db, id);
      const valid = credential ? safeEqual(sha256(secretHeader), credential.secretHash) : false;
      if (!credential || !valid) throw new AppError('unauthenticated', 'Unknown agent or wrong secret');
      if (credential.revokedAt || credential.tokenRevokedAt) {
        throw new AppError('unauthenticated', 'This agent was revoked');
      }
      return id;
    },

    connect(agentId: number, socket: WebSocket): void {
      const link: AgentLink = {
        agentId,
        terminal: false,
        send(message: AgentServerMessage) {
          if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(message));
        },
        close(code, reason) {
          socket.close(code, reason);
        },
      };
      registry.add(link);
      let alive = true;
      const ping = setInterval(() => {
        if (!alive) {
          socket.terminate();
          return;
        }
        alive = false;
        socket.ping();
      }, PING_MS);
      ping.unref();
      socket.on('pong', () => {
        alive = true;
      });
      // messages of one agent are handled in order (an inventory then a consent, a command then its output)
      let queue = Promise.resolve();
      socket.on('message', (raw, isBinary) => {
        alive = true;
        if (isBinary) return;
        let parsed: AgentMessage;
        try {
          const result = agentMessageSchema.safeParse(JSON.parse(raw.toString()));
          if (!result.success) {
            log.warn({ agentId, issues: result.error.issues.slice(0, 3) }, 'invalid agent message');
            return;
          }
          parsed = result.data;
        } catch {
          log.warn({ agentId }, 'agent message is not JSON');
          return;
        }
        queue = queue
          .then(() => handle(link, parsed))
          .catch((err) => log.error({ err, agentId }, 'agent message failed'));
      });
      const gone = () => {
        clearInterval(ping);
        if (registry.remove(link)) {
          queue = queue
            .then(() => repo.updateAgent(db, agentId, { lastSeenAt: clock.now() }))
            .then(() => sessions.onAgentGone(agentId))
            .catch((err) => log.error({ err, agentId }, 'agent clean-up failed'));
        }
      };
      socket.on('close', gone);
      socket.on('error', gone);
      link.send({ type: 'welcome', agentId, inventoryHours });
    },
  };
}
export type AgentGateway = ReturnType<typeof createAgentGateway>;
