import { useEffect, useRef } from 'react';
import { API_BASE } from './api';

export type StreamStatus = 'connecting' | 'open' | 'closed';

export interface StreamHandlers {
  onMessage: (message: unknown) => void;
  /** after a reconnection: events may have been missed, refresh what is on screen */
  onReconnect?: () => void;
  onStatus?: (status: StreamStatus) => void;
}

const MIN_DELAY = 1_000;
const MAX_DELAY = 30_000;

/** Opens the live WebSocket (/api/v1/stream) while `enabled`, reconnecting with capped, jittered back-off. */
export function useStream(enabled: boolean, handlers: StreamHandlers): void {
  const latest = useRef(handlers);
  latest.current = handlers;

  useEffect(() => {
    if (!enabled) return;
    let socket: WebSocket | null = null;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let attempt = 0;
    let stopped = false;
    let everOpened = false;

    const connect = () => {
      if (stopped) return;
      latest.current.onStatus?.('connecting');
      const scheme = window.location.protocol === 'https:' ? 'wss' : 'ws';
      socket = new WebSocket(`${scheme}://${window.location.host}${API_BASE}/stream`);
      socket.onopen = () => {
        attempt = 0;
        latest.current.onStatus?.('open');
        if (everOpened) latest.current.onReconnect?.();
        everOpened = true;
      };
      socket.onmessage = (e) => {
        if (typeof e.data !== 'string') return;
        try {
          latest.current.onMessage(JSON.parse(e.data));
        } catch {
          // not JSON: ignore
        }
      };
      socket.onclose = () => {
        socket = null;
        latest.current.onStatus?.('closed');
        if (stopped) return;
        const base = Math.min(MAX_DELAY, MIN_DELAY * 2 ** attempt);
        attempt++;
        timer = setTimeout(connect, base / 2 + Math.random() * (base / 2));
      };
    };

    // reconnect at once when the tab comes back to life rather than waiting for the back-off
    const onOnline = () => {
      if (!socket && !stopped) {
        clearTimeout(timer);
        attempt = 0;
        connect();
      }
    };
    window.addEventListener('online', onOnline);
    connect();
    return () => {
      stopped = true;
      clearTimeout(timer);
      window.removeEventListener('online', onOnline);
      socket?.close();
    };
  }, [enabled]);
}
