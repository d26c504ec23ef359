// A lecture with the lab (issue 13): the default script stepped with the arrow keys, shared as one link that opens the same
// script; the Share dialog's QR code under the CSP; an opened link's β in the readout as in its banner; a reload after Share
// reopens the run in progress; a sweep's T field is shown unused.
import { mkdirSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { useBuiltLab } from './browser.ts';
import { float64Context, status, until, waitForEngine } from './labPage.ts';

const lab = useBuiltLab();
const ARTIFACTS = 'e2e/artifacts';
beforeAll(() => mkdirSync(ARTIFACTS, { recursive: true }));

async function cspWatched(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { cspViolations: string[] }).cspViolations = seen;
    document.addEventListener('securitypolicyviolation', (e) => seen.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
}

describe('the lab in a lecture: script, QR, links', () => {
  it('steps through the default script with the arrow keys and shares it as one link (1280×720)', async () => {
    const context = await float64Context(lab.browser(), { viewport: { width: 1280, height: 720 } });
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    const page = await context.newPage();
    await cspWatched(page);
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(lab.url());
    await waitForEngine(page);
    await page.keyboard.press('ArrowRight');
    await until('step 1', async () => (await page.locator('[data-testid="script-count"]').textContent()) === 'step 1 of 5', 10_000);
    expect(await page.locator('[data-testid="script-note"]').textContent()).toContain('β ≈ 0.92');
    await until('the hot liquid to run', async () => (await page.locator('[data-testid="preset-soft2d-hot"]').getAttribute('class'))?.includes('active') ?? false, 10_000);
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await until('step 4', async () => (await page.locator('[data-testid="script-count"]').textContent()) === 'step 4 of 5', 10_000);
    expect(await page.locator('[data-testid="script-note"]').textContent()).toContain('defects vanish');
    expect(await page.locator('[data-testid="preset-soft2d-cold"]').getAttribute('class')).toContain('active');
    await page.keyboard.press('ArrowLeft');
    await until('step 3', async () => (await page.locator('[data-testid="script-count"]').textContent()) === 'step 3 of 5', 10_000);
    await page.screenshot({ path: `${ARTIFACTS}/lecture-script-1280.png` });
    await page.keyboard.press('l');
    await page.screenshot({ path: `${ARTIFACTS}/lecture-script-lecture-mode-1280.png` });
    await page.keyboard.press('l');

    // Edit: a two-step script, then share it; the link opens the same script elsewhere.
    await page.click('[data-testid="script-edit"]');
    await page.fill('[data-testid="script-title"]', 'Two steps');
    await page.fill('[data-testid="script-text"]', 'harmonic2d-inf | from T = ∞: β ≈ 0.92\nsoft2d-cold | a cold glass: β ≈ 1');
    await page.click('[data-testid="script-save"]');
    await page.click('[data-testid="script-share"]');
    const link = await page.locator('[data-testid="script-link"]').inputValue();
    expect(link).toMatch(/#s1\./);
    expect(await page.locator('.script-link [data-testid="qr-code"]').count()).toBe(1);
    await page.screenshot({ path: `${ARTIFACTS}/lecture-script-shared-1280.png` });
    const violations = await page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations);
    expect(violations).toEqual([]);

    const other = await context.newPage();
    await other.goto(link);
    await waitForEngine(other);
    await until('the linked script', async () => (await other.locator('[data-testid="script-name"]').textContent()) === 'Two steps (from a link)', 10_000);
    expect(await other.locator('[data-testid="shared-link"]').count()).toBe(0);
    expect(await other.locator('[data-testid="link-error"]').count()).toBe(0);
    await other.keyboard.press('ArrowRight');
    await until('the first linked step', async () => (await other.locator('[data-testid="script-note"]').textContent())?.includes('from T = ∞') ?? false, 10_000);
    expect(errors).toEqual([]);
    await context.close();
  }, 180_000);

  it('Share shows a QR code; the opened link shows its β in the readout; a reload after Share reopens the run in progress (1920×1080)', async () => {
    const context = await float64Context(lab.browser(), { viewport: { width: 1920, height: 1080 } });
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    const page = await context.newPage();
    await cspWatched(page);
    await page.goto(lab.url());
    await waitForEngine(page);
    await page.click('[data-testid="preset-harmonic2d-inf"]');
    await until('the run', async () => (await status(page)) === 'done', 120_000);
    const beta = (await page.locator('[data-testid="beta-value"]').textContent())!.replace('β = ', '');
    await page.click('[data-testid="share"]');
    const link = await page.locator('[data-testid="share-link"]').inputValue();
    await page.click('[data-testid="share-qr"] summary');
    expect(await page.locator('[data-testid="share-qr"] [data-testid="qr-code"]').count()).toBe(1);
    await page.screenshot({ path: `${ARTIFACTS}/share-qr-1920.png` });
    expect(await page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations)).toEqual([]);

    // Another run, then a reload: the address follows it (T = 0.2 soft spheres), not the shared harmonic run.
    await page.click('[data-testid="preset-soft2d-tdef"]');
    await until('the next run to start', async () => ['running', 'done'].includes(await status(page)), 30_000);
    await page.reload();
    await waitForEngine(page);
    await until('the reopened experiment', async () => (await page.locator('[data-testid="model"]').inputValue()) === 'soft2d', 10_000);
    expect(await page.locator('[data-testid="temperature"]').inputValue()).toBe('0.2');

    // The shared link, opened: the readout shows the β the banner shows.
    const fresh = await context.newPage();
    await fresh.goto(link);
    await waitForEngine(fresh);
    await until('the banner', async () => (await fresh.locator('[data-testid="shared-link"]').count()) === 1, 10_000);
    expect(await fresh.locator('[data-testid="shared-link"]').textContent()).toContain(`β = ${beta}`);
    expect(await fresh.locator('[data-testid="beta-value"]').textContent()).toBe(`β = ${beta}`);
    await fresh.screenshot({ path: `${ARTIFACTS}/share-opened-beta-1920.png` });
    await context.close();
  }, 240_000);

  it('a sweep leaves the T field unused, not at the single run\'s "inf"', async () => {
    const context = await float64Context(lab.browser(), { viewport: { width: 1280, height: 720 } });
    const page = await context.newPage();
    await page.goto(lab.url());
    await waitForEngine(page);
    await page.click('[data-testid="preset-harmonic2d-inf"]');
    await until('the run', async () => (await status(page)) === 'done', 60_000);
    expect(await page.locator('[data-testid="temperature"]').inputValue()).toBe('inf');
    await page.selectOption('[data-testid="job"]', 'sweep');
    expect(await page.locator('[data-testid="temperature"]').inputValue()).toBe('');
    expect(await page.locator('[data-testid="temperature"]').isDisabled()).toBe(true);
    expect(await page.locator('[data-testid="temperature-unused"]').textContent()).toContain('each of its temperatures');
    await page.screenshot({ path: `${ARTIFACTS}/sweep-t-unused-1280.png` });
    await context.close();
  }, 120_000);
});
