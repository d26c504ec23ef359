// Share links in Chromium: a finished float64 run is shared, the link opens in a fresh browser context with the same controls
// and the shared curve at once, and running it gives the same β bit for bit; a bad link says so and leaves the lab usable.
import { describe, expect, it } from 'vitest';
import type { BrowserContext } from 'playwright-core';
import { useBuiltLab } from './browser.ts';
import { float64Context, status, until, waitForEngine } from './labPage.ts';

const lab = useBuiltLab();

/** A float64 context that may use the clipboard. */
async function sharingContext(): Promise<BrowserContext> {
  const context = await float64Context(lab.browser());
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  return context;
}

describe('share links', () => {
  it('a shared run opens elsewhere with the same controls and curve, and re-runs to the same β', async () => {
    const a = await sharingContext();
    const page = await a.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(lab.url());
    await waitForEngine(page);
    await page.selectOption('[data-testid="model"]', 'soft2d');
    await page.fill('[data-testid="n"]', '200');
    await page.fill('[data-testid="temperature"]', '0.5');
    await page.fill('[data-testid="sweeps"]', '100');
    await page.fill('[data-testid="seed"]', '7');
    await page.fill('[data-testid="t-max"]', '20');
    await page.selectOption('[data-testid="color-mode"]', 'd2min');
    await page.click('[data-testid="run"]');
    await until('the run', async () => (await status(page)) === 'done');
    const beta = await page.locator('[data-testid="beta-value"]').textContent();
    expect(beta).toMatch(/β = \d\.\d+/);
    await page.click('[data-testid="share"]');
    const link = await page.locator('[data-testid="share-link"]').inputValue();
    expect(link).toMatch(/#v1\./);
    expect(await page.locator('[data-testid="share-message"]').textContent()).toContain('curve and β');
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(link);
    await a.close();

    const b = await sharingContext();
    const fresh = await b.newPage();
    fresh.on('pageerror', (e) => errors.push(e.message));
    await fresh.goto(link);
    await waitForEngine(fresh);
    await until('the shared-link banner', async () => (await fresh.locator('[data-testid="shared-link"]').count()) === 1, 10_000);
    expect(await fresh.locator('[data-testid="model"]').inputValue()).toBe('soft2d');
    expect(await fresh.locator('[data-testid="n"]').inputValue()).toBe('200');
    expect(await fresh.locator('[data-testid="temperature"]').inputValue()).toBe('0.5');
    expect(await fresh.locator('[data-testid="seed"]').inputValue()).toBe('7');
    expect(await fresh.locator('[data-testid="color-mode"]').inputValue()).toBe('d2min');
    expect(await fresh.locator('[data-testid="shared-link"]').textContent()).toContain('bit for bit');
    await until('the shared curve', async () => (await fresh.locator('[data-testid="velocity-plot"] .legend').textContent() ?? '').includes('shared result'), 10_000);
    await fresh.click('[data-testid="run-shared"]');
    await until('the re-run', async () => (await status(fresh)) === 'done');
    expect(await fresh.locator('[data-testid="beta-value"]').textContent()).toBe(beta);
    await fresh.screenshot({ path: 'e2e/artifacts/share-reopened.png' });
    expect(errors).toEqual([]);
    await b.close();
  });

  it('a tampered link gives one clear message and leaves the lab usable', async () => {
    const c = await sharingContext();
    const page = await c.newPage();
    await page.goto(`${lab.url()}#v1.AAAAthis-is-not-deflate`);
    await waitForEngine(page);
    await until('the link error', async () => (await page.locator('[data-testid="link-error"]').count()) === 1, 10_000);
    expect(await page.locator('[data-testid="link-error"]').textContent()).toContain('could not be opened');
    expect(await page.locator('[data-testid="run"]').isDisabled()).toBe(false);
    await page.goto(`${lab.url()}#v9.AAAA`);
    await until('the newer-version message', async () => ((await page.locator('[data-testid="link-error"]').textContent()) ?? '').includes('newer'), 10_000);
    await c.close();
  });
});
