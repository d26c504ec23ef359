import { mkdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MODEL_NAMES } from '../src/physics/models.ts';
import { useBuiltLab } from './browser.ts';

const lab = useBuiltLab();

describe('the about section in Chromium', () => {
  it('says what GlassLab is and lists every model', async () => {
    const page = await lab.browser().newPage({ viewport: { width: 1200, height: 900 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(lab.url());
    await page.click('.about summary');
    await expect(page.locator('h1').textContent()).resolves.toBe('GlassLab');
    const models = await page.locator('[data-testid="model-list"] li').allTextContents();
    expect(models).toHaveLength(MODEL_NAMES.length);
    for (const name of MODEL_NAMES) expect(models.join(' ')).toContain(name);
    mkdirSync('e2e/artifacts', { recursive: true });
    const png = await page.screenshot({ path: 'e2e/artifacts/landing.png', fullPage: true });
    expect(png.length).toBeGreaterThan(10_000); // a blank page compresses to far less
    expect(errors).toEqual([]);
  });
});
