import type { Notification } from '@guichet/contracts';
import type { TFunction } from 'i18next';

/** The sentence a notification reads as, in the reader's language. */
export function notificationText(t: TFunction, n: Notification): string {
  return t(`notifications.text.${n.kind}`, {
    number: n.ticketNumber ?? '',
    title: n.ticketTitle ?? '',
    actor: n.actorName ?? t('notifications.someone'),
    group: n.params.groupName ?? '',
    policy: n.params.policy ?? '',
    percent: n.params.percent ?? 0,
  });
}
