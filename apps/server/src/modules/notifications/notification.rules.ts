import type { NotificationChannel, NotificationKind } from '@guichet/contracts';

/**
 * Defaults when a person has not chosen: requesters hear about their tickets by e-mail; agents get
 * personal assignments by e-mail and group traffic in the app; service-level alerts go by e-mail.
 */
const defaults: Record<'staff' | 'requester', Record<NotificationKind, NotificationChannel>> = {
  requester: {
    assigned: 'app',
    group_assigned: 'app',
    reply: 'email',
    resolved: 'email',
    sla_warning: 'email',
    sla_breached: 'email',
    sla_escalated: 'email',
  },
  staff: {
    assigned: 'email',
    group_assigned: 'app',
    reply: 'app',
    resolved: 'app',
    sla_warning: 'email',
    sla_breached: 'email',
    sla_escalated: 'email',
  },
};

export function defaultChannel(kind: NotificationKind, isStaff: boolean): NotificationChannel {
  return defaults[isStaff ? 'staff' : 'requester'][kind];
}

export const slaKindOf = {
  warning: 'sla_warning',
  breached: 'sla_breached',
  escalated: 'sla_escalated',
} as const satisfies Record<string, NotificationKind>;

/** How much of a reply the in-app list keeps (the e-mail carries it all). */
export const EXCERPT_LENGTH = 160;

export function excerpt(body: string): string {
  const flat = body.replace(/\s+/g, ' ').trim();
  return flat.length <= EXCERPT_LENGTH ? flat : `${flat.slice(0, EXCERPT_LENGTH - 1)}…`;
}
