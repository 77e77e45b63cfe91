import { and, eq, gt, isNull } from 'drizzle-orm';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { Db } from '../../db/client.js';
import { AppError } from '../errors.js';
import { type Actor, loadActor } from './actor.js';
import { apiTokens, sessions } from './auth.table.js';
import { safeEqual, sha256 } from './secrets.js';

export const SESSION_COOKIE = 'guichet_session';

interface Credential {
  actor: Actor;
  via: 'session' | 'token';
  csrfToken: string | null;
  sessionId: number | null;
}

declare module 'fastify' {
  interface FastifyRequest {
    credential: Credential | null;
  }
}

/**
 * Resolved credentials are cached a few seconds per token hash: it saves two queries on every
 * request. Logout and role changes clear this process's cache; other processes see them within the TTL.
 */
const CACHE_TTL_MS = 5_000;

export class CredentialCache {
  private readonly entries = new Map<string, { value: Credential; expires: number }>();
  get(key: string): Credential | undefined {
    const hit = this.entries.get(key);
    if (!hit || hit.expires < Date.now()) return undefined;
    return hit.value;
  }
  set(key: string, value: Credential): void {
    if (this.entries.size > 10_000) this.entries.clear();
    this.entries.set(key, { value, expires: Date.now() + CACHE_TTL_MS });
  }
  clear(): void {
    this.entries.clear();
  }
}

async function resolveCredential(db: Db, request: FastifyRequest): Promise<Credential | null> {
  const header = request.headers.authorization;
  if (header?.startsWith('Bearer ')) {
    const tokenHash = sha256(header.slice(7).trim());
    const [token] = await db
      .select({ id: apiTokens.id, personId: apiTokens.personId })
      .from(apiTokens)
      .where(and(eq(apiTokens.tokenHash, tokenHash), isNull(apiTokens.revokedAt)));
    if (!token) throw new AppError('unauthenticated', 'Invalid or revoked API token');
    const actor = await loadActor(db, token.personId);
    if (!actor) throw new AppError('unauthenticated', 'Account disabled');
    await db.update(apiTokens).set({ lastUsedAt: new Date() }).where(eq(apiTokens.id, token.id));
    return { actor, via: 'token', csrfToken: null, sessionId: null };
  }
  const raw = request.cookies[SESSION_COOKIE];
  if (!raw) return null;
  const unsigned = request.unsignCookie(raw);
  if (!unsigned.valid || !unsigned.value) return null;
  const [session] = await db
    .select({ id: sessions.id, personId: sessions.personId, csrfToken: sessions.csrfToken })
    .from(sessions)
    .where(and(eq(sessions.tokenHash, sha256(unsigned.value)), gt(sessions.expiresAt, new Date())));
  if (!session) return null;
  const actor = await loadActor(db, session.personId);
  if (!actor) return null;
  return { actor, via: 'session', csrfToken: session.csrfToken, sessionId: session.id };
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export const authPlugin = fp(async (app: FastifyInstance, opts: { db: Db; cache: CredentialCache }) => {
  app.decorateRequest('credential', null);
  app.addHook('onRequest', async (request) => {
    if (!request.url.startsWith('/api/')) return;
    const key = request.headers.authorization ?? request.cookies[SESSION_COOKIE];
    if (!key) return;
    const cached = opts.cache.get(key);
    const credential = cached ?? (await resolveCredential(opts.db, request));
    if (credential && !cached) opts.cache.set(key, credential);
    request.credential = credential;
    if (credential?.via === 'session' && !SAFE_METHODS.has(request.method)) {
      const sent = request.headers['x-csrf-token'];
      if (typeof sent !== 'string' || !credential.csrfToken || !safeEqual(sent, credential.csrfToken)) {
        throw new AppError('csrf_failed', 'Send the token from the login answer in the x-csrf-token header');
      }
    }
  });
});

/** The authenticated actor, or a 401. */
export function requireActor(request: FastifyRequest): Actor {
  if (!request.credential) throw new AppError('unauthenticated', 'Sign in first');
  return request.credential.actor;
}
