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

type Subscriber = { current: StreamHandlers };

/**
 * One live WebSocket (/api/v1/stream) per tab, shared by every component listening: opened with the
 * first, closed with the last, reconnecting with capped, jittered back-off in between.
 */
const connection = {
  subscribers: new Set<Subscriber>(),
  socket: null as WebSocket | null,
  timer: undefined as ReturnType<typeof setTimeout> | undefined,
  attempt: 0,
  everOpened: false,
  status: 'closed' as StreamStatus,
};

function setStatus(status: StreamStatus) {
  connection.status = status;
  for (const s of connection.subscribers) s.current.onStatus?.(status);
}

function connect() {
  if (connection.subscribers.size === 0 || connection.socket) return;
  setStatus('connecting');
  const scheme = window.location.protocol === 'https:' ? 'wss' : 'ws';
  const socket = new WebSocket(`${scheme}://${window.location.host}${API_BASE}/stream`);
  connection.socket = socket;
  socket.onopen = () => {
    connection.attempt = 0;
    setStatus('open');
    if (connection.everOpened) for (const s of connection.subscribers) s.current.onReconnect?.();
    connection.everOpened = true;
  };
  socket.onmessage = (e) => {
    if (typeof e.data !== 'string') return;
    let message: unknown;
    try {
      message = JSON.parse(e.data);
    } catch {
      return; // not JSON: ignore
    }
    for (const s of connection.subscribers) s.current.onMessage(message);
  };
  socket.onclose = () => {
    if (connection.socket !== socket) return;
    connection.socket = null;
    setStatus('closed');
    if (connection.subscribers.size === 0) return;
    const base = Math.min(MAX_DELAY, MIN_DELAY * 2 ** connection.attempt);
    connection.attempt++;
    connection.timer = setTimeout(connect, base / 2 + Math.random() * (base / 2));
  };
}

function disconnect() {
  clearTimeout(connection.timer);
  const socket = connection.socket;
  connection.socket = null;
  connection.attempt = 0;
  connection.everOpened = false;
  socket?.close();
  connection.status = 'closed';
}

// reconnect at once when the tab comes back to life rather than waiting for the back-off
if (typeof window !== 'undefined') {
  window.addEventListener('online', () => {
    if (!connection.socket && connection.subscribers.size > 0) {
      clearTimeout(connection.timer);
      connection.attempt = 0;
      connect();
    }
  });
}

/** Listens to the live stream while `enabled`; every listener of the tab shares one socket. */
export function useStream(enabled: boolean, handlers: StreamHandlers): void {
  const latest = useRef(handlers);
  latest.current = handlers;

  useEffect(() => {
    if (!enabled) return;
    const subscriber: Subscriber = latest;
    connection.subscribers.add(subscriber);
    if (connection.socket) subscriber.current.onStatus?.(connection.status);
    else connect();
    return () => {
      connection.subscribers.delete(subscriber);
      if (connection.subscribers.size === 0) disconnect();
    };
  }, [enabled]);
}
