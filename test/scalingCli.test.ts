import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

const BIN = new URL('../bin/glasslab.mjs', import.meta.url).pathname;
const glasslab = (...args: string[]) => spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', timeout: 240_000 });

describe('glasslab scaling (001 SM II)', () => {
  it('runs an ensemble at each N through the lab job and prints z, β, their intervals and the collapsed curves', () => {
    const r = glasslab('scaling', '--model', 'harmonic2d', '--temperature', 'inf', '--n', '32,64', '--samples', '2', '--t-max', '5', '--json', '--quiet');
    expect(r.status, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.n).toEqual([32, 64]);
    expect(out.engines).toEqual(['cpu', 'cpu']);
    expect(out.z).toBeGreaterThan(0);
    expect(out.interval.z[0]).toBeLessThanOrEqual(out.z);
    expect(out.interval.z[1]).toBeGreaterThanOrEqual(out.z);
    expect(out.interval.beta[0]).toBeLessThanOrEqual(out.beta);
    for (const c of out.curves) {
      const k = c.t.length - 1;
      expect(c.t[k]).toBeCloseTo(5, 9);
      expect(c.x[k]).toBeCloseTo(c.t[k] / c.n ** out.z, 12);
      expect(c.y[k]).toBeCloseTo(c.speed[k] * c.n ** (out.z * out.beta), 12);
    }
  });

  it('refuses a single size in one line', () => {
    const r = glasslab('scaling', '--model', 'harmonic2d', '--temperature', 'inf', '--n', '64', '--samples', '2');
    expect(r.status).toBe(1);
    expect(r.stderr.trim()).toBe('glasslab scaling: --n needs at least 2 different sizes, each once, got "64"');
  });
});
