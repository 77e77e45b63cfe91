import { sql } from 'drizzle-orm';
import { fromDrizzle, type Job, type JobInsert, type PgBoss, type Queue, type WorkOptions } from 'pg-boss';
import type { DbOrTx } from '../../db/client.js';

export interface WorkerDefinition<T extends object> {
  queue: string;
  /** retries, back-off, expiry, policy: see pg-boss's createQueue */
  options?: Omit<Queue, 'name'>;
  work?: Omit<WorkOptions, 'transactional' | 'includeMetadata' | 'perJobResults'>;
  /** at-least-once: a handler re-checks the state it acts on, so a second run changes nothing */
  handle(jobs: Job<T>[]): Promise<void>;
  /** a cron expression (Europe/Paris) for queues that also run on a schedule */
  cron?: string;
}

/** Timers wake within a second; a batch lets many that fall due together run at once. */
export const TIMER_POLLING: Omit<WorkOptions, 'transactional'> = {
  pollingIntervalSeconds: 1,
  batchSize: 25,
  burstWhenBatchFull: true,
};

/**
 * The modules' view of the job queue (pg-boss, ADR 0004). Modules define their workers while the
 * app is built; the queue starts later (after the port opens, or not at all in most tests). Jobs
 * are sent in the caller's transaction so they exist exactly when the change that caused them does.
 */
export class JobQueue {
  private boss: PgBoss | null = null;
  // biome-ignore lint/suspicious/noExplicitAny: each definition keeps its own job data type
  private readonly workers: WorkerDefinition<any>[] = [];

  define<T extends object>(worker: WorkerDefinition<T>): void {
    if (this.workers.some((w) => w.queue === worker.queue))
      throw new Error(`queue ${worker.queue} defined twice`);
    this.workers.push(worker);
  }

  get running(): boolean {
    return this.boss !== null;
  }

  /** Creates the defined queues (idempotent) and starts their workers on a started pg-boss. */
  async start(boss: PgBoss): Promise<void> {
    for (const w of this.workers) {
      await boss.createQueue(w.queue, w.options ?? {});
      await boss.work<object>(w.queue, { ...TIMER_POLLING, ...w.work }, (jobs) => w.handle(jobs));
      if (w.cron) await boss.schedule(w.queue, w.cron, null, { tz: 'Europe/Paris' });
    }
    this.boss = boss;
  }

  /**
   * Enqueues in `tx` (atomic with it). Answers false, sending nothing, when the queue is not
   * running: callers keep enough state in their own tables for a sweep to catch up.
   */
  async send<T extends object>(tx: DbOrTx, queue: string, jobs: JobInsert<T>[]): Promise<boolean> {
    if (!this.boss || jobs.length === 0) return this.boss !== null;
    // never a plain send inside a transaction: on PGlite it waits for the connection the transaction holds
    await this.boss.insert(queue, jobs, { db: fromDrizzle(tx, sql) });
    return true;
  }

  async stop(): Promise<void> {
    const boss = this.boss;
    this.boss = null;
    await boss?.stop({ graceful: true, timeout: 5_000 });
  }
}
