// Debian's Chromium driven by playwright-core (never a downloaded browser), with WebGPU on SwiftShader (docs/ARCHITECTURE.md).
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { preview, type PreviewServer } from 'vite';

export const CHROMIUM_FLAGS = [
  '--enable-unsafe-webgpu', '--enable-features=Vulkan', '--use-vulkan=swiftshader', '--use-webgpu-adapter=swiftshader',
  '--disable-vulkan-surface', '--no-sandbox', '--disable-background-networking', '--disable-component-update',
  '--disable-sync', '--no-first-run',
];

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_FLAGS, headless: true });
}

/** Serves the production build (dist/, made by `vite build`) on a free loopback port. */
export async function serveBuild(): Promise<{ server: PreviewServer; url: string }> {
  const server = await preview({ preview: { host: '127.0.0.1', port: 0, strictPort: false }, logLevel: 'error' });
  const url = server.resolvedUrls?.local[0];
  if (!url) throw new Error('vite preview did not report a URL');
  return { server, url };
}

/** For a test file: the production build served and Chromium launched before its tests, both closed after them. */
export function useBuiltLab(): { browser: () => Browser; url: () => string } {
  let browser: Browser | undefined;
  let server: PreviewServer | undefined;
  let url = '';
  beforeAll(async () => {
    ({ server, url } = await serveBuild());
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await new Promise<void>((resolve) => (server ? server.httpServer.close(() => resolve()) : resolve()));
  });
  return { browser: () => browser!, url: () => url };
}
