import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { inject } from 'vitest';
import { buildApp } from '../app.js';
import { loadConfig } from '../config/config.js';
import { type Database, openDatabase } from '../db/client.js';
import type { Clock } from '../platform/clock.js';
import { startJobs } from '../platform/jobs/jobs.js';
import { clonePgDatabase } from './pg-clone.js';

export interface TestContext {
  app: FastifyInstance;
  database: Database;
  /** this file's own PostgreSQL database (a copy of DATABASE_URL's); undefined on PGlite */
  databaseUrl: string | undefined;
  dataDir: string;
  close(): Promise<void>;
}

/** The real app on a real database of its own: a copy of the migrated PGlite template, or of DATABASE_URL. */
export async function startTestApp(
  /** jobs: start the job queue (pg-boss) and the modules' workers, as main.ts does */
  opts: { clock?: Clock; env?: Record<string, string>; jobs?: boolean } = {},
): Promise<TestContext> {
  const dataDir = mkdtempSync(join(tmpdir(), 'guichet-test-'));
  const template = process.env.DATABASE_URL;
  let database: Database;
  let dropClone = async () => {};
  let url: string | undefined;
  if (template) {
    const clone = await clonePgDatabase(template);
    url = clone.url;
    dropClone = clone.drop;
    database = await openDatabase({ url });
  } else {
    const pgliteDir = join(dataDir, 'pglite');
    cpSync(inject('pgliteTemplate'), pgliteDir, { recursive: true });
    database = await openDatabase({ pgliteDir });
  }
  const config = loadConfig({ NODE_ENV: 'test', DATA_DIR: dataDir, ...opts.env });
  const logger = process.env.TEST_LOG ? { level: process.env.TEST_LOG } : false;
  const app = await buildApp({ config, database, clock: opts.clock, webRoot: null, logger });
  await app.ready();
  if (opts.jobs) {
    const silent = { info() {}, error() {} };
    await app.jobs.start(await startJobs({ database, databaseUrl: url, log: silent }));
  }
  return {
    app,
    database,
    databaseUrl: url,
    dataDir,
    async close() {
      await app.jobs.stop();
      await app.close();
      await database.close();
      await dropClone();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export interface Session {
  personId: number;
  cookie: string;
  csrfToken: string;
  /** headers for a cookie-authenticated write */
  headers: Record<string, string>;
}

export async function login(app: FastifyInstance, email: string, password = TEST_PASSWORD): Promise<Session> {
  const res = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password } });
  if (res.statusCode !== 200) throw new Error(`login ${email} failed: ${res.statusCode} ${res.body}`);
  const cookie = res.cookies.find((c) => c.name === 'guichet_session');
  if (!cookie) throw new Error('no session cookie');
  const body = res.json() as { user: { id: number }; csrfToken: string };
  const cookieHeader = `guichet_session=${cookie.value}`;
  return {
    personId: body.user.id,
    cookie: cookieHeader,
    csrfToken: body.csrfToken,
    headers: { cookie: cookieHeader, 'x-csrf-token': body.csrfToken },
  };
}

export const TEST_PASSWORD = 'correct horse battery';

/** Shorthand for JSON calls as a session. */
export function as(app: FastifyInstance, session: Session | null) {
  const call = (
    method: 'GET' | 'POST' | 'PATCH' | 'DELETE' | 'PUT',
    url: string,
    payload?: unknown,
    headers = {},
  ) =>
    app.inject({
      method,
      url,
      ...(payload === undefined ? {} : { payload: payload as object }),
      headers: { ...(session?.headers ?? {}), ...headers },
    }) as Promise<LightMyRequestResponse>;
  return {
    get: (url: string, headers?: Record<string, string>) => call('GET', url, undefined, headers),
    post: (url: string, payload?: unknown, headers?: Record<string, string>) =>
      call('POST', url, payload ?? {}, headers),
    patch: (url: string, payload: unknown, headers?: Record<string, string>) =>
      call('PATCH', url, payload, headers),
    put: (url: string, payload: unknown, headers?: Record<string, string>) =>
      call('PUT', url, payload, headers),
    delete: (url: string, headers?: Record<string, string>) => call('DELETE', url, undefined, headers),
  };
}

/** A clock tests move by hand. */
export function manualClock(start = new Date('2026-03-02T09:00:00Z')) {
  let now = start.getTime();
  return {
    now: () => new Date(now),
    advance(ms: number) {
      now += ms;
    },
    set(d: Date) {
      now = d.getTime();
    },
  };
}
