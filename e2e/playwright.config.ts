import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineConfig } from '@playwright/test';

const port = Number(process.env.E2E_PORT ?? 3999);
const dataDir = process.env.E2E_DATA_DIR ?? mkdtempSync(join(tmpdir(), 'guichet-e2e-'));

const baseArgs = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
const remoteArgs = [
  '--use-fake-ui-for-media-stream',
  '--use-fake-device-for-media-stream',
  '--allow-loopback-in-peer-connection',
];

export default defineConfig({
  testDir: '.',
  testMatch: '**/*.spec.ts',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    locale: 'fr-FR',
    timezoneId: 'Europe/Paris',
    trace: 'retain-on-failure',
    launchOptions: {
      // Debian's Chromium; Playwright never downloads a browser here
      executablePath: '/usr/bin/chromium',
      args: baseArgs,
    },
  },
  projects: [
    { name: 'chromium', testIgnore: '**/remote.spec.ts' },
    {
      // screen sharing headless: Chromium's fake capture device stands in for the picker, and WebRTC
      // may use the loopback interface (docs/adr/0014-remote-assistance.md); the other specs run without
      name: 'remote-assistance',
      testMatch: '**/remote.spec.ts',
      use: {
        launchOptions: {
          executablePath: '/usr/bin/chromium',
          args: [...baseArgs, ...remoteArgs],
        },
      },
    },
  ],
  webServer: {
    command: 'node apps/server/dist/main.js',
    cwd: '..',
    url: `http://127.0.0.1:${port}/api/v1/health`,
    timeout: 240_000,
    reuseExistingServer: false,
    env: { PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, GUICHET_DEMO: '1', LOG_LEVEL: 'warn' },
  },
});
