import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPerson, createWorld, emailOf, type World } from '../../test/factories.js';
import { as, login, manualClock, type Session, startTestApp, type TestContext } from '../../test/harness.js';
import { localToday } from './improvement.mapper.js';
import { improvementActions } from './improvement.table.js';

let ctx: TestContext;
let w: World;
// sessions expire by the database's clock: the test clock starts at the real now
const clock = manualClock(new Date());
/** A local date `offset` days from today, as plans use them. */
const day = (offset: number) => {
  const d = new Date(`${localToday(clock.now())}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + offset);
  return d.toISOString().slice(0, 10);
};
type Who = 'coordinator' | 'admin' | 'desk' | 'pessacAgent' | 'pessacCoordinator' | 'requester';
let sessions: Record<Who, Session>;
const api = (who: Who | null) => as(ctx.app, who ? sessions[who] : null);

beforeAll(async () => {
  ctx = await startTestApp({ clock });
  w = await createWorld(ctx.database.db);
  const pessacCoordinator = await createPerson(ctx.database.db, {
    entityId: w.pessac.id,
    roles: [['coordinator', w.pessac.id]],
  });
  const signIn = async (id: number) => login(ctx.app, await emailOf(ctx.database.db, id));
  sessions = {
    coordinator: await signIn(w.coordinator.id),
    admin: await signIn(w.admin.id),
    desk: await signIn(w.deskAgent.id),
    pessacAgent: await signIn(w.pessacAgent.id),
    pessacCoordinator: await signIn(pessacCoordinator.id),
    requester: await signIn(w.requesterPessac.id),
  };
});
afterAll(() => ctx.close());

const plansUrl = '/api/v1/improvement/plans';

async function newPlan(who: Who, body: Record<string, unknown> = {}) {
  const res = await api(who).post(plansUrl, {
    entityId: w.pessac.id,
    title: 'Plan T1 2026',
    periodStart: day(-60),
    periodEnd: day(30),
    ...body,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: number; version: number };
}

async function newAction(planId: number, body: Record<string, unknown> = {}) {
  const res = await api('coordinator').post(`${plansUrl}/${planId}/actions`, {
    title: 'Former le niveau 1 aux imprimantes',
    ownerId: w.pessacAgent.id,
    dueDate: day(10),
    kpi: 'first_contact_resolution_rate',
    target: 75,
    ...body,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: number; version: number };
}

describe('improvement plans', () => {
  it('lets a coordinator create a plan and an action, listed with the plan (current first)', async () => {
    const past = await newPlan('coordinator', {
      title: 'Plan 2025',
      periodStart: day(-400),
      periodEnd: day(-100),
    });
    const current = await newPlan('coordinator');
    const upcoming = await newPlan('coordinator', {
      title: 'Plan T2',
      periodStart: day(40),
      periodEnd: day(120),
    });
    const action = await newAction(current.id, { description: 'Fiches réflexes' });
    expect(action).toMatchObject({
      planId: current.id,
      owner: { id: w.pessacAgent.id },
      status: 'planned',
      kpi: 'first_contact_resolution_rate',
      target: 75,
      overdue: false,
      description: 'Fiches réflexes',
    });
    const list = await api('pessacAgent').get(`${plansUrl}?entityId=${w.pessac.id}`);
    expect(list.statusCode).toBe(200);
    const ids = list.json().map((p: { id: number }) => p.id);
    expect(ids.indexOf(current.id)).toBeLessThan(ids.indexOf(upcoming.id));
    expect(ids.indexOf(upcoming.id)).toBeLessThan(ids.indexOf(past.id));
    const shown = list.json().find((p: { id: number }) => p.id === current.id);
    expect(shown).toMatchObject({
      timing: 'current',
      entity: { id: w.pessac.id },
      createdBy: { id: w.coordinator.id },
      canEdit: false,
      actions: [{ id: action.id, title: 'Former le niveau 1 aux imprimantes' }],
    });
    const currentOnly = await api('coordinator').get(`${plansUrl}?timing=current&entityId=${w.pessac.id}`);
    expect(currentOnly.json().map((p: { timing: string }) => p.timing)).toEqual(['current']);
    expect((await api('coordinator').get(`${plansUrl}/${current.id}`)).json().canEdit).toBe(true);
  });

  it('flags an action past its due date and not done as overdue', async () => {
    const plan = await newPlan('coordinator');
    const late = await newAction(plan.id, { dueDate: day(-10) });
    expect(late).toMatchObject({ overdue: true });
    const res = await api('coordinator').patch(`/api/v1/improvement/actions/${late.id}`, { status: 'done' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'done', overdue: false, version: 2 });
  });

  it('validates plans: dates, period order, title, entity', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ periodEnd: day(-100) }, 'periodEnd'],
      [{ periodStart: '2026-02-30' }, 'periodStart'],
      [{ title: '   ' }, 'title'],
      [{ entityId: 'x' }, 'entityId'],
      [{ entityId: 999_999_999 }, 'entityId'],
    ];
    for (const [body, path] of cases) {
      const res = await api('coordinator').post(plansUrl, {
        entityId: w.pessac.id,
        title: 'Plan',
        periodStart: day(-60),
        periodEnd: day(30),
        ...body,
      });
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.json().errors[0].path, JSON.stringify(body)).toContain(path);
    }
    const plan = await newPlan('coordinator');
    const reversed = await api('coordinator').patch(`${plansUrl}/${plan.id}`, { periodEnd: day(-200) });
    expect(reversed.statusCode).toBe(400);
    expect(reversed.json().errors[0].path).toBe('periodEnd');
    await newAction(plan.id, { dueDate: day(-20) });
    const afterAction = await api('coordinator').patch(`${plansUrl}/${plan.id}`, {
      periodStart: day(-15),
    });
    expect(afterAction.statusCode).toBe(400);
    expect(afterAction.json().errors[0].path).toBe('periodStart');
    const empty = await api('coordinator').patch(`${plansUrl}/${plan.id}`, {});
    expect(empty.statusCode).toBe(400);
  });

  it('validates actions: owner must be staff covering the plan’s entity, due date not before the period', async () => {
    const plan = await newPlan('coordinator');
    const post = (body: Record<string, unknown>) =>
      api('coordinator').post(`${plansUrl}/${plan.id}/actions`, {
        title: 'Action',
        ownerId: w.pessacAgent.id,
        dueDate: day(10),
        kpi: 'reopen_rate',
        ...body,
      });
    const cases: [Record<string, unknown>, string][] = [
      [{ ownerId: w.requesterPessac.id }, 'ownerId'],
      [{ ownerId: 999_999_999 }, 'ownerId'],
      [{ dueDate: day(-100) }, 'dueDate'],
      [{ kpi: 'happiness' }, 'kpi'],
      [{ status: 'someday' }, 'status'],
      [{ target: 'high' }, 'target'],
      [{ title: '' }, 'title'],
    ];
    for (const [body, path] of cases) {
      const res = await post(body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.json().errors[0].path, JSON.stringify(body)).toContain(path);
    }
    const metroPlan = await newPlan('coordinator', { entityId: w.metropolis.id });
    const notCovering = await api('coordinator').post(`${plansUrl}/${metroPlan.id}/actions`, {
      title: 'Action',
      ownerId: w.pessacAgent.id,
      dueDate: day(10),
      kpi: 'reopen_rate',
    });
    expect(notCovering.statusCode).toBe(400);
    expect(notCovering.json().errors[0].path).toBe('ownerId');
    // an action may be due after the period's end: carried over, it stays in its plan
    expect((await post({ dueDate: day(90) })).statusCode).toBe(201);
    const count = await ctx.database.db
      .select()
      .from(improvementActions)
      .where(eq(improvementActions.planId, plan.id));
    expect(count).toHaveLength(1);
  });

  it('lets agents read but not write (403); requesters get 403 everywhere', async () => {
    const plan = await newPlan('coordinator');
    const action = await newAction(plan.id);
    expect((await api('pessacAgent').get(`${plansUrl}/${plan.id}`)).statusCode).toBe(200);
    expect((await api('pessacAgent').patch(`${plansUrl}/${plan.id}`, { title: 'x' })).statusCode).toBe(403);
    expect((await api('pessacAgent').delete(`${plansUrl}/${plan.id}`)).statusCode).toBe(403);
    expect(
      (await api('pessacAgent').patch(`/api/v1/improvement/actions/${action.id}`, { status: 'done' }))
        .statusCode,
    ).toBe(403);
    expect(
      (
        await api('desk').post(plansUrl, {
          entityId: w.pessac.id,
          title: 'x',
          periodStart: day(-60),
          periodEnd: day(-30),
        })
      ).statusCode,
    ).toBe(403);
    expect((await api('requester').get(plansUrl)).statusCode).toBe(403);
    expect((await api('requester').get(`${plansUrl}/${plan.id}`)).statusCode).toBe(403);
    expect((await api(null).get(plansUrl)).statusCode).toBe(401);
    // admins write too
    expect((await api('admin').patch(`${plansUrl}/${plan.id}`, { title: 'Plan revu' })).statusCode).toBe(200);
  });

  it('keeps plans inside scope: 404 outside, a commune coordinator writes only there', async () => {
    const merignacPlan = await newPlan('coordinator', { entityId: w.merignac.id });
    const action = await newAction(merignacPlan.id, { ownerId: w.deskAgent.id });
    const outsiders: Who[] = ['pessacAgent', 'pessacCoordinator'];
    for (const who of outsiders) {
      expect((await api(who).get(`${plansUrl}/${merignacPlan.id}`)).statusCode).toBe(404);
      expect((await api(who).patch(`${plansUrl}/${merignacPlan.id}`, { title: 'x' })).statusCode).toBe(404);
      expect((await api(who).delete(`${plansUrl}/${merignacPlan.id}`)).statusCode).toBe(404);
      expect(
        (
          await api(who).post(`${plansUrl}/${merignacPlan.id}/actions`, {
            title: 'x',
            ownerId: w.pessacAgent.id,
            dueDate: day(10),
            kpi: 'backlog',
          })
        ).statusCode,
      ).toBe(404);
      expect(
        (await api(who).patch(`/api/v1/improvement/actions/${action.id}`, { status: 'done' })).statusCode,
      ).toBe(404);
      expect((await api(who).delete(`/api/v1/improvement/actions/${action.id}`)).statusCode).toBe(404);
      const list = (await api(who).get(plansUrl)).json() as { id: number }[];
      expect(list.map((p) => p.id)).not.toContain(merignacPlan.id);
      expect((await api(who).get(`${plansUrl}?entityId=${w.merignac.id}`)).statusCode).toBe(404);
    }
    const mine = await newPlan('pessacCoordinator', { entityId: w.pessacSchools.id });
    expect(mine.id).toBeGreaterThan(0);
    const elsewhere = await api('pessacCoordinator').post(plansUrl, {
      entityId: w.merignac.id,
      title: 'x',
      periodStart: day(-60),
      periodEnd: day(-30),
    });
    expect(elsewhere.statusCode).toBe(400);
    expect(elsewhere.json().errors[0].path).toBe('entityId');
    // a metropolis plan concerns Pessac too, but its entity is outside a commune coordinator's scope
    const metroPlan = await newPlan('coordinator', { entityId: w.metropolis.id });
    expect((await api('pessacCoordinator').get(`${plansUrl}/${metroPlan.id}`)).statusCode).toBe(404);
  });

  it('refuses a stale version with 409 and deletes a plan with its actions', async () => {
    const plan = await newPlan('coordinator');
    const action = await newAction(plan.id);
    const first = await api('coordinator').patch(`${plansUrl}/${plan.id}`, { title: 'Plan A', version: 1 });
    expect(first.statusCode).toBe(200);
    const stale = await api('coordinator').patch(`${plansUrl}/${plan.id}`, { title: 'Plan B', version: 1 });
    expect(stale.statusCode).toBe(409);
    const staleAction = await api('coordinator').patch(`/api/v1/improvement/actions/${action.id}`, {
      status: 'in_progress',
      version: 7,
    });
    expect(staleAction.statusCode).toBe(409);
    expect((await api('coordinator').delete(`/api/v1/improvement/actions/${action.id}`)).statusCode).toBe(
      204,
    );
    await newAction(plan.id);
    expect((await api('coordinator').delete(`${plansUrl}/${plan.id}`)).statusCode).toBe(204);
    expect((await api('coordinator').get(`${plansUrl}/${plan.id}`)).statusCode).toBe(404);
    const left = await ctx.database.db
      .select()
      .from(improvementActions)
      .where(eq(improvementActions.planId, plan.id));
    expect(left).toHaveLength(0);
  });

  it('replays a creation sent twice with the same Idempotency-Key', async () => {
    const body = {
      entityId: w.pessac.id,
      title: 'Plan idem',
      periodStart: day(-60),
      periodEnd: day(30),
    };
    const a = await api('coordinator').post(plansUrl, body, { 'idempotency-key': 'plan-idem-1' });
    const b = await api('coordinator').post(plansUrl, body, { 'idempotency-key': 'plan-idem-1' });
    expect(a.statusCode).toBe(201);
    expect(b.statusCode).toBe(201);
    expect(b.json().id).toBe(a.json().id);
  });
});
