import { execFile } from 'node:child_process';
import { promises as dns } from 'node:dns';
import type { AgentDiagnostic } from '@guichet/contracts/agent-protocol';

const MAX_OUTPUT = 256 * 1024;
const SERVICE = /^[A-Za-z0-9][A-Za-z0-9_.@-]{0,99}$/;

interface Step {
  title: string;
  cmd: string;
  args: string[];
}

/** Runs a program with a fixed argument list (no shell: nothing typed reaches a command line). */
function step({ cmd, args }: Step): Promise<{ code: number | null; text: string }> {
  return new Promise((resolve) => {
    execFile(
      cmd,
      args,
      { timeout: 30_000, maxBuffer: MAX_OUTPUT, windowsHide: true },
      (err, stdout, stderr) => {
        const code = err ? (typeof err.code === 'number' ? err.code : null) : 0;
        const missing = err && (err as NodeJS.ErrnoException).code === 'ENOENT';
        resolve({
          code: missing ? 127 : code,
          text: missing ? `${cmd}: not available on this system` : `${stdout}${stderr}`,
        });
      },
    );
  });
}

const win = process.platform === 'win32';
const mac = process.platform === 'darwin';

/** The programs each diagnostic runs, per platform. */
function plan(diagnostic: AgentDiagnostic, target: string, service: string | null): Step[] {
  switch (diagnostic) {
    case 'network':
      return win
        ? [
            { title: 'interfaces', cmd: 'ipconfig', args: ['/all'] },
            { title: `ping ${target}`, cmd: 'ping', args: ['-n', '3', target] },
          ]
        : [
            { title: 'interfaces', cmd: mac ? 'ifconfig' : 'ip', args: mac ? [] : ['-brief', 'address'] },
            { title: 'routes', cmd: mac ? 'netstat' : 'ip', args: mac ? ['-rn'] : ['route'] },
            { title: `ping ${target}`, cmd: 'ping', args: ['-c', '3', '-W', '2', target] },
          ];
    case 'disk':
      return win
        ? [
            {
              title: 'volumes',
              cmd: 'powershell.exe',
              args: ['-NoProfile', '-Command', 'Get-Volume | Format-Table -AutoSize'],
            },
          ]
        : [{ title: 'df', cmd: 'df', args: ['-h'] }];
    case 'processes':
      return win
        ? [{ title: 'tasks', cmd: 'tasklist', args: ['/v'] }]
        : [
            {
              title: 'top processes',
              cmd: 'ps',
              args: mac
                ? ['-Ao', 'pid,pcpu,pmem,comm', '-r']
                : ['-eo', 'pid,pcpu,pmem,rss,comm', '--sort=-pcpu'],
            },
          ];
    case 'restart_service':
      if (!service || !SERVICE.test(service)) return [];
      return win
        ? [
            {
              title: `restart ${service}`,
              cmd: 'powershell.exe',
              args: ['-NoProfile', '-Command', 'Restart-Service', '-Name', service],
            },
          ]
        : [
            { title: `restart ${service}`, cmd: 'systemctl', args: ['restart', '--', service] },
            { title: `status ${service}`, cmd: 'systemctl', args: ['status', '--no-pager', '--', service] },
          ];
  }
}

/**
 * Runs a predefined diagnostic and returns its output as one text. The server decides which
 * diagnostic and which service (from the entity's allow-list); the agent checks the service name
 * again and never builds a shell command line.
 */
export async function runDiagnostic(
  diagnostic: AgentDiagnostic,
  target: string,
  service: string | null,
): Promise<{ exitCode: number | null; output: string }> {
  const steps = plan(diagnostic, target, service);
  if (steps.length === 0) return { exitCode: 2, output: 'refused: invalid service name' };
  let output = '';
  let exitCode: number | null = 0;
  for (const s of steps) {
    const r = await step(s);
    output += `== ${s.title} (exit ${r.code ?? '?'})\n${r.text.trimEnd()}\n\n`;
    if (r.code !== 0 && exitCode === 0) exitCode = r.code;
  }
  if (diagnostic === 'network') {
    try {
      const addresses = await dns.lookup(target, { all: true });
      output += `== dns ${target}\n${addresses.map((a) => a.address).join('\n')}\n`;
    } catch (err) {
      output += `== dns ${target}\nfailed: ${(err as Error).message}\n`;
      if (exitCode === 0) exitCode = 1;
    }
  }
  return { exitCode, output: output.slice(0, MAX_OUTPUT) };
}
