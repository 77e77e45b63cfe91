import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyCookie from '@fastify/cookie';
import fastifyHelmet from '@fastify/helmet';
import fastifyMultipart from '@fastify/multipart';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import fastifyWebsocket from '@fastify/websocket';
import { sql } from 'drizzle-orm';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import type { Config } from './config/config.js';
import type { Database } from './db/client.js';
import { authRoutes, createAuthService, credentialStore } from './modules/auth/index.js';
import { directoryRoutes } from './modules/directory/directory.routes.js';
import { healthRoutes } from './modules/health/health.routes.js';
import { ticketRoutes } from './modules/tickets/ticket.routes.js';
import { createTicketService } from './modules/tickets/ticket.service.js';
import { authPlugin, CredentialCache } from './platform/auth/auth.plugin.js';
import { newToken } from './platform/auth/secrets.js';
import { type Clock, systemClock } from './platform/clock.js';
import { AppError } from './platform/errors.js';
import { type DomainEvent, EVENTS_CHANNEL } from './platform/events/events.js';
import { Hub } from './platform/events/hub.js';
import { streamRoutes } from './platform/events/stream.routes.js';
import { createFileStore } from './platform/files/file-store.js';
import { registerErrorHandler } from './platform/http/error-handler.js';
import { JobQueue } from './platform/jobs/job-queue.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** the modules' job queue; started by main.ts (or a test) once the app is built */
    jobs: JobQueue;
  }
}

export interface AppOptions {
  config: Config;
  database: Database;
  clock?: Clock;
  logger?: FastifyServerOptions['logger'];
  /** folder of the built web app; served with an SPA fallback when present */
  webRoot?: string | null;
}

const defaultWebRoot = () => {
  const here = dirname(fileURLToPath(import.meta.url));
  const dist = join(here, '..', '..', 'web', 'dist');
  return existsSync(join(dist, 'index.html')) ? dist : null;
};

/** Builds the whole app; tests build it in-process and use inject(). */
export async function buildApp(opts: AppOptions): Promise<FastifyInstance> {
  const { config, database } = opts;
  const clock = opts.clock ?? systemClock;
  const { db } = database;
  const app = Fastify({
    logger: opts.logger ?? false,
    bodyLimit: 1024 * 1024,
    trustProxy: true,
    requestIdHeader: 'x-request-id',
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerErrorHandler(app);
  const jobs = new JobQueue();
  app.decorate('jobs', jobs);

  await app.register(fastifyHelmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        styleSrc: ["'self'", "'unsafe-inline'"],
        connectSrc: ["'self'", 'ws:', 'wss:'],
        upgradeInsecureRequests: null,
      },
    },
  });
  await app.register(fastifyCookie, { secret: await cookieSecret(database) });
  await app.register(fastifyRateLimit, { global: false });
  await app.register(fastifyMultipart, { limits: { fileSize: config.maxUploadBytes, files: 1, fields: 5 } });
  await app.register(fastifyWebsocket, { options: { maxPayload: 64 * 1024 } });
  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'Guichet API',
        version: '1.0.0',
        description: 'IT service management for public administrations',
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'guichet_session' },
          bearer: { type: 'http', scheme: 'bearer' },
        },
      },
      security: [{ session: [] }, { bearer: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs' });
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  const cache = new CredentialCache();
  await app.register(authPlugin, { store: credentialStore(db), cache });

  const hub = new Hub();
  const unlisten = await database.listen(EVENTS_CHANNEL, (payload) => {
    try {
      hub.deliver(JSON.parse(payload) as DomainEvent);
    } catch (err) {
      app.log.warn({ err }, 'dropped a malformed event');
    }
  });
  app.addHook('onClose', async () => {
    await unlisten();
  });

  const files = createFileStore(join(config.dataDir, 'files'));
  const tickets = createTicketService({ db, clock, files, maxUploadBytes: config.maxUploadBytes });
  const auth = createAuthService({ db, clock, sessionHours: config.sessionHours });

  await app.register(
    async (api) => {
      await api.register(healthRoutes, { db });
      await api.register(authRoutes, {
        auth,
        cache,
        cookieSecure: config.cookieSecure,
        sessionHours: config.sessionHours,
      });
      await api.register(ticketRoutes, { tickets, db });
      await api.register(directoryRoutes, { db, clock, cache });
      await api.register(streamRoutes, { hub });
    },
    { prefix: '/api/v1' },
  );

  const webRoot = opts.webRoot === undefined ? defaultWebRoot() : opts.webRoot;
  if (webRoot) {
    await app.register(fastifyStatic, { root: webRoot, wildcard: false });
  }
  app.setNotFoundHandler((request, reply) => {
    if (webRoot && request.method === 'GET' && !request.url.startsWith('/api')) {
      return reply.sendFile('index.html');
    }
    throw new AppError('not_found', `No route ${request.method} ${request.url.split('?')[0]}`);
  });
  return app;
}

/** The cookie-signing secret lives in the database, so every process of a deployment shares it. */
async function cookieSecret(database: Database): Promise<string> {
  const candidate = newToken();
  const { rows } = await database.db.execute<{ value: string }>(sql`
    with ins as (
      insert into settings (key, value) values ('cookie_secret', to_jsonb(${candidate}::text))
      on conflict (key) do nothing returning value
    )
    select value #>> '{}' as value from ins
    union all select value #>> '{}' from settings where key = 'cookie_secret'
    limit 1`);
  const secret = rows[0]?.value;
  if (!secret) throw new Error('could not read the cookie secret');
  return secret;
}
