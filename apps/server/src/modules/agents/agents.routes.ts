import {
  agentConsentAnswerSchema,
  agentConsentRequestSchema,
  agentEnrolResultSchema,
  agentEnrolSchema,
  agentPolicySchema,
  agentPolicyViewSchema,
  agentSchema,
  agentSessionCreatedSchema,
  agentSessionCreateSchema,
  agentSessionSchema,
  agentTerminalClientMessageSchema,
  enrolmentTokenCreatedSchema,
  enrolmentTokenCreateSchema,
  enrolmentTokenSchema,
  idSchema,
  itemAgentSchema,
} from '@guichet/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireActor } from '../../platform/auth/auth.plugin.js';
import { notFound } from '../../platform/errors.js';
import type { AgentGateway } from './agent-gateway.js';
import type { TerminalViewer } from './agent-registry.js';
import type { AgentSessionsService } from './agent-sessions.service.js';
import type { AgentsAdminService } from './agents-admin.service.js';

const tags = ['agents'];
const idParams = z.object({ id: idSchema });
const terminalQuery = z.object({
  token: z.string().min(10).max(200),
  cols: z.coerce.number().int().min(10).max(500).default(80),
  rows: z.coerce.number().int().min(2).max(200).default(24),
});

/**
 * Workstation agents: enrolment tokens and agents (admin), enrolment and the agent's WebSocket
 * (the agent's own credential, nothing else), sessions and their terminal WebSocket (technicians),
 * consent requests (the workstation's user, in the portal).
 */
