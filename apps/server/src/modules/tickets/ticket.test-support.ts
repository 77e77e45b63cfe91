import { expect } from 'vitest';
import type { Clock } from '../../platform/clock.js';
import { createWorld, emailOf, type World } from '../../test/factories.js';
import { as, login, type Session, startTestApp, type TestContext } from '../../test/harness.js';

export type Who = 'desk' | 'pessacAgent' | 'reqPessac' | 'reqMerignac' | 'coordinator';

export interface TicketWorld {
  ctx: TestContext;
  w: World;
  sessions: Record<Who, Session>;
  api(who: Who | null): ReturnType<typeof as>;
  /** creates a ticket through the API and expects a 201 */
  newTicket(
    who: Who,
    body: Record<string, unknown>,
  ): Promise<{ number: string; version: number; id: number; status: string }>;
}

/** The app, an organisation of its own, and signed-in desk agents and requesters, for ticket tests. */
export async function ticketWorld(opts: { clock?: Clock } = {}): Promise<TicketWorld> {
  const ctx = await startTestApp({ clock: opts.clock });
  const w = await createWorld(ctx.database.db);
  const signIn = async (id: number) => login(ctx.app, await emailOf(ctx.database.db, id));
  const sessions: Record<Who, Session> = {
    desk: await signIn(w.deskAgent.id),
    pessacAgent: await signIn(w.pessacAgent.id),
    reqPessac: await signIn(w.requesterPessac.id),
    reqMerignac: await signIn(w.requesterMerignac.id),
    coordinator: await signIn(w.coordinator.id),
  };
  const api = (who: Who | null) => as(ctx.app, who ? sessions[who] : null);
  return {
    ctx,
    w,
    sessions,
    api,
    async newTicket(who, body) {
      const res = await api(who).post('/api/v1/tickets', {
        type: 'incident',
        title: 'Imprimante en panne',
        ...body,
      });
      expect(res.statusCode, res.body).toBe(201);
      return res.json();
    },
  };
}
