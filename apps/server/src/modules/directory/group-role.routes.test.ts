import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGroup, createPerson } from '../../test/factories.js';
import { as, login } from '../../test/harness.js';
import { groupMembers, roleAssignments } from './directory.table.js';
import { directoryWorld, errorPaths, expectStatus } from './directory.test-support.js';

let t: Awaited<ReturnType<typeof directoryWorld>>;
let merignacAgent: Awaited<ReturnType<typeof createPerson>>;
let merignacGroup: Awaited<ReturnType<typeof createGroup>>;
beforeAll(async () => {
  t = await directoryWorld();
  merignacAgent = await createPerson(t.db, {
    name: `Agent Mérignac ${t.w.tag}`,
    entityId: t.w.merignac.id,
    roles: [['agent', t.w.merignac.id]],
  });
  merignacGroup = await createGroup(t.db, t.w.merignac.id, [merignacAgent.id], `Support Mérignac ${t.w.tag}`);
});
afterAll(() => t.ctx.close());

type GroupOut = {
  id: number;
  name: string;
  kind: string;
  entity: { id: number };
  members: { id: number; name: string }[];
};
type RoleOut = {
  id: number;
  person: { id: number };
  role: string;
  entity: { id: number };
  includeDescendants: boolean;
};

describe('GET /groups', () => {
  it('lists the groups in scope and those of ancestor entities, with members', async () => {
    const res = await t.api('pessacAgent').get('/api/v1/groups');
    expectStatus(res, 200);
    const groups = res.json() as GroupOut[];
    const ids = groups.map((g) => g.id);
    expect(ids).toEqual(expect.arrayContaining([t.w.deskGroup.id, t.w.pessacGroup.id]));
    expect(ids).not.toContain(merignacGroup.id);
    expect(groups.find((g) => g.id === t.w.deskGroup.id)).toEqual({
      id: t.w.deskGroup.id,
      name: t.w.deskGroup.name,
      kind: 'service_desk',
      entity: { id: t.w.metropolis.id, name: t.w.metropolis.name },
      members: [
        { id: t.w.deskAgent.id, name: t.w.deskAgent.name },
        { id: t.w.coordinator.id, name: t.w.coordinator.name },
      ].sort((a, b) => (a.name < b.name ? -1 : 1)),
    });
    const all = (await t.api('desk').get('/api/v1/groups')).json() as GroupOut[];
    expect(all.map((g) => g.id)).toEqual(
      expect.arrayContaining([t.w.deskGroup.id, t.w.pessacGroup.id, merignacGroup.id]),
    );
  });

  it('answers 403 to requesters and 401 anonymous', async () => {
    expectStatus(await t.api('reqPessac').get('/api/v1/groups'), 403);
    expectStatus(await t.api(null).get('/api/v1/groups'), 401);
  });
});

