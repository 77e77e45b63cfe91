import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../apps/server/src/app.js';
import { loadConfig } from '../../apps/server/src/config/config.js';
import { startJobs } from '../../apps/server/src/platform/jobs/jobs.js';
import type { Target } from './databases.js';

export interface RunningServer {
  app: FastifyInstance;
  baseUrl: string;
  close(): Promise<void>;
}

/** The real app on a real port, as production runs it: with its job queue, no request logging. */
export async function startServer(target: Target): Promise<RunningServer> {
  const config = loadConfig({ NODE_ENV: 'production', DATA_DIR: target.dataDir, LOG_LEVEL: 'silent' });
  const app = await buildApp({ config, database: target.database, webRoot: null, logger: false });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const quiet = { info() {}, error: (err: unknown) => console.error('job queue:', err) };
  await app.jobs.start(
    await startJobs({ database: target.database, databaseUrl: target.url ?? undefined, log: quiet }),
  );
  const { port } = app.server.address() as AddressInfo;
  return {
    app,
    baseUrl: `http://127.0.0.1:${port}`,
    close: async () => {
      await app.jobs.stop();
      await app.close();
    },
  };
}

/** Signs in with the demo password and creates an API token: `Authorization: Bearer` needs no CSRF. */
export async function apiToken(baseUrl: string, email: string): Promise<string> {
  const login = await fetch(`${baseUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: 'demo' }),
  });
  if (login.status !== 200) throw new Error(`login ${email}: ${login.status} ${await login.text()}`);
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const created = await fetch(`${baseUrl}/api/v1/auth/tokens`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrfToken },
    body: JSON.stringify({ name: `bench ${new Date().toISOString()}` }),
  });
  if (created.status !== 201 && created.status !== 200) {
    throw new Error(`token for ${email}: ${created.status} ${await created.text()}`);
  }
  return ((await created.json()) as { token: string }).token;
}
