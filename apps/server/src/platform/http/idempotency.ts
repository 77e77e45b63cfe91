import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
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
