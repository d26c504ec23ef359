// Helpers of the lab page's e2e tests: reading the particle canvas's pixels and waiting for the run's state.
import type { Browser, BrowserContext, Page } from 'playwright-core';

/** Every 53rd pixel of the particle canvas as RGB triples (the renderer keeps its drawing buffer for this). */
export async function particlePixels(page: Page): Promise<number[]> {
  return page.evaluate(() => {
    const canvas = document.querySelector('canvas[data-testid="particles"]') as HTMLCanvasElement | null;
    if (!canvas) throw new Error('no particle canvas');
    const copy = document.createElement('canvas');
    copy.width = canvas.width;
    copy.height = canvas.height;
    const g = copy.getContext('2d')!;
    g.drawImage(canvas, 0, 0);
    const data = g.getImageData(0, 0, copy.width, copy.height).data;
    const out: number[] = [];
    for (let p = 0; p < data.length / 4; p += 53) out.push(data[4 * p], data[4 * p + 1], data[4 * p + 2]);
    return out;
  });
}

/** Fraction of sampled pixels whose colour differs by more than `tolerance` in some channel. */
export function changedFraction(a: number[], b: number[], tolerance = 24): number {
  if (a.length !== b.length) return 1;
  let changed = 0;
  for (let k = 0; k < a.length; k += 3) {
    if (Math.abs(a[k] - b[k]) > tolerance || Math.abs(a[k + 1] - b[k + 1]) > tolerance || Math.abs(a[k + 2] - b[k + 2]) > tolerance) changed++;
  }
  return changed / (a.length / 3);
}

/** Distinct coarse colours among the sampled pixels (a blank or one-colour canvas has very few). */
export function distinctColours(a: number[]): number {
  const seen = new Set<number>();
  for (let k = 0; k < a.length; k += 3) seen.add(((a[k] >> 4) << 8) | ((a[k + 1] >> 4) << 4) | (a[k + 2] >> 4));
  return seen.size;
}

export async function status(page: Page): Promise<string> {
  return (await page.locator('[data-testid="progress"]').getAttribute('data-status')) ?? '';
}

/** Plotted points of the ⟨|v|⟩ plot (markers drawn by plotly). */
export async function plottedPoints(page: Page): Promise<number> {
  return page.locator('[data-testid="velocity-plot"] .scatterlayer .point').count();
}

/** Polls `check` every 250 ms until it holds, or fails naming `what`. */
export async function until(what: string, check: () => Promise<boolean>, ms = 60_000): Promise<void> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`timed out waiting for ${what}`);
}

/** Waits until the page has decided which engine runs (the banner's data-engine). */
export async function waitForEngine(page: Page): Promise<void> {
  await page.waitForFunction(() => document.querySelector('[data-testid="engine-banner"]')?.getAttribute('data-engine'), null, { timeout: 30_000 });
}

/** A browser context without WebGPU: the lab runs the float64 engine, whose runs repeat bit for bit. */
export async function float64Context(browser: Browser, options: Parameters<Browser['newContext']>[0] = {}): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport: { width: 1400, height: 1000 }, ...options });
  await context.addInitScript(() => { delete (Navigator.prototype as { gpu?: unknown }).gpu; });
  return context;
}
