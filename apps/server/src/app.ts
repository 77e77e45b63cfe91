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
import { agentsRoutes, createAgentsModule } from './modules/agents/index.js';
import { authRoutes, createAuthService, credentialStore } from './modules/auth/index.js';
import { cmdbImpactRoutes, createImpactService } from './modules/cmdb/impact/index.js';
import { cmdbImportRoutes, createImportService } from './modules/cmdb/import/index.js';
import { cmdbRoutes, createCmdbService } from './modules/cmdb/index.js';
import { cmdbMajorIncidentRoutes, createMajorIncidentService } from './modules/cmdb/major/index.js';
import { cockpitRoutes, createCockpitModule } from './modules/cockpit/index.js';
import { directoryRoutes } from './modules/directory/directory.routes.js';
import { healthRoutes } from './modules/health/health.routes.js';
import { createImprovementService, improvementRoutes } from './modules/improvement/index.js';
import {
  createNotificationConsumer,
  createNotificationService,
  notificationRoutes,
} from './modules/notifications/index.js';
import { createRemoteService, RemoteRooms, remoteRoutes } from './modules/remote/index.js';
import { createReportsModule, reportRoutes } from './modules/reports/index.js';
import { createSatisfactionService, satisfactionRoutes } from './modules/satisfaction/index.js';
import { createSlaModule, type SlaTimer, slaRoutes } from './modules/slas/index.js';
import { ticketRoutes } from './modules/tickets/ticket.routes.js';
import { createTicketService } from './modules/tickets/ticket.service.js';
import { createWebhooksModule, webhookRoutes } from './modules/webhooks/index.js';
import { authPlugin, CredentialCache } from './platform/auth/auth.plugin.js';
import { newToken } from './platform/auth/secrets.js';
import { type Clock, systemClock } from './platform/clock.js';
import { AppError } from './platform/errors.js';
import { type DomainEvent, EVENTS_CHANNEL } from './platform/events/events.js';
import { Hub } from './platform/events/hub.js';
import { createOutboxDispatcher, type OutboxDispatcher } from './platform/events/outbox-consumer.js';
import { streamRoutes } from './platform/events/stream.routes.js';
import { createFileStore } from './platform/files/file-store.js';
import { registerErrorHandler } from './platform/http/error-handler.js';
import { JobQueue } from './platform/jobs/job-queue.js';
import { defineMailJob } from './platform/mail/mail.job.js';
import { createMailer } from './platform/mail/mail-transport.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** the modules' job queue; started by main.ts (or a test) once the app is built */
    jobs: JobQueue;
    /** the outbox consumers (clocks, notifications, webhooks); tests run a pass with dispatchOnce() */
    outbox: OutboxDispatcher;
    /** the service-level timers, for operators' tools and tests on a hand-moved clock */
    slaTimer: SlaTimer;
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

  // durable consumers of the outbox (notifications, webhooks), run by the job queue
  const outbox = createOutboxDispatcher({ db, jobs, log: app.log });
  app.decorate('outbox', outbox);
  const mailer = createMailer({ smtpUrl: config.smtpUrl, from: config.mailFrom, log: app.log });
  defineMailJob({ db, jobs, mailer });

  const hub = new Hub();
  const unlisten = await database.listen(EVENTS_CHANNEL, (payload) => {
    try {
      const event = JSON.parse(payload) as DomainEvent;
      hub.deliver(event);
      outbox.wake(event.topic);
    } catch (err) {
      app.log.warn({ err }, 'dropped a malformed event');
    }
  });
  app.addHook('onClose', async () => {
    outbox.stop();
    mailer.close();
    await unlisten();
  });

  const files = createFileStore(join(config.dataDir, 'files'));
  const slas = createSlaModule({ db, clock, jobs });
  app.decorate('slaTimer', slas.timer);
  const tickets = createTicketService({
    db,
    clock,
    files,
    maxUploadBytes: config.maxUploadBytes,
    clocks: slas.clocks,
  });
  const auth = createAuthService({ db, clock, sessionHours: config.sessionHours });
  const webhooks = createWebhooksModule({
    db,
    clock,
    jobs,
    baseUrl: config.publicUrl,
    // tests watch a retry happen: seconds instead of the production back-off
    retry: config.env === 'test' ? { retryDelay: 1, retryDelayMax: 2 } : undefined,
  });
  const notifications = createNotificationService({ db, clock });
  // clocks first: queues get their time left before anything else reads the batch
  outbox.register(slas.starter);
  outbox.register(createNotificationConsumer({ jobs, mailer, publicUrl: config.publicUrl, log: app.log }));
  outbox.register(webhooks.consumer);
  const cockpit = createCockpitModule({ db, clock, jobs });
  outbox.register(cockpit.consumer);
  const reports = createReportsModule({ db, clock, jobs, mailEnabled: mailer.enabled, log: app.log });
  await outbox.init();

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
      await api.register(slaRoutes, slas);
      await api.register(directoryRoutes, { db, clock, cache });
      await api.register(streamRoutes, { hub });
      await api.register(notificationRoutes, { notifications });
      await api.register(webhookRoutes, { webhooks: webhooks.service });
      await api.register(cmdbRoutes, { cmdb: createCmdbService({ db, clock }), db });
      await api.register(cmdbImportRoutes, { imports: createImportService({ db, clock }), db });
      await api.register(cmdbImpactRoutes, { impact: createImpactService({ db }) });
      await api.register(cockpitRoutes, cockpit);
      await api.register(reportRoutes, reports);
      await api.register(cmdbMajorIncidentRoutes, {
        major: createMajorIncidentService({ db, clock, grouping: tickets }),
      });
      await api.register(satisfactionRoutes, { satisfaction: createSatisfactionService({ db, clock }) });
      await api.register(improvementRoutes, { improvement: createImprovementService({ db, clock }), db });
      const agentsModule = createAgentsModule({ db, clock, log: app.log, publicUrl: config.publicUrl });
      api.addHook('onClose', async () => agentsModule.close());
      await api.register(agentsRoutes, agentsModule);
      const remoteRooms = new RemoteRooms();
      const remote = createRemoteService({
        db,
        clock,
        files,
        rooms: remoteRooms,
        maxUploadBytes: config.maxUploadBytes,
        publicUrl: config.publicUrl,
        iceServers: config.iceServers,
        attach: (actor, number, file) => tickets.attach(actor, number, file),
      });
      await api.register(remoteRoutes, {
        remote,
        rooms: remoteRooms,
        // tests watch an abandoned session end: a moment instead of the production grace
        senderGraceMs: config.env === 'test' ? 300 : 30_000,
      });
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
  // two processes starting on an empty database: the loser's statement sees neither row, so ask again
  for (let attempt = 0; attempt < 3; attempt++) {
    const { rows } = await database.db.execute<{ value: string }>(sql`
      with ins as (
        insert into settings (key, value) values ('cookie_secret', to_jsonb(${candidate}::text))
        on conflict (key) do nothing returning value
      )
      select value #>> '{}' as value from ins
      union all select value #>> '{}' from settings where key = 'cookie_secret'
      limit 1`);
    const secret = rows[0]?.value;
    if (secret) return secret;
  }
  throw new Error('could not read the cookie secret');
}
