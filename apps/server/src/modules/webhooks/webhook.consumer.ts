import type { OutboxConsumer, OutboxRow } from '../../platform/events/outbox-consumer.js';
import type { JobQueue } from '../../platform/jobs/job-queue.js';
import { type DeliveryRetry, deliveryJobs, WEBHOOK_DELIVERY_QUEUE } from './webhook.delivery.js';
import { webhookPayloadQueries as q } from './webhook.payload.js';
import { webhookRepository as repo, type WebhookEventName } from './webhook.repository.js';

/** An outbox row as a webhook event, before the ticket's details are read. */
interface Occurrence {
  event: WebhookEventName;
  number: string;
  occurredAt: string;
  eventId: number | null;
  sla: Record<string, unknown> | null;
}

const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);

/** ticket.changed → ticket.created / ticket.updated; sla.alert warning or breached → sla.warning. */
export function toOccurrence(row: OutboxRow): Occurrence | null {
  const p = row.payload;
  const number = str(p.number);
  if (!number) return null;
  const occurredAt = str(p.at) ?? row.createdAt.toISOString();
  if (row.topic === 'ticket.changed') {
    const eventId = typeof p.eventId === 'number' ? p.eventId : Number(p.eventId ?? Number.NaN);
    return {
      event: p.kind === 'created' ? 'ticket.created' : 'ticket.updated',
      number,
      occurredAt,
      eventId: Number.isSafeInteger(eventId) ? eventId : null,
      sla: null,
    };
  }
  if (row.topic === 'sla.alert' && (p.level === 'warning' || p.level === 'breached')) {
    return {
      event: 'sla.warning',
      number,
      occurredAt,
      eventId: null,
      sla: {
        level: p.level,
        policy: p.policy ?? null,
        metric: p.metric ?? null,
        percent: p.percent ?? null,
        dueAt: p.dueAt ?? null,
      },
    };
  }
  return null;
}

/**
 * The outbox consumer 'webhooks': for each event, a delivery row per subscribed webhook and its
 * job, in the dispatcher's transaction, so an event yields its deliveries exactly once.
 */
export function createWebhookConsumer(deps: {
  jobs: Pick<JobQueue, 'send'>;
  baseUrl: string;
  retry: DeliveryRetry;
}): OutboxConsumer {
  return {
    name: 'webhooks',
    topics: ['ticket.changed', 'sla.alert'],
    async handle(tx, rows) {
      const occurrences = rows.map(toOccurrence).filter((o): o is Occurrence => o !== null);
      if (occurrences.length === 0) return;
      const numbers = [...new Set(occurrences.map((o) => o.number))];
      const subscribers = await q.subscribers(tx, numbers);
      const wanted = occurrences.filter((o) =>
        (subscribers.get(o.number) ?? []).some((s) => s.events.includes(o.event)),
      );
      if (wanted.length === 0) return;
      const wantedNumbers = [...new Set(wanted.map((o) => o.number))];
      const summaries = await q.tickets(tx, wantedNumbers, deps.baseUrl);
      const changes = await q.changes(
        tx,
        wanted.flatMap((o) => (o.eventId === null ? [] : [o.eventId])),
      );
      const inserts = wanted.flatMap((o) => {
        const ticket = summaries.get(o.number);
        if (!ticket) return [];
        const change = o.eventId === null ? null : (changes.get(o.eventId) ?? null);
        const payload = {
          event: o.event,
          occurredAt: o.occurredAt,
          ticket,
          ...(o.sla ? { sla: o.sla } : { change: change ?? { kind: null, changes: {} } }),
        };
        return (subscribers.get(o.number) ?? [])
          .filter((s) => s.events.includes(o.event))
          .map((s) => ({ webhookId: s.webhookId, event: o.event, payload }));
      });
      const deliveries = await repo.insertDeliveries(tx, inserts);
      await deps.jobs.send(tx, WEBHOOK_DELIVERY_QUEUE, deliveryJobs(deliveries, deps.retry));
    },
  };
}
