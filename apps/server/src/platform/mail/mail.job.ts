import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '../../db/client.js';
import type { JobQueue } from '../jobs/job-queue.js';
import { mailMessages, type StoredAttachment } from './mail-message.table.js';
import type { RenderedMail } from './mail-templates.js';
import type { Mailer } from './mail-transport.js';

export const MAIL_QUEUE = 'mail';

export interface MailToQueue extends RenderedMail {
  personId: number | null;
  recipient: string;
  kind: string;
  attachments?: { filename: string; contentType: string; content: Buffer }[];
}

const toStored = (a: NonNullable<MailToQueue['attachments']>): StoredAttachment[] =>
  a.map((f) => ({ filename: f.filename, contentType: f.contentType, content: f.content.toString('base64') }));
const fromStored = (a: StoredAttachment[] | null) =>
  a?.map((f) => ({
    filename: f.filename,
    contentType: f.contentType,
    content: Buffer.from(f.content, 'base64'),
  }));

/**
 * Logs the messages and enqueues their sending, in the caller's transaction: an e-mail exists
 * exactly when the change that caused it does. Answers the messages' ids, in order.
 */
export async function queueMails(tx: DbOrTx, jobs: JobQueue, mails: MailToQueue[]): Promise<number[]> {
  if (mails.length === 0) return [];
  const rows = await tx
    .insert(mailMessages)
    .values(
      mails.map((m) => ({
        personId: m.personId,
        recipient: m.recipient,
        subject: m.subject,
        kind: m.kind,
        textBody: m.text,
        htmlBody: m.html,
        attachments: m.attachments ? toStored(m.attachments) : null,
      })),
    )
    .returning({ id: mailMessages.id });
  await jobs.send(
    tx,
    MAIL_QUEUE,
    rows.map((r) => ({ data: { messageId: r.id } })),
  );
  return rows.map((r) => r.id);
}

/** The 'mail' worker: sends logged messages through SMTP, retried with back-off by the queue. */
export function defineMailJob({ db, jobs, mailer }: { db: Db; jobs: JobQueue; mailer: Mailer }) {
  jobs.define<{ messageId: number }>({
    queue: MAIL_QUEUE,
    options: { retryLimit: 5, retryDelay: 30, retryBackoff: true, expireInSeconds: 120 },
    handle: async (batch) => {
      const ids = batch.map((j) => j.data.messageId);
      // at-least-once: a message already sent is not sent again
      const messages = await db
        .select()
        .from(mailMessages)
        .where(and(inArray(mailMessages.id, ids), sql`${mailMessages.status} <> 'sent'`));
      const failures: unknown[] = [];
      for (const m of messages) {
        try {
          const attachments = fromStored(m.attachments);
          await mailer.send({
            to: m.recipient,
            subject: m.subject,
            text: m.textBody,
            html: m.htmlBody,
            ...(attachments ? { attachments } : {}),
          });
          await db
            .update(mailMessages)
            .set({
              status: 'sent',
              attempts: sql`${mailMessages.attempts} + 1`,
              sentAt: new Date(),
              lastError: null,
            })
            .where(eq(mailMessages.id, m.id));
        } catch (err) {
          failures.push(err);
          await db
            .update(mailMessages)
            .set({
              status: 'failed',
              attempts: sql`${mailMessages.attempts} + 1`,
              lastError: String(err instanceof Error ? err.message : err).slice(0, 1000),
            })
            .where(eq(mailMessages.id, m.id));
        }
      }
      // the queue retries the batch; the messages already sent are skipped above
      if (failures.length > 0) throw failures[0];
    },
  });
}
