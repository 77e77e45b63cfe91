import { and, eq, gt, isNull } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import type { CredentialStore } from '../../platform/auth/auth.plugin.js';
import { loadActor } from '../directory/index.js';
import { apiTokens, sessions } from './auth.table.js';

/** Where the platform's auth plugin finds sessions, API tokens and the people behind them. */
export function credentialStore(db: Db): CredentialStore {
  return {
    async session(tokenHash) {
      const [session] = await db
        .select({ id: sessions.id, personId: sessions.personId, csrfToken: sessions.csrfToken })
        .from(sessions)
        .where(and(eq(sessions.tokenHash, tokenHash), gt(sessions.expiresAt, new Date())));
      return session ?? null;
    },
    async apiToken(tokenHash) {
      const [token] = await db
        .update(apiTokens)
        .set({ lastUsedAt: new Date() })
        .where(and(eq(apiTokens.tokenHash, tokenHash), isNull(apiTokens.revokedAt)))
        .returning({ personId: apiTokens.personId });
      return token ?? null;
    },
    actor: (personId) => loadActor(db, personId),
  };
}
