import type { AddressInfo } from 'node:net';
import type { AgentSession, CiEvent, CiSummary, EnrolmentTokenCreated } from '@guichet/contracts';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { auditLog } from '../../server/src/platform/audit/audit.table.js';
import { createPerson, createWorld, emailOf, type World } from '../../server/src/test/factories.js';
// the template database the server's global setup provides (its ProvidedContext declaration)
import type {} from '../../server/src/test/global-setup.js';
import { as, login, type Session, startTestApp, type TestContext } from '../../server/src/test/harness.js';
import { type AgentDeps, type ConsentRequest, WorkstationAgent } from './agent.js';
import type { AgentConfig } from './config.js';
import { enrol } from './enrol.js';
import type { Inventory } from './inventory.js';
import { loadPty } from './terminal.js';

/**
 * The real server (test database, listening on a local port) and real agents in-process: enrolment,
 * inventory into the CMDB, a terminal with consent whose command and output land in the history,
 * consent refused, consent given in the portal, scope, revocation.
 */
let ctx: TestContext;
let world: World;
let server: string;
let admin: Session;
let pessacTech: Session;
let merignacTech: Session;
let coordinator: Session;
let user: Session;
let userLogin: string;
const agents: WorkstationAgent[] = [];

async function until<T>(
  what: string,
  probe: () => Promise<T | undefined | null | false>,
  ms = 15_000,
): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

function inventory(
  hostname: string,
  serial: string,
  software: { name: string; version: string }[],
): Inventory {
  return {
    hostname,
    collectedAt: new Date().toISOString(),
    hardware: {
      manufacturer: 'Dell Inc.',
      model: 'OptiPlex 7010',
      serialNumber: serial,
      cpu: { brand: 'Intel Core i5', cores: 4 },
      memoryBytes: 16 * 1024 ** 3,
      disks: [{ name: '/dev/sda', type: 'disk', sizeBytes: 256e9, usedBytes: null, mount: null }],
      os: { platform: 'linux', distro: 'Debian GNU/Linux', release: '12', kernel: '6.1', arch: 'x64' },
      network: [{ iface: 'eth0', mac: '00:11:22:33:44:55', ip4: '10.1.2.3', ip6: '', isDefault: true }],
    },
    software,
  };
}

interface TestAgent {
  agent: WorkstationAgent;
  agentId: number;
  config: AgentConfig;
  report: { current: Inventory };
  /** what the agent's local prompt answers; null: it does not answer (the portal does) */
  consent: { answer: boolean | null; asked: ConsentRequest[] };
}

