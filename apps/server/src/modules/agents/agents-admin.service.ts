import type {
  Agent,
  AgentEnrol,
  AgentEnrolResult,
  AgentPolicy,
  EnrolmentToken,
  EnrolmentTokenCreated,
  enrolmentTokenCreateSchema,
} from '@guichet/contracts';
import { eq } from 'drizzle-orm';
import type { z } from 'zod';
import type { Db } from '../../db/client.js';
import { audit } from '../../platform/audit/audit.js';
import type { Actor } from '../../platform/auth/actor.js';
import { newToken, sha256 } from '../../platform/auth/secrets.js';
import type { Clock } from '../../platform/clock.js';
import { AppError, notFound } from '../../platform/errors.js';
import { entities } from '../directory/index.js';
import type { AgentRegistry } from './agent-registry.js';
import { toAgent, toEnrolmentToken } from './agents.mapper.js';
import { agentsPolicy, requireAdministrator } from './agents.policy.js';
import * as repo from './agents.repository.js';

type TokenInput = z.output<typeof enrolmentTokenCreateSchema>;

/** Enrolment tokens, enrolment, the agents list and revocation, per-entity policies. */
export function createAgentsAdminService({
  db,
  clock,
  registry,
}: {
  db: Db;
  clock: Clock;
  registry: AgentRegistry;
}) {
  const live = (agentId: number) => ({
    online: registry.isOnline(agentId),
    terminal: registry.get(agentId)?.terminal ?? false,
  });

  return {
    async createToken(actor: Actor, input: TokenInput): Promise<EnrolmentTokenCreated> {
      const [entity] = await db
        .select({ id: entities.id })
        .from(entities)
        .where(eq(entities.id, input.entityId));
      if (!entity) throw notFound('Entity');
      requireAdministrator(actor, input.entityId);
      const secret = newToken('gae_');
      const now = clock.now();
      return db.transaction(async (tx) => {
        const id = await repo.insertToken(tx, {
          entityId: input.entityId,
          label: input.label,
          tokenHash: sha256(secret),
          expiresAt: new Date(now.getTime() + input.expiresInHours * 3_600_000),
          maxUses: input.maxUses,
          createdBy: actor.personId,
        });
        await audit(tx, {
          actorId: actor.personId,
          action: 'agent.enrolment_token.created',
          targetType: 'agent_enrolment_token',
          targetId: id,
          entityId: input.entityId,
          details: { label: input.label, maxUses: input.maxUses, expiresInHours: input.expiresInHours },
        });
        const row = await repo.findToken(tx, { all: true, entityIds: [] }, id);
        if (!row) throw new Error('token vanished');
        return { ...toEnrolmentToken(row, now), token: secret };
      });
    },

    async listTokens(actor: Actor): Promise<EnrolmentToken[]> {
      if (!actor.isAdmin) throw new AppError('forbidden', 'Only an administrator may see enrolment tokens');
      const now = clock.now();
      return (await repo.listTokens(db, actor.adminScope)).map((r) => toEnrolmentToken(r, now));
    },

    /** Revokes a token: it enrols nothing more, and the agents it enrolled are refused and disconnected. */
    async revokeToken(actor: Actor, id: number): Promise<EnrolmentToken> {
      const row = await repo.findToken(db, actor.adminScope, id);
      if (!row) throw notFound('Enrolment token');
      requireAdministrator(actor, row.entityId);
      const now = clock.now();
      const agentIds = await db.transaction(async (tx) => {
        await repo.revokeToken(tx, id, now);
        await audit(tx, {
          actorId: actor.personId,
          action: 'agent.enrolment_token.revoked',
          targetType: 'agent_enrolment_token',
          targetId: id,
          entityId: row.entityId,
        });
        return repo.agentIdsOfToken(tx, id);
      });
      for (const agentId of agentIds) registry.disconnect(agentId, 'enrolment token revoked');
      const after = await repo.findToken(db, actor.adminScope, id);
      if (!after) throw notFound('Enrolment token');
      return toEnrolmentToken(after, now);
    },

    /**
     * Trades a usable enrolment token for an agent id and secret (both shown once). The token counts
     * one use in the same transaction, so a one-use token enrols exactly one machine.
     */
    async enrol(input: AgentEnrol, ip: string): Promise<AgentEnrolResult> {
      const secret = newToken('gas_');
      const now = clock.now();
      return db.transaction(async (tx) => {
        const token = await repo.lockUsableToken(tx, sha256(input.token), now);
        if (!token)
          throw new AppError('unauthenticated', 'Unknown, expired, used or revoked enrolment token');
        await repo.countTokenUse(tx, token.id);
        const agentId = await repo.insertAgent(tx, {
          entityId: token.entityId,
          enrolmentTokenId: token.id,
          hostname: input.hostname,
          serialNumber: input.serialNumber || null,
          os: input.os || null,
          agentVersion: input.agentVersion || null,
          secretHash: sha256(secret),
        });
        await audit(tx, {
          actorId: null,
          action: 'agent.enrolled',
          targetType: 'agent',
          targetId: agentId,
          entityId: token.entityId,
          details: { hostname: input.hostname, tokenId: token.id, ip },
        });
        return { agentId, secret, entity: { id: token.entityId, name: token.entityName } };
      });
    },

    async listAgents(actor: Actor): Promise<Agent[]> {
      if (!actor.isStaff) throw new AppError('forbidden', 'Agents are for support staff');
      return (await repo.listAgents(db, actor.scope)).map((r) => toAgent(r, live(r.id)));
    },

    /** Revokes an agent: its secret stops working and its connection closes now. */
    async revokeAgent(actor: Actor, id: number): Promise<Agent> {
      const row = await repo.findAgentInScope(db, actor.scope, id);
      if (!row) throw notFound('Agent');
      requireAdministrator(actor, row.entityId);
      await db.transaction(async (tx) => {
        await repo.revokeAgent(tx, id, clock.now());
        await audit(tx, {
          actorId: actor.personId,
          action: 'agent.revoked',
          targetType: 'agent',
          targetId: id,
          entityId: row.entityId,
          details: { hostname: row.hostname },
        });
      });
      registry.disconnect(id, 'agent revoked');
      const after = await repo.findAgent(db, id);
      if (!after) throw notFound('Agent');
      return toAgent(after, live(id));
    },

    async listPolicies(actor: Actor) {
      if (!actor.isStaff) throw new AppError('forbidden', 'Policies are for support staff');
      const rows = await repo.listPolicies(db, actor.scope);
      return rows.map((r) => ({
        entityId: r.entityId,
        entity: { id: r.entityId, name: r.entityName },
        class: r.class as AgentPolicy['class'],
        unattended: r.unattended,
        services: r.services,
      }));
    },

    async putPolicy(actor: Actor, input: AgentPolicy) {
      const [entity] = await db
        .select({ id: entities.id })
        .from(entities)
        .where(eq(entities.id, input.entityId));
      if (!entity) throw notFound('Entity');
      requireAdministrator(actor, input.entityId);
      await db.transaction(async (tx) => {
        await repo.upsertPolicy(tx, {
          entityId: input.entityId,
          class: input.class,
          unattended: input.unattended,
          services: [...new Set(input.services)],
          updatedBy: actor.personId,
        });
        await audit(tx, {
          actorId: actor.personId,
          action: 'agent.policy.updated',
          targetType: 'agent_policy',
          targetId: `${input.entityId}:${input.class}`,
          entityId: input.entityId,
          details: { unattended: input.unattended, services: input.services },
        });
      });
      return (await this.listPolicies(actor)).find(
        (p) => p.entityId === input.entityId && p.class === input.class,
      );
    },

    canSee: agentsPolicy.see,
  };
}
export type AgentsAdminService = ReturnType<typeof createAgentsAdminService>;
