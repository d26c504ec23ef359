// The Landscape panel in Debian's Chromium on the float64 engine (?engine=cpu, small N): a finished quench, K validated, the
// modes computed in the worker, the spectrum plot with points, a picked mode coloured by |e_i| with arrows, the animation
// moving the particles, the normal view back when the mode is switched off; screenshots at 1280×720 (and in lecture mode).
import { mkdirSync, readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { useBuiltLab } from './browser.ts';
import { changedFraction, particlePixels, until, waitForEngine } from './labPage.ts';

const lab = useBuiltLab();
const ARTIFACTS = 'e2e/artifacts';
beforeAll(() => mkdirSync(ARTIFACTS, { recursive: true }));

const modeOffset = async (page: Page) => Number(await page.locator('.particle-host').getAttribute('data-mode-offset'));
/** Waits in the page for a progress line's data-status (robust to the main thread's long stalls on a busy software renderer). */
const statusIs = (page: Page, testId: string, value: string, ms: number) => page.waitForFunction(
  ([id, v]) => document.querySelector(`[data-testid="${id}"]`)?.getAttribute('data-status') === v, [testId, value], { timeout: ms, polling: 250 });
const caption = async (page: Page) => (await page.locator('[data-testid="particle-caption"]').textContent()) ?? '';

describe('the Landscape panel', () => {
  it('computes the modes of a finished quench, plots the spectrum, shows and animates a picked mode', async () => {
    const page = await lab.browser().newPage({ viewport: { width: 1280, height: 720 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${lab.url()}?engine=cpu`);
    await waitForEngine(page);

    // Nothing to compute before a quench has finished.
    expect(await page.locator('[data-testid="landscape-compute"]').isDisabled()).toBe(true);
    expect(await page.locator('[data-testid="landscape-source"]').textContent()).toContain('Finish a quench');

    // A small quench from T = ∞: soft2d, N = 128, to t = 30.
    await page.fill('[data-testid="temperature"]', 'inf');
    await page.fill('[data-testid="n"]', '128');
    await page.fill('[data-testid="t-max"]', '30');
    await page.click('[data-testid="run"]');
    await statusIs(page, 'progress', 'done', 120_000);
    const runCaption = await caption(page);

    // K is validated as typed: a clear message and Compute disabled until it is fixed.
    await page.fill('[data-testid="landscape-count"]', 'ten');
    expect(await page.locator('[data-testid="landscape-count-error"]').textContent()).toContain('whole number');
    expect(await page.locator('[data-testid="landscape-compute"]').isDisabled()).toBe(true);
    await page.fill('[data-testid="landscape-count"]', '300');
    expect(await page.locator('[data-testid="landscape-count-error"]').textContent()).toContain('at most 100');
    await page.fill('[data-testid="landscape-count"]', '12');
    expect(await page.locator('[data-testid="landscape-compute"]').isDisabled()).toBe(false);
    await page.click('[data-testid="landscape-compute"]');
    await statusIs(page, 'landscape-progress', 'done', 120_000);
    expect(await page.locator('[data-testid="landscape-error"]').count()).toBe(0);

    // The spectrum: D(λ) as a line and one P(λ) point per mode.
    await until('P(λ) points', async () => (await page.locator('[data-testid="spectrum-plot"] .scatterlayer .point').count()) >= 12, 20_000);
    expect(await page.locator('[data-testid="mode-list"] .mode-row').count()).toBe(12);
    expect(await page.locator('[data-testid="spectrum-plot"] .scatterlayer .js-line').count()).toBeGreaterThan(0);

    // The lowest mode is picked and shown: coloured by |e_i| with its legend, the caption names it.
    await until('the mode on the particles', async () => (await caption(page)).startsWith('mode 1 of 12'), 10_000);
    expect(await page.locator('[data-testid="particles-legend"]').textContent()).toContain('|e_i|, mode 1');

    // Pick mode 3 from the list.
    await page.click('[data-testid="mode-3"]');
    await until('mode 3 picked', async () => (await caption(page)).startsWith('mode 3 of 12'), 10_000);
    expect(await page.locator('[data-testid="mode-3"]').getAttribute('aria-selected')).toBe('true');

    // The export panel writes the modes as extended XYZ: the state with vector columns mode_1 … mode_12 (what ASE and OVITO read).
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid="export-modes-xyz"]')]);
    const xyz = readFileSync(await download.path(), 'utf8').split('\n');
    expect(download.suggestedFilename()).toMatch(/-modes\.xyz$/);
    expect(xyz[1]).toMatch(/mode_1:R:2/);
    expect(xyz[1]).toMatch(/mode_12:R:2/);
    expect(xyz[1]).toMatch(/mode_eigenvalues=/);

    // The animation moves the particles: the displacement changes, and so do the pixels.
    await page.fill('[data-testid="landscape-amplitude"]', '0.6');
    // Sampled until the displacement has swung by 0.05: on a loaded software renderer frames are spaced by 5× their draw time.
    const offsets: number[] = [];
    await until('the mode displacement to swing', async () => {
      offsets.push(await modeOffset(page));
      return Math.max(...offsets) - Math.min(...offsets) > 0.05;
    }, 15_000);
    // Two frames taken 400 ms apart can land on the same phase of the oscillation (or on one frame of a stalled software
    // renderer), so the pixels are sampled until one differs from the first.
    const a = await particlePixels(page);
    await until('the animated pixels change', async () => changedFraction(a, await particlePixels(page)) > 0, 10_000);
    await page.locator('[data-testid="landscape-panel"]').scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${ARTIFACTS}/landscape-1280-panel.png` });
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: `${ARTIFACTS}/landscape-1280-mode.png` });

    // Paused, the particles rest; the arrows e_i are drawn over them (switching them off changes the pixels).
    await page.click('[data-testid="landscape-play"]');
    await until('the animation paused', async () => (await modeOffset(page)) === 0, 5_000);
    await page.waitForTimeout(300);
    const withArrows = await particlePixels(page);
    await page.click('[data-testid="landscape-arrows"]');
    await page.waitForTimeout(400);
    const withoutArrows = await particlePixels(page);
    expect(changedFraction(withArrows, withoutArrows)).toBeGreaterThan(0.002);
    await page.click('[data-testid="landscape-arrows"]');

    // Switched off, the run's own view comes back.
    await page.click('[data-testid="landscape-show"]');
    await until('the run view back', async () => (await caption(page)) === runCaption, 5_000);
    expect(await page.locator('.particle-host').getAttribute('data-mode-offset')).toBeNull();
    await page.click('[data-testid="landscape-show"]');

    // Lecture mode keeps the particles and the mode in view at 1280×720.
    await page.click('[data-testid="lecture-mode"]');
    await page.waitForTimeout(500);
    await page.screenshot({ path: `${ARTIFACTS}/landscape-1280-lecture.png` });
    const box = await page.locator('[data-testid="particles-view"]').boundingBox();
    expect(box && box.y + box.height).toBeLessThanOrEqual(720);
    await page.click('[data-testid="lecture-mode"]');

    // A new run makes the modes stale: they are cleared.
    await page.click('[data-testid="run"]');
    await until('the modes cleared', async () => (await page.locator('[data-testid="mode-list"]').count()) === 0, 10_000);

    // The normal-modes preset asks for 20 modes, to be computed once its quench (T = 0.035) is done.
    await page.click('[data-testid="preset-soft2d-modes"]');
    expect(await page.locator('[data-testid="temperature"]').inputValue()).toBe('0.035');
    expect(await page.locator('[data-testid="landscape-count"]').inputValue()).toBe('20');
    expect(errors).toEqual([]);
    await page.close();
  });
});