async function newToken(entityId: number, maxUses = 5): Promise<EnrolmentTokenCreated> {
  const res = await as(ctx.app, admin).post('/api/v1/agents/enrolment-tokens', {
    entityId,
    label: 'Postes de test',
    maxUses,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as EnrolmentTokenCreated;
}

async function startAgent(
  entityId: number,
  hostname: string,
  serial: string,
  deps: Partial<AgentDeps> = {},
): Promise<TestAgent & { token: EnrolmentTokenCreated }> {
  const token = await newToken(entityId);
  const enrolled = await enrol({ server, token: token.token, hostname, serialNumber: serial });
  const config: AgentConfig = {
    server,
    agentId: enrolled.agentId,
    secret: enrolled.secret,
    entity: enrolled.entity,
    inventoryHours: 6,
    loggedInUser: userLogin,
  };
  const report = { current: inventory(hostname, serial, [{ name: 'bash', version: '5.2' }]) };
  const consent: TestAgent['consent'] = { answer: true, asked: [] };
  const agent = new WorkstationAgent({
    config,
    collectInventory: async () => report.current,
    loggedInUser: async () => userLogin,
    pty: await loadPty(),
    consent: (request) => {
      consent.asked.push(request);
      return consent.answer === null ? new Promise<boolean>(() => {}) : Promise.resolve(consent.answer);
    },
    ...deps,
  });
  agents.push(agent);
  agent.start();
  await agent.connected();
  return { agent, agentId: enrolled.agentId, config, report, consent, token };
}

async function findItem(session: Session, hostname: string): Promise<CiSummary | undefined> {
  const res = await as(ctx.app, session).get(`/api/v1/cmdb/items?q=${encodeURIComponent(hostname)}`);
  return (res.json() as { items: CiSummary[] }).items.find((i) => i.hostname === hostname);
}

const getSession = async (id: number) =>
  (await as(ctx.app, pessacTech).get(`/api/v1/agents/sessions/${id}`)).json() as AgentSession;

beforeAll(async () => {
  ctx = await startTestApp();
  world = await createWorld(ctx.database.db);
  await ctx.app.listen({ port: 0, host: '127.0.0.1' });
  server = `http://127.0.0.1:${(ctx.app.server.address() as AddressInfo).port}`;
  const merignacAgent = await createPerson(ctx.database.db, {
    entityId: world.merignac.id,
    roles: [['agent', world.merignac.id]],
  });
  admin = await login(ctx.app, await emailOf(ctx.database.db, world.admin.id));
  pessacTech = await login(ctx.app, await emailOf(ctx.database.db, world.pessacAgent.id));
  merignacTech = await login(ctx.app, await emailOf(ctx.database.db, merignacAgent.id));
  coordinator = await login(ctx.app, await emailOf(ctx.database.db, world.coordinator.id));
  const userEmail = await emailOf(ctx.database.db, world.requesterPessac.id);
  user = await login(ctx.app, userEmail);
  userLogin = userEmail.split('@')[0] ?? userEmail;
}, 120_000);

afterAll(async () => {
  await Promise.all(agents.map((a) => a.stop()));
  await ctx?.close();
});

describe('enrolment and inventory', () => {
  it('validates token creation and keeps it for administrators', async () => {
    const bad = await as(ctx.app, admin).post('/api/v1/agents/enrolment-tokens', { entityId: 0, label: '' });
    expect(bad.statusCode).toBe(400);
    const paths = (bad.json() as { errors: { path: string }[] }).errors.map((e) => e.path);
    expect(paths).toEqual(expect.arrayContaining(['body.entityId', 'body.label']));
    const anonymous = await as(ctx.app, null).post('/api/v1/agents/enrolment-tokens', {
      entityId: world.pessac.id,
      label: 'x',
    });
    expect(anonymous.statusCode).toBe(401);
    const byTech = await as(ctx.app, pessacTech).post('/api/v1/agents/enrolment-tokens', {
      entityId: world.pessac.id,
      label: 'x',
    });
    expect(byTech.statusCode).toBe(403);
  });

  it('enrols, creates the workstation item, then reconciles a renamed one by serial number', async () => {
    const serial = `SN-${world.tag}-1`;
    const a = await startAgent(world.pessac.id, `pc-pessac-${world.tag}`, serial);
    const item = await until('the item', () => findItem(pessacTech, `pc-pessac-${world.tag}`));
    expect(item).toMatchObject({
      class: 'workstation',
      serialNumber: serial,
      entity: { id: world.pessac.id },
    });
    // the coordinator sees it, Mérignac's technician does not
    expect(await findItem(coordinator, `pc-pessac-${world.tag}`)).toBeDefined();
    expect(await findItem(merignacTech, `pc-pessac-${world.tag}`)).toBeUndefined();

    a.report.current = inventory(`pc-pessac-${world.tag}-b`, serial, [
      { name: 'bash', version: '5.2' },
      { name: 'libreoffice', version: '7.4' },
    ]);
    await a.agent.reportInventory();
    const renamed = await until('the renamed item', () => findItem(pessacTech, `pc-pessac-${world.tag}-b`));
    expect(renamed.id).toBe(item.id);
    const events = (
      await as(ctx.app, pessacTech).get(`/api/v1/cmdb/items/${item.id}/events`)
    ).json() as CiEvent[];
    expect(events.map((e) => e.kind)).toEqual(['created', 'updated']);
    expect(events[1]?.changes.hostname).toEqual({
      from: `pc-pessac-${world.tag}`,
      to: `pc-pessac-${world.tag}-b`,
    });
    expect(events[1]?.changes.softwareChanged).toEqual({ from: [], to: ['libreoffice 7.4'] });

    const panel = await as(ctx.app, pessacTech).get(`/api/v1/cmdb/items/${item.id}/agent`);
    expect(panel.json()).toMatchObject({ agent: { id: a.agentId, online: true }, softwareCount: 2 });
  });
});

describe('remote sessions', () => {
  let a: Awaited<ReturnType<typeof startAgent>>;
  let itemId: number;
  beforeAll(async () => {
    a = await startAgent(world.pessac.id, `pc-term-${world.tag}`, `SN-${world.tag}-2`);
    itemId = (await until('the item', () => findItem(pessacTech, `pc-term-${world.tag}`))).id;
  });

  it('opens a terminal with the user’s consent, relays a command and records it in the item’s history', async () => {
    a.consent.answer = true;
    const res = await as(ctx.app, pessacTech).post(`/api/v1/agents/${a.agentId}/sessions`, {
      kind: 'terminal',
    });
    expect(res.statusCode, res.body).toBe(201);
    const created = res.json() as AgentSession & { token: string };
    expect(created.status).toBe('pending_consent');
    await until('consent', async () => (await getSession(created.id)).status === 'active');
    expect(a.consent.asked.at(-1)).toMatchObject({ sessionId: created.id, kind: 'terminal' });

    const wsUrl = `${server.replace('http', 'ws')}/api/v1/agents/sessions/${created.id}/terminal?token=${created.token}`;
    const browser = new WebSocket(wsUrl, { headers: { cookie: pessacTech.cookie } });
    let screen = '';
    browser.on('message', (raw) => {
      const m = JSON.parse(raw.toString()) as { type: string; data?: string };
      if (m.type === 'output') screen += m.data;
    });
    await new Promise((resolve, reject) => {
      browser.once('open', resolve);
      browser.once('error', reject);
    });
    browser.send(JSON.stringify({ type: 'input', data: 'echo guichet-$((40+2))\r' }));
    await until('the output', async () => screen.includes('guichet-42'));
    browser.close();
    await until('the end', async () => (await getSession(created.id)).status === 'ended');

    const session = await getSession(created.id);
    const command = session.log.find((l) => l.kind === 'command');
    expect(command?.command).toBe('echo guichet-$((40+2))');
    expect(command?.output).toContain('guichet-42');
    const events = (
      await as(ctx.app, pessacTech).get(`/api/v1/cmdb/items/${itemId}/events`)
    ).json() as CiEvent[];
    const logged = events.find((e) => String(e.changes.remoteCommand?.to ?? '').includes('guichet-42'));
    expect(logged?.actor?.id).toBe(world.pessacAgent.id);
    const audits = await ctx.database.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.targetId, String(created.id)));
    expect(audits.map((r) => r.action)).toContain('agent.session.command');

    // the token was single-use
    const again = new WebSocket(wsUrl, { headers: { cookie: pessacTech.cookie } });
    const status = await new Promise<number>((resolve) => {
      again.on('unexpected-response', (_req, r) => resolve(r.statusCode ?? 0));
      again.on('open', () => resolve(101));
    });
    expect(status).not.toBe(101);
  });

  it('runs nothing when the user refuses', async () => {
    a.consent.answer = false;
    const res = await as(ctx.app, pessacTech).post(`/api/v1/agents/${a.agentId}/sessions`, {
      kind: 'diagnostic',
      diagnostic: 'disk',
    });
    expect(res.statusCode, res.body).toBe(201);
    const id = (res.json() as AgentSession).id;
    await until('the refusal', async () => (await getSession(id)).status === 'refused');
    await new Promise((r) => setTimeout(r, 300));
    const session = await getSession(id);
    expect(session.status).toBe('refused');
    expect(session.log.filter((l) => l.kind !== 'event')).toEqual([]);
  });

  it('takes the consent from the portal and runs a diagnostic with a fixed argument list', async () => {
    a.consent.answer = null;
    const res = await as(ctx.app, pessacTech).post(`/api/v1/agents/${a.agentId}/sessions`, {
      kind: 'diagnostic',
      diagnostic: 'processes',
    });
    const id = (res.json() as AgentSession).id;
    const pending = await as(ctx.app, user).get('/api/v1/agents/consents');
    expect(pending.json()).toEqual([expect.objectContaining({ sessionId: id, status: 'pending_consent' })]);
    // somebody else cannot answer for the user
    expect(
      (await as(ctx.app, merignacTech).post(`/api/v1/agents/consents/${id}`, { granted: true })).statusCode,
    ).toBe(404);
    expect(
      (await as(ctx.app, user).post(`/api/v1/agents/consents/${id}`, { granted: true })).statusCode,
    ).toBe(204);
    await until('the diagnostic', async () => (await getSession(id)).status === 'ended');
    const session = await getSession(id);
    expect(session.consent).toBe('user');
    expect(session.log.find((l) => l.kind === 'diagnostic')?.output).toMatch(/PID/);
  });

  it('refuses a service outside the allow-list, and a technician of another commune', async () => {
    const service = await as(ctx.app, pessacTech).post(`/api/v1/agents/${a.agentId}/sessions`, {
      kind: 'diagnostic',
      diagnostic: 'restart_service',
      service: 'cups',
    });
    expect(service.statusCode).toBe(400);
    expect((service.json() as { errors: { path: string }[] }).errors[0]?.path).toBe('service');
    const other = await as(ctx.app, merignacTech).post(`/api/v1/agents/${a.agentId}/sessions`, {
      kind: 'terminal',
    });
    expect(other.statusCode).toBe(404);
    const readOnly = await as(ctx.app, coordinator).post(`/api/v1/agents/${a.agentId}/sessions`, {
      kind: 'terminal',
    });
    expect(readOnly.statusCode).toBe(403);
  });
  it('records a diagnostic opened from a ticket in the ticket’s history', async () => {
    a.consent.answer = true;
    const opened = await as(ctx.app, pessacTech).post('/api/v1/tickets', {
      type: 'incident',
      title: 'Mon poste est lent',
      requesterId: world.requesterPessac.id,
    });
    expect(opened.statusCode, opened.body).toBe(201);
    const number = (opened.json() as { number: string }).number;
    // not among the ticket's items yet: refused
    const early = await as(ctx.app, pessacTech).post(`/api/v1/agents/${a.agentId}/sessions`, {
      kind: 'diagnostic',
      diagnostic: 'disk',
      ticketNumber: number,
    });
    expect(early.statusCode).toBe(400);
    await as(ctx.app, pessacTech).post(`/api/v1/tickets/${number}/items`, { itemId });
    const res = await as(ctx.app, pessacTech).post(`/api/v1/agents/${a.agentId}/sessions`, {
      kind: 'diagnostic',
      diagnostic: 'disk',
      ticketNumber: number,
    });
    expect(res.statusCode, res.body).toBe(201);
    const id = (res.json() as AgentSession).id;
    await until('the diagnostic', async () => (await getSession(id)).status === 'ended');
    const events = (await as(ctx.app, pessacTech).get(`/api/v1/tickets/${number}/events`)).json() as {
      changes: Record<string, { to: unknown }>;
    }[];
    const logged = events.find((e) => String(e.changes.remoteCommand?.to ?? '').includes('disk'));
    expect(String(logged?.changes.remoteCommand?.to)).toMatch(/Filesystem|Sys\. de fichiers|Size/);
  });

  it('starts without consent where the entity’s policy allows it', async () => {
    const put = await as(ctx.app, admin).put('/api/v1/agents/policies', {
      entityId: world.pessac.id,
      class: 'workstation',
      unattended: true,
      services: ['guichet-test'],
    });
    expect(put.statusCode, put.body).toBe(200);
    a.consent.answer = null;
    const asked = a.consent.asked.length;
    const res = await as(ctx.app, pessacTech).post(`/api/v1/agents/${a.agentId}/sessions`, {
      kind: 'diagnostic',
      diagnostic: 'network',
    });
    const created = res.json() as AgentSession;
    expect(created).toMatchObject({ status: 'active', consent: 'unattended' });
    await until('the diagnostic', async () => (await getSession(created.id)).status === 'ended');
    expect(a.consent.asked.length).toBe(asked);
    await as(ctx.app, admin).put('/api/v1/agents/policies', {
      entityId: world.pessac.id,
      class: 'workstation',
      unattended: false,
      services: [],
    });
  });
});

