import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultPriorityMatrix } from '../tickets/priority.js';
import { categories, settings } from './directory.table.js';
import { directoryWorld, errorPaths, expectStatus } from './directory.test-support.js';

let t: Awaited<ReturnType<typeof directoryWorld>>;
beforeAll(async () => {
  t = await directoryWorld();
});
afterAll(() => t.ctx.close());

type CategoryOut = { id: number; parentId: number | null; name: string; nameEn: string };

describe('GET /categories', () => {
  it('is open to any signed-in person, requesters included (portal form)', async () => {
    for (const who of ['reqPessac', 'pessacAgent'] as const) {
      const res = await t.api(who).get('/api/v1/categories');
      expectStatus(res, 200);
      expect(res.json()).toContainEqual({
        id: t.w.category.id,
        parentId: null,
        name: t.w.category.name,
        nameEn: t.w.category.nameEn,
      });
    }
  });

  it('answers 401 anonymous', async () => {
    expectStatus(await t.api(null).get('/api/v1/categories'), 401);
  });
});

describe('POST /categories', () => {
  it('lets an administrator of the root create categories and sub-categories, audited', async () => {
    const res = await t.api('admin').post('/api/v1/categories', { name: 'Téléphonie', nameEn: 'Telephony' });
    expectStatus(res, 201);
    const parent = res.json() as CategoryOut;
    expect(parent).toMatchObject({ parentId: null, name: 'Téléphonie', nameEn: 'Telephony' });
    const child = await t.api('admin').post('/api/v1/categories', {
      parentId: parent.id,
      name: 'Ligne fixe',
      nameEn: 'Landline',
    });
    expectStatus(child, 201);
    expect(child.json()).toMatchObject({ parentId: parent.id });
    expect(await t.auditRows('category.created', parent.id)).toHaveLength(1);
  });

  it('answers 403 to commune admins, other staff and requesters', async () => {
    const body = { name: 'Réseau', nameEn: 'Network' };
    expectStatus(await t.api('pessacAdmin').post('/api/v1/categories', body), 403);
    expectStatus(await t.api('desk').post('/api/v1/categories', body), 403);
    expectStatus(await t.api('reqPessac').post('/api/v1/categories', body), 403);
  });

  it('validates the body, including the parent', async () => {
    expect(errorPaths(await t.api('admin').post('/api/v1/categories', { name: '', parentId: 'x' }))).toEqual(
      expect.arrayContaining(['body.name', 'body.nameEn', 'body.parentId']),
    );
    expect(
      errorPaths(
        await t.api('admin').post('/api/v1/categories', { parentId: 999_999_999, name: 'a', nameEn: 'a' }),
      ),
    ).toEqual(['parentId']);
  });

  it('answers 401 anonymous', async () => {
    expectStatus(await t.api(null).post('/api/v1/categories', { name: 'a', nameEn: 'a' }), 401);
  });
});

describe('PATCH /categories/:id', () => {
  it('renames and keeps the parent when it is not sent', async () => {
    const parent = (
      await t.api('admin').post('/api/v1/categories', { name: 'Logiciels', nameEn: 'Software' })
    ).json();
    const child = (
      await t
        .api('admin')
        .post('/api/v1/categories', { parentId: parent.id, name: 'Bureautque', nameEn: 'Office' })
    ).json() as CategoryOut;
    const res = await t.api('admin').patch(`/api/v1/categories/${child.id}`, { name: 'Bureautique' });
    expectStatus(res, 200);
    expect(res.json()).toEqual({ id: child.id, parentId: parent.id, name: 'Bureautique', nameEn: 'Office' });
    const [audit] = await t.auditRows('category.updated', child.id);
    expect(audit?.details).toEqual({ name: { from: 'Bureautque', to: 'Bureautique' } });
    const top = await t.api('admin').patch(`/api/v1/categories/${child.id}`, { parentId: null });
    expect(top.json().parentId).toBeNull();
  });

  it('refuses a parent that would make a cycle', async () => {
    const a = (
      await t.api('admin').post('/api/v1/categories', { name: 'A', nameEn: 'A' })
    ).json() as CategoryOut;
    const b = (
      await t.api('admin').post('/api/v1/categories', { parentId: a.id, name: 'B', nameEn: 'B' })
    ).json();
    const c = (
      await t.api('admin').post('/api/v1/categories', { parentId: b.id, name: 'C', nameEn: 'C' })
    ).json();
    expect(errorPaths(await t.api('admin').patch(`/api/v1/categories/${a.id}`, { parentId: c.id }))).toEqual([
      'parentId',
    ]);
    expect(errorPaths(await t.api('admin').patch(`/api/v1/categories/${a.id}`, { parentId: a.id }))).toEqual([
      'parentId',
    ]);
    const [row] = await t.db.select().from(categories).where(eq(categories.id, a.id));
    expect(row?.parentId).toBeNull();
  });

  it('answers 404 for a missing category, 403 to others than root admins', async () => {
    expectStatus(await t.api('admin').patch('/api/v1/categories/999999999', { name: 'x' }), 404);
    expectStatus(
      await t.api('pessacAdmin').patch(`/api/v1/categories/${t.w.category.id}`, { name: 'x' }),
      403,
    );
    expectStatus(await t.api('reqPessac').patch(`/api/v1/categories/${t.w.category.id}`, { name: 'x' }), 403);
  });

  it('validates and answers 401 anonymous', async () => {
    expect(
      errorPaths(await t.api('admin').patch(`/api/v1/categories/${t.w.category.id}`, { nameEn: '' })),
    ).toEqual(['body.nameEn']);
    expectStatus(await t.api(null).patch(`/api/v1/categories/${t.w.category.id}`, { name: 'x' }), 401);
  });
});

