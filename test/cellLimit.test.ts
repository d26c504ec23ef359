// Cell grids grow with N, never with the box volume alone (issue 9: a 131-byte file of 2 soft spheres in a 600³ box took
// 8.1 GB under `glasslab eval`): at most cellLimit(N) cells, each at least the search radius, and no pair lost.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildCellList, cellLimit, cellsPerAxisFor } from '../src/physics/cells.ts';
import type { Configuration } from '../src/physics/configuration.ts';
import { createLandscape, energyAndForces } from '../src/physics/forces.ts';
import { buildMovableCellList } from '../src/physics/mc/movableCells.ts';
import { MODELS } from '../src/physics/models.ts';
import { buildNeighborList, searchRadius, type NeighborSpec } from '../src/physics/neighbors.ts';
import { createRng } from '../src/physics/rng.ts';
import { minimumImage1, periodicBox } from '../src/physics/space.ts';

/** n soft spheres in clusters of 4 (so pairs interact) scattered through a cubic box of side L. */
function sparseClusters(n: number, L: number, seed: number): Configuration {
  const rng = createRng(seed);
  const positions = new Float64Array(3 * n);
  for (let i = 0; i < n; i += 4) {
    const centre = [rng.uniform() * L, rng.uniform() * L, rng.uniform() * L];
    for (let k = i; k < Math.min(n, i + 4); k++) for (let a = 0; a < 3; a++) positions[3 * k + a] = (centre[a] + 1.2 * rng.uniform()) % L;
  }
  const diameters = Float64Array.from({ length: n }, () => 0.8 + 0.4 * rng.uniform());
  return { box: periodicBox(3, L), positions, diameters, species: new Uint8Array(n) };
}

function specOf(c: Configuration): NeighborSpec {
  const m = MODELS.soft3d;
  return { box: c.box, rule: m.rule, xc: m.potential.xc, diameters: c.diameters, species: c.species, maxSigma: m.maxSigma(c), skin: 0.3 };
}

describe('cell grids are bounded by N, not by the box volume', () => {
  it('cellsPerAxisFor: product ≤ the limit, every cell ≥ the minimum side, multiples kept (random boxes)', () => {
    const rng = createRng(21);
    for (let k = 0; k < 300; k++) {
      const d = 2 + (k % 3);
      const lengths = Array.from({ length: d }, () => 4 + Math.exp(10 * rng.uniform()));
      const side = 0.5 + 2 * rng.uniform();
      const multiple = k % 2 === 0 ? 1 : 2;
      if (lengths.some((L) => L < multiple * side)) continue;
      const limit = cellLimit(Math.floor(1 + 1000 * rng.uniform()));
      const m = cellsPerAxisFor(lengths, side, limit, multiple);
      expect(m.reduce((p, c) => p * c, 1)).toBeLessThanOrEqual(Math.max(limit, multiple ** d));
      m.forEach((c, a) => { expect(c % multiple).toBe(0); expect(lengths[a] / c).toBeGreaterThanOrEqual(side); });
    }
    // a dense liquid keeps its cells of the search radius: soft3d, N = 4000, ρ = 1.02
    expect(cellsPerAxisFor([15.77, 15.77, 15.77], 1.9, cellLimit(4000))).toEqual([8, 8, 8]);
  });

  it('N = 2 in a 600³ box: 64 cells at most (not 3·10⁷), the list and the energy exact', () => {
    const c: Configuration = { box: periodicBox(3, 600), positions: new Float64Array([1, 1, 1, 1.9, 1.2, 1]), diameters: new Float64Array([1, 1]), species: new Uint8Array(2) };
    const cells = buildCellList(c.box, c.positions, searchRadius(specOf(c)));
    expect(cells.cellStart.length - 1).toBeLessThanOrEqual(cellLimit(2));
    const list = buildNeighborList(specOf(c), c.positions.slice());
    expect(list.offsets[2]).toBe(1);
    const f = new Float64Array(6);
    const e = energyAndForces(createLandscape(MODELS.soft3d, c), c.positions.slice(), f);
    expect(e).toBeCloseTo(MODELS.soft3d.potential.u(Math.hypot(0.9, 0.2)), 12); // s_12 = 1, ε = 1
    expect(buildMovableCellList(c.box, c.positions, 1.5)?.cellCount ?? 0).toBeLessThanOrEqual(cellLimit(2));
  });

  it('a huge sparse box (N = 200 in clusters, L = 400): the neighbor list equals brute force', () => {
    const c = sparseClusters(200, 400, 3);
    const spec = specOf(c);
    const x = c.positions.slice();
    const list = buildNeighborList(spec, x);
    expect(buildCellList(c.box, x, searchRadius(spec)).cellStart.length - 1).toBeLessThanOrEqual(cellLimit(200));
    const listed = new Set<string>();
    for (let i = 0; i < 200; i++) for (let p = list.offsets[i]; p < list.offsets[i + 1]; p++) listed.add(`${Math.min(i, list.partners[p])},${Math.max(i, list.partners[p])}`);
    const brute = new Set<string>();
    for (let i = 0; i < 200; i++) for (let j = i + 1; j < 200; j++) {
      let r2 = 0;
      for (let a = 0; a < 3; a++) r2 += minimumImage1(x[3 * j + a] - x[3 * i + a], 400) ** 2;
      const rc = spec.xc * spec.rule.sigma(c.diameters[i], c.diameters[j], 0, 0) + spec.skin;
      if (r2 < rc * rc) brute.add(`${i},${j}`);
    }
    expect(brute.size).toBeGreaterThan(100);
    expect([...listed].sort()).toEqual([...brute].sort());
  });

  it('glasslab eval of the 131-byte file (soft3d, N = 2, 600³ box) peaks below 400 MB of memory (it took 8.1 GB)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'glasslab-cells-'));
    const file = join(dir, 'sparse.xyz');
    writeFileSync(file, '2\nLattice="600 0 0 0 600 0 0 0 600" Properties=species:S:1:pos:R:3:diameter:R:1 model=soft3d pbc="T T T"\nA 1 1 1 1\nA 1.9 1.2 1 1\n');
    expect(statSync(file).size).toBeLessThan(200);
    const bin = join(__dirname, '..', 'bin', 'glasslab.mjs');
    // the child reports its peak resident set (typed arrays live outside the V8 heap, so a heap limit would not catch them)
    const peak = "data:text/javascript,process.on('exit',()=>process.stderr.write('maxRSS='+process.resourceUsage().maxRSS))";
    const r = spawnSync('node', ['--import', peak, bin, 'eval', '--in', file, '--json'], { encoding: 'utf8' });
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout) as { n: number; energy: number };
    expect(out.n).toBe(2);
    expect(out.energy).toBeCloseTo(MODELS.soft3d.potential.u(Math.hypot(0.9, 0.2)), 10);
    const maxRssKb = Number(/maxRSS=(\d+)/.exec(r.stderr)?.[1]);
    console.log(`glasslab eval, N = 2 in a 600³ box: peak RSS ${(maxRssKb / 1024).toFixed(0)} MB`);
    expect(maxRssKb).toBeLessThan(400 * 1024);
  });
});
