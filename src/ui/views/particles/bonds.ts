// Bonds between measured pairs coloured by a pair value — the dipole stiffness κ_ij of 004 Fig. 2 (soft pairs red, stiff
// pairs pale) — as plain line segments over the particles. fillBonds is pure; BondLayer owns the three.js object that
// ParticleScene.addOverlay draws.
import { BufferAttribute, BufferGeometry, DynamicDrawUsage, LineBasicMaterial, LineSegments } from 'three';
import { autoRange } from './autoRange.ts';
import { type ColorTable, sampleInto, srgbToLinear } from './colormap.ts';
import { minimumImage, wrap } from './displacement.ts';

/** Soft → stiff: red, amber, pale (the soft bonds stand out on the dark background). */
export const BOND_COLORS: ColorTable = { t: [0, 0.5, 1], hex: ['#ff2d2d', '#ffb000', '#e8eef7'] };

export interface BondSet {
  first: Int32Array;
  second: Int32Array;
  values: Float64Array;
}

/** The colour range of a bond set: its 2nd–98th percentile (null when it has no finite value). */
export function bondRange(values: ArrayLike<number>): [number, number] | null {
  return autoRange(values, { count: values.length });
}

/**
 * Writes bond q from particle i (wrapped into the box) to i + minimum image of (x_j − x_i) as two vertices (x, y, z) into
 * `vertices` (6 floats per bond) and their linear-RGB colour from `values` over `range` into `colors`. Returns the bonds written.
 */
export function fillBonds(
  vertices: Float32Array, colors: Float32Array, positions: ArrayLike<number>, box: readonly number[], dim: 2 | 3,
  bonds: BondSet, range: readonly [number, number], z = 0.4,
): number {
  const n = Math.min(bonds.first.length, bonds.second.length, bonds.values.length, Math.floor(vertices.length / 6), Math.floor(colors.length / 6));
  const c = [0, 0, 0];
  const span = range[1] > range[0] ? range[1] - range[0] : 1;
  for (let q = 0; q < n; q++) {
    const i = dim * bonds.first[q], j = dim * bonds.second[q], o = 6 * q;
    for (let a = 0; a < 3; a++) {
      if (a >= dim) { vertices[o + a] = z; vertices[o + 3 + a] = z; continue; }
      const xi = wrap(positions[i + a], box[a]);
      vertices[o + a] = xi;
      vertices[o + 3 + a] = xi + minimumImage(positions[j + a] - positions[i + a], box[a]);
    }
    const t = Math.min(1, Math.max(0, (bonds.values[q] - range[0]) / span));
    sampleInto(BOND_COLORS, Number.isFinite(t) ? t : 0.5, c);
    for (let a = 0; a < 3; a++) colors[o + a] = colors[o + 3 + a] = srgbToLinear(c[a]);
  }
  return n;
}

/** The three.js side: one LineSegments object drawn over the particles, refilled in place while its bond count stays. */
export class BondLayer {
  readonly object: LineSegments;
  private readonly geometry = new BufferGeometry();
  private readonly material = new LineBasicMaterial({ vertexColors: true, depthTest: false, depthWrite: false, transparent: true, opacity: 0.95 });

  constructor() {
    this.object = new LineSegments(this.geometry, this.material);
    this.object.frustumCulled = false;
    this.object.renderOrder = 3;
  }

  update(positions: ArrayLike<number>, box: readonly number[], dim: 2 | 3, bonds: BondSet, range: readonly [number, number]): void {
    const floats = 6 * bonds.first.length;
    let pos = this.geometry.getAttribute('position') as BufferAttribute | undefined;
    let col = this.geometry.getAttribute('color') as BufferAttribute | undefined;
    if (!pos || pos.array.length !== floats) {
      pos = new BufferAttribute(new Float32Array(floats), 3).setUsage(DynamicDrawUsage);
      col = new BufferAttribute(new Float32Array(floats), 3).setUsage(DynamicDrawUsage);
      this.geometry.setAttribute('position', pos);
      this.geometry.setAttribute('color', col);
    }
    fillBonds(pos.array as Float32Array, col!.array as Float32Array, positions, box, dim, bonds, range, dim === 2 ? 0.4 : 0);
    pos.needsUpdate = true;
    col!.needsUpdate = true;
  }

  dispose(): void {
    this.geometry.dispose();
    this.material.dispose();
  }
}
