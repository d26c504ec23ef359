// The 3D particle view on a software renderer (issue 13): Debian's Chromium draws WebGL with SwiftShader, where meshed spheres
// made one drag of the view take seconds a frame. The lab at 1280×720 (?engine=cpu) quenches soft3d at N = 4000, then drags the
// view with the mouse and prints how long each dragged frame took (time from the mouse move until the frame was drawn: the
// view's WebGL fence, counted in .particle-host[data-frames]) for impostor spheres and, with ?impostors=off, for meshes.
// Printed, never asserted (a shared machine). Asserted: the impostor path is active here, the picture is shaded spheres in the
// colour mode's colours, and a drag changes it. Screenshots in e2e/artifacts/.
import { mkdirSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { useBuiltLab } from './browser.ts';
import { changedFraction, particlePixels, status, until, waitForEngine } from './labPage.ts';
import { COLORS } from '../src/ui/views/particles/coloring.ts';
import { DEFAULT_STYLE } from '../src/ui/views/particles/scene.ts';

const lab = useBuiltLab();
const ARTIFACTS = 'e2e/artifacts';
const N = 4000;
beforeAll(() => mkdirSync(ARTIFACTS, { recursive: true }));

async function frames(page: Page): Promise<number> {
  return Number((await page.locator('.particle-host').getAttribute('data-frames')) ?? 0);
}

/** Quenches a 3D model at N from T = ∞ for a short t_max and waits for the end (the view then redraws only on interaction). */
async function quench3d(page: Page, model: string, n: number): Promise<void> {
  await waitForEngine(page);
  await page.selectOption('[data-testid="model"]', model);
  await page.fill('[data-testid="n"]', String(n));
  // Kob–Andersen cannot start from T = ∞ (overlaps): a few swap-MC sweeps at T = 2 instead
  await page.fill('[data-testid="temperature"]', model === 'ka3d' ? '2' : 'inf');
  if (model === 'ka3d') await page.fill('[data-testid="sweeps"]', '10');
  await page.fill('[data-testid="t-max"]', '1');
  await page.click('[data-testid="run"]');
  await until('the quench to finish', async () => (await status(page)) === 'done', 180_000);
  await until('a drawn frame', async () => (await frames(page)) > 0, 60_000);
  await page.waitForTimeout(1500); // the last frames of the run drawn
}

/** Drags the view in `steps` moves, each waiting for its frame; returns the milliseconds from each move (the pointer event's
 * time stamp) until its frame was drawn (the frame counter changed, seen by a MutationObserver on the page). */
async function drag(page: Page, steps: number, dx: number, timeoutMs = 60_000): Promise<number[]> {
  const b = (await page.locator('canvas[data-testid="particles"]').boundingBox())!;
  const x0 = b.x + b.width / 2, y0 = b.y + b.height / 2;
  await page.evaluate(() => {
    const w = window as unknown as { dragLog: { moves: number[]; frames: number[] } };
    w.dragLog = { moves: [], frames: [] };
    document.querySelector('canvas[data-testid="particles"]')!.addEventListener('pointermove', (e) => w.dragLog.moves.push(e.timeStamp));
    new MutationObserver(() => w.dragLog.frames.push(performance.now())).observe(document.querySelector('.particle-host')!, { attributes: true, attributeFilter: ['data-frames'] });
  });
  await page.mouse.move(x0, y0);
  await page.mouse.down();
  for (let k = 1; k <= steps; k++) {
    const before = await frames(page);
    await page.mouse.move(x0 + (dx * k) / steps, y0 + (0.3 * dx * k) / steps);
    await page.waitForFunction((n) => Number(document.querySelector('.particle-host')?.getAttribute('data-frames') ?? 0) > n, before, { polling: 5, timeout: timeoutMs });
  }
  await page.mouse.up();
  const log = await page.evaluate(() => (window as unknown as { dragLog: { moves: number[]; frames: number[] } }).dragLog);
  // each move's latency: the first frame drawn after it (moves before the button went down drew nothing)
  const moves = log.moves.slice(-steps);
  return moves.map((t) => Math.round((log.frames.find((f) => f > t) ?? NaN) - t));
}

const median = (a: number[]) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)];
const summary = (a: number[]) => `median ${median(a)} ms, min ${Math.min(...a)} ms, max ${Math.max(...a)} ms, all [${a.join(', ')}]`;

