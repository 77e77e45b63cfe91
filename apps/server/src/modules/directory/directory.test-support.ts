import { and, asc, eq } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import { auditLog } from '../../platform/audit/audit.table.js';
import { createPerson, createWorld, type World } from '../../test/factories.js';
import { as, login, type Session, startTestApp, type TestContext } from '../../test/harness.js';
import { people } from './directory.table.js';

export type Who =
  | 'admin'
  | 'desk'
  | 'coordinator'
  | 'pessacAgent'
  | 'pessacAdmin'
  | 'reqPessac'
  | 'reqMerignac';

/** The app, a world of its own, an admin of Pessac only, and a session for each role. */
export async function directoryWorld(opts: Parameters<typeof startTestApp>[0] = {}) {
  const ctx: TestContext = await startTestApp(opts);
  const db = ctx.database.db;
  const w: World = await createWorld(db);
  const pessacAdmin = await createPerson(db, {
    name: `Admin Pessac ${w.tag}`,
    entityId: w.pessac.id,
    roles: [['admin', w.pessac.id]],
  });
  const emailOf = async (id: number) => {
    const [p] = await db.select({ email: people.email }).from(people).where(eq(people.id, id));
    if (!p) throw new Error(`no person ${id}`);
    return p.email;
  };
  const ids: Record<Who, number> = {
    admin: w.admin.id,
    desk: w.deskAgent.id,
    coordinator: w.coordinator.id,
    pessacAgent: w.pessacAgent.id,
    pessacAdmin: pessacAdmin.id,
    reqPessac: w.requesterPessac.id,
    reqMerignac: w.requesterMerignac.id,
  };
  const sessions = {} as Record<Who, Session>;
  for (const [who, id] of Object.entries(ids) as [Who, number][]) {
    sessions[who] = await login(ctx.app, await emailOf(id));
  }
  const api = (who: Who | null) => as(ctx.app, who ? sessions[who] : null);
  const auditRows = (action: string, targetId: number | string) =>
    db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, action), eq(auditLog.targetId, String(targetId))))
      .orderBy(asc(auditLog.id));
  return { ctx, db, w, pessacAdmin, sessions, api, emailOf, auditRows };
}

/** The field paths of a 400 answer. */
export function errorPaths(res: LightMyRequestResponse): string[] {
  expect(res.statusCode, res.body).toBe(400);
  const body = res.json() as { code: string; errors?: { path: string }[] };
  expect(body.code).toBe('validation_failed');
  return (body.errors ?? []).map((e) => e.path);
}

export function expectStatus(res: LightMyRequestResponse, status: number, code?: string) {
  expect(res.statusCode, res.body).toBe(status);
  if (code) expect(res.json()).toMatchObject({ code });
}
