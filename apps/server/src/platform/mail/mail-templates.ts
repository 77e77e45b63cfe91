import type { Language, NotificationKind } from '@guichet/contracts';

export interface MailContext {
  kind: NotificationKind;
  language: Language;
  recipientName: string;
  ticketNumber: string;
  ticketTitle: string;
  actorName: string | null;
  /** the reply's full text (public replies only) */
  body?: string;
  policy?: string;
  percent?: number;
  dueAt?: string | null;
  /** the ticket page for the recipient (desk for staff, portal for requesters) */
  ticketUrl: string;
  /** resolved: the requester confirms or reopens from these */
  confirmUrl?: string;
  reopenUrl?: string;
  /** resolved: the requester answers the satisfaction survey there */
  rateUrl?: string;
}

export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
}

interface Texts {
  subject: string;
  /** paragraphs, user values already inserted (escaped for HTML by the renderer) */
  lines: string[];
}

const dueFormat = (iso: string | null | undefined, language: Language) =>
  iso
    ? new Intl.DateTimeFormat(language === 'fr' ? 'fr-FR' : 'en-GB', {
        dateStyle: 'full',
        timeStyle: 'short',
        timeZone: 'Europe/Paris',
      }).format(new Date(iso))
    : '';

const templates: Record<Language, (c: MailContext) => Texts> = {
  fr: (c) => {
    const t = `${c.ticketNumber} « ${c.ticketTitle} »`;
    const by = c.actorName ? ` par ${c.actorName}` : '';
    const due = dueFormat(c.dueAt, 'fr');
    switch (c.kind) {
      case 'assigned':
        return {
          subject: `[${c.ticketNumber}] Ticket qui vous est attribué`,
          lines: [`Le ticket ${t} vous a été attribué${by}.`],
        };
      case 'group_assigned':
        return {
          subject: `[${c.ticketNumber}] Nouveau ticket pour votre groupe`,
          lines: [`Le ticket ${t} a été attribué à votre groupe${by}.`],
        };
      case 'reply':
        return {
          subject: `[${c.ticketNumber}] Nouvelle réponse`,
          lines: [`Nouvelle réponse${by} sur le ticket ${t} :`, c.body ?? ''],
        };
      case 'resolved':
        return {
          subject: `[${c.ticketNumber}] Votre demande est résolue`,
          lines: [
            `Le ticket ${t} a été résolu${by}.`,
            'Le problème est-il réglé ? Confirmez la résolution ou rouvrez le ticket.',
          ],
        };
      case 'sla_warning':
        return {
          subject: `[${c.ticketNumber}] Échéance proche (${c.percent ?? 0} %)`,
          lines: [
            `Le ticket ${t} a consommé ${c.percent ?? 0} % de son délai « ${c.policy ?? ''} ».`,
            due ? `Échéance : ${due}.` : '',
          ],
        };
      case 'sla_breached':
        return {
          subject: `[${c.ticketNumber}] Délai dépassé`,
          lines: [
            `Le ticket ${t} a dépassé son délai « ${c.policy ?? ''} ».`,
            due ? `Échéance : ${due}.` : '',
          ],
        };
      case 'sla_escalated':
        return {
          subject: `[${c.ticketNumber}] Ticket escaladé`,
          lines: [
            `Le ticket ${t} est escaladé : délai « ${c.policy ?? ''} » (${c.percent ?? 0} %).`,
            due ? `Échéance : ${due}.` : '',
          ],
        };
    }
  },
  en: (c) => {
    const t = `${c.ticketNumber} "${c.ticketTitle}"`;
    const by = c.actorName ? ` by ${c.actorName}` : '';
    const due = dueFormat(c.dueAt, 'en');
    switch (c.kind) {
      case 'assigned':
        return {
          subject: `[${c.ticketNumber}] Ticket assigned to you`,
          lines: [`Ticket ${t} was assigned to you${by}.`],
        };
      case 'group_assigned':
        return {
          subject: `[${c.ticketNumber}] New ticket for your group`,
          lines: [`Ticket ${t} was assigned to your group${by}.`],
        };
      case 'reply':
        return {
          subject: `[${c.ticketNumber}] New reply`,
          lines: [`New reply${by} on ticket ${t}:`, c.body ?? ''],
        };
      case 'resolved':
        return {
          subject: `[${c.ticketNumber}] Your request is resolved`,
          lines: [
            `Ticket ${t} was resolved${by}.`,
            'Is the problem solved? Confirm the resolution or reopen the ticket.',
          ],
        };
      case 'sla_warning':
        return {
          subject: `[${c.ticketNumber}] Deadline approaching (${c.percent ?? 0}%)`,
          lines: [
            `Ticket ${t} has used ${c.percent ?? 0}% of its "${c.policy ?? ''}" target.`,
            due ? `Due: ${due}.` : '',
          ],
        };
      case 'sla_breached':
        return {
          subject: `[${c.ticketNumber}] Target breached`,
          lines: [`Ticket ${t} breached its "${c.policy ?? ''}" target.`, due ? `Due: ${due}.` : ''],
        };
      case 'sla_escalated':
        return {
          subject: `[${c.ticketNumber}] Ticket escalated`,
          lines: [
            `Ticket ${t} was escalated: "${c.policy ?? ''}" target (${c.percent ?? 0}%).`,
            due ? `Due: ${due}.` : '',
          ],
        };
    }
  },
};

const labels = {
  fr: {
    hello: 'Bonjour',
    open: 'Voir le ticket',
    confirm: 'Confirmer la résolution',
    reopen: 'Rouvrir le ticket',
    rate: 'Donner votre avis',
    footer: 'Guichet, centre de services',
  },
  en: {
    hello: 'Hello',
    open: 'Open the ticket',
    confirm: 'Confirm the resolution',
    reopen: 'Reopen the ticket',
    rate: 'Give your feedback',
    footer: 'Guichet service desk',
  },
};

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}

/** A notification e-mail in the recipient's language: plain text, and simple HTML with every user value escaped. */
export function renderMail(c: MailContext): RenderedMail {
  const { subject, lines } = templates[c.language](c);
  const l = labels[c.language];
  const body = lines.filter((line) => line !== '');
  const links: [string, string][] = [[l.open, c.ticketUrl]];
  if (c.confirmUrl) links.push([l.confirm, c.confirmUrl]);
  if (c.reopenUrl) links.push([l.reopen, c.reopenUrl]);
  if (c.rateUrl) links.push([l.rate, c.rateUrl]);
  const text = [
    `${l.hello} ${c.recipientName},`,
    '',
    ...body.flatMap((p) => [p, '']),
    ...links.map(([label, url]) => `${label} : ${url}`.replace(' : ', c.language === 'fr' ? ' : ' : ': ')),
    '',
    '-- ',
    l.footer,
  ].join('\n');
  const paragraph = (p: string) => `<p>${escapeHtml(p).replace(/\r?\n/g, '<br>')}</p>`;
  const html = [
    '<!doctype html>',
    `<html lang="${c.language}"><body style="font-family: sans-serif; line-height: 1.5">`,
    paragraph(`${l.hello} ${c.recipientName},`),
    ...body.map(paragraph),
    `<p>${links.map(([label, url]) => `<a href="${escapeHtml(url)}">${escapeHtml(label)}</a>`).join(' · ')}</p>`,
    `<p style="color: #555">${escapeHtml(l.footer)}</p>`,
    '</body></html>',
  ].join('\n');
  return { subject, text, html };
}