describe('POST /groups', () => {
  it('creates a group of support staff, audited', async () => {
    const res = await t.api('pessacAdmin').post('/api/v1/groups', {
      name: 'Proximité Pessac',
      kind: 'local_support',
      entityId: t.w.pessac.id,
      memberIds: [t.w.pessacAgent.id, t.pessacAdmin.id],
    });
    expectStatus(res, 201);
    const g = res.json() as GroupOut;
    expect(g).toMatchObject({
      name: 'Proximité Pessac',
      kind: 'local_support',
      entity: { id: t.w.pessac.id },
    });
    expect(g.members.map((m) => m.id).sort()).toEqual([t.w.pessacAgent.id, t.pessacAdmin.id].sort());
    expect(await t.auditRows('group.created', g.id)).toHaveLength(1);
  });

  it('refuses members who are not staff, unknown or out of scope, by index', async () => {
    const res = await t.api('pessacAdmin').post('/api/v1/groups', {
      name: 'Mauvais',
      kind: 'local_support',
      entityId: t.w.pessac.id,
      memberIds: [t.w.pessacAgent.id, t.w.requesterPessac.id, 999_999_999, merignacAgent.id],
    });
    expect(errorPaths(res)).toEqual(['memberIds.1', 'memberIds.2', 'memberIds.3']);
    expect(res.json().errors[0].message).toContain('support staff');
  });

  it('answers 404 out of scope and 403 to non-admin staff', async () => {
    const body = (entityId: number) => ({ name: 'G', kind: 'experts', entityId, memberIds: [] });
    expectStatus(await t.api('pessacAdmin').post('/api/v1/groups', body(t.w.merignac.id)), 404);
    expectStatus(await t.api('pessacAgent').post('/api/v1/groups', body(t.w.pessac.id)), 403);
    expectStatus(await t.api('reqPessac').post('/api/v1/groups', body(t.w.pessac.id)), 403);
  });

  it('validates the body and answers 401 anonymous', async () => {
    const res = await t
      .api('admin')
      .post('/api/v1/groups', { name: '', kind: 'band', entityId: t.w.pessac.id, memberIds: [0] });
    expect(errorPaths(res)).toEqual(expect.arrayContaining(['body.name', 'body.kind', 'body.memberIds.0']));
    const anon = await t
      .api(null)
      .post('/api/v1/groups', { name: 'G', kind: 'experts', entityId: t.w.pessac.id });
    expectStatus(anon, 401);
  });
});

describe('PATCH /groups/:id', () => {
  it('renames without touching the members, and replaces them when sent', async () => {
    const g = await createGroup(t.db, t.w.pessac.id, [t.w.pessacAgent.id]);
    const renamed = await t.api('pessacAdmin').patch(`/api/v1/groups/${g.id}`, { name: 'Renommé' });
    expectStatus(renamed, 200);
    expect(renamed.json()).toMatchObject({ name: 'Renommé', members: [{ id: t.w.pessacAgent.id }] });
    const replaced = await t
      .api('pessacAdmin')
      .patch(`/api/v1/groups/${g.id}`, { memberIds: [t.pessacAdmin.id] });
    expect((replaced.json() as GroupOut).members.map((m) => m.id)).toEqual([t.pessacAdmin.id]);
    const audits = await t.auditRows('group.updated', g.id);
    expect(audits.map((a) => a.details)).toEqual([
      { name: { from: g.name, to: 'Renommé' } },
      { members: { added: [t.pessacAdmin.id], removed: [t.w.pessacAgent.id] } },
    ]);
    const emptied = await t.api('pessacAdmin').patch(`/api/v1/groups/${g.id}`, { memberIds: [] });
    expect(emptied.json().members).toEqual([]);
  });

  it('keeps a member the actor cannot see when they were already in the group', async () => {
    const g = await createGroup(t.db, t.w.pessac.id, [t.w.deskAgent.id]);
    const res = await t.api('pessacAdmin').patch(`/api/v1/groups/${g.id}`, {
      memberIds: [t.w.deskAgent.id, t.w.pessacAgent.id],
    });
    expectStatus(res, 200);
    const rows = await t.db.select().from(groupMembers).where(eq(groupMembers.groupId, g.id));
    expect(rows.map((r) => r.personId).sort()).toEqual([t.w.deskAgent.id, t.w.pessacAgent.id].sort());
  });

  it('answers 404 out of scope, 403 visible but not administered', async () => {
    expectStatus(await t.api('pessacAdmin').patch(`/api/v1/groups/${merignacGroup.id}`, { name: 'x' }), 404);
    // the metropolis desk group is visible (ancestor) but not administered
    expectStatus(await t.api('pessacAdmin').patch(`/api/v1/groups/${t.w.deskGroup.id}`, { name: 'x' }), 403);
    expectStatus(
      await t.api('pessacAgent').patch(`/api/v1/groups/${t.w.pessacGroup.id}`, { name: 'x' }),
      403,
    );
    // moving a group to an entity the actor does not see
    expectStatus(
      await t.api('pessacAdmin').patch(`/api/v1/groups/${t.w.pessacGroup.id}`, { entityId: t.w.merignac.id }),
      404,
    );
    expectStatus(await t.api('admin').patch('/api/v1/groups/999999999', { name: 'x' }), 404);
  });

  it('validates the body and answers 401 anonymous', async () => {
    expect(
      errorPaths(await t.api('admin').patch(`/api/v1/groups/${t.w.pessacGroup.id}`, { memberIds: ['x'] })),
    ).toEqual(['body.memberIds.0']);
    expectStatus(await t.api(null).patch(`/api/v1/groups/${t.w.pessacGroup.id}`, { name: 'x' }), 401);
  });
});

