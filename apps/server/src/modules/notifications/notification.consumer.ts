import { slaAlertEventSchema } from '@guichet/contracts';
import type { DbOrTx } from '../../db/client.js';
import type { OutboxConsumer, OutboxRow } from '../../platform/events/outbox-consumer.js';
import type { JobQueue } from '../../platform/jobs/job-queue.js';
import { type MailToQueue, queueMails } from '../../platform/mail/mail.job.js';
import { type MailContext, renderMail } from '../../platform/mail/mail-templates.js';
import type { Mailer } from '../../platform/mail/mail-transport.js';
import * as repo from './notification.repository.js';
import { defaultChannel, excerpt, slaKindOf } from './notification.rules.js';

export const NOTIFICATION_TOPICS = ['ticket.changed', 'sla.alert'] as const;

/** One thing to tell one person, with what its e-mail needs. */
interface Message extends repo.NewNotification {
  body: string | null;
  dueAt: string | null;
  forRequester: boolean;
}

/**
 * Turns ticket changes and SLA alerts into notifications: in-app rows pushed live, and e-mails in
 * the recipient's language when their preference says so. Runs in the dispatcher's transaction, so
 * every effect commits with the cursor that marks the rows done.
 */
export function createNotificationConsumer(deps: {
  jobs: JobQueue;
  mailer: Mailer;
  publicUrl: string;
  log: { warn(obj: unknown, msg?: string): void };
}): OutboxConsumer {
  const { jobs, mailer, publicUrl, log } = deps;

  async function collect(tx: DbOrTx, rows: OutboxRow[]): Promise<Message[]> {
    const eventIds: number[] = [];
    const messages: Message[] = [];
    for (const row of rows) {
      if (row.topic === 'ticket.changed') {
        const id = Number(row.payload.eventId);
        if (Number.isInteger(id) && id > 0) eventIds.push(id);
      } else if (row.topic === 'sla.alert') {
        const alert = slaAlertEventSchema.safeParse(row.payload);
        if (!alert.success) {
          log.warn({ outboxId: row.id, issues: alert.error.issues }, 'ignored a malformed sla.alert');
          continue;
        }
        const a = alert.data;
        for (const personId of new Set(a.recipients)) {
          messages.push({
            personId,
            kind: slaKindOf[a.level],
            ticketNumber: a.number,
            ticketTitle: a.title,
            actorName: null,
            params: { policy: a.policy, metric: a.metric, percent: a.percent, dueAt: a.dueAt },
            body: null,
            dueAt: a.dueAt,
            forRequester: false,
          });
        }
      }
    }
    for (const c of await repo.ticketCandidates(tx, eventIds)) {
      messages.push({
        personId: c.personId,
        kind: c.kind,
        ticketNumber: c.number,
        ticketTitle: c.title,
        actorName: c.actorName,
        params: {
          ...(c.body !== null ? { excerpt: excerpt(c.body) } : {}),
          ...(c.groupName !== null ? { groupName: c.groupName } : {}),
        },
        body: c.body,
        dueAt: null,
        forRequester: c.forRequester,
      });
    }
    return messages;
  }

  function mailFor(m: Message, to: repo.Recipient): MailToQueue {
    const number = m.ticketNumber ?? '';
    const page = `${publicUrl}/${m.forRequester ? 'portal' : 'desk'}/tickets/${encodeURIComponent(number)}`;
    const context: MailContext = {
      kind: m.kind,
      language: to.language,
      recipientName: to.name,
      ticketNumber: number,
      ticketTitle: m.ticketTitle ?? '',
      actorName: m.actorName,
      ticketUrl: page,
      ...(m.body !== null ? { body: m.body } : {}),
      ...(m.params.policy !== undefined ? { policy: m.params.policy } : {}),
      ...(m.params.percent !== undefined ? { percent: m.params.percent } : {}),
      dueAt: m.dueAt,
      ...(m.kind === 'resolved'
        ? {
            confirmUrl: `${page}?action=confirm`,
            reopenUrl: `${page}?action=reopen`,
            ...(m.forRequester ? { rateUrl: `${page}?action=rate` } : {}),
          }
        : {}),
    };
    return { ...renderMail(context), personId: to.id, recipient: to.email, kind: m.kind };
  }

  return {
    name: 'notifications',
    topics: NOTIFICATION_TOPICS,
    async handle(tx, rows) {
      const messages = await collect(tx, rows);
      if (messages.length === 0) return;
      const people = await repo.recipients(
        tx,
        messages.map((m) => m.personId),
      );
      const inApp: repo.NewNotification[] = [];
      const mails: MailToQueue[] = [];
      for (const m of messages) {
        const to = people.get(m.personId);
        if (!to) continue; // inactive or gone
        const channel = to.chosen[m.kind] ?? defaultChannel(m.kind, to.isStaff);
        if (channel === 'off') continue;
        inApp.push({
          personId: m.personId,
          kind: m.kind,
          ticketNumber: m.ticketNumber,
          ticketTitle: m.ticketTitle,
          actorName: m.actorName,
          params: m.params,
        });
        if (channel === 'email' && mailer.enabled) mails.push(mailFor(m, to));
      }
      await repo.insertAndPublish(tx, inApp);
      await queueMails(tx, jobs, mails);
    },
  };
}
