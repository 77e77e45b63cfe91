import type { TicketChangedEvent } from '@guichet/contracts';
import { type QueryClient, useQueryClient } from '@tanstack/react-query';
import { useRef } from 'react';
import { useStream } from '../../lib/stream';
import { ticketKeys } from './keys';

const COOLDOWN_MS = 300;

const isTicketChanged = (m: unknown): m is TicketChangedEvent =>
  typeof m === 'object' &&
  m !== null &&
  (m as { type?: unknown }).type === 'ticket.changed' &&
  typeof (m as { number?: unknown }).number === 'string';

function invalidate(qc: QueryClient, numbers: Iterable<string>) {
  void qc.invalidateQueries({ queryKey: ticketKeys.all });
  for (const n of numbers) void qc.invalidateQueries({ queryKey: ticketKeys.detail(n) });
}

/**
 * Keeps queues, counts and open tickets fresh from the live stream. The first event refreshes at
 * once; a burst that follows is coalesced into one refresh per 300 ms.
 */
export function useLiveTickets(enabled: boolean): void {
  const qc = useQueryClient();
  const state = useRef<{ numbers: Set<string>; timer: ReturnType<typeof setTimeout> | null }>({
    numbers: new Set(),
    timer: null,
  });

  const cooldown = () => {
    const s = state.current;
    s.timer = setTimeout(() => {
      s.timer = null;
      if (s.numbers.size > 0) {
        invalidate(qc, s.numbers);
        s.numbers = new Set();
        cooldown();
      }
    }, COOLDOWN_MS);
  };

  useStream(enabled, {
    onMessage: (m) => {
      if (!isTicketChanged(m)) return;
      const s = state.current;
      if (s.timer) {
        s.numbers.add(m.number);
        return;
      }
      invalidate(qc, [m.number]);
      cooldown();
    },
    onReconnect: () => {
      void qc.invalidateQueries({ queryKey: ticketKeys.all });
      void qc.invalidateQueries({ queryKey: ['ticket'] });
    },
  });
}
