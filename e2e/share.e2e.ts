// Share links in Chromium: a finished float64 run is shared, the link opens in a fresh browser context with the same controls
// and the shared curve at once, and running it gives the same β bit for bit; a bad link says so and leaves the lab usable.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { PreviewServer } from 'vite';
import { launchBrowser, serveBuild } from './browser.ts';
import { status } from './labPage.ts';

let browser: Browser;
let server: PreviewServer;
let url: string;

beforeAll(async () => {
  ({ server, url } = await serveBuild());
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await new Promise<void>((resolve) => server?.httpServer.close(() => resolve()));
});

/** A context without WebGPU: the float64 engine, whose runs repeat bit for bit. */
async function float64Context(): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
  await context.addInitScript(() => { delete (Navigator.prototype as { gpu?: unknown }).gpu; });
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  return context;
}

async function ready(page: Page): Promise<void> {
  await page.waitForFunction(() => document.querySelector('[data-testid="engine-banner"]')?.getAttribute('data-engine'), null, { timeout: 30_000 });
}

async function until(check: () => Promise<boolean>, what: string, ms = 60_000): Promise<void> {
  const end = Date.now() + ms;
  while (Date.now() < end) { if (await check()) return; await new Promise((r) => setTimeout(r, 250)); }
  throw new Error(`timed out waiting for ${what}`);
}

describe('share links', () => {
  it('a shared run opens elsewhere with the same controls and curve, and re-runs to the same β', async () => {
    const a = await float64Context();
    const page = await a.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(url);
    await ready(page);
    await page.selectOption('[data-testid="model"]', 'soft2d');
    await page.fill('[data-testid="n"]', '200');
    await page.fill('[data-testid="temperature"]', '0.5');
    await page.fill('[data-testid="sweeps"]', '100');
    await page.fill('[data-testid="seed"]', '7');
    await page.fill('[data-testid="t-max"]', '20');
    await page.selectOption('[data-testid="color-mode"]', 'd2min');
    await page.click('[data-testid="run"]');
    await until(async () => (await status(page)) === 'done', 'the run');
    const beta = await page.locator('[data-testid="beta-value"]').textContent();
    expect(beta).toMatch(/β = \d\.\d+/);
    await page.click('[data-testid="share"]');
    const link = await page.locator('[data-testid="share-link"]').inputValue();
    expect(link).toMatch(/#v1\./);
    expect(await page.locator('[data-testid="share-message"]').textContent()).toContain('curve and β');
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(link);
    await a.close();

    const b = await float64Context();
    const fresh = await b.newPage();
    fresh.on('pageerror', (e) => errors.push(e.message));
    await fresh.goto(link);
    await ready(fresh);
    await until(async () => (await fresh.locator('[data-testid="shared-link"]').count()) === 1, 'the shared-link banner', 10_000);
    expect(await fresh.locator('[data-testid="model"]').inputValue()).toBe('soft2d');
    expect(await fresh.locator('[data-testid="n"]').inputValue()).toBe('200');
    expect(await fresh.locator('[data-testid="temperature"]').inputValue()).toBe('0.5');
    expect(await fresh.locator('[data-testid="seed"]').inputValue()).toBe('7');
    expect(await fresh.locator('[data-testid="color-mode"]').inputValue()).toBe('d2min');
    expect(await fresh.locator('[data-testid="shared-link"]').textContent()).toContain('bit for bit');
    await until(async () => (await fresh.locator('[data-testid="velocity-plot"] .legend').textContent() ?? '').includes('shared result'), 'the shared curve', 10_000);
    await fresh.click('[data-testid="run-shared"]');
    await until(async () => (await status(fresh)) === 'done', 'the re-run');
    expect(await fresh.locator('[data-testid="beta-value"]').textContent()).toBe(beta);
    await fresh.screenshot({ path: 'e2e/artifacts/share-reopened.png' });
    expect(errors).toEqual([]);
    await b.close();
  });

  it('a tampered link gives one clear message and leaves the lab usable', async () => {
    const c = await float64Context();
    const page = await c.newPage();
    await page.goto(`${url}#v1.AAAAthis-is-not-deflate`);
    await ready(page);
    await until(async () => (await page.locator('[data-testid="link-error"]').count()) === 1, 'the link error', 10_000);
    expect(await page.locator('[data-testid="link-error"]').textContent()).toContain('could not be opened');
    expect(await page.locator('[data-testid="run"]').isDisabled()).toBe(false);
    await page.goto(`${url}#v9.AAAA`);
    await until(async () => ((await page.locator('[data-testid="link-error"]').textContent()) ?? '').includes('newer'), 'the newer-version message', 10_000);
    await c.close();
  });
});
