import { index, integer, jsonb, pgTable, text } from 'drizzle-orm/pg-core';
import { at, createdAt, id, ref } from '../../db/columns.js';

/** A file sent with a message, kept with it (base64) so a retry sends the same bytes. */
export interface StoredAttachment {
  filename: string;
  contentType: string;
  /** base64 */
  content: string;
}

/** Every e-mail Guichet sends, so operators can see what went out and what failed. */
export const mailMessages = pgTable(
  'mail_messages',
  {
    id: id(),
    personId: ref('person_id'),
    recipient: text('recipient').notNull(),
    subject: text('subject').notNull(),
    /** the notification kind (assigned, reply, …) */
    kind: text('kind').notNull(),
    textBody: text('text_body').notNull(),
    htmlBody: text('html_body').notNull(),
    /** small generated files (monthly reports); null for plain notifications */
    attachments: jsonb('attachments').$type<StoredAttachment[]>(),
    status: text('status', { enum: ['queued', 'sent', 'failed'] })
      .notNull()
      .default('queued'),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
    createdAt: createdAt(),
    sentAt: at('sent_at'),
  },
  (t) => [index('mail_messages_created_idx').on(t.createdAt), index('mail_messages_status_idx').on(t.status)],
);
