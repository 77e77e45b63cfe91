import type { SlaAlertEvent } from '@guichet/contracts';
import { useQueryClient } from '@tanstack/react-query';
import { useStream } from '../../lib/stream';

const isSlaAlert = (m: unknown): m is SlaAlertEvent =>
  typeof m === 'object' &&
  m !== null &&
  (m as { type?: unknown }).type === 'sla.alert' &&
  typeof (m as { number?: unknown }).number === 'string';

/**
 * Refreshes the queues and the ticket concerned when a clock crosses a threshold ("sla.alert"):
 * such a crossing does not always change the ticket, so "ticket.changed" alone would miss it.
 */
export function useSlaAlerts(enabled: boolean): void {
  const qc = useQueryClient();
  useStream(enabled, {
    onMessage: (m) => {
      if (!isSlaAlert(m)) return;
      void qc.invalidateQueries({ queryKey: ['tickets'] });
      void qc.invalidateQueries({ queryKey: ['ticket', m.number] });
    },
  });
}
