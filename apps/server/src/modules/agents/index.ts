/** The workstation agents module's public surface. */
import type { FastifyBaseLogger } from 'fastify';
import type { Db } from '../../db/client.js';
import type { Clock } from '../../platform/clock.js';
import { createAgentGateway } from './agent-gateway.js';
import { AgentRegistry } from './agent-registry.js';
import { createAgentSessionsService } from './agent-sessions.service.js';
import { createAgentsAdminService } from './agents-admin.service.js';

export { agentsRoutes } from './agents.routes.js';
export * from './agents.table.js';

/** Builds the module: the live registry of connected agents, its services and the agents' gateway. */
export function createAgentsModule(deps: {
  db: Db;
  clock: Clock;
  log: FastifyBaseLogger;
  /** the server's public URL: its host is what the network diagnostic checks */
  publicUrl: string;
  /** how often agents send a full inventory */
  inventoryHours?: number;
}) {
  const registry = new AgentRegistry();
  const admin = createAgentsAdminService({ db: deps.db, clock: deps.clock, registry });
  let serverHost = 'localhost';
  try {
    serverHost = new URL(deps.publicUrl).hostname || serverHost;
  } catch {
    // an unparsable public URL: the network diagnostic checks localhost
  }
  const sessions = createAgentSessionsService({
    db: deps.db,
    clock: deps.clock,
    registry,
    log: deps.log,
    serverHost,
  });
  const gateway = createAgentGateway({
    db: deps.db,
    clock: deps.clock,
    registry,
    sessions,
    log: deps.log,
    inventoryHours: deps.inventoryHours ?? 6,
  });
  return { registry, admin, sessions, gateway, close: () => registry.closeAll() };
}
export type AgentsModule = ReturnType<typeof createAgentsModule>;