/** sRGB byte → linear (the colour space COLORS are defined in, before three.js converts back for the screen). */
const linear = (c: number) => { const x = c / 255; return x <= 0.04045 ? x / 12.92 : ((x + 0.055) / 1.055) ** 2.4; };
const hexLinear = (hex: string) => [1, 3, 5].map((k) => linear(parseInt(hex.slice(k, k + 2), 16)));
/** A linear colour's chromaticity: the colour divided by its channel sum (shading by a factor leaves it unchanged). */
const chroma = (c: number[]) => { const s = c[0] + c[1] + c[2]; return c.map((x) => x / s); };

interface Picture { width: number; height: number; rgb: number[] }

/** The whole particle canvas as RGB bytes, row by row. */
async function picture(page: Page): Promise<Picture> {
  return page.evaluate(() => {
    const canvas = document.querySelector('canvas[data-testid="particles"]') as HTMLCanvasElement;
    const copy = document.createElement('canvas');
    copy.width = canvas.width;
    copy.height = canvas.height;
    const g = copy.getContext('2d')!;
    g.drawImage(canvas, 0, 0);
    const data = g.getImageData(0, 0, copy.width, copy.height).data;
    const rgb: number[] = [];
    for (let p = 0; p < data.length; p += 4) rgb.push(data[p], data[p + 1], data[p + 2]);
    return { width: copy.width, height: copy.height, rgb };
  });
}

/**
 * Reads species-coloured spheres off the picture: each pixel that is not the background is matched to the nearest of the two
 * species' chromaticities (a sphere's shading scales its colour, keeping the chromaticity). Returns the share of lit pixels
 * that match one (within 0.035), the share of B among them, and the mean brightness (linear luminance over the species'
 * own) of matched pixels on the silhouette (next to the background) and inside a sphere (same species 3 px around).
 */
function readSpheres(pic: Picture, backgroundColor: string, a: string, b: string) {
  const bg = [1, 3, 5].map((k) => parseInt(backgroundColor.slice(k, k + 2), 16));
  const A = chroma(hexLinear(a)), B = chroma(hexLinear(b));
  const lumA = hexLinear(a).reduce((x, y) => x + y), lumB = hexLinear(b).reduce((x, y) => x + y);
  const n = pic.width * pic.height;
  const kind = new Int8Array(n); // 0 background or unmatched, 1 A, 2 B
  const background = new Uint8Array(n);
  const bright = new Float32Array(n);
  let lit = 0, matched = 0, inB = 0;
  for (let p = 0; p < n; p++) {
    const px = pic.rgb.slice(3 * p, 3 * p + 3);
    if (px.every((c, k) => Math.abs(c - bg[k]) <= 6)) { background[p] = 1; continue; }
    const lin = px.map(linear);
    const sum = lin[0] + lin[1] + lin[2];
    if (sum < 0.06) continue; // too dark for a trustworthy chromaticity
    lit++;
    const ch = lin.map((x) => x / sum);
    const dA = Math.max(...ch.map((x, k) => Math.abs(x - A[k]))), dB = Math.max(...ch.map((x, k) => Math.abs(x - B[k])));
    if (Math.min(dA, dB) > 0.035) continue;
    matched++;
    kind[p] = dA < dB ? 1 : 2;
    bright[p] = sum / (dA < dB ? lumA : lumB);
    if (kind[p] === 2) inB++;
  }
  const rim: number[] = [], inside: number[] = [];
  const at = (x: number, y: number) => (x >= 0 && y >= 0 && x < pic.width && y < pic.height ? y * pic.width + x : -1);
  for (let y = 0; y < pic.height; y++) {
    for (let x = 0; x < pic.width; x++) {
      const p = at(x, y);
      if (!kind[p]) continue;
      if ([at(x - 1, y), at(x + 1, y), at(x, y - 1), at(x, y + 1)].some((q) => q >= 0 && background[q])) rim.push(bright[p]);
      else if ([-3, 0, 3].every((dx) => [-3, 0, 3].every((dy) => kind[at(x + dx, y + dy)] === kind[p]))) inside.push(bright[p]);
    }
  }
  const mean = (v: number[]) => v.reduce((s, x) => s + x, 0) / Math.max(v.length, 1);
  return { lit, matchedShare: matched / Math.max(lit, 1), bShare: inB / Math.max(matched, 1), rim: mean(rim), inside: mean(inside), rimCount: rim.length, insideCount: inside.length };
}

