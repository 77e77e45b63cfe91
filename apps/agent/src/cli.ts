#!/usr/bin/env node
import { createInterface } from 'node:readline/promises';
import { parseArgs } from 'node:util';
import { type ConsentRequest, WorkstationAgent } from './agent.js';
import { defaultConfigPath, readConfig, writeConfig } from './config.js';
import { enrol } from './enrol.js';
import {
  collectHardware,
  collectInventory,
  collectInventoryInChild,
  detectLoggedInUser,
} from './inventory.js';
import { loadPty } from './terminal.js';

const USAGE = `Guichet workstation agent

  guichet-agent enrol --server https://guichet.example.fr --token <enrolment token> [--config <file>]
  guichet-agent run [--config <file>]
  guichet-agent inventory            print the inventory this machine would report

The configuration (agent id and secret) is written with 0600 permissions to
${defaultConfigPath()} unless --config or GUICHET_AGENT_CONFIG says otherwise.
While it runs, send SIGUSR2 to the agent (or answer in the portal) to end every remote session.`;

const log = (level: 'info' | 'warn' | 'error', message: string) => {
  const line = `${new Date().toISOString()} ${level} ${message}`;
  if (level === 'error') console.error(line);
  else console.log(line);
};

/** Asks the person at the keyboard, when the agent runs in their terminal; otherwise the portal answers. */
function terminalConsent(): ((request: ConsentRequest) => Promise<boolean>) | undefined {
  if (!process.stdin.isTTY) return undefined;
  return async (request) => {
    const rl = createInterface({ input: process.stdin, output: process.stdout });
    try {
      const what = request.kind === 'terminal' ? 'un terminal' : `le diagnostic « ${request.diagnostic} »`;
      const answer = await rl.question(
        `\n${request.technician} demande ${what} sur ce poste.\nAutoriser l'accès à distance à votre poste ? [o/N] `,
      );
      return /^(o|oui|y|yes)$/i.test(answer.trim());
    } finally {
      rl.close();
    }
  };
}

async function main() {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: {
      server: { type: 'string' },
      token: { type: 'string' },
      config: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const command = positionals[0];
  const configPath = values.config ?? defaultConfigPath();
  if (values.help || !command) {
    console.log(USAGE);
    return;
  }

  if (command === 'enrol') {
    if (!values.server || !values.token) throw new Error('enrol needs --server and --token');
    const { hostname, hardware } = await collectHardware();
    const result = await enrol({
      server: values.server,
      token: values.token,
      hostname,
      serialNumber: hardware.serialNumber || undefined,
      os: [hardware.os.distro, hardware.os.release].filter(Boolean).join(' ') || undefined,
    });
    await writeConfig(configPath, {
      server: values.server,
      agentId: result.agentId,
      secret: result.secret,
      entity: result.entity,
      inventoryHours: 6,
      loggedInUser: null,
    });
    console.log(
      `Enrolled as agent ${result.agentId} of ${result.entity.name}; configuration in ${configPath}`,
    );
    return;
  }

  if (command === 'inventory') {
    console.log(JSON.stringify(await collectInventory(), null, 2));
    return;
  }

  if (command === 'run') {
    const config = await readConfig(configPath);
    const pty = await loadPty();
    if ('error' in pty) log('warn', pty.error);
    const agent = new WorkstationAgent({
      config,
      collectInventory: collectInventoryInChild,
      loggedInUser: () => detectLoggedInUser(config.loggedInUser),
      pty,
      consent: terminalConsent(),
      // the user always sees that a session runs, and how to end it
      notify: (text) => log('info', `${text} (fin : kill -USR2 ${process.pid} ou le portail)`),
      log,
    });
    agent.start();
    process.on('SIGUSR2', () => agent.endAllSessions());
    const stop = async () => {
      await agent.stop();
      process.exit(0);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
    return;
  }

  throw new Error(`unknown command ${command}\n\n${USAGE}`);
}

main().catch((err: Error) => {
  console.error(err.message);
  process.exit(1);
});
