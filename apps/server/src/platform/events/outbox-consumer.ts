import { sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '../../db/client.js';
import type { JobQueue } from '../jobs/job-queue.js';

export interface OutboxRow {
  id: number;
  topic: string;
  entityId: number | null;
  audience: number[];
  payload: Record<string, unknown>;
  createdAt: Date;
}

export interface OutboxConsumer {
  name: string;
  topics: readonly string[];
  handle(tx: DbOrTx, rows: OutboxRow[]): Promise<void>;
}

export const OUTBOX_DISPATCH_QUEUE = 'outbox-dispatch';
const BATCH = 500;
/** a pass stops after this many full batches so one busy consumer cannot hold the worker forever */
const MAX_BATCHES_PER_PASS = 20;
const WAKE_THROTTLE_MS = 200;
const HELD_BACK_RETRY_MS = 1_000;

interface Logger {
  error(obj: unknown, msg?: string): void;
}

export interface OutboxDispatcher {
  register(consumer: OutboxConsumer): void;
  /** Creates the missing cursors at the current end of the outbox, so a new consumer skips old history. */
  init(): Promise<void>;
  /** Processes what is ready for every consumer; answers how many rows were handed to consumers. */
  dispatchOnce(): Promise<number>;
  /** Called on every NOTIFY of the events channel: asks the queue for a pass (throttled). */
  wake(topic: string | undefined): void;
  stop(): void;
}

type RawRow = {
  id: number | string;
  topic: string;
  entity_id: number | string | null;
  audience: number[];
  payload: Record<string, unknown>;
  created_at: Date | string;
  tx_id: string;
};

/**
 * Durable, ordered, exactly-once-per-consumer processing of the outbox.
 *
 * Rows are read in (tx_id, id) order, and only those written by transactions older than the oldest
 * one still running (`pg_snapshot_xmin`): ids are handed out at insert but become visible at commit,
 * so a plain "id > last" cursor would skip a slow transaction's row. Each consumer's pass is one
 * transaction that locks its cursor row (FOR UPDATE), so processes running at once take turns, and
 * a consumer's effects commit exactly when its cursor moves past the rows that caused them.
 */
export function createOutboxDispatcher({
  db,
  jobs,
  log,
}: {
  db: Db;
  jobs: JobQueue;
  log?: Logger;
}): OutboxDispatcher {
  const consumers: OutboxConsumer[] = [];
  const logger: Logger = log ?? { error: (obj, msg) => console.error(msg, obj) };

  async function ensureCursor(tx: DbOrTx, c: OutboxConsumer) {
    await tx.execute(sql`insert into outbox_cursors (consumer, tx_id, last_id, topics)
      values (${c.name}, pg_snapshot_xmin(pg_current_snapshot()), 0, ${toTextArray(c.topics)}::text[])
      on conflict (consumer) do nothing`);
  }

  /** One batch for one consumer, in its own transaction; answers how many rows it handled. */
  async function runBatch(c: OutboxConsumer): Promise<{ handled: number; more: boolean; heldBack: boolean }> {
    return db.transaction(async (tx) => {
      // taken first, once: every transaction below it has finished, so no row can still appear there
      const { rows: h } = await tx.execute<{ horizon: string }>(
        sql`select pg_snapshot_xmin(pg_current_snapshot())::text as horizon`,
      );
      const horizon = h[0]?.horizon;
      if (!horizon) throw new Error('no snapshot horizon');
      await ensureCursor(tx, c);
      const { rows: cur } = await tx.execute<{ tx_id: string; last_id: number | string }>(
        sql`select tx_id::text, last_id from outbox_cursors where consumer = ${c.name} for update`,
      );
      const cursor = cur[0];
      if (!cursor) throw new Error(`no cursor for ${c.name}`);
      const { rows } = await tx.execute<RawRow>(sql`
        select id, topic, entity_id, audience, payload, created_at, tx_id::text
        from outbox
        where (tx_id, id) > (${cursor.tx_id}::xid8, ${cursor.last_id}::bigint)
          and tx_id < ${horizon}::xid8
          and topic = any(${toTextArray(c.topics)}::text[])
        order by tx_id, id
        limit ${BATCH}`);
      if (rows.length > 0) await c.handle(tx, rows.map(toOutboxRow));
      const last = rows.at(-1);
      const full = rows.length === BATCH;
      // a partial batch read everything below the horizon: the cursor may jump there, which lets
      // the maintenance trim remove rows of other topics this consumer will never read
      const next = full && last ? { tx: last.tx_id, id: Number(last.id) } : { tx: horizon, id: 0 };
      await tx.execute(sql`update outbox_cursors
        set tx_id = ${next.tx}::xid8, last_id = ${next.id}, topics = ${toTextArray(c.topics)}::text[], updated_at = now()
        where consumer = ${c.name} and (tx_id, last_id) < (${next.tx}::xid8, ${next.id}::bigint)`);
      // rows already committed above the horizon wait for an older transaction (of any database of
      // the server) to end: the pass must come back soon, not at the next NOTIFY or minute
      let heldBack = false;
      if (!full) {
        const { rows: waiting } = await tx.execute<{ found: boolean }>(sql`
          select exists (select 1 from outbox where tx_id >= ${horizon}::xid8
            and topic = any(${toTextArray(c.topics)}::text[])) as found`);
        heldBack = waiting[0]?.found === true;
      }
      return { handled: rows.length, more: full, heldBack };
    });
  }

  let timer: NodeJS.Timeout | null = null;
  let lastSend = 0;
  /** the last pass left committed rows behind an older transaction still running */
  let heldBack = false;
  let stopped = false;

  const send = () => {
    lastSend = Date.now();
    // outside any transaction: the global handle is safe here, even on PGlite
    jobs.send(db, OUTBOX_DISPATCH_QUEUE, [{ data: {} }]).catch((err) => {
      if (!stopped) logger.error({ err }, 'could not request an outbox pass');
    });
  };

  const dispatcher: OutboxDispatcher = {
    register(consumer) {
      if (consumers.some((c) => c.name === consumer.name))
        throw new Error(`outbox consumer ${consumer.name} registered twice`);
      consumers.push(consumer);
    },

    async init() {
      for (const c of consumers) await ensureCursor(db, c);
    },

    async dispatchOnce() {
      let total = 0;
      heldBack = false;
      for (const c of consumers) {
        try {
          for (let i = 0; i < MAX_BATCHES_PER_PASS; i++) {
            const batch = await runBatch(c);
            total += batch.handled;
            heldBack ||= batch.heldBack;
            if (!batch.more) break;
          }
        } catch (err) {
          // its cursor did not move: the same rows come back on the next pass; others go on
          logger.error({ err, consumer: c.name }, 'outbox consumer failed');
        }
      }
      return total;
    },

    wake(topic) {
      if (stopped || !jobs.running) return;
      if (topic !== undefined && !consumers.some((c) => c.topics.includes(topic))) return;
      if (timer) return; // a trailing send is already planned and will cover this event
      const wait = lastSend + WAKE_THROTTLE_MS - Date.now();
      if (wait <= 0) send();
      else
        timer = setTimeout(() => {
          timer = null;
          send();
        }, wait);
    },

    stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      timer = null;
    },
  };

  jobs.define({
    queue: OUTBOX_DISPATCH_QUEUE,
    // one pass at a time across processes, and at most one more waiting for it
    options: { policy: 'stately', retryLimit: 0, expireInSeconds: 300 },
    work: { pollingIntervalSeconds: 0.5, batchSize: 1 },
    // the cron pass is the safety net for a NOTIFY lost while a process restarted
    cron: '* * * * *',
    handle: async () => {
      await dispatcher.dispatchOnce();
      if (heldBack && !stopped) {
        await jobs.send(db, OUTBOX_DISPATCH_QUEUE, [
          { data: {}, startAfter: new Date(Date.now() + HELD_BACK_RETRY_MS) },
        ]);
      }
    },
  });
  return dispatcher;
}

/** A text[] literal parameter; drizzle would expand a JS array into a record. */
function toTextArray(values: readonly string[]) {
  return `{${values.map((v) => `"${v.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`).join(',')}}`;
}

function toOutboxRow(r: RawRow): OutboxRow {
  return {
    id: Number(r.id),
    topic: r.topic,
    entityId: r.entity_id === null ? null : Number(r.entity_id),
    audience: r.audience,
    payload: r.payload,
    createdAt: new Date(r.created_at),
  };
}
