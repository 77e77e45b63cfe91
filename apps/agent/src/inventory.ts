import { execFile } from 'node:child_process';
import { hostname as osHostname } from 'node:os';
import { promisify } from 'node:util';
import type { AgentHardware, AgentSoftware } from '@guichet/contracts/agent-protocol';

const run = promisify(execFile);

export interface Inventory {
  hostname: string;
  collectedAt: string;
  hardware: AgentHardware;
  software: AgentSoftware;
}

const clip = (v: unknown, max: number) => (typeof v === 'string' ? v.trim().slice(0, max) : '');
const count = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) && v > 0 ? Math.round(v) : 0);
/** Firmware placeholders ("-", "Default string") are left for the server to ignore; empty stays empty. */
const serialOf = (...candidates: unknown[]) => {
  for (const c of candidates) {
    const v = clip(c, 100);
    if (v && v !== '-') return v;
  }
  return '';
};

/** The hostname as the server accepts it (letters, digits, dots, hyphens). */
export function cleanHostname(raw: string): string {
  const cleaned = raw.replace(/[^A-Za-z0-9.-]/g, '-').replace(/^[^A-Za-z0-9]+/, '');
  return (cleaned || 'unknown-host').slice(0, 253);
}

/**
 * Hardware through systeminformation (DMI and lsblk on Linux, WMI on Windows, system_profiler on
 * macOS). Loaded on demand: the agent at rest does not keep it in memory longer than a report.
 * Fields the machine does not expose (a container has no DMI) come back empty, never invented.
 */
export async function collectHardware(): Promise<{ hostname: string; hardware: AgentHardware }> {
  const si = await import('systeminformation');
  const [system, cpu, mem, os, fs, blocks, nets, defaultIface, uuid] = await Promise.all([
    si.system(),
    si.cpu(),
    si.mem(),
    si.osInfo(),
    si.fsSize(),
    si.blockDevices(),
    si.networkInterfaces(),
    si.networkInterfaceDefault(),
    si.uuid(),
  ]);
  const ifaces = Array.isArray(nets) ? nets : [nets];
  const disks = blocks
    .filter((b) => b.type === 'disk')
    .map((b) => ({
      name: clip(b.name, 200),
      type: clip(b.type, 50),
      sizeBytes: count(b.size),
      usedBytes: null,
      mount: clip(b.mount, 500) || null,
    }));
  const volumes = fs.map((v) => ({
    name: clip(v.fs, 200),
    type: clip(v.type, 50),
    sizeBytes: count(v.size),
    usedBytes: count(v.used),
    mount: clip(v.mount, 500) || null,
  }));
  return {
    hostname: cleanHostname(os.hostname || osHostname()),
    hardware: {
      manufacturer: clip(system.manufacturer, 100),
      model: clip(system.model, 100),
      serialNumber: serialOf(system.serial, uuid.hardware),
      cpu: { brand: clip(`${cpu.manufacturer} ${cpu.brand}`, 200), cores: count(cpu.cores) },
      memoryBytes: count(mem.total),
      disks: [...disks, ...volumes].slice(0, 200),
      os: {
        platform: clip(os.platform, 50),
        distro: clip(os.distro, 200),
        release: clip(os.release, 100),
        kernel: clip(os.kernel, 200),
        arch: clip(os.arch, 50),
      },
      network: ifaces
        .filter((n) => !n.internal)
        .slice(0, 100)
        .map((n) => ({
          iface: clip(n.iface, 100),
          mac: clip(n.mac, 50),
          ip4: clip(n.ip4, 50),
          ip6: clip(n.ip6, 100),
          isDefault: n.iface === defaultIface,
        })),
    },
  };
}

/**
 * Installed software. systeminformation has no such inventory, so the package manager is asked
 * directly: dpkg (Debian, Ubuntu), rpm (Red Hat family), the registry's Uninstall keys on Windows
 * (through PowerShell). Fixed argument lists, no shell.
 */
