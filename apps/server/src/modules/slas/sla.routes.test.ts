import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as } from '../../test/harness.js';
import { officeHours, slaFixture } from './sla.test-support.js';

let f: Awaited<ReturnType<typeof slaFixture>>;

beforeAll(async () => {
  f = await slaFixture(new Date('2027-04-06T07:00:00Z'));
});
afterAll(() => f.ctx.close());

/** Field paths at fault, without the "body." the request validation puts first. */
const errorsOf = (body: string) =>
  (JSON.parse(body) as { errors?: { path: string }[] }).errors?.map((e) => e.path.replace(/^body\./, ''));

describe('calendars API', () => {
  it('refuses overlapping or impossible hours and unknown time zones, with every field at fault', async () => {
    const res = await f.api(f.admin).post('/api/v1/sla/calendars', {
      ...officeHours,
      timeZone: 'Europe/Atlantis',
      weekly: {
        1: [
          { start: '08:00', end: '12:00' },
          { start: '11:00', end: '14:00' },
        ],
        2: [{ start: '18:00', end: '08:00' }],
      },
    });
    expect(res.statusCode).toBe(400);
    expect(errorsOf(res.body)).toEqual(['timeZone', 'weekly.1.1', 'weekly.2.0']);
    const badTime = await f.api(f.admin).post('/api/v1/sla/calendars', {
      ...officeHours,
      weekly: { 1: [{ start: '25:00', end: '26:00' }] },
    });
    expect(badTime.statusCode).toBe(400);
    expect(errorsOf(badTime.body)?.[0]).toMatch(/^weekly\.1\.0\.start/);
    const never = await f.api(f.admin).post('/api/v1/sla/calendars', { ...officeHours, weekly: {} });
    expect(never.statusCode).toBe(400);
    expect(errorsOf(never.body)).toEqual(['weekly']);
  });

  it('lets administrators create, read, update and delete a calendar, with optimistic locking', async () => {
    const created = await f.api(f.admin).post('/api/v1/sla/calendars', {
      ...officeHours,
      name: `Écoles ${f.w.tag}`,
      closedDates: ['2027-07-14', '2027-02-22'],
      entityIds: [f.w.pessacSchools.id],
    });
    expect(created.statusCode, created.body).toBe(201);
    const cal = created.json();
    expect(cal).toMatchObject({
      closedDates: ['2027-02-22', '2027-07-14'],
      entities: [{ id: f.w.pessacSchools.id }],
      isDefault: false,
      version: 1,
    });
    const updated = await f.api(f.admin).put(`/api/v1/sla/calendars/${cal.id}`, {
      ...officeHours,
      name: 'Écoles (vacances)',
      version: 1,
    });
    expect(updated.statusCode, updated.body).toBe(200);
    expect(updated.json()).toMatchObject({ name: 'Écoles (vacances)', version: 2, entities: [] });
    const stale = await f.api(f.admin).put(`/api/v1/sla/calendars/${cal.id}`, { ...officeHours, version: 1 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().code).toBe('stale_version');
    expect((await f.api(f.admin).delete(`/api/v1/sla/calendars/${cal.id}`)).statusCode).toBe(204);
    expect((await f.api(f.admin).get(`/api/v1/sla/calendars/${cal.id}`)).statusCode).toBe(404);
  });

  it('keeps the default calendar and calendars in use', async () => {
    const list = (await f.api(f.agent).get('/api/v1/sla/calendars')).json() as {
      id: number;
      isDefault: boolean;
    }[];
    const fallback = list.find((c) => c.isDefault);
    expect(fallback).toBeDefined();
    const del = await f.api(f.admin).delete(`/api/v1/sla/calendars/${fallback?.id}`);
    expect(del.statusCode).toBe(409);
    const cal = await f.calendar({ ...officeHours, name: `Utilisé ${f.w.tag}` });
    await f.policy({
      calendarId: cal,
      targets: [{ priority: 4, responseMinutes: 60, resolutionMinutes: null }],
    });
    expect((await f.api(f.admin).delete(`/api/v1/sla/calendars/${cal}`)).statusCode).toBe(409);
  });

  it('previews a due time on unsaved hours', async () => {
    const res = await f.api(f.admin).post('/api/v1/sla/calendars/preview', {
      calendar: officeHours,
      start: '2027-03-26T17:55:00+01:00',
      minutes: 240,
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ dueAt: '2027-03-30T09:55:00.000Z' });
  });

  it('answers 401 without a session, 403 to non-administrators and requesters', async () => {
    expect((await as(f.ctx.app, null).get('/api/v1/sla/calendars')).statusCode).toBe(401);
    expect((await f.api(f.agent).post('/api/v1/sla/calendars', officeHours)).statusCode).toBe(403);
    expect((await f.api(f.requester).get('/api/v1/sla/calendars')).statusCode).toBe(403);
    expect((await f.api(f.requester).get('/api/v1/sla/policies')).statusCode).toBe(403);
  });
});

describe('service levels API', () => {
  it('refuses negative or inconsistent targets and unknown references', async () => {
    const negative = await f.api(f.admin).post('/api/v1/sla/policies', {
      name: 'Négatif',
      kind: 'sla',
      targets: [{ priority: 1, responseMinutes: -5, resolutionMinutes: 60 }],
    });
    expect(negative.statusCode).toBe(400);
    expect(errorsOf(negative.body)).toContain('targets.0.responseMinutes');
    const inconsistent = await f.api(f.admin).post('/api/v1/sla/policies', {
      name: 'Incohérent',
      kind: 'ola',
      targets: [
        { priority: 1, responseMinutes: 120, resolutionMinutes: 60 },
        { priority: 1, responseMinutes: 10, resolutionMinutes: 60 },
      ],
    });
    expect(inconsistent.statusCode).toBe(400);
    expect(errorsOf(inconsistent.body)).toEqual(
      expect.arrayContaining(['groupId', 'targets.0.responseMinutes', 'targets.1.priority']),
    );
    const unknown = await f.api(f.admin).post('/api/v1/sla/policies', {
      name: 'Inconnu',
      kind: 'sla',
      calendarId: 999_999_999,
      targets: [{ priority: 1, responseMinutes: 10, resolutionMinutes: 60 }],
    });
    expect(unknown.statusCode).toBe(400);
    expect(errorsOf(unknown.body)).toEqual(['calendarId']);
    const idle = await f.api(f.admin).post('/api/v1/sla/policies', {
      name: 'Escalade vide',
      kind: 'sla',
      entityId: f.w.metropolis.id,
      targets: [{ priority: 1, responseMinutes: 10, resolutionMinutes: 60 }],
      escalations: [{ metric: 'resolution', percent: 100, notifyCoordinators: false }],
    });
    expect(idle.statusCode).toBe(400);
    expect(errorsOf(idle.body)).toEqual(['escalations.0']);
  });

  it('updates with optimistic locking, and refuses to delete a level that ran on tickets', async () => {
    const id = await f.policy({ targets: [{ priority: 2, responseMinutes: 30, resolutionMinutes: 240 }] });
    const current = (await f.api(f.admin).get(`/api/v1/sla/policies/${id}`)).json();
    expect(current).toMatchObject({ entity: { id: f.w.metropolis.id }, calendar: null, warnPercent: 75 });
    const t = await f.openTicket();
    expect((await f.clocksOf(t.number)).map((c) => c.metric)).toEqual(['response', 'resolution']);
    const del = await f.api(f.admin).delete(`/api/v1/sla/policies/${id}`);
    expect(del.statusCode).toBe(409);
    const off = await f.api(f.admin).put(`/api/v1/sla/policies/${id}`, {
      name: current.name,
      kind: 'sla',
      entityId: f.w.metropolis.id,
      active: false,
      targets: current.targets,
      version: current.version,
    });
    expect(off.statusCode, off.body).toBe(200);
    expect(off.json()).toMatchObject({ active: false, version: current.version + 1 });
    const t2 = await f.openTicket();
    expect(await f.clocksOf(t2.number)).toEqual([]);
  });

  it('runs an OLA only while its group holds the ticket', async () => {
    await f.api(f.admin).post('/api/v1/sla/policies', {
      name: `OLA Pessac ${f.w.tag}`,
      kind: 'ola',
      groupId: f.w.pessacGroup.id,
      targets: [{ priority: 2, responseMinutes: 30, resolutionMinutes: 120 }],
    });
    const t = await f.openTicket();
    expect(await f.clocksOf(t.number)).toEqual([]);
    let res = await f.api(f.agent).patch(`/api/v1/tickets/${t.number}`, { groupId: f.w.pessacGroup.id });
    expect(res.statusCode, res.body).toBe(200);
    let clocks = await f.clocksOf(t.number);
    expect(clocks.map((c) => [c.policy.kind, c.metric, c.status])).toEqual([
      ['ola', 'response', 'running'],
      ['ola', 'resolution', 'running'],
    ]);
    res = await f.api(f.agent).patch(`/api/v1/tickets/${t.number}`, { groupId: f.w.deskGroup.id });
    clocks = await f.clocksOf(t.number);
    expect(clocks.map((c) => c.status)).toEqual(['paused', 'paused']);
  });

  it('shows a ticket clocks to staff who see the ticket only', async () => {
    const t = await f.openTicket();
    expect((await f.api(f.requester).get(`/api/v1/tickets/${t.number}/slas`)).statusCode).toBe(403);
    const outsider = await f.session(f.w.pessacAgent.id);
    const other = await f.openTicket({ requesterId: f.w.requesterMerignac.id });
    expect((await f.api(outsider).get(`/api/v1/tickets/${other.number}/slas`)).statusCode).toBe(404);
    expect((await f.api(f.agent).get('/api/v1/tickets/INC9999999/slas')).statusCode).toBe(404);
    // requesters never see the clocks in their own ticket either
    const mine = await f.api(f.requester).get(`/api/v1/tickets/${t.number}`);
    expect(mine.json().sla).toBeNull();
  });
});
