import type { SlaClockState, TicketSlaSummary } from '@guichet/contracts';
import './slas.css';
import { IconAlertTriangle, IconClock, IconPlayerPause } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { timeLeftText } from './duration';
import { useNow } from './useNow';

/** The state now: the server's, or a later one the clock has reached since the list was loaded. */
export function currentState(sla: TicketSlaSummary, now: number): SlaClockState {
  if (sla.state === 'paused' || sla.state === 'breached') return sla.state;
  if (sla.dueAt && Date.parse(sla.dueAt) <= now) return 'breached';
  if (sla.state === 'warning' || (sla.warnAt && Date.parse(sla.warnAt) <= now)) return 'warning';
  return 'ok';
}

const icons = {
  ok: IconClock,
  warning: IconAlertTriangle,
  breached: IconAlertTriangle,
  paused: IconPlayerPause,
};

/**
 * The queue's "Échéance" cell: time left as text ("dans 25 min", "à risque – dans 3 min",
 * "dépassé de 1 h 10", "en pause"), the colour only repeating it. Updates every 30 s without a refetch.
 */
export function SlaTimeLeft({ sla }: { sla: TicketSlaSummary | null }) {
  const { t } = useTranslation();
  const now = useNow(sla ? [sla.warnAt, sla.dueAt] : []);
  if (!sla) return <span>—</span>;
  const state = currentState(sla, now);
  const Icon = icons[state];
  const text =
    state === 'paused' || !sla.dueAt
      ? t('slas.timeLeft.paused')
      : state === 'warning'
        ? t('slas.timeLeft.atRisk', { left: timeLeftText(t, sla.dueAt, now) })
        : timeLeftText(t, sla.dueAt, now);
  return (
    <span className="sla-time-left" data-state={state}>
      <Icon size={14} aria-hidden />
      {sla.dueAt ? <time dateTime={sla.dueAt}>{text}</time> : text}
    </span>
  );
}
