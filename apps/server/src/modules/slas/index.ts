import type { Db } from '../../db/client.js';
import type { Clock } from '../../platform/clock.js';
import type { JobQueue } from '../../platform/jobs/job-queue.js';
import { createTicketEscalation } from '../tickets/index.js';
import { createCalendarService } from './calendar.service.js';
import { createPolicyService } from './policy.service.js';
import { SlaCatalog } from './sla.catalog.js';
import { createSlaEngine, SLA_TIMER_QUEUE } from './sla.engine.js';
import { createCalendarRecalculation } from './sla.recalculation.js';
import { createClockStarter } from './sla.starter.js';
import { createSlaTimer } from './sla.timer.js';
import { createTicketSlaView } from './ticket-sla.view.js';

export * from './business-calendar.js';
export { easterSunday, frenchPublicHolidays } from './holidays.js';
export { slaRoutes } from './sla.routes.js';
export {
  businessCalendars,
  type EscalationRule,
  entityCalendars,
  type SlaTarget,
  slaPolicies,
  ticketSlas,
} from './sla.table.js';
export type { SlaTimer } from './sla.timer.js';

export const SLA_SWEEP_QUEUE = 'sla-sweep';

/**
 * The service-level module: the clock starter (an outbox consumer), the engine the tickets module
 * calls on every change (as its TicketClocks), the timers on the job queue, and the admin services.
 */
export function createSlaModule({ db, clock, jobs }: { db: Db; clock: Clock; jobs: JobQueue }) {
  const catalog = new SlaCatalog();
  const engine = createSlaEngine({ clock, jobs, catalog });
  const timer = createSlaTimer({ db, clock, catalog, engine, escalate: createTicketEscalation({ clock }) });
  const recalculation = createCalendarRecalculation({ db, clock, catalog, engine });

  jobs.define<{ ticketId: number }>({
    queue: SLA_TIMER_QUEUE,
    // a timer re-reads the clocks under the ticket's lock: running twice changes nothing
    options: { retryLimit: 5, retryDelay: 5, retryBackoff: true, expireInSeconds: 120 },
    async handle(batch) {
      for (const job of batch) await timer.runTimer(job.data.ticketId);
    },
  });
  jobs.define({
    queue: SLA_SWEEP_QUEUE,
    options: { policy: 'singleton', retryLimit: 1, expireInSeconds: 300 },
    // catches thresholds whose timer was lost (a crash between a creation and its timer)
    cron: '* * * * *',
    async handle() {
      await timer.runDue(new Date(clock.now().getTime() - 60_000));
    },
  });

  return {
    clocks: engine.clocks,
    /** the outbox consumer starting new tickets' clocks */
    starter: createClockStarter({ catalog, engine }),
    timer,
    recalculation,
    calendars: createCalendarService({ db, catalog, recalculation }),
    policies: createPolicyService({ db, catalog }),
    ticketSlas: createTicketSlaView({ db, clock, catalog }),
  };
}
export type SlaModule = ReturnType<typeof createSlaModule>;
export { backfillClocks } from './sla.backfill.js';
