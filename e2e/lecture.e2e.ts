// The lab in a lecture (issue 13) at 1280×720, the most common projector, and 1920×1080: Run and the progress line in view;
// a model change after a preset takes the model's own window; Stop analyses a single quench; lecture mode shows the particles
// and the plot side by side with no text under 20 px. Screenshots in e2e/artifacts/.
import { mkdirSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { useBuiltLab } from './browser.ts';
import { float64Context, plottedPoints, status, until, waitForEngine } from './labPage.ts';

const lab = useBuiltLab();
const ARTIFACTS = 'e2e/artifacts';
beforeAll(() => mkdirSync(ARTIFACTS, { recursive: true }));

async function box(page: Page, testId: string) {
  const b = await page.locator(`[data-testid="${testId}"]`).first().boundingBox();
  if (!b) throw new Error(`${testId} is not on the page`);
  return b;
}

async function expectInView(page: Page, testId: string, height: number): Promise<void> {
  const b = await box(page, testId);
  expect(b.y, `${testId} top`).toBeGreaterThanOrEqual(0);
  expect(b.y + b.height, `${testId} bottom`).toBeLessThanOrEqual(height);
}

/** Visible text whose computed size is under `min` px: "tag.class 'text' 13px" for each. */
async function smallText(page: Page, min: number): Promise<string[]> {
  return page.evaluate((least) => {
    const out: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const text = n.textContent?.trim();
      const el = n.parentElement;
      if (!text || !el) continue;
      const r = el.getBoundingClientRect();
      const style = getComputedStyle(el);
      if (r.width === 0 || r.height === 0 || style.visibility === 'hidden' || r.bottom < 0 || r.top > innerHeight) continue;
      const size = parseFloat(style.fontSize);
      if (size < least) out.push(`${el.tagName.toLowerCase()}.${el.getAttribute('class') ?? ''} '${text.slice(0, 30)}' ${size}px`);
    }
    return out;
  }, min);
}

describe('the lab in a lecture', () => {
  it('1280×720: Run in view, presets do not leak, Stop analyses, lecture mode reads from the back of the room', async () => {
    const context = await float64Context(lab.browser(), { viewport: { width: 1280, height: 720 } });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(lab.url());
    await waitForEngine(page);

    // Run and the progress line are above the fold while the view says "press Run".
    for (const id of ['run', 'progress']) await expectInView(page, id, 720);
    await page.screenshot({ path: `${ARTIFACTS}/lecture-1280-controls.png` });

    // A model change after the KA preset takes harmonic2d's own t_max, window and sweeps, not the preset's.
    await page.click('[data-testid="preset-ka3d-hot"]');
    await until('the KA run to start', async () => (await status(page)) === 'running', 20_000);
    await page.click('[data-testid="abort"]');
    await until('stopped', async () => (await status(page)) === 'stopped', 20_000);
    await page.selectOption('[data-testid="model"]', 'harmonic2d');
    expect(await page.locator('[data-testid="t-max"]').inputValue()).toBe('100');
    expect(await page.locator('[data-testid="sweeps"]').inputValue()).toBe('2000');
    expect(await page.locator('[data-testid="fit-tmin"]').first().inputValue()).toBe('3');
    expect(await page.locator('[data-testid="fit-tmax"]').inputValue()).toBe('100');

    // Stop on a single quench analyses where it got to: defects appear.
    await page.fill('[data-testid="temperature"]', 'inf');
    await page.fill('[data-testid="n"]', '1024');
    await page.fill('[data-testid="t-max"]', '10000');
    await page.click('[data-testid="run"]');
    await until('points on the plot', async () => (await plottedPoints(page)) >= 15, 60_000);
    expect(await page.locator('[data-testid="stop"]').textContent()).toBe('Stop & analyse');
    await page.click('[data-testid="stop"]');
    await until('the analysis of the stopped run', async () => (await status(page)) === 'done', 60_000);
    expect(await page.locator('[data-testid="particle-caption"]').textContent()).toContain('analysed there');
    await page.keyboard.press('2'); // defects
    await until('the defect legend', async () => (await page.locator('[data-testid="particles-legend"]').textContent() ?? '').includes('defect'), 10_000);

    // Lecture mode: no controls, export or library; particles and plot side by side; nothing under 20 px; Run in view.
    await page.keyboard.press('l');
    await until('the plot redrawn for the finished run', async () => !((await page.locator('[data-testid="velocity-plot"]').textContent()) ?? '').includes('window filling'), 20_000);
    await page.waitForTimeout(1500);
    expect(await page.locator('aside.controls').count()).toBe(0);
    expect(await page.locator('[data-testid="export-panel"], .export-panel').count()).toBe(0);
    expect(await page.locator('[data-testid="library"], .library').count()).toBe(0);
    await page.screenshot({ path: `${ARTIFACTS}/lecture-1280x720.png` });
    const particles = (await page.locator('.particle-panel').boundingBox())!;
    const plot = (await page.locator('.plot-panel').boundingBox())!;
    expect(particles.width).toBeGreaterThanOrEqual(400);
    expect(plot.width).toBeGreaterThanOrEqual(540);
    expect(Math.abs(particles.y - plot.y)).toBeLessThan(20); // one row
    expect(plot.x).toBeGreaterThan(particles.x + particles.width - 1);
    for (const id of ['run', 'progress']) await expectInView(page, id, 720);
    expect(await smallText(page, 19.5)).toEqual([]);

    await page.setViewportSize({ width: 1920, height: 1080 });
    await page.waitForTimeout(800);
    await page.screenshot({ path: `${ARTIFACTS}/lecture-1920x1080.png` });
    const wide = (await page.locator('.plot-panel').boundingBox())!;
    expect(wide.width).toBeGreaterThan(plot.width);
    expect(await smallText(page, 19.5)).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('on SwiftShader the lab picks the float64 engine and says which and why', async () => {
    const page = await lab.browser().newPage({ viewport: { width: 1280, height: 720 } });
    await page.goto(lab.url());
    await waitForEngine(page);
    const banner = page.locator('[data-testid="engine-banner"]');
    expect(await banner.getAttribute('data-engine')).toBe('cpu');
    expect(await banner.textContent()).toMatch(/software adapter \(.*\), about 40× slower than the float64 engine/);
    expect(await page.locator('[data-testid="n"]').inputValue()).toBe('1024');
    await page.close();
  });
});