describe('GET /roles', () => {
  it('lists the role assignments within the admin scope', async () => {
    const res = await t.api('pessacAdmin').get(`/api/v1/roles?person=${t.w.pessacAgent.id}`);
    expectStatus(res, 200);
    expect(res.json()).toEqual([
      {
        id: expect.any(Number),
        person: { id: t.w.pessacAgent.id, name: t.w.pessacAgent.name },
        role: 'agent',
        entity: { id: t.w.pessac.id, name: t.w.pessac.name },
        includeDescendants: true,
      },
    ]);
    // the desk agent's role sits on the metropolis, outside a Pessac admin's scope
    expect((await t.api('pessacAdmin').get(`/api/v1/roles?person=${t.w.deskAgent.id}`)).json()).toEqual([]);
    expect(((await t.api('admin').get('/api/v1/roles')).json() as RoleOut[]).length).toBeGreaterThanOrEqual(
      5,
    );
  });

  it('is for administrators: 403 for other staff and requesters, 401 anonymous, 400 bad query', async () => {
    expectStatus(await t.api('desk').get('/api/v1/roles'), 403);
    expectStatus(await t.api('reqPessac').get('/api/v1/roles'), 403);
    expectStatus(await t.api(null).get('/api/v1/roles'), 401);
    expect(errorPaths(await t.api('admin').get('/api/v1/roles?person=abc'))).toEqual(['querystring.person']);
  });
});

