// `npm run dev` (README command 1) serves a working lab: React's StrictMode double-mounts in development, and the worker
// must survive it. A small float64 run to the end through the Vite dev server.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { createServer, type ViteDevServer } from 'vite';
import { launchBrowser } from './browser.ts';
import { status } from './labPage.ts';

let browser: Browser;
let server: ViteDevServer;
let url: string;

beforeAll(async () => {
  server = await createServer({ server: { host: '127.0.0.1', port: 0, strictPort: false }, logLevel: 'error' });
  await server.listen();
  url = server.resolvedUrls!.local[0];
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('the lab on the development server', () => {
  it('runs a quench to the end', async () => {
    const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
    await context.addInitScript(() => { delete (Navigator.prototype as { gpu?: unknown }).gpu; });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(url);
    await page.waitForFunction(() => document.querySelector('[data-testid="engine-banner"]')?.getAttribute('data-engine'), null, { timeout: 60_000 });
    await page.selectOption('[data-testid="model"]', 'harmonic2d');
    await page.fill('[data-testid="n"]', '100');
    await page.fill('[data-testid="temperature"]', 'inf');
    await page.fill('[data-testid="t-max"]', '10');
    await page.click('[data-testid="run"]');
    const end = Date.now() + 90_000;
    while ((await status(page)) !== 'done' && Date.now() < end) await page.waitForTimeout(250);
    expect(await status(page)).toBe('done');
    expect(errors).toEqual([]);
    await context.close();
  });
});
