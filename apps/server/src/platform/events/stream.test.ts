import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type WebSocket from 'ws';
import { createWorld, emailOf, type World } from '../../test/factories.js';
import { as, login, type Session, startTestApp, type TestContext } from '../../test/harness.js';

let ctx: TestContext;
let w: World;

const session = async (id: number): Promise<Session> => login(ctx.app, await emailOf(ctx.database.db, id));

/** Collects what a socket receives. */
async function connect(s: Session) {
  const messages: Record<string, unknown>[] = [];
  const ws: WebSocket = await ctx.app.injectWS('/api/v1/stream', { headers: { cookie: s.cookie } });
  ws.on('message', (data) => messages.push(JSON.parse(String(data))));
  return { ws, messages };
}

const until = async (check: () => boolean, ms = 3_000) => {
  const end = Date.now() + ms;
  while (!check() && Date.now() < end) await new Promise((r) => setTimeout(r, 20));
};

beforeAll(async () => {
  ctx = await startTestApp();
  w = await createWorld(ctx.database.db);
});
afterAll(() => ctx.close());

describe('GET /api/v1/stream', () => {
  it('pushes a ticket change to staff whose scope includes it and to its requester, not to others', async () => {
    const desk = await connect(await session(w.deskAgent.id));
    const pessacAgent = await connect(await session(w.pessacAgent.id));
    const requester = await connect(await session(w.requesterMerignac.id));
    const otherRequester = await connect(await session(w.requesterPessac.id));
    const created = await as(ctx.app, await session(w.requesterMerignac.id)).post('/api/v1/tickets', {
      type: 'incident',
      title: 'Téléphone muet',
    });
    const number = created.json().number as string;
    const isIt = (m: Record<string, unknown>) => m.type === 'ticket.changed' && m.number === number;
    await until(() => desk.messages.some(isIt) && requester.messages.some(isIt));
    expect(desk.messages.find(isIt)).toMatchObject({ kind: 'created', status: 'new' });
    expect(requester.messages.some(isIt)).toBe(true);
    await new Promise((r) => setTimeout(r, 200));
    expect(pessacAgent.messages.some(isIt)).toBe(false);
    expect(otherRequester.messages.some(isIt)).toBe(false);
    for (const c of [desk, pessacAgent, requester, otherRequester]) c.ws.terminate();
  });

  it('does not push internal notes to the requester', async () => {
    const reqSession = await session(w.requesterPessac.id);
    const t = (
      await as(ctx.app, reqSession).post('/api/v1/tickets', { type: 'incident', title: 'Note' })
    ).json();
    const requester = await connect(reqSession);
    const deskSession = await session(w.deskAgent.id);
    const desk = await connect(deskSession);
    await as(ctx.app, deskSession).post(`/api/v1/tickets/${t.number}/comments`, {
      body: 'interne',
      visibility: 'internal',
    });
    await until(() => desk.messages.some((m) => m.kind === 'commented'));
    await new Promise((r) => setTimeout(r, 200));
    expect(desk.messages.some((m) => m.kind === 'commented')).toBe(true);
    expect(requester.messages.some((m) => m.kind === 'commented')).toBe(false);
    requester.ws.terminate();
    desk.ws.terminate();
  });

  it('refuses an anonymous connection', async () => {
    await expect(ctx.app.injectWS('/api/v1/stream')).rejects.toThrow(/401/);
  });
});
