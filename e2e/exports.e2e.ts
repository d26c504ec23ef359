// Export and import in Chromium: a finished run downloads as a run file, extended XYZ and CSV; the run file imports into
// the library of a fresh browser; an exported state imports back as the starting state of a new run.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { useBuiltLab } from './browser.ts';
import { float64Context, status, until, waitForEngine } from './labPage.ts';

const lab = useBuiltLab();

async function float64Page(): Promise<{ context: BrowserContext; page: Page }> {
  const context = await float64Context(lab.browser(), { viewport: { width: 1400, height: 1200 }, acceptDownloads: true });
  const page = await context.newPage();
  await page.goto(lab.url());
  await waitForEngine(page);
  return { context, page };
}

async function download(page: Page, testId: string): Promise<{ name: string; text: string }> {
  const [d] = await Promise.all([page.waitForEvent('download'), page.click(`[data-testid="${testId}"]`)]);
  const path = await d.path();
  return { name: d.suggestedFilename(), text: readFileSync(path, 'utf8') };
}

describe('export and import', () => {
  it('a run goes out as run file, XYZ and CSV, and comes back into another browser\'s library and as a starting state', async () => {
    const { context, page } = await float64Page();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.selectOption('[data-testid="model"]', 'harmonic2d');
    await page.fill('[data-testid="n"]', '100');
    await page.fill('[data-testid="temperature"]', 'inf');
    await page.fill('[data-testid="t-max"]', '20');
    await page.click('[data-testid="run"]');
    await until('the run', async () => (await status(page)) === 'done');

    const run = await download(page, 'export-run');
    expect(run.name).toMatch(/\.json$/);
    expect(JSON.parse(run.text)).toMatchObject({ format: 'glasslab-run', version: 1, spec: { model: 'harmonic2d', n: 100 } });
    const xyz = await download(page, 'export-xyz-final');
    expect(xyz.text.split('\n')[0].trim()).toBe('100');
    expect(xyz.text).toContain('Lattice=');
    expect(xyz.text).toContain('phi:I:1');
    const csv = await download(page, 'export-csv');
    expect(csv.text.split('\n').find((l) => !l.startsWith('#'))).toBe('curve,t,speed,energy_per_particle');
    expect(await page.locator('[data-testid="export-lammps-deck"]').isDisabled()).toBe(true); // LAMMPS has no harmonic spheres
    const [png] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid="export-png"]')]);
    expect(png.suggestedFilename()).toMatch(/\.png$/);
    expect(readFileSync(await png.path()).subarray(1, 4).toString()).toBe('PNG');
    const svg = await download(page, 'export-svg');
    expect(svg.name).toMatch(/\.svg$/);
    expect(svg.text).toContain('<svg');
    await context.close();

    // Another browser: the run file lands in its library; the state file becomes the starting state of a new run.
    const other = await float64Page();
    other.page.on('pageerror', (e) => errors.push(e.message));
    await other.page.setInputFiles('[data-testid="import-run"]', { name: run.name, mimeType: 'application/json', buffer: Buffer.from(run.text) });
    await until('the imported run in the library', async () => (await other.page.locator('[data-testid="library"] tr[data-status="done"]').count()) === 1, 10_000);
    await other.page.selectOption('[data-testid="model"]', 'harmonic2d');
    await other.page.setInputFiles('[data-testid="import-state"]', { name: 'final.xyz', mimeType: 'text/plain', buffer: Buffer.from(xyz.text) });
    await until('the imported state note', async () => (await other.page.locator('[data-testid="imported-start"]').count()) === 1, 10_000);
    expect(await other.page.locator('[data-testid="n"]').inputValue()).toBe('100');
    await other.page.click('[data-testid="run"]');
    await until('the run from the imported state', async () => (await status(other.page)) === 'done');
    // The new run starts where the exported one ended: its first ⟨|v|⟩ is the exported run's last one.
    const again = JSON.parse((await download(other.page, 'export-run')).text) as { curves: { name: string; speed: number[] }[] };
    const first = again.curves.find((c) => c.name === 'main')!.speed[0];
    const exported = JSON.parse(run.text) as typeof again;
    const last = exported.curves.find((c) => c.name === 'main')!.speed.at(-1)!;
    expect(Math.abs(first / last - 1)).toBeLessThan(1e-12);
    await other.page.screenshot({ path: 'e2e/artifacts/exports-imported.png', fullPage: true });
    expect(errors).toEqual([]);
    await other.context.close();
  });
});