export async function agentsRoutes(
  app: FastifyInstance,
  opts: { admin: AgentsAdminService; sessions: AgentSessionsService; gateway: AgentGateway },
) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { admin, sessions, gateway } = opts;

  // ------------------------------------------------------------------------------- enrolment tokens
  r.get(
    '/agents/enrolment-tokens',
    {
      schema: { operationId: 'listEnrolmentTokens', tags, response: { 200: z.array(enrolmentTokenSchema) } },
    },
    async (request) => admin.listTokens(requireActor(request)),
  );
  r.post(
    '/agents/enrolment-tokens',
    {
      schema: {
        operationId: 'createEnrolmentToken',
        tags,
        body: enrolmentTokenCreateSchema,
        response: { 201: enrolmentTokenCreatedSchema },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await admin.createToken(requireActor(request), request.body)),
  );
  r.post(
    '/agents/enrolment-tokens/:id/revoke',
    {
      schema: {
        operationId: 'revokeEnrolmentToken',
        tags,
        params: idParams,
        response: { 200: enrolmentTokenSchema },
      },
    },
    async (request) => admin.revokeToken(requireActor(request), request.params.id),
  );

  // ------------------------------------------------------------------------ enrolment and connection
  r.post(
    '/agents/enrol',
    {
      config: { rateLimit: { max: 30, timeWindow: '1 minute' } },
      schema: {
        operationId: 'enrolAgent',
        tags,
        security: [],
        body: agentEnrolSchema,
        response: { 201: agentEnrolResultSchema },
      },
    },
    async (request, reply) => reply.status(201).send(await admin.enrol(request.body, request.ip)),
  );

  app.get(
    '/agents/connect',
    {
      websocket: true,
      schema: { hide: true },
      config: { rateLimit: { max: 60, timeWindow: '1 minute' } },
      // refused before the upgrade: a revoked or unknown agent gets a plain 401
      preValidation: async (request) => {
        const agentId = await gateway.authenticate(
          request.headers['x-agent-id'],
          request.headers['x-agent-secret'],
        );
        (request as { agentId?: number }).agentId = agentId;
      },
    },
    (socket, request) => {
      const agentId = (request as { agentId?: number }).agentId;
      if (!agentId) {
        socket.close(4001, 'unauthenticated');
        return;
      }
      gateway.connect(agentId, socket);
    },
  );

  // ------------------------------------------------------------------------------------------ agents
  r.get(
    '/agents',
    { schema: { operationId: 'listAgents', tags, response: { 200: z.array(agentSchema) } } },
    async (request) => admin.listAgents(requireActor(request)),
  );
  r.post(
    '/agents/:id/revoke',
    { schema: { operationId: 'revokeAgent', tags, params: idParams, response: { 200: agentSchema } } },
    async (request) => admin.revokeAgent(requireActor(request), request.params.id),
  );
  r.get(
    '/agents/policies',
    { schema: { operationId: 'listAgentPolicies', tags, response: { 200: z.array(agentPolicyViewSchema) } } },
    async (request) => admin.listPolicies(requireActor(request)),
  );
  r.put(
    '/agents/policies',
    {
      schema: {
        operationId: 'putAgentPolicy',
        tags,
        body: agentPolicySchema,
        response: { 200: agentPolicyViewSchema },
      },
    },
    async (request) => {
      const policy = await admin.putPolicy(requireActor(request), request.body);
      if (!policy) throw notFound('Policy');
      return policy;
    },
  );
  r.get(
    '/cmdb/items/:id/agent',
    { schema: { operationId: 'getItemAgent', tags, params: idParams, response: { 200: itemAgentSchema } } },
    async (request) => sessions.ofItem(requireActor(request), request.params.id),
  );

  // ---------------------------------------------------------------------------------------- sessions
  r.post(
    '/agents/:id/sessions',
    {
      schema: {
        operationId: 'createAgentSession',
        tags,
        params: idParams,
        body: agentSessionCreateSchema,
        response: { 201: agentSessionCreatedSchema },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await sessions.create(requireActor(request), request.params.id, request.body)),
  );
  r.get(
    '/agents/sessions/:id',
    {
      schema: {
        operationId: 'getAgentSession',
        tags,
        params: idParams,
        response: { 200: agentSessionSchema },
      },
    },
    async (request) => sessions.get(requireActor(request), request.params.id),
  );
  r.post(
    '/agents/sessions/:id/end',
    {
      schema: {
        operationId: 'endAgentSession',
        tags,
        params: idParams,
        response: { 200: agentSessionSchema },
      },
    },
    async (request) => sessions.end(requireActor(request), request.params.id),
  );

  app.get(
    '/agents/sessions/:id/terminal',
    {
      websocket: true,
      schema: { hide: true },
      // the session's requester with the single-use token from the creation answer; checked before the upgrade
      preValidation: async (request) => {
        const actor = requireActor(request);
        const { id } = idParams.parse(request.params);
        const query = terminalQuery.safeParse(request.query);
        if (!query.success) throw notFound('Session');
        await sessions.claimTerminal(actor, id, query.data.token);
      },
    },
    (socket, request) => {
      const { id } = idParams.parse(request.params);
      const { cols, rows } = terminalQuery.parse(request.query);
      const viewer: TerminalViewer = {
        send(message) {
          if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(message));
        },
        close(code, reason) {
          socket.close(code, reason);
        },
      };
      let queue = Promise.resolve();
      socket.on('message', (raw, isBinary) => {
        if (isBinary) return;
        let parsed: z.infer<typeof agentTerminalClientMessageSchema>;
        try {
          const result = agentTerminalClientMessageSchema.safeParse(JSON.parse(raw.toString()));
          if (!result.success) return;
          parsed = result.data;
        } catch {
          return;
        }
        queue = queue
          .then(() => sessions.onViewerMessage(id, parsed))
          .catch((err) => request.log.error({ err }));
      });
      socket.on('close', () => {
        queue = queue
          .then(() => sessions.onViewerClosed(id, viewer))
          .catch((err) => request.log.error({ err }));
      });
      sessions.attachViewer(id, viewer, { cols, rows });
    },
  );

  // ------------------------------------------------------------------------ consent (workstation user)
  r.get(
    '/agents/consents',
    {
      schema: {
        operationId: 'listAgentConsents',
        tags,
        response: { 200: z.array(agentConsentRequestSchema) },
      },
    },
    async (request) => sessions.consents(requireActor(request)),
  );
  r.post(
    '/agents/consents/:id',
    { schema: { operationId: 'answerAgentConsent', tags, params: idParams, body: agentConsentAnswerSchema } },
    async (request, reply) => {
      await sessions.answer(requireActor(request), request.params.id, request.body.granted);
      return reply.status(204).send();
    },
  );
  r.post(
    '/agents/consents/:id/end',
    { schema: { operationId: 'endAgentSessionAsUser', tags, params: idParams } },
    async (request, reply) => {
      await sessions.endByUser(requireActor(request), request.params.id);
      return reply.status(204).send();
    },
  );
}
