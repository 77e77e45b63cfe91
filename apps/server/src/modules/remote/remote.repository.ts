import { and, asc, desc, eq, inArray, isNotNull, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { DbOrTx } from '../../db/client.js';
import { entities, people } from '../directory/index.js';
import { attachments, tickets } from '../tickets/index.js';
import {
  remoteParticipants,
  remotePolicies,
  remoteRecordings,
  remoteSessionEvents,
  remoteSessions,
} from './remote.table.js';

export type SessionRow = typeof remoteSessions.$inferSelect;

const technician = alias(people, 'technician');
const requester = alias(people, 'requester');

/** A session with the names and ticket facts every answer needs. */
function selectDetail(db: DbOrTx) {
  return db
    .select({
      session: remoteSessions,
      technicianName: technician.name,
      requesterName: requester.name,
      ticket: {
        id: tickets.id,
        number: tickets.number,
        title: tickets.title,
        status: tickets.status,
        entityId: tickets.entityId,
        requesterId: tickets.requesterId,
      },
    })
    .from(remoteSessions)
    .innerJoin(tickets, eq(tickets.id, remoteSessions.ticketId))
    .innerJoin(technician, eq(technician.id, remoteSessions.technicianId))
    .innerJoin(requester, eq(requester.id, remoteSessions.requesterId));
}
export type SessionDetail = Awaited<ReturnType<ReturnType<typeof selectDetail>['execute']>>[number];

export async function findDetail(db: DbOrTx, id: number): Promise<SessionDetail | undefined> {
  const [row] = await selectDetail(db).where(eq(remoteSessions.id, id));
  return row;
}

/** Locks the session row: every state change goes through here, so two ends cannot race. */
export async function lockSession(tx: DbOrTx, id: number): Promise<SessionRow | undefined> {
  const [row] = await tx.select().from(remoteSessions).where(eq(remoteSessions.id, id)).for('update');
  return row;
}

export async function latestForTicket(db: DbOrTx, ticketId: number): Promise<SessionDetail | undefined> {
  const [row] = await selectDetail(db)
    .where(eq(remoteSessions.ticketId, ticketId))
    .orderBy(desc(remoteSessions.id))
    .limit(1);
  return row;
}

export async function openForTicket(tx: DbOrTx, ticketId: number): Promise<SessionRow[]> {
  return tx
    .select()
    .from(remoteSessions)
    .where(
      and(eq(remoteSessions.ticketId, ticketId), inArray(remoteSessions.status, ['requested', 'active'])),
    )
    .for('update');
}

/** The requester's sessions still waiting for their code. */
export async function pendingForRequester(tx: DbOrTx, requesterId: number): Promise<SessionRow[]> {
  return tx
    .select()
    .from(remoteSessions)
    .where(
      and(
        eq(remoteSessions.requesterId, requesterId),
        eq(remoteSessions.status, 'requested'),
        isNotNull(remoteSessions.codeHash),
      ),
    )
    .orderBy(asc(remoteSessions.id))
    .for('update');
}

export async function insertSession(tx: DbOrTx, values: typeof remoteSessions.$inferInsert) {
  const [row] = await tx.insert(remoteSessions).values(values).returning();
  if (!row) throw new Error('remote session insert returned nothing');
  return row;
}

export async function updateSession(
  tx: DbOrTx,
  id: number,
  values: Partial<typeof remoteSessions.$inferInsert>,
) {
  await tx.update(remoteSessions).set(values).where(eq(remoteSessions.id, id));
}

export async function upsertParticipant(
  tx: DbOrTx,
  values: Pick<
    typeof remoteParticipants.$inferInsert,
    'sessionId' | 'personId' | 'role' | 'tokenHash' | 'tokenExpiresAt'
  >,
) {
  await tx
    .insert(remoteParticipants)
    .values(values)
    .onConflictDoUpdate({
      target: [remoteParticipants.sessionId, remoteParticipants.personId],
      set: { role: values.role, tokenHash: values.tokenHash, tokenExpiresAt: values.tokenExpiresAt },
    });
}

export async function findParticipant(db: DbOrTx, sessionId: number, personId: number) {
  const [row] = await db
    .select({
      role: remoteParticipants.role,
      tokenHash: remoteParticipants.tokenHash,
      tokenExpiresAt: remoteParticipants.tokenExpiresAt,
      name: people.name,
    })
    .from(remoteParticipants)
    .innerJoin(people, eq(people.id, remoteParticipants.personId))
    .where(and(eq(remoteParticipants.sessionId, sessionId), eq(remoteParticipants.personId, personId)));
  return row;
}

export async function insertEvent(tx: DbOrTx, values: typeof remoteSessionEvents.$inferInsert) {
  const [row] = await tx.insert(remoteSessionEvents).values(values).returning();
  if (!row) throw new Error('remote session event insert returned nothing');
  return row;
}

/** Chat lines and files of a session, oldest first, with names. */
export async function listEvents(db: DbOrTx, sessionId: number) {
  return db
    .select({
      id: remoteSessionEvents.id,
      kind: remoteSessionEvents.kind,
      body: remoteSessionEvents.body,
      at: remoteSessionEvents.at,
      actorId: remoteSessionEvents.actorId,
      actorName: people.name,
      attachmentId: remoteSessionEvents.attachmentId,
      fileName: attachments.fileName,
      fileSize: attachments.size,
    })
    .from(remoteSessionEvents)
    .innerJoin(people, eq(people.id, remoteSessionEvents.actorId))
    .leftJoin(attachments, eq(attachments.id, remoteSessionEvents.attachmentId))
    .where(eq(remoteSessionEvents.sessionId, sessionId))
    .orderBy(asc(remoteSessionEvents.id));
}

export async function insertRecording(tx: DbOrTx, values: typeof remoteRecordings.$inferInsert) {
  const [row] = await tx.insert(remoteRecordings).values(values).returning();
  if (!row) throw new Error('recording insert returned nothing');
  return row;
}

export async function findRecording(db: DbOrTx, id: number) {
  const [row] = await db.select().from(remoteRecordings).where(eq(remoteRecordings.id, id));
  return row;
}

export async function listRecordings(db: DbOrTx, sessionId: number) {
  return db
    .select()
    .from(remoteRecordings)
    .where(eq(remoteRecordings.sessionId, sessionId))
    .orderBy(asc(remoteRecordings.id));
}

/** The policy that applies to an entity: its own row, else the nearest ancestor's (materialised path). */
export async function effectivePolicy(db: DbOrTx, entityId: number) {
  const [entity] = await db.select({ path: entities.path }).from(entities).where(eq(entities.id, entityId));
  if (!entity) return undefined;
  const [row] = await db
    .select({ entityId: remotePolicies.entityId, recordingAllowed: remotePolicies.recordingAllowed })
    .from(remotePolicies)
    .innerJoin(entities, eq(entities.id, remotePolicies.entityId))
    // an ancestor's path is a prefix of the entity's path; the longest prefix is the nearest
    .where(sql`${entity.path} like ${entities.path} || '%'`)
    .orderBy(desc(sql`length(${entities.path})`))
    .limit(1);
  return { found: true as const, policy: row };
}

export async function savePolicy(
  tx: DbOrTx,
  entityId: number,
  recordingAllowed: boolean,
  by: number,
  at: Date,
) {
  await tx
    .insert(remotePolicies)
    .values({ entityId, recordingAllowed, updatedBy: by, updatedAt: at })
    .onConflictDoUpdate({
      target: remotePolicies.entityId,
      set: { recordingAllowed, updatedBy: by, updatedAt: at },
    });
}
