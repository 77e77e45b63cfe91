import type { TicketStatus } from '@guichet/contracts';
import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';

const statusColor: Record<TicketStatus, string> = {
  new: 'blue',
  assigned: 'indigo',
  in_progress: 'violet',
  pending: 'orange',
  resolved: 'green',
  closed: 'gray',
  cancelled: 'gray',
};

/** Status as text (the colour only repeats it). */
export function StatusBadge({ status }: { status: TicketStatus }) {
  const { t } = useTranslation();
  return (
    <Badge color={statusColor[status]} tt="none" fw={600}>
      {t(`status.${status}`)}
    </Badge>
  );
}

const priorityColor = ['red', 'orange', 'yellow', 'blue', 'gray'] as const;

/** "P1 Critique": the number and the word, colour only as a hint. */
export function PriorityBadge({ priority }: { priority: number }) {
  const { t } = useTranslation();
  const p = Math.min(5, Math.max(1, priority)) as 1 | 2 | 3 | 4 | 5;
  return (
    <Badge color={priorityColor[p - 1]} variant={p === 1 ? 'filled' : 'light'} tt="none" fw={600}>
      {t('priority.short', { p })} {t(`priority.${p}`)}
    </Badge>
  );
}
