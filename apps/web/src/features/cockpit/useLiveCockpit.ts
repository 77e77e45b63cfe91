import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo } from 'react';
import { useStream } from '../../lib/stream';
import { cockpitKeys } from './api';
import { throttle } from './throttle';

/** "Now" follows the desk closely; period figures move slowly and cost more to compute. */
const NOW_INTERVAL_MS = 1_000;
const PERIOD_INTERVAL_MS = 10_000;

const typeOf = (m: unknown): unknown =>
  typeof m === 'object' && m !== null ? (m as { type?: unknown }).type : undefined;

/** The nudges that mean the figures may have moved (the payload's entity is not needed to refetch). */
const LIVE_TYPES: ReadonlySet<unknown> = new Set(['cockpit.changed', 'ticket.changed']);

/**
 * Keeps the cockpit fresh from the live stream without reloading: a `cockpit.changed` nudge (or a
 * ticket event, which arrives a little earlier) refetches the figures on screen, throttled. The
 * queries keep their data while refetching, so nothing flickers.
 */
export function useLiveCockpit(enabled: boolean): void {
  const qc = useQueryClient();
  const refresh = useMemo(
    () => ({
      now: throttle(
        () => void qc.invalidateQueries({ queryKey: [...cockpitKeys.all, 'now'] }),
        NOW_INTERVAL_MS,
      ),
      period: throttle(
        () => void qc.invalidateQueries({ queryKey: [...cockpitKeys.all, 'period'] }),
        PERIOD_INTERVAL_MS,
      ),
    }),
    [qc],
  );

  useEffect(
    () => () => {
      refresh.now.cancel();
      refresh.period.cancel();
    },
    [refresh],
  );

  useStream(enabled, {
    onMessage: (m) => {
      if (!LIVE_TYPES.has(typeOf(m))) return;
      refresh.now.call();
      refresh.period.call();
    },
    // events may have been missed while disconnected
    onReconnect: () => void qc.invalidateQueries({ queryKey: cockpitKeys.all }),
  });
}