describe('GET and PATCH /settings', () => {
  it('reads the settings as staff, with the default matrix', async () => {
    const res = await t.api('pessacAgent').get('/api/v1/settings');
    expectStatus(res, 200);
    expect(res.json()).toEqual({ priorityMatrix: defaultPriorityMatrix, reopenDays: 10 });
    expectStatus(await t.api('reqPessac').get('/api/v1/settings'), 403);
    expectStatus(await t.api(null).get('/api/v1/settings'), 401);
  });

  it('updates the settings, audited, and new tickets use them at once', async () => {
    const matrix = { ...defaultPriorityMatrix, '3-3': 4 };
    const res = await t.api('admin').patch('/api/v1/settings', { priorityMatrix: matrix, reopenDays: 5 });
    expectStatus(res, 200);
    expect(res.json()).toEqual({ priorityMatrix: matrix, reopenDays: 5 });
    const audit = (await t.auditRows('settings.updated', 'instance')).at(-1);
    expect(audit?.details).toEqual({
      priorityMatrix: { from: defaultPriorityMatrix, to: matrix },
      reopenDays: { from: 10, to: 5 },
    });
    const ticket = await t.api('desk').post('/api/v1/tickets', {
      type: 'incident',
      title: 'Souris cassée',
      requesterId: t.w.requesterPessac.id,
      impact: 3,
      urgency: 3,
    });
    expect(ticket.json().priority).toBe(4);
    // a partial update keeps the rest
    const days = await t.api('admin').patch('/api/v1/settings', { reopenDays: 7 });
    expect(days.json()).toEqual({ priorityMatrix: matrix, reopenDays: 7 });
    expect((await t.db.select().from(settings).where(eq(settings.key, 'reopenDays')))[0]?.value).toBe(7);
    await t.api('admin').patch('/api/v1/settings', { priorityMatrix: defaultPriorityMatrix, reopenDays: 10 });
  });

  it('needs all nine cells of the matrix, and valid values', async () => {
    const { '3-3': _, '1-2': __, ...partial } = defaultPriorityMatrix;
    const res = await t.api('admin').patch('/api/v1/settings', { priorityMatrix: partial });
    expect(errorPaths(res)).toEqual(['priorityMatrix.1-2', 'priorityMatrix.3-3']);
    const bad = await t.api('admin').patch('/api/v1/settings', {
      priorityMatrix: { ...defaultPriorityMatrix, '1-1': 9 },
      reopenDays: 100,
    });
    expect(errorPaths(bad)).toEqual(expect.arrayContaining(['body.priorityMatrix.1-1', 'body.reopenDays']));
  });

  it('is for administrators of the root only', async () => {
    expectStatus(await t.api('pessacAdmin').patch('/api/v1/settings', { reopenDays: 3 }), 403);
    expectStatus(await t.api('desk').patch('/api/v1/settings', { reopenDays: 3 }), 403);
    expectStatus(await t.api('reqPessac').patch('/api/v1/settings', { reopenDays: 3 }), 403);
    expectStatus(await t.api(null).patch('/api/v1/settings', { reopenDays: 3 }), 401);
  });
});
