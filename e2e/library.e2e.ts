// The library of runs in Chromium's IndexedDB: finished runs are saved, survive a reload, can be renamed, and two of them
// overlay on the plot; a run cut off by a reload comes back as incomplete.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
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

async function until(check: () => Promise<boolean>, what: string, ms = 60_000): Promise<void> {
  const end = Date.now() + ms;
  while (Date.now() < end) { if (await check()) return; await new Promise((r) => setTimeout(r, 250)); }
  throw new Error(`timed out waiting for ${what}`);
}

async function ready(page: Page): Promise<void> {
  await page.waitForFunction(() => document.querySelector('[data-testid="engine-banner"]')?.getAttribute('data-engine'), null, { timeout: 30_000 });
}

async function quench(page: Page, seed: number, tMax = '20'): Promise<void> {
  await page.selectOption('[data-testid="model"]', 'harmonic2d');
  await page.fill('[data-testid="n"]', '128');
  await page.fill('[data-testid="temperature"]', 'inf');
  await page.fill('[data-testid="seed"]', String(seed));
  await page.fill('[data-testid="t-max"]', tMax);
  await page.click('[data-testid="run"]');
}

const rows = (page: Page) => page.locator('[data-testid="library"] tr[data-status]');

describe('the library of runs', () => {
  it('saves finished runs, keeps them over a reload, renames, overlays two, and marks a cut-off run incomplete', async () => {
    const context = await browser.newContext({ viewport: { width: 1400, height: 1200 } });
    await context.addInitScript(() => { delete (Navigator.prototype as { gpu?: unknown }).gpu; });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(url);
    await ready(page);
    await quench(page, 1);
    await until(async () => (await status(page)) === 'done', 'run 1');
    await quench(page, 2);
    await until(async () => (await status(page)) === 'done', 'run 2');
    await until(async () => (await page.locator('[data-testid="library"] tr[data-status="done"]').count()) === 2, 'two saved runs', 10_000);

    await page.reload();
    await ready(page);
    await until(async () => (await rows(page).count()) === 2, 'the runs after the reload', 10_000);
    const ids = await rows(page).evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-testid')!.replace('library-run-', '')));
    const rename = page.locator(`[data-testid="library-rename-${ids[0]}"]`);
    await rename.fill('my favourite quench');
    await rename.press('Enter');
    for (const id of ids) await page.click(`[data-testid="library-overlay-${id}"]`);
    await until(async () => {
      const legend = (await page.locator('[data-testid="velocity-plot"] .legend').textContent()) ?? '';
      return legend.includes('my favourite quench') && legend.includes('seed 1');
    }, 'both runs on the plot', 10_000);
    await page.screenshot({ path: 'e2e/artifacts/library-overlay.png', fullPage: true });

    // A long run cut off by a reload is kept as incomplete, with a way to run it again.
    await quench(page, 3, '100000');
    await until(async () => (await page.locator('[data-testid="library"] tr[data-status="running"]').count()) === 1, 'the running record', 10_000);
    await page.reload();
    await ready(page);
    await until(async () => (await page.locator('[data-testid="library"] tr[data-status="incomplete"]').count()) === 1, 'the incomplete record', 10_000);
    expect(await rows(page).count()).toBe(3);
    expect(errors).toEqual([]);
    await context.close();
  });
});
