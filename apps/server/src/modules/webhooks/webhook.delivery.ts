import { and, eq, isNull, lt, or, sql } from 'drizzle-orm';
import type { Job, JobInsert } from 'pg-boss';
import type { Db } from '../../db/client.js';
import type { Clock } from '../../platform/clock.js';
import type { WorkerDefinition } from '../../platform/jobs/job-queue.js';
import { signWebhook } from './webhook.signature.js';
import { webhookDeliveries, webhooks } from './webhook.table.js';

export const WEBHOOK_DELIVERY_QUEUE = 'webhook-delivery';
const TIMEOUT_MS = 10_000;
const EXCERPT_CHARS = 500;
const USER_AGENT = 'Guichet-Webhooks/1.0';

/** Retries with back-off: 10 s, 20 s, 40 s … capped at an hour, 9 attempts in all by default. */
export interface DeliveryRetry {
  retryLimit: number;
  retryDelay: number;
  retryDelayMax: number;
}
export const defaultDeliveryRetry: DeliveryRetry = { retryLimit: 8, retryDelay: 10, retryDelayMax: 3_600 };

interface DeliveryJob {
  deliveryId: number;
}

export const deliveryJobs = (deliveries: { id: number }[], retry: DeliveryRetry): JobInsert<DeliveryJob>[] =>
  deliveries.map((d) => ({ data: { deliveryId: d.id }, ...retry, retryBackoff: true }));

/** What one attempt gave: a status code when the receiver answered, an error otherwise. */
interface Attempt {
  ok: boolean;
  statusCode: number | null;
  error: string | null;
  excerpt: string | null;
  durationMs: number;
}

/** Reads at most `max` characters of the answer, then drops the rest unread. */
async function excerptOf(res: Response, max: number): Promise<string | null> {
  if (!res.body) return null;
  const reader = res.body.getReader();
  const decoder = new TextDecoder();
  let text = '';
  try {
    while (text.length < max) {
      const { done, value } = await reader.read();
      if (done) break;
      text += decoder.decode(value, { stream: true });
    }
  } catch {
    // a body cut short still leaves what arrived
  } finally {
    await reader.cancel().catch(() => {});
  }
  return text ? text.slice(0, max) : null;
}

async function post(url: string, headers: Record<string, string>, body: string): Promise<Attempt> {
  const started = performance.now();
  const durationMs = () => Math.round(performance.now() - started);
  try {
    // redirects are not followed: a receiver moving must be re-registered, not silently followed
    const res = await fetch(url, {
      method: 'POST',
      headers,
      body,
      redirect: 'manual',
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    const excerpt = await excerptOf(res, EXCERPT_CHARS);
    const ok = res.status >= 200 && res.status < 300;
    return {
      ok,
      statusCode: res.status,
      error: ok ? null : `HTTP ${res.status}`,
      excerpt,
      durationMs: durationMs(),
    };
  } catch (err) {
    const e = err as Error & { cause?: { code?: string } };
    const error =
      e.name === 'TimeoutError' ? `timed out after ${TIMEOUT_MS / 1000} s` : (e.cause?.code ?? e.message);
    return {
      ok: false,
      statusCode: null,
      error: String(error).slice(0, 200),
      excerpt: null,
      durationMs: durationMs(),
    };
  }
}

/**
 * Sends one delivery. A row is claimed (pending, not held by another attempt) before sending, so a
 * succeeded delivery is never sent again and two copies of a job do not send at once. A failure
 * is recorded, then thrown so pg-boss retries; the last attempt marks the delivery failed.
 */
export function createWebhookDeliverer(deps: { db: Db; clock: Clock; retry: DeliveryRetry }) {
  const { db, clock, retry } = deps;

  async function claim(deliveryId: number) {
    const now = clock.now();
    const [row] = await db
      .update(webhookDeliveries)
      .set({
        attempts: sql`${webhookDeliveries.attempts} + 1`,
        lastAttemptAt: now,
        lockedUntil: new Date(now.getTime() + TIMEOUT_MS + 20_000),
      })
      .where(
        and(
          eq(webhookDeliveries.id, deliveryId),
          eq(webhookDeliveries.status, 'pending'),
          or(isNull(webhookDeliveries.lockedUntil), lt(webhookDeliveries.lockedUntil, now)),
        ),
      )
      .returning();
    if (!row) return null;
    const [hook] = await db.select().from(webhooks).where(eq(webhooks.id, row.webhookId));
    return hook ? { delivery: row, hook } : null;
  }

  async function record(deliveryId: number, status: 'pending' | 'succeeded' | 'failed', a: Attempt) {
    await db
      .update(webhookDeliveries)
      .set({
        status,
        lastStatusCode: a.statusCode,
        lastError: a.error,
        responseExcerpt: a.excerpt,
        durationMs: a.durationMs,
        lockedUntil: null,
        ...(status === 'succeeded' ? { deliveredAt: clock.now() } : {}),
      })
      .where(eq(webhookDeliveries.id, deliveryId));
  }

  return {
    async deliver(job: Pick<Job<DeliveryJob>, 'data' | 'retryCount'>): Promise<void> {
      const claimed = await claim(job.data.deliveryId);
      if (!claimed) return; // delivered, failed for good, deleted, or being sent by another copy
      const { delivery, hook } = claimed;
      const lastTry = job.retryCount >= retry.retryLimit;
      if (!hook.active) {
        const skipped = {
          ok: false,
          statusCode: null,
          error: 'webhook disabled',
          excerpt: null,
          durationMs: 0,
        };
        await record(delivery.id, 'failed', skipped);
        return;
      }
      const body = JSON.stringify({ id: delivery.id, ...delivery.payload });
      const timestamp = Math.floor(clock.now().getTime() / 1000);
      const attempt = await post(
        hook.url,
        {
          'content-type': 'application/json',
          'user-agent': USER_AGENT,
          'x-guichet-event': delivery.event,
          'x-guichet-delivery': String(delivery.id),
          'x-guichet-timestamp': String(timestamp),
          'x-guichet-signature': signWebhook(hook.secret, timestamp, body),
        },
        body,
      );
      await record(delivery.id, attempt.ok ? 'succeeded' : lastTry ? 'failed' : 'pending', attempt);
      if (!attempt.ok && !lastTry) throw new Error(`webhook delivery ${delivery.id}: ${attempt.error}`);
    },
  };
}

export function webhookDeliveryWorker(
  deliverer: ReturnType<typeof createWebhookDeliverer>,
  retry: DeliveryRetry,
): WorkerDefinition<DeliveryJob> {
  return {
    queue: WEBHOOK_DELIVERY_QUEUE,
    // expiry above the 10 s timeout plus the bookkeeping around it
    options: { ...retry, retryBackoff: true, expireInSeconds: 60 },
    // one job per fetch: a failing receiver must fail its own job, not a batch of others
    work: { batchSize: 1, localConcurrency: 8 },
    async handle(jobs) {
      for (const job of jobs) await deliverer.deliver(job);
    },
  };
}
