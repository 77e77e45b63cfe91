import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const contracts = fileURLToPath(new URL('./packages/contracts/src/index.ts', import.meta.url));

export default defineConfig({
  resolve: { alias: { '@guichet/contracts': contracts } },
  test: {
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
          // PGlite is CPU-bound at start; two workers match the two cores
          maxWorkers: 2,
        },
      },
      {
        extends: true,
        test: { name: 'contracts', root: './packages/contracts', include: ['src/**/*.test.ts'] },
      },
    ],
  },
});
