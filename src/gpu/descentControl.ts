// The quench's uniform parameters, GPU control block and sample rows (shaders/descentcontrol.wgsl, shaders/observables.wgsl),
// packed and read byte for byte.

/** Why the GPU halted a chunk (HALT_* in shaders/descentcontrol.wgsl). */
export const Halt = {
  none: 0,
  forceTolerance: 1,
  rebuild: 2,
  stuck: 3,
  nonFinite: 4,
} as const;
export type HaltCode = (typeof Halt)[keyof typeof Halt];

// FIRE 2.0's constants (DescentParams.fire) are fire.ts's one definition, fireConstants (LAMMPS's defaults, dmax included).
import type { FireConstants } from '../physics/descent/fire.ts';

export interface DescentParams {
  /** SD Euler step, or FIRE's initial step. */
  dt: number;
  /** max_i |f_i| below which the quench stops (0: never). */
  forceTolerance: number;
  particleCount: number;
  fire: FireConstants;
  sampleCapacity: number;
  algorithm: 'sd' | 'fire';
}

export const DESCENT_PARAMS_BYTES = 64;
export const CONTROL_BYTES = 64;
export const SAMPLE_ROW_BYTES = 32;
/** Threads per workgroup of the reduction kernels (REDUCTION_SIZE). */
export const REDUCTION_SIZE = 64;

/** struct DescentParams. */
export function packDescentParams(p: DescentParams): ArrayBuffer {
  const bytes = new ArrayBuffer(DESCENT_PARAMS_BYTES);
  const f = new Float32Array(bytes);
  const u = new Uint32Array(bytes);
  f[0] = p.dt;
  f[1] = p.forceTolerance * p.forceTolerance;
  u[2] = Math.ceil(p.particleCount / REDUCTION_SIZE);
  f[3] = p.fire.dtMax;
  f[4] = p.fire.dtMin;
  f[5] = p.fire.fInc;
  f[6] = p.fire.fDec;
  f[7] = p.fire.alpha0;
  f[8] = p.fire.fAlpha;
  f[9] = p.fire.maxStep;
  u[10] = p.fire.nDelay;
  u[11] = p.fire.maxUphill;
  u[12] = p.sampleCapacity;
  u[13] = p.algorithm === 'sd' ? 0 : 1;
  return bytes;
}

/** struct DescentControl at the start of a quench: running, no steps, FIRE at Δt0 and α0 (fire.ts init). */
export function initialControl(fire: FireConstants): ArrayBuffer {
  const bytes = new ArrayBuffer(CONTROL_BYTES);
  const f = new Float32Array(bytes);
  f[6] = fire.dt;
  f[7] = fire.alpha0;
  return bytes;
}

/** What the host needs of the control block after a chunk. */
export interface ControlState {
  halt: HaltCode;
  steps: number;
  samples: number;
  /** FIRE fictive time of the chunk. */
  tChunk: number;
  dt: number;
  alpha: number;
  maxForce2: number;
}

export function readControl(bytes: ArrayBuffer, offset = 0): ControlState {
  const u = new Uint32Array(bytes, offset, CONTROL_BYTES / 4);
  const f = new Float32Array(bytes, offset, CONTROL_BYTES / 4);
  const halt = u[0];
  if (halt > Halt.nonFinite) throw new Error(`the GPU control block has an unknown halt code ${halt}`);
  return { halt: halt as HaltCode, steps: u[1], samples: u[2], tChunk: f[5], dt: f[6], alpha: f[7], maxForce2: f[13] };
}

/** One sample as reduced on the GPU (struct SampleRow). */
export interface SampleRow {
  step: number;
  tChunk: number;
  sumForce2: number;
  sumEnergy: number;
  maxForce2: number;
}

export function readSampleRow(bytes: ArrayBuffer, offset: number): SampleRow {
  const u = new Uint32Array(bytes, offset, SAMPLE_ROW_BYTES / 4);
  const f = new Float32Array(bytes, offset, SAMPLE_ROW_BYTES / 4);
  return { step: u[0], tChunk: f[1], sumForce2: f[2], sumEnergy: f[3], maxForce2: f[4] };
}
