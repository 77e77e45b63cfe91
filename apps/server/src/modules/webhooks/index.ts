import type { Db } from '../../db/client.js';
import type { Clock } from '../../platform/clock.js';
import type { JobQueue } from '../../platform/jobs/job-queue.js';
import { createWebhookConsumer } from './webhook.consumer.js';
import {
  createWebhookDeliverer,
  type DeliveryRetry,
  defaultDeliveryRetry,
  webhookDeliveryWorker,
} from './webhook.delivery.js';
import { createWebhookService } from './webhook.service.js';

export { webhookRoutes } from './webhook.routes.js';
export { signWebhook } from './webhook.signature.js';

/**
 * The webhooks module: its service (for the routes), its outbox consumer (for the dispatcher) and
 * its delivery worker, defined on the job queue while the app is built.
 */
export function createWebhooksModule(deps: {
  db: Db;
  clock: Clock;
  jobs: JobQueue;
  /** public address of the web app, prefixed to ticket links; '' gives site-relative links */
  baseUrl?: string;
  retry?: Partial<DeliveryRetry>;
}) {
  const retry = { ...defaultDeliveryRetry, ...deps.retry };
  const deliverer = createWebhookDeliverer({ db: deps.db, clock: deps.clock, retry });
  deps.jobs.define(webhookDeliveryWorker(deliverer, retry));
  return {
    service: createWebhookService({ db: deps.db, clock: deps.clock, jobs: deps.jobs, retry }),
    consumer: createWebhookConsumer({ jobs: deps.jobs, baseUrl: deps.baseUrl ?? '', retry }),
  };
}
