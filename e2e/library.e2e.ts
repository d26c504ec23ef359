// The library of runs in Chromium's IndexedDB: finished runs are saved, survive a reload, can be renamed, and two of them
// overlay on the plot; a run cut off by a reload comes back as incomplete.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { useBuiltLab } from './browser.ts';
import { float64Context, status, until, waitForEngine } from './labPage.ts';

const lab = useBuiltLab();

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
    const context = await float64Context(lab.browser(), { viewport: { width: 1400, height: 1200 } });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(lab.url());
    await waitForEngine(page);
    await quench(page, 1);
    await until('run 1', async () => (await status(page)) === 'done');
    await quench(page, 2);
    await until('run 2', async () => (await status(page)) === 'done');
    await until('two saved runs', async () => (await page.locator('[data-testid="library"] tr[data-status="done"]').count()) === 2, 10_000);

    await page.reload();
    await waitForEngine(page);
    await until('the runs after the reload', async () => (await rows(page).count()) === 2, 10_000);
    const ids = await rows(page).evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-testid')!.replace('library-run-', '')));
    const rename = page.locator(`[data-testid="library-rename-${ids[0]}"]`);
    await rename.fill('my favourite quench');
    await rename.press('Enter');
    for (const id of ids) await page.click(`[data-testid="library-overlay-${id}"]`);
    await until('both runs on the plot', async () => {
      const legend = (await page.locator('[data-testid="velocity-plot"] .legend').textContent()) ?? '';
      return legend.includes('my favourite quench') && legend.includes('seed 1');
    }, 10_000);
    await page.screenshot({ path: 'e2e/artifacts/library-overlay.png', fullPage: true });

    // A long run cut off by a reload is kept as incomplete, with a way to run it again.
    await quench(page, 3, '100000');
    await until('the running record', async () => (await page.locator('[data-testid="library"] tr[data-status="running"]').count()) === 1, 10_000);
    await page.reload();
    await waitForEngine(page);
    await until('the incomplete record', async () => (await page.locator('[data-testid="library"] tr[data-status="incomplete"]').count()) === 1, 10_000);
    expect(await rows(page).count()).toBe(3);
    expect(errors).toEqual([]);
    await context.close();
  });
});
