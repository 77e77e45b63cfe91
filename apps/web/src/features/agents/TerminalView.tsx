import '@xterm/xterm/css/xterm.css';
import type { AgentSessionCreated, AgentTerminalServerMessage } from '@guichet/contracts';
import { Terminal } from '@xterm/xterm';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { terminalSocketUrl } from './api';

/**
 * The terminal itself (xterm.js, loaded only when a technician opens one): keystrokes go to the
 * server over the session's WebSocket, the workstation's output comes back the same way.
 */
export default function TerminalView({
  session,
  onEnded,
}: {
  session: AgentSessionCreated;
  onEnded: (reason: string) => void;
}) {
  const { t } = useTranslation();
  const host = useRef<HTMLDivElement>(null);
  const ended = useRef(onEnded);
  ended.current = onEnded;

  useEffect(() => {
    const el = host.current;
    if (!el) return;
    let socket: WebSocket | null = null;
    let term: Terminal | null = null;
    const disposers: (() => void)[] = [];
    // the token is single-use: connect once the component stays mounted (React's development mode
    // mounts, unmounts and mounts again at once; a deferred start is cancelled by the first clean-up)
    const start = setTimeout(() => {
      // the screen-reader mode keeps an accessible copy of the output (RGAA)
      const t = new Terminal({ cols: 100, rows: 28, screenReaderMode: true, cursorBlink: true });
      term = t;
      t.open(el);
      t.focus();
      const ws = new WebSocket(terminalSocketUrl(session, t.cols, t.rows));
      socket = ws;
      ws.onmessage = (event) => {
        const message = JSON.parse(String(event.data)) as AgentTerminalServerMessage;
        if (message.type === 'output') t.write(message.data);
        if (message.type === 'ended') ended.current(message.reason);
      };
      ws.onclose = () => ended.current('');
      const input = t.onData((data) => {
        if (ws.readyState === WebSocket.OPEN) ws.send(JSON.stringify({ type: 'input', data }));
      });
      const resize = t.onResize(({ cols, rows }) => {
        if (ws.readyState === WebSocket.OPEN) ws.send(JSON.stringify({ type: 'resize', cols, rows }));
      });
      disposers.push(
        () => input.dispose(),
        () => resize.dispose(),
      );
    }, 0);
    return () => {
      clearTimeout(start);
      for (const dispose of disposers) dispose();
      if (socket) {
        socket.onclose = null;
        socket.close();
      }
      term?.dispose();
    };
  }, [session]);

  return (
    <div
      ref={host}
      role="application"
      aria-label={t('agents.terminalLabel', { hostname: session.hostname })}
    />
  );
}
