/// <reference types="vitest/config" />
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { CONTENT_SECURITY_POLICY } from './src/ui/contentSecurityPolicy.ts';

/** The built page's Content Security Policy as a <meta> (not in dev: Vite's dev server injects inline scripts). */
const contentSecurityPolicy = {
  name: 'glasslab-csp',
  apply: 'build' as const,
  transformIndexHtml: () => [{ tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: CONTENT_SECURITY_POLICY }, injectTo: 'head-prepend' as const }],
};

export default defineConfig({
  plugins: [react(), contentSecurityPolicy],
  // plotly is loaded lazily; pre-bundling it up front keeps `vite dev` from re-optimizing and reloading on first use.
  optimizeDeps: { include: ['plotly.js-dist-min'] },
  test: {
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
