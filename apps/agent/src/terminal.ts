import { homedir } from 'node:os';

/** The part of node-pty the agent uses. */
export interface Pty {
  onData(listener: (data: string) => void): void;
  onExit(listener: (e: { exitCode: number; signal?: number }) => void): void;
  write(data: string): void;
  resize(cols: number, rows: number): void;
  kill(): void;
}
export type SpawnPty = (size: { cols: number; rows: number }) => Pty;

/**
 * Loads node-pty, a native module: when it cannot load (not built for this platform, missing build
 * tools at install) the agent still runs inventory and diagnostics and tells the server it has no
 * terminal, with the reason in its log.
 */
export async function loadPty(): Promise<{ spawn: SpawnPty } | { error: string }> {
  try {
    const pty = await import('node-pty');
    const shell = process.platform === 'win32' ? 'powershell.exe' : process.env.SHELL || '/bin/bash';
    const args = process.platform === 'win32' ? ['-NoLogo'] : ['--login'];
    return {
      spawn: ({ cols, rows }) =>
        pty.spawn(shell, args, {
          name: 'xterm-256color',
          cols,
          rows,
          cwd: homedir(),
          env: { ...process.env, TERM: 'xterm-256color' } as Record<string, string>,
        }),
    };
  } catch (err) {
    return { error: `node-pty could not load (${(err as Error).message}); the terminal is unavailable` };
  }
}
