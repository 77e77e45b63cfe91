import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { AppError } from '../errors.js';
import type { Actor } from './actor.js';
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

/** The lookups the plugin needs, provided by the auth and directory modules. */
export interface CredentialStore {
  session(tokenHash: string): Promise<{ id: number; personId: number; csrfToken: string } | null>;
  /** an unrevoked token's owner; records the use */
  apiToken(tokenHash: string): Promise<{ personId: number } | null>;
  actor(personId: number): Promise<Actor | null>;
}

async function resolveCredential(
  store: CredentialStore,
  request: FastifyRequest,
): Promise<Credential | null> {
  const header = request.headers.authorization;
  if (header?.startsWith('Bearer ')) {
    const token = await store.apiToken(sha256(header.slice(7).trim()));
    if (!token) throw new AppError('unauthenticated', 'Invalid or revoked API token');
    const actor = await store.actor(token.personId);
    if (!actor) throw new AppError('unauthenticated', 'Account disabled');
    return { actor, via: 'token', csrfToken: null, sessionId: null };
  }
  const raw = request.cookies[SESSION_COOKIE];
  if (!raw) return null;
  const unsigned = request.unsignCookie(raw);
  if (!unsigned.valid || !unsigned.value) return null;
  const session = await store.session(sha256(unsigned.value));
  if (!session) return null;
  const actor = await store.actor(session.personId);
  if (!actor) return null;
  return { actor, via: 'session', csrfToken: session.csrfToken, sessionId: session.id };
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export const authPlugin = fp(
  async (app: FastifyInstance, opts: { store: CredentialStore; cache: CredentialCache }) => {
    app.decorateRequest('credential', null);
    app.addHook('onRequest', async (request) => {
      if (!request.url.startsWith('/api/')) return;
      const key = request.headers.authorization ?? request.cookies[SESSION_COOKIE];
      if (!key) return;
      const cached = opts.cache.get(key);
      const credential = cached ?? (await resolveCredential(opts.store, request));
      if (credential && !cached) opts.cache.set(key, credential);
      request.credential = credential;
      if (credential?.via === 'session' && !SAFE_METHODS.has(request.method)) {
        const sent = request.headers['x-csrf-token'];
        if (typeof sent !== 'string' || !credential.csrfToken || !safeEqual(sent, credential.csrfToken)) {
          throw new AppError(
            'csrf_failed',
            'Send the token from the login answer in the x-csrf-token header',
          );
        }
      }
    });
  },
);

/** The authenticated actor, or a 401. */
export function requireActor(request: FastifyRequest): Actor {
  if (!request.credential) throw new AppError('unauthenticated', 'Sign in first');
  return request.credential.actor;
}
