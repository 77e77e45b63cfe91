import { useEffect, useReducer, useSyncExternalStore } from 'react';

const TICK_MS = 30_000;
const listeners = new Set<() => void>();
let tick = 0;
let timer: ReturnType<typeof setInterval> | undefined;

function subscribe(listener: () => void) {
  listeners.add(listener);
  timer ??= setInterval(() => {
    tick++;
    for (const l of listeners) l();
  }, TICK_MS);
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0 && timer) {
      clearInterval(timer);
      timer = undefined;
    }
  };
}

/**
 * The current time, re-rendering every 30 s (one shared timer for every caller) and also at the
 * given moments (a clock's warning and due times), so a state change shows when it happens.
 */
export function useNow(moments: readonly (string | null | undefined)[] = []): number {
  useSyncExternalStore(
    subscribe,
    () => tick,
    () => tick,
  );
  const [, rerender] = useReducer((x: number) => x + 1, 0);
  const key = moments.filter(Boolean).join('|');
  useEffect(() => {
    const now = Date.now();
    const next = key
      .split('|')
      .map((m) => Date.parse(m))
      .filter((m) => m > now)
      .sort((a, b) => a - b)[0];
    if (next === undefined) return;
    const id = setTimeout(rerender, Math.min(next - now + 50, 2 ** 31 - 1));
    return () => clearTimeout(id);
  }, [key]);
  return Date.now();
}
