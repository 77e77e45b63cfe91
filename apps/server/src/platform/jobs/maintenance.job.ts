import { sql } from 'drizzle-orm';
import type { PgBoss } from 'pg-boss';
import type { Database } from '../../db/client.js';

export const MAINTENANCE_QUEUE = 'maintenance';

/** A cursor not moved for this long belongs to a consumer that no longer runs: it holds nothing back. */
const ABANDONED_CURSOR = "interval '7 days'";

/**
 * What the maintenance pass removed: the live stream and idempotency only need recent rows, the
 * e-mail log and the webhook delivery log keep 90 and 30 days of finished messages.
 */
export async function runMaintenance(
  database: Database,
): Promise<{ outbox: number; idempotency: number; sessions: number; mails: number; deliveries: number }> {
  const { db } = database;
  const count = async (q: ReturnType<typeof sql>) => {
    const { rows } = await db.execute<{ n: number }>(q);
    return Number(rows[0]?.n ?? 0);
  };
  const outbox = await count(
    // never a row an outbox consumer still has to read: one of its topics, after its cursor
    sql`with d as (
      delete from outbox o where o.created_at < now() - interval '1 day'
        and not exists (select 1 from outbox_cursors c
          where o.topic = any(c.topics) and (o.tx_id, o.id) > (c.tx_id, c.last_id)
            and c.updated_at > now() - ${sql.raw(ABANDONED_CURSOR)})
      returning 1)
    select count(*)::int as n from d`,
  );
  const idempotency = await count(
    sql`with d as (delete from idempotency_keys where created_at < now() - interval '24 hours' returning 1) select count(*)::int as n from d`,
  );
  const sessions = await count(
    sql`with d as (delete from sessions where expires_at < now() returning 1) select count(*)::int as n from d`,
  );
  const mails = await count(
    sql`with d as (delete from mail_messages where status <> 'queued' and created_at < now() - interval '90 days' returning 1) select count(*)::int as n from d`,
  );
  const deliveries = await count(
    sql`with d as (delete from webhook_deliveries where status <> 'pending' and created_at < now() - interval '30 days' returning 1) select count(*)::int as n from d`,
  );
  // PGlite has no autovacuum: refresh planner statistics so trigram and full-text indexes keep being chosen
  if (database.kind === 'pglite') await db.execute(sql`analyze`);
  return { outbox, idempotency, sessions, mails, deliveries };
}

export async function scheduleMaintenance(
  boss: PgBoss,
  database: Database,
  log: { info(o: object, m: string): void },
) {
  await boss.createQueue(MAINTENANCE_QUEUE, { policy: 'singleton', retryLimit: 2, expireInSeconds: 600 });
  await boss.schedule(MAINTENANCE_QUEUE, '17 * * * *', null, { tz: 'Europe/Paris' });
  await boss.work(MAINTENANCE_QUEUE, async () => {
    const removed = await runMaintenance(database);
    log.info(removed, 'maintenance pass');
  });
}
