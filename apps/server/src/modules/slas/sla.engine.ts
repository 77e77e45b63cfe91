import type { SlaMetric } from '@guichet/contracts';
import type { DbOrTx } from '../../db/client.js';
import type { Clock } from '../../platform/clock.js';
import type { JobQueue } from '../../platform/jobs/job-queue.js';
import type { TicketClocks, TicketRecord } from '../tickets/index.js';
import { type PolicyRow, rulesOf, type SlaCatalog, targetOf } from './sla.catalog.js';
import {
  type ClockEvent,
  type ClockState,
  type ClockStatus,
  moveClock,
  retarget,
  scheduled,
  startClock,
} from './sla.clock.js';
import * as repo from './sla.repository.js';

export const SLA_TIMER_QUEUE = 'sla-timer';
const METRICS: readonly SlaMetric[] = ['response', 'resolution'];
const DONE = new Set(['resolved', 'closed', 'cancelled']);

type Facts = Pick<TicketRecord, 'status' | 'pendingReason' | 'groupId' | 'assigneeId'>;
/** What deciding which clocks run on a ticket reads of it. */
type ClockFacts = Facts & Pick<TicketRecord, 'type' | 'entityId' | 'categoryId' | 'priority'>;

/**
 * Where a clock should be for the ticket as it now is. Response stops once the ticket is taken
 * into account (an agent, work started, or a public reply by staff) and never restarts;
 * resolution stops on resolution and resumes on reopening. Both pause while pending for a reason
 * the policy names, and an OLA or contract counts only while its group holds the ticket.
 */
export function desiredStatus(
  policy: PolicyRow,
  metric: SlaMetric,
  t: Facts,
  current: ClockStatus | null,
  staffPublicReply: boolean,
): ClockStatus {
  if (metric === 'response') {
    if (current === 'stopped') return 'stopped';
    if (t.assigneeId !== null || t.status !== 'new' || staffPublicReply) return 'stopped';
  } else if (DONE.has(t.status)) {
    return 'stopped';
  }
  if (t.status === 'pending' && t.pendingReason && policy.pauseOn.includes(t.pendingReason)) return 'paused';
  if (policy.kind !== 'sla' && t.groupId !== policy.groupId) return 'paused';
  return 'running';
}

export interface SlaEngineDeps {
  clock: Clock;
  jobs: JobQueue;
  catalog: SlaCatalog;
}

type Started = Omit<repo.NewClock, 'ticketId'>;

