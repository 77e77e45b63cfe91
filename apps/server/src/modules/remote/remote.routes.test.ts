import { and, eq, like } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type WebSocket from 'ws';
import { auditLog } from '../../platform/audit/audit.table.js';
import { createWorld, emailOf, type World } from '../../test/factories.js';
import { as, login, manualClock, type Session, startTestApp, type TestContext } from '../../test/harness.js';
import { remoteSessions } from './remote.table.js';

let ctx: TestContext;
let w: World;
// sessions expire against the database clock: start the hand-moved clock at the real time
const clock = manualClock(new Date());
const sessions = new Map<number, Session>();

async function session(personId: number): Promise<Session> {
  const known = sessions.get(personId);
  if (known) return known;
  const s = await login(ctx.app, await emailOf(ctx.database.db, personId));
  sessions.set(personId, s);
  return s;
}
const api = async (personId: number) => as(ctx.app, await session(personId));

async function newTicket(requesterId: number) {
  const res = await (await api(requesterId)).post('/api/v1/tickets', {
    type: 'incident',
    title: 'Écran figé',
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().number as string;
}

async function start(number: string, technicianId = w.deskAgent.id, body: object = {}) {
  const res = await (await api(technicianId)).post(`/api/v1/tickets/${number}/remote-sessions`, body);
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as {
    session: { id: number; status: string; recording: boolean };
    code: string;
    link: string;
  };
}

/** A session the requester consented to, started by Pessac's agent (the desk agent keeps its quota for the rate-limit test). */
async function running(requesterId = w.requesterPessac.id) {
  const number = await newTicket(requesterId);
  const created = await start(number, w.pessacAgent.id);
  const req = await api(requesterId);
  expect((await req.post('/api/v1/remote/code', { code: created.code })).statusCode).toBe(200);
  const consent = await req.post(`/api/v1/remote/sessions/${created.session.id}/consent`, { consent: true });
  expect(consent.statusCode, consent.body).toBe(200);
  return { number, id: created.session.id };
}

async function kinds(number: string, personId = w.deskAgent.id) {
  const res = await (await api(personId)).get(`/api/v1/tickets/${number}/events`);
  return (res.json() as { kind: string; changes: Record<string, { to: unknown }> }[]).filter((e) =>
    e.kind.startsWith('remote_'),
  );
}

async function auditActions(sessionId: number) {
  const rows = await ctx.database.db
    .select({ action: auditLog.action })
    .from(auditLog)
    .where(and(eq(auditLog.targetType, 'remote_session'), eq(auditLog.targetId, String(sessionId))));
  return rows.map((r) => r.action);
}

/** Collects what a signalling socket receives. */
async function connect(personId: number, sessionId: number) {
  const s = await session(personId);
  const join = await as(ctx.app, s).post(`/api/v1/remote/sessions/${sessionId}/join`);
  expect(join.statusCode, join.body).toBe(200);
  const { token, role } = join.json() as { token: string; role: string };
  const messages: Record<string, unknown>[] = [];
  let closed!: Promise<void>;
  // listen from the start: the server speaks first, possibly before injectWS resolves
  const ws: WebSocket = await ctx.app.injectWS(
    `/api/v1/remote/sessions/${sessionId}/signal?token=${token}`,
    { headers: { cookie: s.cookie } },
    {
      onInit: (socket: WebSocket) => {
        socket.on('message', (data) => messages.push(JSON.parse(String(data))));
        closed = new Promise<void>((resolve) => socket.on('close', () => resolve()));
      },
    },
  );
  return { ws, messages, role, closed, send: (m: object) => ws.send(JSON.stringify(m)) };
}

const until = async (check: () => boolean, ms = 3_000) => {
  const end = Date.now() + ms;
  while (!check() && Date.now() < end) await new Promise((r) => setTimeout(r, 20));
  expect(check()).toBe(true);
};

const multipart = (name: string, type: string, content: Buffer) => {
  const boundary = '----guichet';
  const body = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: ${type}\r\n\r\n`,
    ),
    content,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { body, contentType: `multipart/form-data; boundary=${boundary}` };
};

async function upload(personId: number, url: string, file: ReturnType<typeof multipart>) {
  const s = await session(personId);
  return ctx.app.inject({
    method: 'POST',
    url,
    headers: { ...s.headers, 'content-type': file.contentType },
    payload: file.body,
  });
}

beforeAll(async () => {
  ctx = await startTestApp({ clock });
  w = await createWorld(ctx.database.db);
});
afterAll(() => ctx.close());

describe('starting a session', () => {
  it('gives the technician a 6-digit code once, records the request in the timeline and the audit log', async () => {
    const number = await newTicket(w.requesterPessac.id);
    const created = await start(number);
    expect(created.code).toMatch(/^\d{6}$/);
    expect(created.link).toMatch(/\/portal\/remote$/);
    expect(created.session).toMatchObject({ status: 'requested', recording: false });
    const [row] = await ctx.database.db
      .select()
      .from(remoteSessions)
      .where(eq(remoteSessions.id, created.session.id));
    expect(row?.codeHash).not.toContain(created.code);
    expect((await kinds(number)).map((e) => e.kind)).toEqual(['remote_requested']);
    // the requester sees the invitation on their ticket
    const mine = await (await api(w.requesterPessac.id)).get(`/api/v1/tickets/${number}/remote-session`);
    expect(mine.json().session).toMatchObject({ id: created.session.id, status: 'requested' });
    expect(await auditActions(created.session.id)).toEqual(['remote.requested']);
  });

  it('is only for an agent whose scope includes the ticket', async () => {
    const number = await newTicket(w.requesterMerignac.id);
    const url = `/api/v1/tickets/${number}/remote-sessions`;
    expect((await (await api(w.pessacAgent.id)).post(url)).statusCode).toBe(404);
    expect((await (await api(w.requesterMerignac.id)).post(url)).statusCode).toBe(404);
    expect((await (await api(w.coordinator.id)).post(url)).statusCode).toBe(403);
    expect((await as(ctx.app, null).post(url)).statusCode).toBe(401);
    expect((await (await api(w.deskAgent.id)).post(url, { record: 'yes' })).statusCode).toBe(400);
  });

  it('refuses recording unless the entity policy (inherited from an ancestor) allows it', async () => {
    const number = await newTicket(w.requesterPessac.id);
    const url = `/api/v1/tickets/${number}/remote-sessions`;
    const refused = await (await api(w.deskAgent.id)).post(url, { record: true });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().errors).toEqual([expect.objectContaining({ path: 'record' })]);
    // only an admin sets the policy
    expect(
      (
        await (
          await api(w.deskAgent.id)
        ).put(`/api/v1/remote/policies/${w.metropolis.id}`, { recordingAllowed: true })
      ).statusCode,
    ).toBe(404);
    const set = await (await api(w.admin.id)).put(`/api/v1/remote/policies/${w.metropolis.id}`, {
      recordingAllowed: true,
    });
    expect(set.statusCode, set.body).toBe(200);
    const pessac = await (await api(w.admin.id)).get(`/api/v1/remote/policies/${w.pessac.id}`);
    expect(pessac.json()).toEqual({
      entityId: w.pessac.id,
      recordingAllowed: true,
      inheritedFrom: w.metropolis.id,
    });
    const created = await start(number, w.deskAgent.id, { record: true });
    expect(created.session.recording).toBe(true);
    await (await api(w.admin.id)).put(`/api/v1/remote/policies/${w.metropolis.id}`, {
      recordingAllowed: false,
    });
  });
});

describe('the code', () => {
  it('works once, for the ticket requester only', async () => {
    const number = await newTicket(w.requesterPessac.id);
    const { code, session: s } = await start(number);
    const other = await (await api(w.requesterMerignac.id)).post('/api/v1/remote/code', { code });
    expect(other.statusCode).toBe(404);
    const invalidBody = await (await api(w.requesterPessac.id)).post('/api/v1/remote/code', { code: '12ab' });
    expect(invalidBody.statusCode).toBe(400);
    const ok = await (await api(w.requesterPessac.id)).post('/api/v1/remote/code', {
      code: `${code.slice(0, 3)} ${code.slice(3)}`,
    });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ id: s.id, status: 'requested', ticket: { number } });
    expect(ok.json().technician.id).toBe(w.deskAgent.id);
    const again = await (await api(w.requesterPessac.id)).post('/api/v1/remote/code', { code });
    expect(again.statusCode).toBe(404);
  });

  it('expires after five minutes', async () => {
    const number = await newTicket(w.requesterMetro.id);
    const { code, session: s } = await start(number);
    clock.advance(5 * 60_000 + 1_000);
    const late = await (await api(w.requesterMetro.id)).post('/api/v1/remote/code', { code });
    expect(late.statusCode).toBe(404);
    const current = await (await api(w.deskAgent.id)).get(`/api/v1/tickets/${number}/remote-session`);
    expect(current.json().session).toMatchObject({ id: s.id, status: 'expired' });
    expect(await auditActions(s.id)).toContain('remote.expired');
  });

  it('is burned after five wrong codes', async () => {
    const number = await newTicket(w.requesterMetro.id);
    const { code } = await start(number);
    const wrong = code === '000000' ? '111111' : '000000';
    for (let i = 0; i < 5; i++) {
      expect(
        (await (await api(w.requesterMetro.id)).post('/api/v1/remote/code', { code: wrong })).statusCode,
      ).toBe(404);
    }
    expect((await (await api(w.requesterMetro.id)).post('/api/v1/remote/code', { code })).statusCode).toBe(
      404,
    );
    const current = await (await api(w.deskAgent.id)).get(`/api/v1/tickets/${number}/remote-session`);
    expect(current.json().session.status).toBe('expired');
  });
});

describe('consent', () => {
  it('a refusal leaves no session to join', async () => {
    const number = await newTicket(w.requesterPessac.id);
    const { code, session: s } = await start(number);
    const req = await api(w.requesterPessac.id);
    // consent needs the code first
    expect((await req.post(`/api/v1/remote/sessions/${s.id}/consent`, { consent: true })).statusCode).toBe(
      409,
    );
    await req.post('/api/v1/remote/code', { code });
    // someone else cannot answer for the requester
    expect(
      (await (await api(w.deskAgent.id)).post(`/api/v1/remote/sessions/${s.id}/consent`, { consent: true }))
        .statusCode,
    ).toBe(404);
    const refused = await req.post(`/api/v1/remote/sessions/${s.id}/consent`, { consent: false });
    expect(refused.json().status).toBe('refused');
    expect((await (await api(w.deskAgent.id)).post(`/api/v1/remote/sessions/${s.id}/join`)).statusCode).toBe(
      409,
    );
    expect((await req.post(`/api/v1/remote/sessions/${s.id}/join`)).statusCode).toBe(409);
    expect((await kinds(number)).map((e) => e.kind)).toEqual(['remote_requested', 'remote_refused']);
    expect(await auditActions(s.id)).toEqual(['remote.requested', 'remote.code_redeemed', 'remote.refused']);
  });

  it('lets the technician, the requester and a coordinator join, nobody else', async () => {
    const { id } = await running();
    const join = (personId: number) =>
      api(personId).then((a) => a.post(`/api/v1/remote/sessions/${id}/join`));
    expect((await join(w.requesterPessac.id)).json().role).toBe('sender');
    expect((await join(w.pessacAgent.id)).json()).toMatchObject({ role: 'technician', iceServers: [] });
    expect((await join(w.coordinator.id)).json().role).toBe('viewer');
    // an agent in scope who is not the session's technician, a requester of another ticket
    expect((await join(w.deskAgent.id)).statusCode).toBe(403);
    expect((await join(w.requesterMerignac.id)).statusCode).toBe(404);
  });
});

describe('signalling', () => {
  it('refuses a socket without a valid token', async () => {
    const { id } = await running();
    const s = await session(w.pessacAgent.id);
    await expect(
      ctx.app.injectWS(`/api/v1/remote/sessions/${id}/signal?token=rs_forged_token_value`, {
        headers: { cookie: s.cookie },
      }),
    ).rejects.toThrow(/403/);
    // a token is bound to the person who joined: another signed-in person cannot use it
    const join = await (await api(w.pessacAgent.id)).post(`/api/v1/remote/sessions/${id}/join`);
    const coordinator = await session(w.coordinator.id);
    await expect(
      ctx.app.injectWS(`/api/v1/remote/sessions/${id}/signal?token=${join.json().token}`, {
        headers: { cookie: coordinator.cookie },
      }),
    ).rejects.toThrow(/403/);
  });

  it('relays offer, answer, ICE and annotations, keeps the chat, and closes everything at the end', async () => {
    const { number, id } = await running();
    const tech = await connect(w.pessacAgent.id, id);
    const req = await connect(w.requesterPessac.id, id);
    await until(() => req.messages.some((m) => m.type === 'peers'));
    expect(req.messages.find((m) => m.type === 'peers')).toMatchObject({
      self: { role: 'sender' },
      peers: [{ personId: w.pessacAgent.id, role: 'technician' }],
    });
    await until(() => tech.messages.some((m) => m.type === 'peer-joined'));

    req.send({ type: 'offer', to: w.pessacAgent.id, sdp: 'v=0 offer' });
    await until(() => tech.messages.some((m) => m.type === 'offer'));
    expect(tech.messages.find((m) => m.type === 'offer')).toEqual({
      type: 'offer',
      from: w.requesterPessac.id,
      sdp: 'v=0 offer',
    });
    tech.send({ type: 'answer', to: w.requesterPessac.id, sdp: 'v=0 answer' });
    tech.send({
      type: 'candidate',
      to: w.requesterPessac.id,
      candidate: { candidate: 'candidate:1', sdpMid: '0' },
    });
    await until(() => req.messages.some((m) => m.type === 'candidate'));
    expect(req.messages.some((m) => m.type === 'answer' && m.sdp === 'v=0 answer')).toBe(true);
    // a viewer cannot offer a screen
    tech.send({ type: 'offer', to: w.requesterPessac.id, sdp: 'x' });
    await until(() => tech.messages.some((m) => m.type === 'error'));
    tech.send({ type: 'annotation', kind: 'pointer', points: [{ x: 0.5, y: 0.25 }] });
    await until(() => req.messages.some((m) => m.type === 'annotation'));

    req.send({ type: 'share-started' });
    req.send({ type: 'chat', text: 'Bonjour, je vois mon écran figé' });
    tech.send({ type: 'chat', text: 'Je regarde' });
    await until(() => req.messages.filter((m) => m.type === 'chat').length === 2);
    await until(() => tech.messages.filter((m) => m.type === 'chat').length === 2);

    // a coordinator joins to watch and gets the chat so far
    const coord = await connect(w.coordinator.id, id);
    await until(() => coord.messages.some((m) => m.type === 'peers'));
    const peers = coord.messages.find((m) => m.type === 'peers') as {
      chat: unknown[];
      self: { role: string };
    };
    expect(peers.self.role).toBe('viewer');
    expect(peers.chat).toHaveLength(2);

    // a file from the requester: a ticket attachment, announced in the room
    const file = await upload(
      w.requesterPessac.id,
      `/api/v1/remote/sessions/${id}/files`,
      multipart('capture.txt', 'text/plain', Buffer.from('journal')),
    );
    expect(file.statusCode, file.body).toBe(201);
    await until(() => tech.messages.some((m) => m.type === 'file'));
    const ticket = (await (await api(w.deskAgent.id)).get(`/api/v1/tickets/${number}`)).json();
    expect(ticket.attachments.map((a: { fileName: string }) => a.fileName)).toContain('capture.txt');
    // the coordinator watches; they do not send files
    const viewerFile = await upload(
      w.coordinator.id,
      `/api/v1/remote/sessions/${id}/files`,
      multipart('x.txt', 'text/plain', Buffer.from('x')),
    );
    expect(viewerFile.statusCode).toBe(403);

    clock.advance(90_000);
    const ended = await (await api(w.requesterPessac.id)).post(`/api/v1/remote/sessions/${id}/end`);
    expect(ended.statusCode, ended.body).toBe(200);
    expect(ended.json()).toMatchObject({ status: 'ended', durationSeconds: 90 });
    await Promise.all([tech.closed, req.closed, coord.closed]);
    expect(tech.messages.some((m) => m.type === 'ended')).toBe(true);

    const events = await kinds(number);
    expect(events.map((e) => e.kind)).toEqual([
      'remote_requested',
      'remote_consented',
      'remote_started',
      'remote_ended',
      'remote_transcript',
    ]);
    expect(events[3]?.changes.remoteSession?.to).toMatchObject({
      durationSeconds: 90,
      files: ['capture.txt'],
    });
    // two sockets: the lines are in the order the server stored them
    expect(events[4]?.changes.transcript?.to).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ text: 'Bonjour, je vois mon écran figé' }),
        expect.objectContaining({ text: 'Je regarde' }),
      ]),
    );
    // the requester sees the same history
    expect((await kinds(number, w.requesterPessac.id)).length).toBe(5);
    expect(await auditActions(id)).toEqual(
      expect.arrayContaining([
        'remote.consented',
        'remote.joined',
        'remote.started',
        'remote.file',
        'remote.ended',
      ]),
    );
    // over: no more joining, no second end
    expect((await (await api(w.pessacAgent.id)).post(`/api/v1/remote/sessions/${id}/join`)).statusCode).toBe(
      409,
    );
    expect((await (await api(w.pessacAgent.id)).post(`/api/v1/remote/sessions/${id}/end`)).statusCode).toBe(
      409,
    );
  });
});

describe('an abandoned session', () => {
  it("ends by itself when the requester's socket goes away and does not come back", async () => {
    const { number, id } = await running();
    const req = await connect(w.requesterPessac.id, id);
    const tech = await connect(w.pessacAgent.id, id);
    await until(() => req.messages.some((m) => m.type === 'peers'));
    req.ws.terminate();
    await tech.closed;
    expect(tech.messages.at(-1)).toEqual({ type: 'ended', status: 'ended' });
    const s = await (await api(w.pessacAgent.id)).get(`/api/v1/remote/sessions/${id}`);
    expect(s.json().status).toBe('ended');
    const ended = (await kinds(number)).find((e) => e.kind === 'remote_ended');
    expect(ended?.changes.remoteSession?.to).toMatchObject({ reason: 'requester_disconnected' });
  });
});

describe('recording', () => {
  it('is uploaded by the technician when announced, and readable by staff in scope only', async () => {
    await (await api(w.admin.id)).put(`/api/v1/remote/policies/${w.pessac.id}`, { recordingAllowed: true });
    const number = await newTicket(w.requesterPessac.id);
    const created = await start(number, w.pessacAgent.id, { record: true });
    const id = created.session.id;
    const req = await api(w.requesterPessac.id);
    await req.post('/api/v1/remote/code', { code: created.code });
    const consent = await req.post(`/api/v1/remote/sessions/${id}/consent`, { consent: true });
    expect(consent.json().recording).toBe(true);
    const sender = await connect(w.requesterPessac.id, id);
    sender.send({ type: 'share-started' });
    await until(() => sender.messages.some((m) => m.type === 'peers'));
    await new Promise((r) => setTimeout(r, 100));
    const webm = multipart('rec.webm', 'video/webm', Buffer.from('1a45dfa3', 'hex'));
    const byRequester = await upload(w.requesterPessac.id, `/api/v1/remote/sessions/${id}/recordings`, webm);
    expect(byRequester.statusCode).toBe(403);
    const saved = await upload(w.pessacAgent.id, `/api/v1/remote/sessions/${id}/recordings`, webm);
    expect(saved.statusCode, saved.body).toBe(201);
    const recId = saved.json().id as number;
    expect((await (await api(w.deskAgent.id)).get(`/api/v1/remote/recordings/${recId}`)).statusCode).toBe(
      200,
    );
    expect(
      (await (await api(w.requesterPessac.id)).get(`/api/v1/remote/recordings/${recId}`)).statusCode,
    ).toBe(404);
    expect(
      (await (await api(w.deskAgent.id)).get(`/api/v1/remote/sessions/${id}/recordings`)).json(),
    ).toHaveLength(1);
    const viewed = await ctx.database.db
      .select({ action: auditLog.action })
      .from(auditLog)
      .where(and(eq(auditLog.targetType, 'remote_recording'), like(auditLog.action, 'remote.%')));
    expect(viewed.map((r) => r.action)).toContain('remote.recording_viewed');
    expect((await kinds(number)).map((e) => e.kind)).toContain('remote_recording');
    sender.ws.terminate();
  });

  it('is refused for a session not announced as recorded', async () => {
    const { id } = await running();
    const res = await upload(
      w.pessacAgent.id,
      `/api/v1/remote/sessions/${id}/recordings`,
      multipart('rec.webm', 'video/webm', Buffer.from('1a45dfa3', 'hex')),
    );
    expect(res.statusCode).toBe(403);
  });
});

describe('rate limit', () => {
  it('caps how many sessions a technician starts per minute', async () => {
    const number = await newTicket(w.requesterMetro.id);
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) {
      statuses.push(
        (await (await api(w.deskAgent.id)).post(`/api/v1/tickets/${number}/remote-sessions`)).statusCode,
      );
    }
    expect(statuses).toContain(429);
  });
});
