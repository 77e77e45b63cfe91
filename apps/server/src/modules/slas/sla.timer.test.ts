import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorld, emailOf, type World } from '../../test/factories.js';
import { as, login, type Session, startTestApp, type TestContext } from '../../test/harness.js';

let ctx: TestContext;
let w: World;
let admin: Session;
let agent: Session;

beforeAll(async () => {
  // the real clock and the real job queue: what a deployment runs
  ctx = await startTestApp({ jobs: true });
  w = await createWorld(ctx.database.db);
  admin = await login(ctx.app, await emailOf(ctx.database.db, w.admin.id));
  agent = await login(ctx.app, await emailOf(ctx.database.db, w.deskAgent.id));
});
afterAll(() => ctx.close());

const until = async <T>(read: () => Promise<T>, ok: (v: T) => boolean, ms = 20_000): Promise<T> => {
  const end = Date.now() + ms;
  let v = await read();
  while (!ok(v) && Date.now() < end) {
    await new Promise((r) => setTimeout(r, 200));
    v = await read();
  }
  return v;
};

describe('service-level timers on the job queue', () => {
  it('fire on time after the change that armed them: warning, then the escalation reassigns', async () => {
    const calendar = await as(ctx.app, admin).post('/api/v1/sla/calendars', {
      name: `Toujours ${w.tag}`,
      weekly: null,
    });
    expect(calendar.statusCode, calendar.body).toBe(201);
    const policy = await as(ctx.app, admin).post('/api/v1/sla/policies', {
      name: `Express ${w.tag}`,
      kind: 'sla',
      entityId: w.metropolis.id,
      calendarId: calendar.json().id,
      warnPercent: 5, // 3 s of a one-minute target
      targets: [{ priority: 2, responseMinutes: null, resolutionMinutes: 1 }],
      escalations: [
        { metric: 'resolution', percent: 10, notifyCoordinators: true, reassignGroupId: w.pessacGroup.id },
      ],
    });
    expect(policy.statusCode, policy.body).toBe(201);
    const created = await as(ctx.app, agent).post('/api/v1/tickets', {
      type: 'incident',
      title: 'Serveur de fichiers inaccessible',
      requesterId: w.requesterPessac.id,
      impact: 1,
      urgency: 2,
      groupId: w.deskGroup.id,
    });
    expect(created.statusCode, created.body).toBe(201);
    const number = created.json().number;
    const createdAt = Date.now();

    const levels = () =>
      ctx.database.db
        .execute<{ level: string; at: string }>(
          sql`select payload->>'level' as level, created_at as at from outbox
              where topic = 'sla.alert' and payload->>'number' = ${number} order by id`,
        )
        .then((r) => r.rows);
    const fired = await until(levels, (rows) => rows.some((r) => r.level === 'escalated'));
    expect(fired.map((r) => r.level)).toEqual(['warning', 'escalated']);
    // the escalation falls due 6 s after creation; the queue polls every second
    const escalatedAfter = new Date(fired[1]?.at ?? 0).getTime() - createdAt;
    expect(escalatedAfter).toBeGreaterThanOrEqual(5_900);
    const ticket = (await as(ctx.app, agent).get(`/api/v1/tickets/${number}`)).json();
    expect(ticket.group.id).toBe(w.pessacGroup.id);
  });
});
