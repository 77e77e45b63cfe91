import { useSyncExternalStore } from 'react';
import { type ConnectionState, type RemoteConnection, remoteConnections } from './connection';

const noop = () => () => undefined;

/** The state of a connection, re-rendering on every change. */
export function useConnectionState(connection: RemoteConnection | null): ConnectionState | null {
  return useSyncExternalStore(connection?.subscribe ?? noop, () => connection?.getState() ?? null);
}

/** The tab's current connection (the portal banner follows it). */
export function useCurrentConnection(): RemoteConnection | null {
  return useSyncExternalStore(remoteConnections.subscribe, remoteConnections.get);
}
