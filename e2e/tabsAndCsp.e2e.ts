// The built site in Chromium: two tabs of one library stay in step (a run going in one is not "incomplete" in the other, and
// renames and deletions cross over), and a quench runs under the page's Content Security Policy with no violation reported.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { useBuiltLab } from './browser.ts';
import { float64Context, plottedPoints, status, until, waitForEngine } from './labPage.ts';

const lab = useBuiltLab();

async function quench(page: Page, seed: number, tMax: string): Promise<void> {
  await page.selectOption('[data-testid="model"]', 'harmonic2d');
  await page.fill('[data-testid="n"]', '128');
  await page.fill('[data-testid="temperature"]', 'inf');
  await page.fill('[data-testid="seed"]', String(seed));
  await page.fill('[data-testid="t-max"]', tMax);
  await page.click('[data-testid="run"]');
}

const rowStatus = (page: Page, status: string) => page.locator(`[data-testid="library"] tr[data-status="${status}"]`).count();

describe('two tabs', () => {
  it('see each other\'s runs, renames and deletions, and a run going in one is not incomplete in the other', async () => {
    const context = await float64Context(lab.browser());
    const a = await context.newPage();
    const errors: string[] = [];
    a.on('pageerror', (e) => errors.push(e.message));
    await a.goto(lab.url());
    await waitForEngine(a);
    await quench(a, 1, '20');
    await until('the first run', async () => (await status(a)) === 'done');
    await until('its record', async () => (await rowStatus(a, 'done')) === 1, 30_000);
    const id = (await a.locator('[data-testid="library"] tr[data-status="done"]').getAttribute('data-testid'))!.replace('library-run-', '');

    const b = await context.newPage();
    b.on('pageerror', (e) => errors.push(e.message));
    await b.goto(lab.url());
    await waitForEngine(b);
    await until('tab B lists the run', async () => (await rowStatus(b, 'done')) === 1, 30_000);

    const rename = a.locator(`[data-testid="library-rename-${id}"]`);
    await rename.fill('renamed in tab A');
    await rename.press('Enter');
    await until('the rename in tab B', async () => (await b.locator(`[data-testid="library-rename-${id}"]`).inputValue()) === 'renamed in tab A', 30_000);

    await quench(a, 2, '100000'); // long: still going while tab B reloads
    await until('the running record in tab A', async () => (await rowStatus(a, 'running')) === 1, 30_000);
    await until('the running record in tab B', async () => (await rowStatus(b, 'running')) === 1, 30_000);
    await b.reload();
    await waitForEngine(b);
    await until('tab B after its reload', async () => (await rowStatus(b, 'done')) === 1, 30_000);
    expect(await rowStatus(b, 'running')).toBe(1);
    expect(await rowStatus(b, 'incomplete')).toBe(0);

    await a.click(`[data-testid="library-delete-${id}"]`);
    await until('the deletion in tab B', async () => (await rowStatus(b, 'done')) === 0, 30_000);

    await a.close(); // the run's tab is gone (the browser frees its lock): at the next load it is incomplete
    await until('the incomplete record', async () => {
      await b.reload();
      await waitForEngine(b);
      await until('the list', async () => (await rowStatus(b, 'incomplete')) + (await rowStatus(b, 'running')) === 1, 30_000);
      return (await rowStatus(b, 'incomplete')) === 1;
    }, 60_000);
    expect(errors).toEqual([]);
    await context.close();
  });
});

describe('the Content Security Policy', () => {
  it('is in the built page, and a quench with its plot runs under it without a violation', async () => {
    const context = await float64Context(lab.browser());
    await context.addInitScript(() => {
      const seen: string[] = [];
      (window as unknown as { cspViolations: string[] }).cspViolations = seen;
      document.addEventListener('securitypolicyviolation', (e) => seen.push(`${e.violatedDirective} ${e.blockedURI}`));
    });
    const page = await context.newPage();
    const console: string[] = [];
    page.on('console', (m) => { if (/Content Security Policy|Refused to/i.test(m.text())) console.push(m.text()); });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(lab.url());
    const policy = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
    expect(policy).toContain("script-src 'self'");
    expect(policy).not.toContain('unsafe-eval');
    await waitForEngine(page);
    await quench(page, 3, '20');
    await until('the quench', async () => (await status(page)) === 'done');
    await until('the plotted curve', async () => (await plottedPoints(page)) > 0, 30_000);
    const violations = await page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations);
    expect(violations).toEqual([]);
    expect(console).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });
});
