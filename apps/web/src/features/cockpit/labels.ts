import type { TicketStatus } from '@guichet/contracts';
import { useTranslation } from 'react-i18next';
import { channels, priorities, type SiteKind, siteKinds, ticketStatuses } from '../../lib/enums';

const isOneOf = <T extends string>(list: readonly T[], key: string): key is T =>
  (list as readonly string[]).includes(key);

/** Names for the keys the cockpit's breakdowns use; unknown keys are shown as they come. */
export function useCockpitLabels() {
  const { t } = useTranslation();
  return {
    status: (key: string) => (isOneOf<TicketStatus>(ticketStatuses, key) ? t(`status.${key}`) : key),
    priority: (key: string) => {
      const p = Number(key);
      return priorities.some((x) => x === p)
        ? t('cockpit.priorityLabel', { p, name: t(`priority.${p as 1 | 2 | 3 | 4 | 5}`) })
        : key;
    },
    channel: (key: string, fallback: string) => (isOneOf(channels, key) ? t(`channel.${key}`) : fallback),
    siteKind: (key: string, fallback: string) =>
      key === 'none'
        ? t('cockpit.noSite')
        : isOneOf<SiteKind>(siteKinds, key)
          ? t(`siteKind.${key}`)
          : fallback,
  };
}