describe('revocation', () => {
  it('refuses a revoked enrolment token', async () => {
    const token = await newToken(world.pessac.id);
    const revoked = await as(ctx.app, admin).post(`/api/v1/agents/enrolment-tokens/${token.id}/revoke`);
    expect(revoked.json()).toMatchObject({ usable: false });
    await expect(enrol({ server, token: token.token, hostname: 'pc-x' })).rejects.toThrow(/401/);
  });

  it('enrols no more machines than the token allows', async () => {
    const token = await newToken(world.pessac.id, 1);
    await enrol({ server, token: token.token, hostname: 'pc-once-1' });
    await expect(enrol({ server, token: token.token, hostname: 'pc-once-2' })).rejects.toThrow(/401/);
    const bad = await fetch(`${server}/api/v1/agents/enrol`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token: token.token, hostname: 'pc with spaces' }),
    });
    expect(bad.status).toBe(400);
  });

  it('refuses a WebSocket without the agent’s secret', async () => {
    const socket = new WebSocket(`${server.replace('http', 'ws')}/api/v1/agents/connect`, {
      headers: { 'x-agent-id': '1', 'x-agent-secret': 'wrong-secret-value' },
    });
    const status = await new Promise<number>((resolve) => {
      socket.on('unexpected-response', (_req, r) => resolve(r.statusCode ?? 0));
      socket.on('open', () => resolve(101));
    });
    expect(status).toBe(401);
  });

  it('closes and then refuses a revoked agent', async () => {
    const a = await startAgent(world.pessac.id, `pc-revoked-${world.tag}`, `SN-${world.tag}-3`);
    const res = await as(ctx.app, admin).post(`/api/v1/agents/${a.agentId}/revoke`);
    expect(res.json()).toMatchObject({ online: false });
    await until('the disconnection', async () => a.agent.refused);
    const again = new WorkstationAgent({
      config: a.config,
      collectInventory: async () => a.report.current,
      loggedInUser: async () => null,
      pty: { error: 'none' },
    });
    agents.push(again);
    again.start();
    await until('the refusal', async () => again.refused);
    expect(again.isConnected).toBe(false);
  });

  it('closes the agents of a revoked enrolment token', async () => {
    const a = await startAgent(world.pessac.id, `pc-token-${world.tag}`, `SN-${world.tag}-4`);
    await as(ctx.app, admin).post(`/api/v1/agents/enrolment-tokens/${a.token.id}/revoke`);
    await until('the disconnection', async () => a.agent.refused);
  });
});
