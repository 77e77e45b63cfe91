import { and, asc, desc, eq, gt, inArray, isNull, lt, or, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { DbOrTx } from '../../db/client.js';
import type { Scope } from '../../platform/auth/actor.js';
import { scopeFilter } from '../../platform/scope.js';
import { configItems, ticketItems } from '../cmdb/index.js';
import { entities, people } from '../directory/index.js';
import { tickets } from '../tickets/index.js';
import {
  agentEnrolmentTokens,
  agentInventories,
  agentPolicies,
  agentSessionLogs,
  agentSessions,
  agents,
} from './agents.table.js';

// --------------------------------------------------------------------------------------------- tokens

const creator = alias(people, 'creator');
const tokenColumns = {
  id: agentEnrolmentTokens.id,
  entityId: agentEnrolmentTokens.entityId,
  entityName: entities.name,
  label: agentEnrolmentTokens.label,
  expiresAt: agentEnrolmentTokens.expiresAt,
  maxUses: agentEnrolmentTokens.maxUses,
  uses: agentEnrolmentTokens.uses,
  revokedAt: agentEnrolmentTokens.revokedAt,
  createdById: agentEnrolmentTokens.createdBy,
  createdByName: creator.name,
  createdAt: agentEnrolmentTokens.createdAt,
};
export type TokenRow = {
  id: number;
  entityId: number;
  entityName: string;
  label: string;
  expiresAt: Date;
  maxUses: number;
  uses: number;
  revokedAt: Date | null;
  createdById: number | null;
  createdByName: string | null;
  createdAt: Date;
};

const selectTokens = (db: DbOrTx) =>
  db
    .select(tokenColumns)
    .from(agentEnrolmentTokens)
    .innerJoin(entities, eq(entities.id, agentEnrolmentTokens.entityId))
    .leftJoin(creator, eq(creator.id, agentEnrolmentTokens.createdBy));

export async function insertToken(tx: DbOrTx, values: typeof agentEnrolmentTokens.$inferInsert) {
  const [row] = await tx
    .insert(agentEnrolmentTokens)
    .values(values)
    .returning({ id: agentEnrolmentTokens.id });
  if (!row) throw new Error('enrolment token insert failed');
  return row.id;
}

export async function findToken(db: DbOrTx, scope: Scope, id: number): Promise<TokenRow | undefined> {
  const [row] = await selectTokens(db).where(
    and(eq(agentEnrolmentTokens.id, id), scopeFilter(scope, agentEnrolmentTokens.entityId)),
  );
  return row;
}

export const listTokens = (db: DbOrTx, scope: Scope): Promise<TokenRow[]> =>
  selectTokens(db)
    .where(scopeFilter(scope, agentEnrolmentTokens.entityId))
    .orderBy(desc(agentEnrolmentTokens.id))
    .limit(500);

/** The token an enrolment presents, locked, when it can still enrol. */
export async function lockUsableToken(tx: DbOrTx, tokenHash: string, now: Date) {
  const [row] = await tx
    .select({
      id: agentEnrolmentTokens.id,
      entityId: agentEnrolmentTokens.entityId,
      entityName: entities.name,
    })
    .from(agentEnrolmentTokens)
    .innerJoin(entities, eq(entities.id, agentEnrolmentTokens.entityId))
    .where(
      and(
        eq(agentEnrolmentTokens.tokenHash, tokenHash),
        isNull(agentEnrolmentTokens.revokedAt),
        gt(agentEnrolmentTokens.expiresAt, now),
        lt(agentEnrolmentTokens.uses, agentEnrolmentTokens.maxUses),
      ),
    )
    .for('update', { of: agentEnrolmentTokens });
  return row;
}

export async function countTokenUse(tx: DbOrTx, id: number) {
  await tx
    .update(agentEnrolmentTokens)
    .set({ uses: sql`${agentEnrolmentTokens.uses} + 1` })
    .where(eq(agentEnrolmentTokens.id, id));
}

export async function revokeToken(tx: DbOrTx, id: number, now: Date) {
  await tx
    .update(agentEnrolmentTokens)
    .set({ revokedAt: now })
    .where(and(eq(agentEnrolmentTokens.id, id), isNull(agentEnrolmentTokens.revokedAt)));
}

// --------------------------------------------------------------------------------------------- agents

const agentColumns = {
  id: agents.id,
  entityId: agents.entityId,
  entityName: entities.name,
  entityPath: entities.path,
  enrolmentTokenId: agents.enrolmentTokenId,
  ciId: agents.ciId,
  ciName: configItems.name,
  ciClass: configItems.class,
  hostname: agents.hostname,
  serialNumber: agents.serialNumber,
  os: agents.os,
  agentVersion: agents.agentVersion,
  loggedInUser: agents.loggedInUser,
  lastSeenAt: agents.lastSeenAt,
  lastInventoryAt: agents.lastInventoryAt,
  revokedAt: agents.revokedAt,
  createdAt: agents.createdAt,
};
export type AgentRow = {
  id: number;
  entityId: number;
  entityName: string;
  entityPath: string;
  enrolmentTokenId: number;
  ciId: number | null;
  ciName: string | null;
  ciClass: string | null;
  hostname: string;
  serialNumber: string | null;
  os: string | null;
  agentVersion: string | null;
  loggedInUser: string | null;
  lastSeenAt: Date | null;
  lastInventoryAt: Date | null;
  revokedAt: Date | null;
  createdAt: Date;
};

const selectAgents = (db: DbOrTx) =>
  db
    .select(agentColumns)
    .from(agents)
    .innerJoin(entities, eq(entities.id, agents.entityId))
    .leftJoin(configItems, eq(configItems.id, agents.ciId));

export async function insertAgent(tx: DbOrTx, values: typeof agents.$inferInsert): Promise<number> {
  const [row] = await tx.insert(agents).values(values).returning({ id: agents.id });
  if (!row) throw new Error('agent insert failed');
  return row.id;
}

/** Any agent by id, without scope: for the agent's own connection and the server's bookkeeping. */
export async function findAgent(db: DbOrTx, id: number): Promise<AgentRow | undefined> {
  const [row] = await selectAgents(db).where(eq(agents.id, id));
  return row;
}

export async function findAgentInScope(db: DbOrTx, scope: Scope, id: number): Promise<AgentRow | undefined> {
  const [row] = await selectAgents(db).where(and(eq(agents.id, id), scopeFilter(scope, agents.entityId)));
  return row;
}

/** The unrevoked agent of a CMDB item, the most recently enrolled first. */
export async function findAgentOfItem(db: DbOrTx, ciId: number): Promise<AgentRow | undefined> {
  const [row] = await selectAgents(db)
    .where(and(eq(agents.ciId, ciId), isNull(agents.revokedAt)))
    .orderBy(desc(agents.id))
    .limit(1);
  return row;
}

export const listAgents = (db: DbOrTx, scope: Scope): Promise<AgentRow[]> =>
  selectAgents(db)
    .where(scopeFilter(scope, agents.entityId))
    .orderBy(asc(agents.hostname), asc(agents.id))
    .limit(1000);

/** What the agent's WebSocket checks: the secret hash and whether it or its token was revoked. */
export async function agentCredential(db: DbOrTx, id: number) {
  const [row] = await db
    .select({
      id: agents.id,
      entityId: agents.entityId,
      secretHash: agents.secretHash,
      revokedAt: agents.revokedAt,
      tokenRevokedAt: agentEnrolmentTokens.revokedAt,
    })
    .from(agents)
    .innerJoin(agentEnrolmentTokens, eq(agentEnrolmentTokens.id, agents.enrolmentTokenId))
    .where(eq(agents.id, id));
  return row;
}

export async function updateAgent(tx: DbOrTx, id: number, patch: Partial<typeof agents.$inferInsert>) {
  await tx.update(agents).set(patch).where(eq(agents.id, id));
}

export async function revokeAgent(tx: DbOrTx, id: number, now: Date) {
  await tx
    .update(agents)
    .set({ revokedAt: now })
    .where(and(eq(agents.id, id), isNull(agents.revokedAt)));
}

export async function agentIdsOfToken(db: DbOrTx, tokenId: number): Promise<number[]> {
  const rows = await db.select({ id: agents.id }).from(agents).where(eq(agents.enrolmentTokenId, tokenId));
  return rows.map((r) => r.id);
}

// ------------------------------------------------------------------------------------------ inventory

export async function findInventory(db: DbOrTx, agentId: number) {
  const [row] = await db.select().from(agentInventories).where(eq(agentInventories.agentId, agentId));
  return row;
}

export async function saveInventory(tx: DbOrTx, values: typeof agentInventories.$inferInsert) {
  await tx
    .insert(agentInventories)
    .values(values)
    .onConflictDoUpdate({
      target: agentInventories.agentId,
      set: {
        collectedAt: values.collectedAt,
        hardware: values.hardware,
        software: values.software,
        receivedAt: sql`now()`,
      },
    });
}

// ------------------------------------------------------------------------------------------- policies

/** The policy of the nearest entity on the path ("/1/5/12/") that has one for the class. */
export async function nearestPolicy(db: DbOrTx, entityPath: string, ciClass: string) {
  const ids = entityPath.split('/').filter(Boolean).map(Number);
  if (ids.length === 0) return undefined;
  const rows = await db
    .select({
      entityId: agentPolicies.entityId,
      unattended: agentPolicies.unattended,
      services: agentPolicies.services,
    })
    .from(agentPolicies)
    .where(and(inArray(agentPolicies.entityId, ids), eq(agentPolicies.class, ciClass)));
  // the deepest entity wins: a commune's policy overrides the metropolis's
  return rows.sort((a, b) => ids.indexOf(b.entityId) - ids.indexOf(a.entityId))[0];
}

export async function upsertPolicy(tx: DbOrTx, values: typeof agentPolicies.$inferInsert) {
  await tx
    .insert(agentPolicies)
    .values(values)
    .onConflictDoUpdate({
      target: [agentPolicies.entityId, agentPolicies.class],
      set: {
        unattended: values.unattended,
        services: values.services,
        updatedBy: values.updatedBy,
        updatedAt: sql`now()`,
      },
    });
}

export const listPolicies = (db: DbOrTx, scope: Scope) =>
  db
    .select({
      entityId: agentPolicies.entityId,
      entityName: entities.name,
      class: agentPolicies.class,
      unattended: agentPolicies.unattended,
      services: agentPolicies.services,
    })
    .from(agentPolicies)
    .innerJoin(entities, eq(entities.id, agentPolicies.entityId))
    .where(scopeFilter(scope, agentPolicies.entityId))
    .orderBy(asc(entities.name), asc(agentPolicies.class));

// ------------------------------------------------------------------------------------------- sessions

const requester = alias(people, 'requester');
const sessionColumns = {
  id: agentSessions.id,
  agentId: agentSessions.agentId,
  hostname: agents.hostname,
  entityId: agentSessions.entityId,
  ciId: agentSessions.ciId,
  ciName: configItems.name,
  ticketId: agentSessions.ticketId,
  ticketNumber: tickets.number,
  kind: agentSessions.kind,
  diagnostic: agentSessions.diagnostic,
  service: agentSessions.service,
  status: agentSessions.status,
  consent: agentSessions.consent,
  requestedBy: agentSessions.requestedBy,
  requestedByName: requester.name,
  tokenHash: agentSessions.tokenHash,
  tokenExpiresAt: agentSessions.tokenExpiresAt,
  createdAt: agentSessions.createdAt,
  startedAt: agentSessions.startedAt,
  endedAt: agentSessions.endedAt,
  endReason: agentSessions.endReason,
};
const selectSessions = (db: DbOrTx) =>
  db
    .select(sessionColumns)
    .from(agentSessions)
    .innerJoin(agents, eq(agents.id, agentSessions.agentId))
    .innerJoin(requester, eq(requester.id, agentSessions.requestedBy))
    .leftJoin(configItems, eq(configItems.id, agentSessions.ciId))
    .leftJoin(tickets, eq(tickets.id, agentSessions.ticketId));
export type SessionRow = Awaited<ReturnType<typeof findSession>> & {};

export async function insertSession(tx: DbOrTx, values: typeof agentSessions.$inferInsert): Promise<number> {
  const [row] = await tx.insert(agentSessions).values(values).returning({ id: agentSessions.id });
  if (!row) throw new Error('session insert failed');
  return row.id;
}

export async function findSession(db: DbOrTx, id: number) {
  const [row] = await selectSessions(db).where(eq(agentSessions.id, id));
  return row;
}

export const sessionsOfItem = (db: DbOrTx, ciId: number) =>
  selectSessions(db).where(eq(agentSessions.ciId, ciId)).orderBy(desc(agentSessions.id)).limit(10);

export const openSessionsOfAgent = (db: DbOrTx, agentId: number) =>
  db
    .select({ id: agentSessions.id })
    .from(agentSessions)
    .where(
      and(eq(agentSessions.agentId, agentId), inArray(agentSessions.status, ['pending_consent', 'active'])),
    );

/** Moves a session on only from the expected status: two racing answers cannot both win. */
export async function transitionSession(
  tx: DbOrTx,
  id: number,
  from: readonly ('pending_consent' | 'active')[],
  set: Partial<typeof agentSessions.$inferInsert>,
): Promise<boolean> {
  const rows = await tx
    .update(agentSessions)
    .set(set)
    .where(and(eq(agentSessions.id, id), inArray(agentSessions.status, [...from])))
    .returning({ id: agentSessions.id });
  return rows.length > 0;
}

/** Claims the single-use terminal token: true once, for the right hash before expiry. */
export async function claimSessionToken(
  tx: DbOrTx,
  id: number,
  tokenHash: string,
  now: Date,
): Promise<boolean> {
  const rows = await tx
    .update(agentSessions)
    .set({ tokenHash: null })
    .where(
      and(
        eq(agentSessions.id, id),
        eq(agentSessions.tokenHash, tokenHash),
        gt(agentSessions.tokenExpiresAt, now),
      ),
    )
    .returning({ id: agentSessions.id });
  return rows.length > 0;
}

/**
 * Sessions waiting for, or running with, the consent of a person: the agent reports the login name
 * signed in on the workstation; it is the person's e-mail or its local part, in the agent's entity
 * or below.
 */
export function sessionsForPerson(db: DbOrTx, person: { email: string; entityId: number }) {
  const email = person.email.toLowerCase();
  const local = email.split('@')[0] ?? email;
  const personEntity = alias(entities, 'person_entity');
  return selectSessions(db)
    .innerJoin(entities, eq(entities.id, agents.entityId))
    .innerJoin(personEntity, eq(personEntity.id, person.entityId))
    .where(
      and(
        inArray(agentSessions.status, ['pending_consent', 'active']),
        isNull(agents.revokedAt),
        or(eq(sql`lower(${agents.loggedInUser})`, email), eq(sql`lower(${agents.loggedInUser})`, local)),
        sql`${personEntity.path} like ${entities.path} || '%'`,
      ),
    )
    .orderBy(desc(agentSessions.id))
    .limit(20);
}

export async function appendLog(tx: DbOrTx, values: typeof agentSessionLogs.$inferInsert) {
  await tx.insert(agentSessionLogs).values(values);
}

export const logsOf = (db: DbOrTx, sessionIds: readonly number[]) =>
  sessionIds.length === 0
    ? Promise.resolve([])
    : db
        .select()
        .from(agentSessionLogs)
        .where(inArray(agentSessionLogs.sessionId, [...sessionIds]))
        .orderBy(asc(agentSessionLogs.id))
        .limit(2000);

/** Whether a ticket concerns an item (the ticket_items link the CMDB keeps). */
export async function ticketConcernsItem(db: DbOrTx, ticketId: number, ciId: number): Promise<boolean> {
  const rows = await db
    .select({ ciId: ticketItems.ciId })
    .from(ticketItems)
    .where(and(eq(ticketItems.ticketId, ticketId), eq(ticketItems.ciId, ciId)));
  return rows.length > 0;
}

export async function personContact(db: DbOrTx, personId: number) {
  const [row] = await db
    .select({ email: people.email, entityId: people.entityId })
    .from(people)
    .where(eq(people.id, personId));
  return row;
}