describe('POST /roles and DELETE /roles/:id', () => {
  it('grants a role that takes effect at once, and revokes it', async () => {
    const p = await createPerson(t.db, { entityId: t.w.pessac.id });
    const s = await login(t.ctx.app, p.email);
    expectStatus(await as(t.ctx.app, s).get('/api/v1/people'), 403);

    const res = await t.api('pessacAdmin').post('/api/v1/roles', {
      personId: p.id,
      role: 'agent',
      entityId: t.w.pessacSchools.id,
    });
    expectStatus(res, 201);
    const role = res.json() as RoleOut;
    expect(role).toMatchObject({
      person: { id: p.id },
      role: 'agent',
      entity: { id: t.w.pessacSchools.id },
      includeDescendants: true,
    });
    const [granted] = await t.auditRows('role.granted', p.id);
    expect(granted).toMatchObject({
      actorId: t.pessacAdmin.id,
      entityId: t.w.pessacSchools.id,
      details: {
        roleAssignmentId: role.id,
        role: 'agent',
        entityId: t.w.pessacSchools.id,
        includeDescendants: true,
      },
    });
    // the person's open session sees the new scope now, not after the cache expires
    expectStatus(await as(t.ctx.app, s).get('/api/v1/people'), 200);

    const dup = await t
      .api('pessacAdmin')
      .post('/api/v1/roles', { personId: p.id, role: 'agent', entityId: t.w.pessacSchools.id });
    expectStatus(dup, 409, 'conflict');

    expectStatus(await t.api('pessacAdmin').delete(`/api/v1/roles/${role.id}`), 204);
    expect(await t.db.select().from(roleAssignments).where(eq(roleAssignments.id, role.id))).toEqual([]);
    expect(await t.auditRows('role.revoked', p.id)).toMatchObject([
      { details: { role: 'agent', roleAssignmentId: role.id } },
    ]);
    expectStatus(await as(t.ctx.app, s).get('/api/v1/people'), 403);
  });

  it('keeps grants inside the admin scope: 404 out of scope, 400 for an unknown person', async () => {
    const grant = (personId: number, entityId: number) => ({ personId, role: 'admin', entityId });
    expectStatus(
      await t.api('pessacAdmin').post('/api/v1/roles', grant(t.w.pessacAgent.id, t.w.merignac.id)),
      404,
    );
    expectStatus(
      await t.api('pessacAdmin').post('/api/v1/roles', grant(t.w.pessacAgent.id, t.w.metropolis.id)),
      404,
    );
    expect(
      errorPaths(
        await t.api('pessacAdmin').post('/api/v1/roles', grant(t.w.requesterMerignac.id, t.w.pessac.id)),
      ),
    ).toEqual(['personId']);
    expectStatus(
      await t.api('pessacAgent').post('/api/v1/roles', grant(t.w.pessacAgent.id, t.w.pessac.id)),
      403,
    );
    expectStatus(
      await t.api('reqPessac').post('/api/v1/roles', grant(t.w.requesterPessac.id, t.w.pessac.id)),
      403,
    );
    expect(
      await t.db
        .select()
        .from(roleAssignments)
        .where(and(eq(roleAssignments.personId, t.w.pessacAgent.id), eq(roleAssignments.role, 'admin'))),
    ).toEqual([]);
  });

  it('validates the body and answers 401 anonymous', async () => {
    const res = await t
      .api('admin')
      .post('/api/v1/roles', { personId: 'x', role: 'king', entityId: t.w.pessac.id });
    expect(errorPaths(res)).toEqual(expect.arrayContaining(['body.personId', 'body.role']));
    expectStatus(await t.api(null).post('/api/v1/roles', { personId: 1, role: 'agent', entityId: 1 }), 401);
  });

  it('revokes only inside the admin scope: 404 out of scope, 403 visible, 409 for one’s own admin role', async () => {
    const [deskRole] = await t.db
      .select()
      .from(roleAssignments)
      .where(eq(roleAssignments.personId, t.w.deskAgent.id));
    const [pessacAgentRole] = await t.db
      .select()
      .from(roleAssignments)
      .where(eq(roleAssignments.personId, t.w.pessacAgent.id));
    const [ownAdmin] = await t.db
      .select()
      .from(roleAssignments)
      .where(eq(roleAssignments.personId, t.pessacAdmin.id));
    if (!deskRole || !pessacAgentRole || !ownAdmin) throw new Error('fixture roles missing');
    expectStatus(await t.api('pessacAdmin').delete(`/api/v1/roles/${deskRole.id}`), 404);
    expectStatus(await t.api('admin').delete('/api/v1/roles/999999999'), 404);
    // an agent of Pessac who administers only its schools sees the Pessac role but may not revoke it
    const schoolsAdmin = await createPerson(t.db, {
      entityId: t.w.pessac.id,
      roles: [
        ['agent', t.w.pessac.id],
        ['admin', t.w.pessacSchools.id],
      ],
    });
    const s = await login(t.ctx.app, schoolsAdmin.email);
    expectStatus(await as(t.ctx.app, s).delete(`/api/v1/roles/${pessacAgentRole.id}`), 403);
    expectStatus(await t.api('pessacAgent').delete(`/api/v1/roles/${pessacAgentRole.id}`), 403);
    expectStatus(await t.api('pessacAdmin').delete(`/api/v1/roles/${ownAdmin.id}`), 409);
    expect(errorPaths(await t.api('admin').delete('/api/v1/roles/abc'))).toEqual(['params.id']);
    expectStatus(await t.api(null).delete(`/api/v1/roles/${deskRole.id}`), 401);
  });
});
