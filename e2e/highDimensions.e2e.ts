// A 4D run in the lab (000 Fig. 2a): harmonic4d from T = ∞ on the float64 engine (and on WebGPU when asked for) gives β, the particle view says it shows a
// projection of a 4-dimensional state, and changing the axes or colouring by a hidden coordinate repaints the canvas. On
// the WebGPU engine it runs on the GPU too (D ≤ 4; harmonic8d falls back to float64 and says why).
import { mkdirSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { useBuiltLab } from './browser.ts';
import { changedFraction, particlePixels, status, until, waitForEngine } from './labPage.ts';

const lab = useBuiltLab();
const ARTIFACTS = 'e2e/artifacts';
beforeAll(() => mkdirSync(ARTIFACTS, { recursive: true }));

describe('high-dimensional states in the lab', () => {
  it('runs harmonic4d, shows β and a projection onto axes the user picks', async () => {
    const page = await lab.browser().newPage({ viewport: { width: 1400, height: 1000 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${lab.url()}?engine=cpu`);
    await waitForEngine(page);
    await page.selectOption('[data-testid="model"]', 'harmonic4d');
    await page.fill('[data-testid="n"]', '300');
    await page.fill('[data-testid="temperature"]', 'inf');
    await page.fill('[data-testid="t-max"]', '30');
    await page.click('[data-testid="run"]');
    await until('the run to finish', async () => (await status(page)) === 'done', 90_000);
    expect(await page.locator('[data-testid="beta-value"]').textContent()).toMatch(/β = \d\.\d+/);

    const note = page.locator('[data-testid="projection-note"]');
    expect(await note.textContent()).toContain('projection of a 4-dimensional state onto axes x, y');
    await page.waitForTimeout(400);
    const xy = await particlePixels(page);
    await page.selectOption('[data-testid="projection-axis-1"]', '3'); // vertical: w
    expect(await note.textContent()).toContain('onto axes x, w');
    await page.waitForTimeout(400);
    expect(changedFraction(xy, await particlePixels(page))).toBeGreaterThan(0.05);

    // Colour by the hidden coordinate (z now), then a third, depth axis.
    const before = await particlePixels(page);
    await page.selectOption('[data-testid="color-mode"]', 'hidden');
    await page.waitForTimeout(400);
    expect(await note.textContent()).toContain('colour: hidden axis z');
    expect(await page.locator('[data-testid="particles-legend"]').textContent()).toContain('hidden coordinate');
    expect(changedFraction(before, await particlePixels(page))).toBeGreaterThan(0.05);
    await page.screenshot({ path: `${ARTIFACTS}/highd-projection.png` });
    await page.selectOption('[data-testid="projection-axis-2"]', '1'); // depth: y
    expect(await note.textContent()).toContain('onto axes x, w, y');
    expect(await page.locator('[data-testid="projection-hidden"]').inputValue()).toBe('2');
    await page.waitForTimeout(400);
    await page.screenshot({ path: `${ARTIFACTS}/highd-projection-3d.png` });
    expect(errors).toEqual([]);
    await page.close();
  });

  it('runs harmonic4d on the WebGPU engine when it is asked for (the GPU engine runs D ≤ 4)', async () => {
    const page = await lab.browser().newPage({ viewport: { width: 1400, height: 1000 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${lab.url()}?engine=gpu`);
    await waitForEngine(page);
    await page.selectOption('[data-testid="model"]', 'harmonic4d');
    await page.fill('[data-testid="n"]', '150');
    await page.fill('[data-testid="temperature"]', 'inf');
    await page.fill('[data-testid="t-max"]', '5');
    await page.click('[data-testid="run"]');
    await until('the run to finish', async () => (await status(page)) === 'done', 90_000);
    expect(await page.locator('[data-testid="run-facts"]').textContent()).toContain('WebGPU (float32 forces');
    expect(await page.locator('[data-testid="projection-note"]').textContent()).toContain('projection of a 4-dimensional state');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('runs a finite-size scaling job: raw and collapsed curves, a z slider that breaks the collapse, kept in the library', async () => {
    const page = await lab.browser().newPage({ viewport: { width: 1400, height: 1400 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${lab.url()}?engine=cpu`);
    await waitForEngine(page);
    await page.selectOption('[data-testid="model"]', 'harmonic2d');
    await page.fill('[data-testid="temperature"]', 'inf');
    await page.fill('[data-testid="t-max"]', '5');
    await page.click('[data-testid="scaling-summary"]');
    await page.fill('[data-testid="scaling-sizes"]', '32, 32');
    expect(await page.locator('[data-testid="scaling-error"]').textContent()).toContain('two different sizes');
    await page.fill('[data-testid="scaling-sizes"]', '32, 64');
    await page.fill('[data-testid="scaling-samples"]', '2');
    await page.click('[data-testid="scaling-run"]');
    await until('the scaling job to finish', async () => (await page.locator('[data-testid="scaling-plot"]').count()) === 1, 90_000);
    expect(await page.locator('[data-testid="scaling-fit"]').textContent()).toMatch(/N = 32, 64 \(2 samples each\): z = \d\.\d+ \[/);
    await until('both panels drawn', async () => (await page.locator('[data-testid="scaling-plot"] .scatterlayer .trace').count()) === 4, 20_000);
    expect(await page.locator('[data-testid="scaling-spread"]').textContent()).toContain("(1.0× the fit's)");
    await page.locator('[data-testid="scaling-z-slider"]').fill('1.9');
    expect(await page.locator('[data-testid="scaling-z"]').textContent()).toBe('1.90');
    const broken = await page.locator('[data-testid="scaling-spread"]').textContent();
    const ratio = Number(/\(([\d.]+)× the fit's\)/.exec(broken ?? '')?.[1] ?? 'NaN');
    if (!broken?.includes('do not overlap')) expect(ratio).toBeGreaterThan(1.5);
    await page.screenshot({ path: `${ARTIFACTS}/highd-scaling.png`, fullPage: true });
    // the finished scaling run is in the library; after a reload, "show" redraws its plots at the fitted z
    await until('the scaling record in the library', async () => (await page.locator('[data-testid^="library-show-scaling-"]').count()) === 1, 20_000);
    await page.reload();
    await waitForEngine(page);
    await until('the library to load', async () => (await page.locator('[data-testid^="library-show-scaling-"]').count()) === 1, 20_000);
    expect(await page.locator('[data-testid="scaling-plot"]').count()).toBe(0);
    await page.locator('[data-testid^="library-show-scaling-"]').click();
    await until('the kept scaling plot', async () => (await page.locator('[data-testid="scaling-plot"] .scatterlayer .trace').count()) === 4, 20_000);
    expect(await page.locator('[data-testid="scaling-fit"]').textContent()).toMatch(/N = 32, 64 \(2 samples each\): z = \d\.\d+ \[/);
    expect(await page.locator('[data-testid="scaling-sizes"]').inputValue()).toBe('32, 64');
    expect(errors).toEqual([]);
    await page.close();
  });
});
