// The soft-spot study cards in Debian's Chromium (?engine=cpu): the 003 §V card starts its job in the study worker, the
// progress line moves past the first sample's start, Cancel ends it with "cancelled", and the page throws nothing. The
// full study takes about a minute of CPU; its numbers are covered by test/ui/softStudies.test.tsx on a tiny job.
import { describe, expect, it } from 'vitest';
import { useBuiltLab } from './browser.ts';
import { waitForEngine } from './labPage.ts';

const lab = useBuiltLab();

describe('soft-spot study cards', () => {
  it('runs the nonlinear-statistics card in its worker with progress, and Cancel stops it', async () => {
    const page = await lab.browser().newPage({ viewport: { width: 1280, height: 720 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${lab.url()}?engine=cpu`);
    await waitForEngine(page);
    expect(await page.locator('[data-testid="study-nonlinear"]').textContent()).toContain('glasslab nonlinear --samples 12');
    await page.click('[data-testid="study-nonlinear"]');
    await page.waitForFunction(() => /sample 1\b/.test(document.querySelector('[data-testid="soft-study-progress"]')?.textContent ?? ''), null, { timeout: 120_000, polling: 250 });
    await page.click('[data-testid="soft-study-cancel"]');
    await page.waitForSelector('[data-testid="soft-study-stopped"]', { timeout: 60_000 });
    expect(await page.locator('[data-testid="soft-study-progress"]').count()).toBe(0);
    expect(await page.locator('[data-testid="soft-study-error"]').count()).toBe(0);
    expect(errors).toEqual([]);
    await page.close();
  }, 300_000);

  it('runs the annealing card to its plot: κ and G against 1/T_p at four T_p, and the per-state CSV', async () => {
    const page = await lab.browser().newPage({ viewport: { width: 1280, height: 720 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${lab.url()}?engine=cpu`);
    await waitForEngine(page);
    await page.click('[data-testid="study-annealing"]');
    await page.waitForSelector('[data-testid="annealing-plot"] .scatterlayer .trace', { timeout: 280_000 });
    // two traces (κ and G), each with a marker per T_p
    const points = await page.locator('[data-testid="annealing-plot"] .scatterlayer .trace').evaluateAll((ts) => ts.map((t) => t.querySelectorAll('.point').length));
    expect(points).toEqual([4, 4]);
    expect(await page.locator('[data-testid="annealing-csv"]').count()).toBe(1);
    expect(errors).toEqual([]);
    await page.close();
  }, 300_000);
});