export async function collectSoftware(): Promise<AgentSoftware> {
  const attempts: [string, string[], (line: string) => { name: string; version: string } | null][] = [
    // biome-ignore lint/suspicious/noTemplateCurlyInString: dpkg-query's own format syntax, not a template
    ['dpkg-query', ['-W', '-f=${Package}\t${Version}\n'], tabbed],
    ['rpm', ['-qa', '--queryformat', '%{NAME}\t%{VERSION}-%{RELEASE}\n'], tabbed],
  ];
  if (process.platform === 'win32') {
    const script =
      "Get-ItemProperty 'HKLM:\\Software\\Microsoft\\Windows\\CurrentVersion\\Uninstall\\*','HKLM:\\Software\\WOW6432Node\\Microsoft\\Windows\\CurrentVersion\\Uninstall\\*' | Where-Object DisplayName | ForEach-Object { \"$($_.DisplayName)`t$($_.DisplayVersion)\" }";
    attempts.unshift(['powershell.exe', ['-NoProfile', '-NonInteractive', '-Command', script], tabbed]);
  }
  for (const [cmd, args, parse] of attempts) {
    try {
      const { stdout } = await run(cmd, args, { maxBuffer: 32 * 1024 * 1024, timeout: 60_000 });
      const list = stdout
        .split(/\r?\n/)
        .map(parse)
        .filter((s): s is { name: string; version: string } => s !== null);
      if (list.length > 0) return dedupe(list).slice(0, 20_000);
    } catch {
      // this package manager is not on the machine: try the next one
    }
  }
  return [];
}

function tabbed(line: string) {
  const [name, version = ''] = line.split('\t');
  const n = name?.trim();
  return n ? { name: n.slice(0, 300), version: version.trim().slice(0, 200) } : null;
}

function dedupe(list: { name: string; version: string }[]) {
  const seen = new Map<string, { name: string; version: string }>();
  for (const s of list) seen.set(`${s.name}\t${s.version}`, s);
  return [...seen.values()].sort((a, b) => a.name.localeCompare(b.name));
}

/**
 * The same inventory, collected by a short-lived child process (`guichet-agent inventory`): the
 * collectors and the package list never stay in the resident agent's memory.
 */
export async function collectInventoryInChild(): Promise<Inventory> {
  const script = process.argv[1];
  if (!script) return collectInventory();
  const { stdout } = await run(process.execPath, [...process.execArgv, script, 'inventory'], {
    maxBuffer: 64 * 1024 * 1024,
    timeout: 180_000,
    windowsHide: true,
  });
  return JSON.parse(stdout) as Inventory;
}

export async function collectInventory(): Promise<Inventory> {
  const [{ hostname, hardware }, software] = await Promise.all([collectHardware(), collectSoftware()]);
  return { hostname, collectedAt: new Date().toISOString(), hardware, software };
}

/**
 * The person signed in on the workstation: the configured name, else the first interactive session
 * systeminformation finds, else the user running the agent when it runs in a session (not as a service).
 */
export async function detectLoggedInUser(configured: string | null): Promise<string | null> {
  if (configured) return configured;
  // `who` (Linux, macOS) or `query user` (Windows): what systeminformation's users() runs, without
  // keeping that library loaded in the resident agent
  try {
    const [cmd, args] = process.platform === 'win32' ? ['query', ['user']] : ['who', []];
    const { stdout } = await run(cmd, args as string[], { timeout: 10_000, windowsHide: true });
    const lines = stdout.split(/\r?\n/).filter((l) => l.trim());
    const rows = process.platform === 'win32' ? lines.slice(1) : lines;
    const user = rows[0]?.trim().replace(/^>/, '').split(/\s+/)[0];
    if (user) return user.slice(0, 200);
  } catch {
    // no session information on this system
  }
  const { userInfo } = await import('node:os');
  const me = userInfo().username;
  return me && me !== 'root' && me.toLowerCase() !== 'system' ? me : null;
}
