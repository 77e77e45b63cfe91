import type { SlaAlertEvent } from '@guichet/contracts';
import { eq, sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '../../db/client.js';
import type { Clock } from '../../platform/clock.js';
import { publish } from '../../platform/events/events.js';
import { type EscalateTicket, type TicketRecord, tickets } from '../tickets/index.js';
import { type PolicyRow, rulesOf, type SlaCatalog } from './sla.catalog.js';
import type { ClockEvent } from './sla.clock.js';
import { markFired, reachedThresholds } from './sla.clock.js';
import type { SlaEngine } from './sla.engine.js';
import * as repo from './sla.repository.js';

export interface SlaTimerDeps {
  db: Db;
  clock: Clock;
  catalog: SlaCatalog;
  engine: SlaEngine;
  escalate: EscalateTicket;
}

type Level = SlaAlertEvent['level'];
interface Alert {
  level: Level;
  policy: PolicyRow;
  metric: 'response' | 'resolution';
  percent: number;
  dueAt: Date | null;
  /** escalation: who must hear of it beyond the people working the ticket */
  coordinators: boolean;
  reassignedTo: number | null;
}

/** Agents working a ticket: its assignee, or the members of its group while nobody has it. */
async function workers(db: DbOrTx, t: TicketRecord): Promise<number[]> {
  if (t.assigneeId) return [t.assigneeId];
  if (!t.groupId) return [];
  return groupMembers(db, t.groupId);
}

async function groupMembers(db: DbOrTx, groupId: number): Promise<number[]> {
  const { rows } = await db.execute<{ id: number }>(
    sql`select person_id as id from group_members where group_id = ${groupId}`,
  );
  return rows.map((r) => Number(r.id));
}

/** Coordinators whose role covers the group's entity (or the ticket's, without a group). */
async function coordinators(db: DbOrTx, t: TicketRecord): Promise<number[]> {
  const { rows } = await db.execute<{ id: number }>(sql`
    select distinct r.person_id as id
    from role_assignments r
    join entities scope on scope.id = r.entity_id
    join entities target on target.id = coalesce((select g.entity_id from groups g where g.id = ${t.groupId}), ${t.entityId})
    where r.role = 'coordinator'
      and (r.entity_id = target.id or (r.include_descendants and target.path like scope.path || '%'))`);
  return rows.map((r) => Number(r.id));
}

/**
 * What a timer does when it fires: act on every threshold a ticket's clocks have reached
 * (warning, breach, escalation rules), exactly once even if the job runs twice or two processes
 * race (the ticket's row lock serialises them and `fired` remembers), then re-arm.
 */
export function createSlaTimer({ db, clock, catalog, engine, escalate }: SlaTimerDeps) {
  async function runTimer(ticketId: number): Promise<number> {
    return db.transaction(async (tx) => {
      const [t] = await tx.select().from(tickets).where(eq(tickets.id, ticketId)).for('update');
      if (!t) return 0;
      const rows = await repo.runningClocksOf(tx, ticketId);
      await catalog.load(tx);
      const now = clock.now();
      const alerts: Alert[] = [];
      for (const row of rows) {
        const policy = catalog.policy(row.policyId);
        if (!policy) continue;
        const cal = catalog.calendar(row.calendarId);
        const rules = rulesOf(policy, row.metric);
        const state = repo.stateOf(row);
        const reached = reachedThresholds(state, cal, rules, now);
        if (reached.length === 0) continue;
        const fired = markFired(state, cal, rules, reached);
        const events: ClockEvent[] = [];
        for (const percent of reached) {
          const base = { policy, metric: row.metric, percent, dueAt: fired.dueAt, coordinators: false };
          if (percent === policy.warnPercent && percent < 100) {
            events.push({ kind: 'warning', at: now, detail: { percent } });
            alerts.push({ ...base, level: 'warning', reassignedTo: null });
          }
          if (percent === 100) {
            events.push({ kind: 'breached', at: fired.breachedAt ?? now, detail: { percent } });
            alerts.push({ ...base, level: 'breached', coordinators: true, reassignedTo: null });
          }
          for (const rule of policy.escalations) {
            if (rule.metric !== row.metric || rule.percent !== percent) continue;
            events.push({
              kind: 'escalated',
              at: now,
              detail: {
                percent,
                notifyCoordinators: rule.notifyCoordinators,
                reassignGroupId: rule.reassignGroupId,
                raisePriority: rule.raisePriority,
              },
            });
            alerts.push({
              ...base,
              level: 'escalated',
              coordinators: rule.notifyCoordinators,
              reassignedTo: rule.reassignGroupId,
            });
          }
        }
        await repo.saveClock(tx, row.id, fired, events);
      }
      // the ticket-changing actions of escalation rules, then the clocks follow the changed ticket
      const escalations = alerts.filter((a) => a.level === 'escalated');
      const reassignTo = escalations.map((a) => a.reassignedTo).find((g) => g !== null) ?? null;
      const raise = escalations.some((a) =>
        a.policy.escalations.some((r) => r.metric === a.metric && r.percent === a.percent && r.raisePriority),
      );
      let after = t;
      if (reassignTo || raise) {
        const why = escalations[0];
        after = await escalate(tx, t, {
          groupId: reassignTo,
          raisePriority: raise,
          reason: why ? `${why.policy.name} · ${why.metric} ${why.percent} %` : 'SLA',
        });
      }
      await engine.reconcile(tx, t, after, false);
      // arm the next threshold (a duplicate timer is harmless: it finds nothing reached)
      const next = engine.earliest((await repo.runningClocksOf(tx, ticketId)).map((r) => r.nextCheckAt));
      await engine.arm(tx, ticketId, next);
      for (const a of alerts) await announce(tx, after, a, now);
      return alerts.length;
    });
  }

  async function announce(tx: DbOrTx, t: TicketRecord, a: Alert, now: Date): Promise<void> {
    const recipients = new Set(await workers(tx, t));
    if (a.coordinators) for (const id of await coordinators(tx, t)) recipients.add(id);
    const payload: SlaAlertEvent = {
      type: 'sla.alert',
      level: a.level,
      number: t.number,
      title: t.title,
      policy: a.policy.name,
      metric: a.metric,
      percent: a.percent,
      dueAt: a.dueAt?.toISOString() ?? null,
      recipients: [...recipients],
      at: now.toISOString(),
    };
    await publish(tx, { topic: 'sla.alert', entityId: t.entityId, audience: [], payload: { ...payload } });
  }

  /** Tickets whose next threshold is at or before `at`; the minute sweep catches timers that were lost. */
  async function runDue(at: Date, limit = 500): Promise<number> {
    const ids = await repo.ticketsDueBy(db, at, limit);
    for (const id of ids) await runTimer(id);
    return ids.length;
  }

  return { runTimer, runDue };
}
export type SlaTimer = ReturnType<typeof createSlaTimer>;
