import {
  apiTokenCreatedSchema,
  apiTokenCreateSchema,
  apiTokenSchema,
  idSchema,
  loginBodySchema,
  loginResponseSchema,
  meResponseSchema,
  meUpdateSchema,
} from '@guichet/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { toCurrentUser } from '../../platform/auth/actor.js';
import { type CredentialCache, requireActor, SESSION_COOKIE } from '../../platform/auth/auth.plugin.js';
import { AppError } from '../../platform/errors.js';
import type { AuthService } from './auth.service.js';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export async function authRoutes(
  app: FastifyInstance,
  opts: { auth: AuthService; cache: CredentialCache; cookieSecure: boolean; sessionHours: number },
) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { auth } = opts;

  r.post(
    '/auth/login',
    {
      schema: {
        operationId: 'login',
        tags: ['auth'],
        body: loginBodySchema,
        response: { 200: loginResponseSchema },
      },
      config: {
        rateLimit: {
          // after body parsing, so the key can include the e-mail tried
          hook: 'preHandler',
          max: 10,
          timeWindow: '1 minute',
          keyGenerator: (req) => `${req.ip}:${String((req.body as { email?: unknown })?.email ?? '')}`,
        },
      },
    },
    async (request, reply) => {
      const { actor, token, csrfToken } = await auth.login(request.body.email, request.body.password);
      reply.setCookie(SESSION_COOKIE, token, {
        path: '/',
        httpOnly: true,
        sameSite: 'lax',
        secure: opts.cookieSecure,
        signed: true,
        maxAge: opts.sessionHours * 3600,
      });
      return { user: toCurrentUser(actor), csrfToken };
    },
  );

  r.post(
    '/auth/logout',
    { schema: { operationId: 'logout', tags: ['auth'], response: { 204: z.null() } } },
    async (request, reply) => {
      const credential = request.credential;
      if (credential?.sessionId) await auth.logout(credential.sessionId);
      opts.cache.clear();
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.status(204).send(null);
    },
  );

  r.get(
    '/auth/me',
    { schema: { operationId: 'me', tags: ['auth'], response: { 200: meResponseSchema } } },
    async (request) => {
      const actor = requireActor(request);
      return { user: toCurrentUser(actor), csrfToken: request.credential?.csrfToken ?? null };
    },
  );

  r.patch(
    '/auth/me',
    {
      schema: {
        operationId: 'updateMe',
        tags: ['auth'],
        body: meUpdateSchema,
        response: { 200: meResponseSchema },
      },
    },
    async (request) => {
      const actor = await auth.updateMe(requireActor(request), request.body);
      opts.cache.clear();
      return { user: toCurrentUser(actor), csrfToken: request.credential?.csrfToken ?? null };
    },
  );

  r.get(
    '/auth/tokens',
    { schema: { operationId: 'listApiTokens', tags: ['auth'], response: { 200: z.array(apiTokenSchema) } } },
    async (request) => {
      const rows = await auth.listTokens(requireActor(request));
      return rows.map((t) => ({ ...t, createdAt: t.createdAt.toISOString(), lastUsedAt: iso(t.lastUsedAt) }));
    },
  );

  r.post(
    '/auth/tokens',
    {
      schema: {
        operationId: 'createApiToken',
        tags: ['auth'],
        body: apiTokenCreateSchema,
        response: { 201: apiTokenCreatedSchema },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      if (request.credential?.via !== 'session') {
        throw new AppError('forbidden', 'API tokens are created from a signed-in session');
      }
      const t = await auth.createToken(actor, request.body.name);
      return reply.status(201).send({ ...t, createdAt: t.createdAt.toISOString() });
    },
  );

  r.delete(
    '/auth/tokens/:id',
    {
      schema: {
        operationId: 'revokeApiToken',
        tags: ['auth'],
        params: z.object({ id: idSchema }),
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      await auth.revokeToken(requireActor(request), request.params.id);
      opts.cache.clear();
      return reply.status(204).send(null);
    },
  );
}
