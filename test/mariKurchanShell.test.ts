// The shell of the Mari–Kurchan O(N²) scan (src/physics/mariKurchan/neighbors.ts): a rebuild that reuses it gives the same
// Verlet list as a full scan at the same positions, pair for pair and bit for bit; beyond its margin a full scan runs again.
import { describe, expect, it } from 'vitest';
import { createLandscape } from '../src/physics/forces.ts';
import { buildShiftedNeighborList, SHELL_MARGIN } from '../src/physics/mariKurchan/neighbors.ts';
import { plantMariKurchan } from '../src/physics/mariKurchan/planting.ts';
import { MODELS } from '../src/physics/models.ts';
import type { NeighborList } from '../src/physics/neighbors.ts';
import { createRng } from '../src/physics/rng.ts';

const mk = MODELS.mk3d;

/** Byte-for-byte equality of two typed arrays (so −0 ≠ 0 and every last bit counts). */
function sameBytes(a: ArrayBufferView, b: ArrayBufferView): boolean {
  return Buffer.compare(Buffer.from(a.buffer, a.byteOffset, a.byteLength), Buffer.from(b.buffer, b.byteOffset, b.byteLength)) === 0;
}

function expectSameList(a: NeighborList, b: NeighborList) {
  expect(a.offsets[a.n]).toBe(b.offsets[b.n]);
  for (const k of ['offsets', 'partners', 'sigma', 'epsilon', 'inverseSigma2', 'images', 'reference'] as const) expect(sameBytes(a[k]!, b[k]!), k).toBe(true);
}

describe('Mari–Kurchan shell of candidate pairs', () => {
  it('a rebuild inside the margin scans only the shell and equals a full scan bit for bit; beyond it, a new scan', () => {
    const c = plantMariKurchan(mk, 700, 5, 0.01);
    const land = createLandscape(mk, c);
    const uOfX2 = mk.potential.uOfX2;
    const first = land.list;
    expect(first.shell).toBeDefined();
    const rng = createRng(9);
    const x = c.positions.slice();
    // each particle moves at most 0.1 per axis: |Δr| ≤ 0.17, two of them 0.35 < 0.5 (the margin)
    for (let k = 0; k < x.length; k++) x[k] += 0.1 * (2 * rng.uniform() - 1);
    const reused = buildShiftedNeighborList(land.spec, land.shifts!, uOfX2, x.slice(), first);
    const full = buildShiftedNeighborList(land.spec, land.shifts!, uOfX2, x.slice());
    expect(reused.shell).toBe(first.shell);
    expect(full.shell).not.toBe(first.shell);
    expect(SHELL_MARGIN * land.spec.maxSigma).toBeGreaterThan(0.35);
    expectSameList(reused, full);
    // the moves changed the list: the test compares two non-trivial lists, not the first one twice
    expect(sameBytes(reused.partners, first.partners) && sameBytes(reused.images!, first.images!)).toBe(false);
    // move one particle by 0.6 (> the margin): the shell no longer holds and a full scan runs
    x[0] += 0.6;
    const rescanned = buildShiftedNeighborList(land.spec, land.shifts!, uOfX2, x.slice(), reused);
    expect(rescanned.shell).not.toBe(first.shell);
    expectSameList(rescanned, buildShiftedNeighborList(land.spec, land.shifts!, uOfX2, x.slice()));
  });
});
