import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const contracts = fileURLToPath(new URL('../../packages/contracts/src/index.ts', import.meta.url));
const api = process.env.GUICHET_API ?? 'http://localhost:3000';

export default defineConfig({
  plugins: [react()],
  resolve: { alias: { '@guichet/contracts': contracts } },
  server: {
    proxy: { '/api': { target: api, ws: true } },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: false,
    rolldownOptions: {
      output: {
        // vendor code changes rarely: keep it in long-cached chunks apart from the app
        codeSplitting: {
          groups: [
            {
              name: 'react',
              test: /node_modules[\\/](react|react-dom|scheduler|react-router)[\\/]/,
              priority: 30,
            },
            {
              name: 'mantine',
              test: /node_modules[\\/](@mantine[\\/](hooks|store|notifications)|@mantine[\\/]core[\\/]esm[\\/]core|clsx)[\\/]/,
              priority: 20,
            },
            {
              name: 'data',
              test: /node_modules[\\/](@tanstack|i18next|react-i18next|html-parse-stringify|void-elements)[\\/]/,
              priority: 20,
            },
            { name: 'icons', test: /node_modules[\\/]@tabler[\\/]/, priority: 10 },
            // recharts and its dependencies: only the chart pages (lazy) load these two chunks, cached apart
            { name: 'charts', test: /node_modules[\\/](@mantine[\\/]charts|recharts)[\\/]/, priority: 15 },
            {
              name: 'charts-deps',
              test: /node_modules[\\/](victory-vendor|d3-[a-z-]+|internmap|decimal\.js-light|@reduxjs|react-redux|redux|redux-thunk|reselect|immer|es-toolkit|eventemitter3|tiny-invariant)[\\/]/,
              priority: 16,
            },
          ],
        },
      },
    },
  },
});
