import type { SlaAlertEvent, SlaStartedEvent } from '@guichet/contracts';
import { useQueryClient } from '@tanstack/react-query';
import { useStream } from '../../lib/stream';

const isSlaAlert = (m: unknown): m is SlaAlertEvent =>
  typeof m === 'object' &&
  m !== null &&
  (m as { type?: unknown }).type === 'sla.alert' &&
  typeof (m as { number?: unknown }).number === 'string';

const isSlaStarted = (m: unknown): m is SlaStartedEvent =>
  typeof m === 'object' &&
  m !== null &&
  (m as { type?: unknown }).type === 'sla.started' &&
  Array.isArray((m as { numbers?: unknown }).numbers);

/**
 * Refreshes the queues and the ticket concerned when a clock crosses a threshold ("sla.alert") or
 * new tickets' clocks start ("sla.started"): neither changes the ticket, so "ticket.changed" alone
 * would miss them.
 */
export function useSlaAlerts(enabled: boolean): void {
  const qc = useQueryClient();
  useStream(enabled, {
    onMessage: (m) => {
      // new tickets' clocks start a moment after their creation
      const numbers = isSlaAlert(m) ? [m.number] : isSlaStarted(m) ? m.numbers : null;
      if (!numbers) return;
      void qc.invalidateQueries({ queryKey: ['tickets'] });
      for (const n of numbers) void qc.invalidateQueries({ queryKey: ['ticket', n] });
    },
  });
}
