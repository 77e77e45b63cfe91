import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const contracts = fileURLToPath(new URL('./packages/contracts/src/index.ts', import.meta.url));

export default defineConfig({
  resolve: {
    alias: {
      // the agent imports its protocol alone (a subpath): matched before the package itself
      '@guichet/contracts/agent-protocol': fileURLToPath(
        new URL('./packages/contracts/src/agent-protocol.ts', import.meta.url),
      ),
      '@guichet/contracts': contracts,
    },
  },
  test: {
    // PGlite is CPU-bound at start; two workers match the two cores (and vitest wants one limit for all)
    maxWorkers: 2,
    projects: [
      {
        extends: true,
        test: {
          name: 'server',
          root: './apps/server',
          include: ['src/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['./src/test/global-setup.ts'],
          testTimeout: 30_000,
          hookTimeout: 120_000,
        },
      },
      {
        extends: true,
        test: { name: 'contracts', root: './packages/contracts', include: ['src/**/*.test.ts'] },
      },
      {
        extends: true,
        // the web app's pure logic (date maths, figures); screens are covered by e2e
        test: { name: 'web', root: './apps/web', include: ['src/**/*.test.ts'], environment: 'node' },
      },
      {
        extends: true,
        test: {
          name: 'agent',
          root: './apps/agent',
          include: ['src/**/*.test.ts'],
          environment: 'node',
          // the integration tests start the real server on its test database
          globalSetup: ['../server/src/test/global-setup.ts'],
          testTimeout: 30_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
