import type { TicketSla } from '@guichet/contracts';
import './slas.css';
import { Group, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../lib/format';
import { formatMinutes, timeLeftText } from './duration';
import { SlaHistory } from './SlaHistory';
import { useNow } from './useNow';

type ClockStatus = 'running' | 'paused' | 'met' | 'breached';

const statusOf = (c: TicketSla, now: number): ClockStatus => {
  if (c.status === 'paused') return 'paused';
  const breached =
    c.breachedAt !== null || (c.status === 'running' && c.dueAt !== null && Date.parse(c.dueAt) <= now);
  if (breached) return 'breached';
  return c.status === 'stopped' ? 'met' : 'running';
};

/** One clock of a ticket: what it measures, its state in words, its due time, progress and history. */
export function SlaClock({ clock }: { clock: TicketSla }) {
  const { t } = useTranslation();
  const f = useFormat();
  const now = useNow([clock.dueAt]);
  const status = statusOf(clock, now);
  const percent =
    clock.targetMinutes > 0 ? Math.round((clock.elapsedMinutes / clock.targetMinutes) * 100) : 0;
  const titleId = `sla-clock-${clock.id}`;
  return (
    <Stack gap={4} component="article" aria-labelledby={titleId} className="sla-clock" data-state={status}>
      <Text fw={600} size="sm" id={titleId}>
        {clock.policy.name}
      </Text>
      <Text size="xs">
        {t(`slas.kind.${clock.policy.kind}`)} · {t(`slas.metric.${clock.metric}`)} · {clock.calendar.name}
      </Text>
      <Group gap="xs">
        <Text size="sm" fw={600} className="sla-status" data-state={status}>
          {t(`slas.status.${status}`)}
        </Text>
        {clock.status === 'running' && clock.dueAt && (
          <Text size="sm">{timeLeftText(t, clock.dueAt, now)}</Text>
        )}
      </Group>
      {clock.dueAt && (
        <Text size="sm">
          {t('slas.panel.due')} <time dateTime={clock.dueAt}>{f.dateTime(clock.dueAt)}</time>
        </Text>
      )}
      {clock.stoppedAt && (
        <Text size="sm">
          {t('slas.panel.stopped')} <time dateTime={clock.stoppedAt}>{f.dateTime(clock.stoppedAt)}</time>
        </Text>
      )}
      <progress
        className="sla-progress"
        max={100}
        value={Math.min(100, percent)}
        aria-label={t('slas.panel.progressLabel', { name: clock.policy.name })}
      />
      <Text size="xs">
        {t('slas.panel.progress', {
          elapsed: formatMinutes(t, clock.elapsedMinutes),
          target: formatMinutes(t, clock.targetMinutes),
          percent,
        })}
      </Text>
      <SlaHistory history={clock.history} name={clock.policy.name} />
    </Stack>
  );
}