describe('the 3D view on a software renderer', () => {
  it('draws impostor spheres here: shaded, in the species colours, and a drag turns the view', async () => {
    const page = await lab.browser().newPage({ viewport: { width: 1280, height: 720 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${lab.url()}?engine=cpu`);
    await quench3d(page, 'ka3d', 1500);
    await page.selectOption('[data-testid="color-mode"]', 'species');
    await page.waitForTimeout(1000);
    const canvas = page.locator('canvas[data-testid="particles"]');
    expect(await canvas.getAttribute('data-spheres')).toBe('impostors');
    await page.screenshot({ path: `${ARTIFACTS}/view3d-ka3d-1280x720.png` });

    const seen = readSpheres(await picture(page), DEFAULT_STYLE.background, COLORS.speciesA, COLORS.speciesB);
    console.log('ka3d N = 1500, species colours:', JSON.stringify(seen));
    expect(seen.lit).toBeGreaterThan(20_000); // the cube of spheres fills a good part of the canvas
    expect(seen.matchedShare).toBeGreaterThan(0.85); // lit pixels are A or B (the rest: box lines, highlights)
    expect(seen.bShare).toBeGreaterThan(0.05); // 20 % of the particles are B, smaller and partly hidden
    expect(seen.bShare).toBeLessThan(0.4);
    expect(seen.insideCount).toBeGreaterThan(200);
    expect(seen.inside).toBeGreaterThan(1.25 * seen.rim); // lit spheres: the middle brighter than the rim

    const before = await particlePixels(page);
    await drag(page, 4, 200);
    await page.waitForTimeout(300);
    expect(changedFraction(before, await particlePixels(page))).toBeGreaterThan(0.1);

    // displacement arrows draw over the impostors; the legend names the species
    expect(await page.locator('[data-testid="particles-legend"]').textContent()).toMatch(/A.*B/);
    const still = await particlePixels(page);
    await page.click('[data-testid="arrows"]');
    await page.waitForTimeout(1500);
    await page.screenshot({ path: `${ARTIFACTS}/view3d-ka3d-arrows-1280x720.png` });
    expect(changedFraction(still, await particlePixels(page))).toBeGreaterThan(0.01);
    await page.click('[data-testid="arrows"]');

    // lecture mode with the 3D view, at both projector sizes
    await page.keyboard.press('l');
    await page.waitForTimeout(1500);
    await page.screenshot({ path: `${ARTIFACTS}/view3d-lecture-1280x720.png` });
    await page.setViewportSize({ width: 1920, height: 1080 });
    await page.waitForTimeout(1500);
    await page.screenshot({ path: `${ARTIFACTS}/view3d-lecture-1920x1080.png` });
    expect(await canvas.getAttribute('data-spheres')).toBe('impostors');
    expect(errors).toEqual([]);
    await page.close();
  }, 600_000);

  it('times dragged frames with meshes and with impostors (printed)', async () => {
    const results: Record<string, number[]> = {};
    for (const mode of ['off', 'auto']) {
      const page = await lab.browser().newPage({ viewport: { width: 1280, height: 720 } });
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      await page.goto(`${lab.url()}?engine=cpu${mode === 'off' ? '&impostors=off' : ''}`);
      await quench3d(page, 'soft3d', N);
      const path = await page.locator('canvas[data-testid="particles"]').getAttribute('data-spheres');
      await page.screenshot({ path: `${ARTIFACTS}/view3d-soft3d-${path}-1280x720.png` });
      results[path ?? 'meshes (before impostors)'] = await drag(page, 16, 240, 120_000);
      expect(errors).toEqual([]);
      await page.close();
    }
    for (const [path, t] of Object.entries(results)) console.log(`soft3d N = ${N}, 1280×720, SwiftShader, ${path}: dragged frame ${summary(t)}`);
  }, 600_000);
});
