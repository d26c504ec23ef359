// Normal modes along the quench and the App. B prediction in Chromium (issue 10), on the float64 engine at small N: turn modes
// along the quench on, run one quench, turn the App. B toggle on after it, and the f_u(W) and W(t) plots have points while the velocity plot gains the dashed App. B line;
// the W-level table downloads. A screenshot in e2e/artifacts/.
import { mkdirSync, readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { useBuiltLab } from './browser.ts';
import { float64Context, status, until, waitForEngine } from './labPage.ts';

const lab = useBuiltLab();
const ARTIFACTS = 'e2e/artifacts';
beforeAll(() => mkdirSync(ARTIFACTS, { recursive: true }));

describe('normal modes along the quench', () => {
  it('streams the f_u(W) points during a float64 quench and draws the App. B prediction after it', async () => {
    const context = await float64Context(lab.browser(), { viewport: { width: 1400, height: 1400 }, acceptDownloads: true });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${lab.url()}?engine=cpu`);
    await waitForEngine(page);
    await page.selectOption('[data-testid="model"]', 'soft2d');
    await page.fill('[data-testid="n"]', '64');
    await page.fill('[data-testid="temperature"]', '0.5');
    await page.fill('[data-testid="sweeps"]', '100');
    await page.fill('[data-testid="t-max"]', '30');
    await page.check('[data-testid="modes-along-quench"]');
    await page.click('[data-testid="run"]');
    await until('the run', async () => (await status(page)) === 'done', 90_000);
    // The App. B toggle after the quench: a harmonic job computes the prediction of the final state.
    await page.check('[data-testid="harmonic-prediction"]');
    await until('the App. B prediction', async () => (await page.locator('[data-testid="harmonic-missing"]').count()) === 0, 30_000);

    const levels = Number(await page.locator('[data-testid="landscape-plots"]').getAttribute('data-levels'));
    expect(levels).toBeGreaterThanOrEqual(3);
    const fuPoints = Number(await page.locator('[data-testid="fu-of-w-plot"]').getAttribute('data-points'));
    expect(fuPoints).toBeGreaterThan(0);
    await until('the f_u(W) markers', async () => (await page.locator('[data-testid="fu-of-w-plot"] .scatterlayer .point').count()) === fuPoints, 10_000);
    expect(await page.locator('[data-testid="w-of-t-plot"] .scatterlayer .point').count()).toBe(levels);

    // The App. B line: a dashed trace of the velocity plot named after it (plotly redraws after the store changes: wait for it).
    const appBLine = () => page.evaluate(() => {
      const graph = document.querySelector('[data-testid="velocity-plot"] .gl-plot-graph') as unknown as { data?: { name?: string; line?: { dash?: string } }[] };
      return (graph?.data ?? []).some((d) => (d.name ?? '').startsWith('App. B harmonic, T = 0.5') && d.line?.dash === 'dash');
    });
    await until('the dashed App. B trace on the velocity plot', appBLine, 15_000);
    expect(await page.locator('[data-testid="harmonic-missing"]').count()).toBe(0);

    const [d] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid="export-levels-csv"]')]);
    const csv = readFileSync(await d.path(), 'utf8').trim().split('\n');
    expect(csv[1]).toBe('log10_level,W,t,fu,fu_error,fu_method,lowest_eigenvalue,unstable_participation');
    expect(csv.length).toBe(levels + 2);
    await page.locator('[data-testid="landscape-plots"]').scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${ARTIFACTS}/landscape-quench.png`, fullPage: true });
    expect(errors).toEqual([]);
    await context.close();
  });
});
