import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import type { Actor } from '../../platform/auth/actor.js';
import { newToken, sha256, verifyPassword } from '../../platform/auth/secrets.js';
import type { Clock } from '../../platform/clock.js';
import { AppError, notFound } from '../../platform/errors.js';
import { loadActor, people } from '../directory/index.js';
import { apiTokens, sessions } from './auth.table.js';

const MAX_FAILED_LOGINS = 5;
const LOCK_MINUTES = 15;

export interface AuthServiceDeps {
  db: Db;
  clock: Clock;
  sessionHours: number;
}

export function createAuthService({ db, clock, sessionHours }: AuthServiceDeps) {
  return {
    /** Checks the password, locks the account after repeated failures, opens a session. */
    async login(
      email: string,
      password: string,
    ): Promise<{ actor: Actor; token: string; csrfToken: string }> {
      const [person] = await db
        .select({
          id: people.id,
          passwordHash: people.passwordHash,
          lockedUntil: people.lockedUntil,
          active: people.active,
        })
        .from(people)
        .where(eq(sql`lower(${people.email})`, email.toLowerCase()));
      const now = clock.now();
      if (person?.lockedUntil && person.lockedUntil > now) {
        throw new AppError('too_many_requests', 'Too many failed attempts: try again later');
      }
      const ok = await verifyPassword(person?.passwordHash ?? null, password);
      if (!person || !ok || !person.active) {
        if (person) {
          await db
            .update(people)
            .set({
              failedLogins: sql`${people.failedLogins} + 1`,
              lockedUntil: sql`case when ${people.failedLogins} + 1 >= ${MAX_FAILED_LOGINS}
                then ${new Date(now.getTime() + LOCK_MINUTES * 60_000).toISOString()}::timestamptz else null end`,
            })
            .where(eq(people.id, person.id));
        }
        throw new AppError('unauthenticated', 'Wrong e-mail or password');
      }
      const actor = await loadActor(db, person.id);
      if (!actor) throw new AppError('unauthenticated', 'Wrong e-mail or password');
      const token = newToken();
      const csrfToken = newToken();
      await db.transaction(async (tx) => {
        await tx.update(people).set({ failedLogins: 0, lockedUntil: null }).where(eq(people.id, person.id));
        await tx.insert(sessions).values({
          tokenHash: sha256(token),
          personId: person.id,
          csrfToken,
          expiresAt: new Date(now.getTime() + sessionHours * 3_600_000),
        });
      });
      return { actor, token, csrfToken };
    },

    /** A person's own preferences; for now the interface language. */
    async updateMe(actor: Actor, patch: { language: 'fr' | 'en' }): Promise<Actor> {
      await db.update(people).set({ language: patch.language }).where(eq(people.id, actor.personId));
      const updated = await loadActor(db, actor.personId);
      if (!updated) throw new AppError('unauthenticated', 'Account disabled');
      return updated;
    },

    async logout(sessionId: number): Promise<void> {
      await db.delete(sessions).where(eq(sessions.id, sessionId));
    },

    async listTokens(actor: Actor) {
      return db
        .select({
          id: apiTokens.id,
          name: apiTokens.name,
          createdAt: apiTokens.createdAt,
          lastUsedAt: apiTokens.lastUsedAt,
        })
        .from(apiTokens)
        .where(and(eq(apiTokens.personId, actor.personId), isNull(apiTokens.revokedAt)))
        .orderBy(apiTokens.id);
    },

    async createToken(actor: Actor, name: string) {
      const token = newToken('gch_');
      const [row] = await db
        .insert(apiTokens)
        .values({ personId: actor.personId, name, tokenHash: sha256(token) })
        .returning();
      if (!row) throw new Error('token insert returned nothing');
      return { id: row.id, name: row.name, createdAt: row.createdAt, lastUsedAt: null, token };
    },

    async revokeToken(actor: Actor, id: number): Promise<void> {
      const revoked = await db
        .update(apiTokens)
        .set({ revokedAt: clock.now() })
        .where(and(eq(apiTokens.id, id), eq(apiTokens.personId, actor.personId), isNull(apiTokens.revokedAt)))
        .returning({ id: apiTokens.id });
      if (revoked.length === 0) throw notFound('API token');
    },
  };
}
export type AuthService = ReturnType<typeof createAuthService>;
