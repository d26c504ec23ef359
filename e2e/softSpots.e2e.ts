// The Soft spots in Debian's Chromium on the float64 engine (?engine=cpu, small N): a finished quench, the nonlinear modes
// computed in their worker, π3 drawn as arrows coloured by |z_i| (the arrows change
// the pixels), the elastic analysis with G in the run facts, the κ_i colour mode with its legend and the κ_ij bonds; then the
// "where will it break?" preset: its estimate, π3 over the defect map. Screenshots at 1280×720.
import { mkdirSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { useBuiltLab } from './browser.ts';
import { changedFraction, particlePixels, until, waitForEngine } from './labPage.ts';

const lab = useBuiltLab();
const ARTIFACTS = 'e2e/artifacts';
beforeAll(() => mkdirSync(ARTIFACTS, { recursive: true }));

/** Waits in the page for a progress line's data-status (robust to the main thread's long stalls on a busy software renderer). */
const statusIs = (page: Page, testId: string, value: string, ms: number) => page.waitForFunction(
  ([id, v]) => document.querySelector(`[data-testid="${id}"]`)?.getAttribute('data-status') === v, [testId, value], { timeout: ms, polling: 250 });
const caption = async (page: Page) => (await page.locator('[data-testid="particle-caption"]').textContent()) ?? '';
const legend = async (page: Page) => (await page.locator('[data-testid="particles-legend"]').textContent()) ?? '';

describe('the Soft spots', () => {
  it('computes π3 of a finished quench and draws it as arrows; then κ_i as a colour mode with its legend, and κ_ij bonds', async () => {
    const page = await lab.browser().newPage({ viewport: { width: 1280, height: 720 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${lab.url()}?engine=cpu`);
    await waitForEngine(page);

    // Nothing to analyse before a quench has finished; κ_i is not offered before an elastic analysis.
    expect(await page.locator('[data-testid="softspot-nonlinear"]').isDisabled()).toBe(true);
    expect(await page.locator('[data-testid="color-mode"] option[value="kappa"]').isDisabled()).toBe(true);

    // A small quench from T = ∞: soft2d, N = 128, to t = 30.
    await page.fill('[data-testid="temperature"]', 'inf');
    await page.fill('[data-testid="n"]', '128');
    await page.fill('[data-testid="t-max"]', '30');
    await page.click('[data-testid="run"]');
    await statusIs(page, 'progress', 'done', 120_000);
    const runCaption = await caption(page);

    await page.click('[data-testid="softspot-nonlinear"]');
    await statusIs(page, 'softspot-nonlinear-progress', 'done', 180_000);
    expect(await page.locator('[data-testid="softspot-nonlinear-error"]').count()).toBe(0);
    const rows = await page.locator('[data-testid="softspot-fields"] tbody tr').allTextContents();
    expect(rows.map((r) => /^\s*(ψ|π4|π3)/.exec(r)?.[1])).toEqual(['ψ', 'π4', 'π3']);
    expect(rows[2]).toMatch(/\|π3·π4\| = [01]\.\d{3}/);

    // π3 on the particles: coloured by |z_i| with its legend, the caption gives κ, τ, χ, e.
    await page.click('[data-testid="softspot-show-pi3"]');
    await until('π3 on the particles', async () => (await caption(page)).startsWith('π3, the cubic mode'), 10_000);
    expect(await caption(page)).toMatch(/κ = [\d.]+, τ = -?[\d.e+-]+, χ = [\d.e+-]+, e = [\d.]+/);
    expect(await legend(page)).toContain('|z_i|, π3');
    await page.waitForTimeout(400);
    const withArrows = await particlePixels(page);
    await page.click('[data-testid="softspot-arrows"]');
    await page.waitForTimeout(400);
    const withoutArrows = await particlePixels(page);
    expect(changedFraction(withArrows, withoutArrows)).toBeGreaterThan(0.002);
    await page.click('[data-testid="softspot-arrows"]');
    await page.locator('[data-testid="particles-view"]').scrollIntoViewIfNeeded();
    await page.waitForTimeout(400);
    await page.screenshot({ path: `${ARTIFACTS}/softspots-1280-pi3.png` });

    // Animated like a harmonic mode: the pixels change over time.
    await page.click('[data-testid="softspot-play"]');
    const a = await particlePixels(page);
    await until('the animated pixels change', async () => changedFraction(a, await particlePixels(page)) > 0, 10_000);
    await page.click('[data-testid="softspot-play"]');

    // The elastic analysis: G with its parts in the section and in the run facts.
    await page.click('[data-testid="softspot-elastic"]');
    await statusIs(page, 'softspot-elastic-progress', 'done', 180_000);
    expect(await page.locator('[data-testid="softspot-g"]').textContent()).toMatch(/[\d.]+ = [\d.]+ \(Born\) − [\d.]+ \(non-affine\)/);
    expect(await page.locator('[data-testid="run-facts-g"]').textContent()).toMatch(/Born/);
    expect(await page.locator('[data-testid="run-facts-kappa"]').textContent()).toMatch(/mean [\d.]+, median [\d.]+ \(\d+ pairs\)/);

    // Back to the run's view, coloured by κ_i: the legend names it.
    await page.click('[data-testid="softspot-show-none"]');
    await until('the run view back', async () => (await caption(page)) === runCaption, 10_000);
    expect(await page.locator('[data-testid="color-mode"] option[value="kappa"]').isDisabled()).toBe(false);
    await page.selectOption('[data-testid="color-mode"]', 'kappa');
    await until('the κ_i legend', async () => (await legend(page)).includes('local stiffness κ_i (004 Eq. A4)'), 10_000);
    const kappaPixels = await particlePixels(page);
    await page.click('[data-testid="softspot-bonds"]');
    await until('the bond legend', async () => (await page.locator('[data-testid="particles-bond-legend"]').count()) === 1, 10_000);
    await page.waitForTimeout(400);
    expect(changedFraction(kappaPixels, await particlePixels(page))).toBeGreaterThan(0.002);
    await page.locator('[data-testid="particles-view"]').scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${ARTIFACTS}/softspots-1280-kappa.png` });
    await page.locator('[data-testid="softspots"]').scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${ARTIFACTS}/softspots-1280-panel.png` });

    // A new run makes the soft spots stale: they are cleared.
    await page.click('[data-testid="run"]');
    await until('the soft spots cleared', async () => (await page.locator('[data-testid="softspot-fields"]').count()) === 0, 10_000);
    expect(errors).toEqual([]);
    await page.close();
  }, 480_000);

  it('"where will it break?": π3 over the defect map when the quench is done, within about a minute', async () => {
    const page = await lab.browser().newPage({ viewport: { width: 1280, height: 720 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${lab.url()}?engine=cpu`);
    await waitForEngine(page);
    await until('the calibration', async () => (await page.locator('[data-testid="calibration"]').getAttribute('data-state')) === 'done', 180_000);
    const estimate = Number(await page.locator('[data-testid="preset-estimate-soft2d-break"]').getAttribute('data-seconds'));
    console.log(`"where will it break?" estimate on this machine: ${estimate.toFixed(1)} s`);
    expect(estimate).toBeGreaterThan(0);
    const start = Date.now();
    await page.click('[data-testid="preset-soft2d-break"]');
    expect(await page.locator('[data-testid="temperature"]').inputValue()).toBe('0.2');
    await statusIs(page, 'progress', 'done', 300_000);
    const quenchSeconds = (Date.now() - start) / 1000;
    await statusIs(page, 'softspot-nonlinear-progress', 'done', 240_000);
    console.log(`"where will it break?": quench ${quenchSeconds.toFixed(1)} s, π3 ready after ${((Date.now() - start) / 1000).toFixed(1)} s`);
    await until('π3 over the defects', async () => (await caption(page)).startsWith('π3, the cubic mode'), 10_000);
    expect(await legend(page)).toContain('defect');
    await page.waitForTimeout(500);
    await page.locator('[data-testid="particles-view"]').scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${ARTIFACTS}/softspots-1280-break.png` });
    expect(errors).toEqual([]);
    await page.close();
  }, 600_000);
});
