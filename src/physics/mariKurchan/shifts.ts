// Mari–Kurchan pair shifts by planting (000 App. A.1d, Eq. (A5)): for each pair i < j the shifted separation
// s = r⁰_i − r⁰_j + A_ij is drawn uniformly in the periodic box and accepted with probability e^{−U(|s|)/T}, an exact
// rejection sampler of P(A_ij | r⁰_ij) ∝ e^{−U(|r⁰_i − r⁰_j + A_ij|)/T}; then A_ij = s − (r⁰_i − r⁰_j) and A_ji = −A_ij.
// Try k of the pair (i, j) reads Philox counter (i, j, k, block) with key (seed, Streams.pairShifts): nothing is stored,
// every A_ij is regenerated bit for bit from (seed, T, r⁰).
import type { PairShifts } from '../configuration.ts';
import { philox4x32, Streams } from '../rng.ts';
import type { Box } from '../space.ts';

/** U(r²) of the pair (i, j), 0 beyond the cutoff. */
export type PairEnergyOfR2 = (r2: number, i: number, j: number) => number;

const TWO32 = 4294967296;
/** A pair never needs this many tries at any T > 0 (most of the box has U = 0 and is always accepted). */
const MAX_TRIES = 1 << 20;

export class PlantingError extends Error {
  constructor(message: string) { super(message); this.name = 'PlantingError'; }
}

export interface ShiftSampler {
  /** Writes the accepted s_ij ∈ [0, L)^D of the pair i < j into out; returns the number of tries it took. */
  separation(i: number, j: number, out: Float64Array): number;
  /** Writes A_ij = s_ij − (r⁰_i − r⁰_j) into out, for any i ≠ j (A_ji = −A_ij). */
  shift(i: number, j: number, out: Float64Array): Float64Array;
}

export function validatePlantingTemperature(temperature: number): number {
  if (!(temperature > 0)) throw new PlantingError(`planting needs a temperature T > 0 (or inf), got ${temperature}`);
  return temperature;
}

// 000 App. A.1d: exact planting of the shifts of a Mari–Kurchan state.
export function shiftSampler(shifts: PairShifts, box: Box, pairEnergy: PairEnergyOfR2): ShiftSampler {
  const { seed, temperature, planted } = shifts;
  validatePlantingTemperature(temperature);
  const d = box.dim;
  const L = box.lengths;
  const blocks = Math.ceil((d + 1) / 4); // D components and one acceptance word
  const words = new Uint32Array(4 * blocks);
  const block = new Uint32Array(4);
  const draw = (i: number, j: number, k: number) => {
    for (let b = 0; b < blocks; b++) {
      philox4x32(i, j, k, b, seed, Streams.pairShifts, block);
      words.set(block, 4 * b);
    }
  };
  const separation = (i: number, j: number, out: Float64Array): number => {
    for (let k = 0; k < MAX_TRIES; k++) {
      draw(i, j, k);
      let r2 = 0;
      for (let a = 0; a < d; a++) {
        const s = (words[a] / TWO32) * L[a];
        out[a] = s;
        const m = s > 0.5 * L[a] ? s - L[a] : s; // |s| on the periodic box
        r2 += m * m;
      }
      const u = pairEnergy(r2, i, j);
      if (u === 0 || words[d] / TWO32 < Math.exp(-u / temperature)) return k + 1;
    }
    throw new PlantingError(`pair (${i}, ${j}) rejected ${MAX_TRIES} shifts at T = ${temperature}: plant at a higher temperature`);
  };
  const s = new Float64Array(d);
  const shift = (i: number, j: number, out: Float64Array): Float64Array => {
    const lo = Math.min(i, j), hi = Math.max(i, j);
    separation(lo, hi, s);
    const sign = i < j ? 1 : -1;
    for (let a = 0; a < d; a++) out[a] = sign * (s[a] - (planted[lo * d + a] - planted[hi * d + a]));
    return out;
  };
  return { separation, shift };
}
