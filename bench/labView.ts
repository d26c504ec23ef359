// What the particle view costs the simulation (issue 4): the lab page in Debian's Chromium with the GPU engine on SwiftShader,
// harmonic spheres 2D from T = ∞ at N = 4096, SD steps per second with the live view on and off (alternating windows), and
// the view's frames per second. Printed, never asserted: these machines are shared and noisy.
//   npm run bench:lab-view [-- --n 4096 --seconds 20 --rounds 2]
import { launchBrowser, serveBuild } from '../e2e/browser.ts';

function option(name: string, fallback: number): number {
  const k = process.argv.indexOf(`--${name}`);
  return k > 0 ? Number(process.argv[k + 1]) : fallback;
}
const n = option('n', 4096), seconds = option('seconds', 20), rounds = option('rounds', 2);

const { server, url } = await serveBuild();
const browser = await launchBrowser();
try {
  const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
  await page.goto(`${url}?engine=gpu`); // the GPU engine even on SwiftShader (the page would pick float64 there)
  await page.waitForFunction(() => document.querySelector('[data-testid="engine-banner"]')?.getAttribute('data-engine'), null, { timeout: 30_000 });
  const engine = await page.locator('[data-testid="engine-banner"]').getAttribute('data-engine');
  await page.selectOption('[data-testid="model"]', 'harmonic2d');
  await page.fill('[data-testid="n"]', String(n));
  await page.fill('[data-testid="temperature"]', 'inf');
  await page.fill('[data-testid="t-max"]', '100000');
  await page.selectOption('[data-testid="color-mode"]', 'speed');
  await page.click('[data-testid="run"]');
  const read = async () => page.evaluate(() => ({
    step: Number(document.querySelector('[data-testid="progress"]')?.getAttribute('data-step') ?? 0),
    frames: Number(document.querySelector('.particle-host')?.getAttribute('data-frames') ?? 0),
    at: performance.now(),
  }));
  await page.waitForFunction(() => Number(document.querySelector('[data-testid="progress"]')?.getAttribute('data-step') ?? 0) > 0, null, { timeout: 120_000 });
  await page.waitForTimeout(3000); // warm-up: pipelines compiled, chunk sizes settled
  const results: Record<'on' | 'off', { steps: number; frames: number; ms: number }> = { on: { steps: 0, frames: 0, ms: 0 }, off: { steps: 0, frames: 0, ms: 0 } };
  for (let r = 0; r < rounds; r++) {
    for (const mode of ['on', 'off'] as const) {
      const live = page.locator('[data-testid="live-view"]');
      if ((await live.isChecked()) !== (mode === 'on')) await live.click();
      await page.waitForTimeout(1000);
      const a = await read();
      await page.waitForTimeout(seconds * 1000);
      const b = await read();
      results[mode].steps += b.step - a.step;
      results[mode].frames += b.frames - a.frames;
      results[mode].ms += b.at - a.at;
      console.log(`round ${r + 1}, view ${mode}: ${((b.step - a.step) / ((b.at - a.at) / 1000)).toFixed(1)} SD steps/s, ${((b.frames - a.frames) / ((b.at - a.at) / 1000)).toFixed(2)} view frames/s`);
    }
  }
  const rate = (m: 'on' | 'off') => results[m].steps / (results[m].ms / 1000);
  console.log(`\nlab page, ${engine === 'gpu' ? 'GPU engine (WebGPU)' : 'float64 engine'}, harmonic2d N = ${n}, ${rounds} × ${seconds} s per setting`);
  console.log(`  SD steps/s with the view:    ${rate('on').toFixed(1)}  (${(rate('on') * n).toExponential(3)} particle-steps/s), view ${(results.on.frames / (results.on.ms / 1000)).toFixed(2)} frames/s`);
  console.log(`  SD steps/s without the view: ${rate('off').toFixed(1)}  (${(rate('off') * n).toExponential(3)} particle-steps/s)`);
  console.log(`  the view costs the simulation ${(100 * (1 - rate('on') / rate('off'))).toFixed(1)}% of its speed`);
} finally {
  await browser.close();
  await new Promise<void>((resolve) => server.httpServer.close(() => resolve()));
}
