// Measures the agent's memory at rest: the compiled agent (dist/cli.js) connects to a stub server,
// sends its real inventory of this machine, then idles; its resident set size is read from /proc.
// Budget: < 80 MB RSS. Run with `npm run agent:rss` from the repository root.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { WebSocketServer } from 'ws';

const BUDGET_MB = 80;
const REST_MS = Number(process.env.REST_MS ?? 10_000);
const here = dirname(fileURLToPath(import.meta.url));
const cli = join(here, '..', 'dist', 'cli.js');

const http = createServer((_req, res) => res.writeHead(404).end());
const wss = new WebSocketServer({ server: http, path: '/api/v1/agents/connect' });
let inventory = null;
const gotInventory = new Promise((resolve) => {
  wss.on('connection', (socket) => {
    socket.send(JSON.stringify({ type: 'welcome', agentId: 1, inventoryHours: 6 }));
    socket.on('message', (raw) => {
      const message = JSON.parse(raw.toString());
      if (message.type === 'inventory') {
        inventory = message;
        resolve();
      }
    });
  });
});
await new Promise((resolve) => http.listen(0, '127.0.0.1', resolve));
const { port } = http.address();

const dir = mkdtempSync(join(tmpdir(), 'guichet-agent-rss-'));
const config = join(dir, 'agent.json');
writeFileSync(
  config,
  JSON.stringify({
    server: `http://127.0.0.1:${port}`,
    agentId: 1,
    secret: 'measure-only-secret',
    entity: { id: 1, name: 'Mesure' },
    inventoryHours: 6,
    loggedInUser: 'mesure',
  }),
  { mode: 0o600 },
);
const child = spawn(process.execPath, [cli, 'run', '--config', config], {
  stdio: ['ignore', 'ignore', 'inherit'],
});
const rssMb = () => {
  const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  const peak = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return { rss: kb / 1024, peak: peak / 1024 };
};

try {
  const timeout = setTimeout(() => {
    console.error('no inventory within 60 s');
    process.exit(1);
  }, 60_000);
  await gotInventory;
  clearTimeout(timeout);
  const afterInventory = rssMb();
  await new Promise((r) => setTimeout(r, REST_MS));
  const rest = rssMb();
  console.log(`inventory received: ${inventory.software.length} software packages`);
  console.log(`RSS right after the inventory: ${afterInventory.rss.toFixed(1)} MB`);
  console.log(
    `RSS at rest (${REST_MS / 1000} s later): ${rest.rss.toFixed(1)} MB (peak ${rest.peak.toFixed(1)} MB)`,
  );
  console.log(`budget < ${BUDGET_MB} MB: ${rest.rss < BUDGET_MB ? 'met' : 'EXCEEDED'}`);
  process.exitCode = rest.rss < BUDGET_MB ? 0 : 1;
} finally {
  child.kill('SIGTERM');
  wss.close();
  http.close();
  rmSync(dir, { recursive: true, force: true });
}
