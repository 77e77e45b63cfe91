import { and, eq, sql } from 'drizzle-orm';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Db } from '../../db/client.js';
import { requireActor } from '../auth/auth.plugin.js';
import { invalid } from '../errors.js';
import { idempotencyKeys } from './idempotency.table.js';

/**
 * Runs a creating operation once per (person, Idempotency-Key): a retry with the same key gets the
 * first answer back instead of a second record. Keys are kept 24 hours.
 */
export async function once<T>(
  db: Db,
  personId: number,
  key: string | undefined,
  statusCode: number,
  run: () => Promise<T>,
): Promise<{ statusCode: number; body: T; replayed: boolean }> {
  if (!key) return { statusCode, body: await run(), replayed: false };
  if (key.length > 200) throw invalid('headers.idempotency-key', 'at most 200 characters');
  const [previous] = await db
    .select()
    .from(idempotencyKeys)
    .where(
      and(
        eq(idempotencyKeys.personId, personId),
        eq(idempotencyKeys.key, key),
        sql`${idempotencyKeys.createdAt} > now() - interval '24 hours'`,
      ),
    );
  if (previous) return { statusCode: previous.statusCode, body: previous.body as T, replayed: true };
  const body = await run();
  await db
    .insert(idempotencyKeys)
    .values({ personId, key, statusCode, body: body as object })
    .onConflictDoUpdate({
      target: [idempotencyKeys.personId, idempotencyKeys.key],
      set: { statusCode, body: body as object, createdAt: new Date() },
    });
  return { statusCode, body, replayed: false };
}

/**
 * The hot-path variant for creations that return a readable resource: the key is written in the
 * creation's own transaction (one commit, and two racing retries cannot both create), pointing at
 * the resource, which a replay reads back.
 */
export function prepareIdempotencyLookup(db: Db) {
  const statement = db
    .select({ body: idempotencyKeys.body })
    .from(idempotencyKeys)
    .where(
      and(
        eq(idempotencyKeys.personId, sql.placeholder('personId')),
        eq(idempotencyKeys.key, sql.placeholder('key')),
        sql`${idempotencyKeys.createdAt} > now() - interval '24 hours'`,
      ),
    )
    .prepare('idempotency_by_key');
  /** The resource a live key points at, or null. */
  return async (personId: number, key: string): Promise<string | null> => {
    if (key.length > 200) throw invalid('headers.idempotency-key', 'at most 200 characters');
    const [previous] = await statement.execute({ personId, key });
    const ref = (previous?.body as { ref?: unknown } | undefined)?.ref;
    return typeof ref === 'string' ? ref : null;
  };
}

/**
 * A creating POST: answers 201 with what `run` returns, or the first answer again for a repeated
 * Idempotency-Key (with `idempotent-replayed: true`). The actor must be signed in.
 */
export async function createdOnce<T>(
  db: Db,
  request: FastifyRequest,
  reply: FastifyReply,
  run: () => Promise<T>,
): Promise<FastifyReply> {
  const actor = requireActor(request);
  const key = request.headers['idempotency-key'];
  const result = await once(db, actor.personId, typeof key === 'string' ? key : undefined, 201, run);
  if (result.replayed) reply.header('idempotent-replayed', 'true');
  return reply.status(201).send(result.body);
}
