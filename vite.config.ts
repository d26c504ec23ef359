/// <reference types="vitest/config" />
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

export default defineConfig({
  plugins: [react()],
  // plotly is loaded lazily; pre-bundling it up front keeps `vite dev` from re-optimizing and reloading on first use.
  optimizeDeps: { include: ['plotly.js-dist-min'] },
  test: {
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