export function createSlaEngine({ clock, jobs, catalog }: SlaEngineDeps) {
  /** Clocks for the policies that apply and are not running yet on the ticket. */
  function newClocks(
    t: ClockFacts,
    now: Date,
    existing: ReadonlySet<string>,
    kinds: ReadonlySet<string>,
  ): Started[] {
    const started: Started[] = [];
    for (const policy of catalog.matching(t)) {
      if (!kinds.has(policy.kind)) continue;
      const calendarId = catalog.calendarIdFor(policy, t.entityId);
      if (calendarId === null) continue;
      const cal = catalog.calendar(calendarId);
      for (const metric of METRICS) {
        const target = targetOf(policy, t.priority, metric);
        if (!target || existing.has(`${policy.id}:${metric}`)) continue;
        const rules = rulesOf(policy, metric);
        let state = scheduled(startClock(target, now), cal, rules);
        const events: ClockEvent[] = [
          { kind: 'started', at: now, detail: { targetMinutes: target, priority: t.priority } },
        ];
        const desired = desiredStatus(policy, metric, t, 'running', false);
        if (desired !== 'running') {
          const moved = moveClock(state, desired, now, cal, rules);
          state = moved.clock;
          events.push(...moved.events);
        }
        started.push({ policyId: policy.id, metric, calendarId, startedAt: now, state, events });
      }
    }
    return started;
  }

  const earliest = (dates: (Date | null)[]) =>
    dates.reduce<Date | null>((min, d) => (d && (!min || d < min) ? d : min), null);

  async function arm(db: DbOrTx, ticketId: number, at: Date | null): Promise<void> {
    if (at) await jobs.send(db, SLA_TIMER_QUEUE, [{ data: { ticketId }, startAfter: at }]);
  }

  /** One timer per ticket, at its next threshold. */
  async function armMany(db: DbOrTx, next: ReadonlyMap<number, Date | null>): Promise<void> {
    const jobsToSend = [...next].flatMap(([ticketId, at]) =>
      at ? [{ data: { ticketId }, startAfter: at }] : [],
    );
    await jobs.send(db, SLA_TIMER_QUEUE, jobsToSend);
  }

  /**
   * Brings every clock of a ticket in line with its new state: new target on a priority change,
   * pause/resume/stop on a status change, new OLA clocks when another group takes it. Then the
   * queue columns, and a timer when the next threshold moved.
   */
  async function reconcile(
    tx: DbOrTx,
    before: TicketRecord,
    after: TicketRecord,
    staffPublicReply: boolean,
  ): Promise<void> {
    const rows = await repo.clocksOf(tx, after.id);
    const groupChanged = before.groupId !== after.groupId;
    if (rows.length === 0 && !groupChanged) return;
    await catalog.load(tx);
    const now = clock.now();
    const nextBefore = earliest(rows.map((r) => r.nextCheckAt));
    const states: ClockState[] = [];
    for (const row of rows) {
      const policy = catalog.policy(row.policyId);
      let state = repo.stateOf(row);
      if (!policy) {
        states.push(state);
        continue;
      }
      const cal = catalog.calendar(row.calendarId);
      const rules = rulesOf(policy, row.metric);
      const events: ClockEvent[] = [];
      const target = targetOf(policy, after.priority, row.metric);
      if (after.priority !== before.priority && target && state.status !== 'stopped') {
        const r = retarget(state, target, now, cal, rules, {
          priority: { from: before.priority, to: after.priority },
        });
        state = r.clock;
        events.push(...r.events);
      }
      const desired = desiredStatus(policy, row.metric, after, row.status, staffPublicReply);
      const moved = moveClock(state, desired, now, cal, rules);
      state = moved.clock;
      events.push(...moved.events);
      if (events.length) await repo.saveClock(tx, row.id, state, events);
      states.push(state);
    }
    if (groupChanged && after.groupId !== null) {
      const existing = new Set(rows.map((r) => `${r.policyId}:${r.metric}`));
      const added = newClocks(after, now, existing, new Set(['ola', 'uc']));
      await repo.insertClocks(
        tx,
        added.map((c) => ({ ...c, ticketId: after.id })),
      );
      states.push(...added.map((c) => c.state));
    }
    await repo.refreshTicketColumns(tx, [after.id]);
    const nextAfter = earliest(states.map((s) => s.nextCheckAt));
    if (nextAfter && nextAfter.getTime() !== nextBefore?.getTime()) await arm(tx, after.id, nextAfter);
  }

  const clocks: TicketClocks = {
    async queueColumns(db, facts, now) {
      await catalog.load(db);
      const started = newClocks(facts, now, new Set(), new Set(['sla', 'ola', 'uc']));
      const running = started.filter((c) => c.state.status === 'running');
      return {
        slaState: running.length
          ? 'running'
          : started.some((c) => c.state.status === 'paused')
            ? 'paused'
            : null,
        slaDueAt: earliest(running.map((c) => c.state.dueAt)),
        slaWarnAt: earliest(running.map((c) => c.state.warnAt)),
      };
    },
    onChange: (tx, before, after, ctx) => reconcile(tx, before, after, ctx.staffPublicReply),
  };

  return { clocks, reconcile, arm, armMany, earliest, newClocks };
}
export type SlaEngine = ReturnType<typeof createSlaEngine>;
