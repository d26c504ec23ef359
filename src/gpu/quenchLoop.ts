// The GPU quench's chunk loop (src/gpu/quench.ts runs it): plans chunks of steps with their sample steps, submits up to
// `pipelineDepth` ahead, reads each chunk's control block and samples back in order, and handles halts. A halt for the
// neighbor list (a particle moved more than skin/2, flagged on the GPU before the forces of that step) is answered by a
// rebuild on the host and a resume at the halted step, so no force ever comes from a stale list and no step is lost.
import { emptySeries, type QuenchSample, type QuenchSeries, type StopReason } from '../physics/descent/quench.ts';
import { fireDiverged } from '../physics/descent/fire.ts';
import { DivergenceError } from '../physics/errors.ts';
import { chunkSizer } from './chunkSizer.ts';
import { Halt, type SampleRow } from './descentControl.ts';
import type { ChunkPlan, ChunkResult, DescentAlgorithm, GpuDescent } from './descentRun.ts';
import type { GpuLandscape } from './forces.ts';
import { readBack } from './kernels.ts';
import type { GpuQuenchOptions } from './quenchOptions.ts';
import { SampleSchedule } from './sampleSchedule.ts';

// mirrors the step-count logic of quench(): SD stops once step·Δt ≥ t_max(1 − 1e-12), every algorithm at maxSteps.
function lastStepOf(algorithm: DescentAlgorithm, dt: number, tMax: number, maxSteps: number): number {
  if (algorithm !== 'sd') return maxSteps;
  const end = tMax * (1 - 1e-12);
  let s = Math.max(0, Math.ceil(end / dt));
  while (s > 0 && (s - 1) * dt >= end) s--;
  while (s * dt < end) s++;
  return Math.min(s, maxSteps);
}

/** |v_i| = |f_i| per particle (000 Eq. 1 with ζ = 1; for FIRE the force, not its velocity), from the f32 force buffer. */

/** What to do when the GPU's fixed-Δt steepest descent is unstable (it has no adaptive substeps; src/physics/descent/steepestDescent.ts has). */
const GPU_SD_ADVICE = 'the float64 engine (--engine cpu) crosses such steps in adaptive substeps; or start from a relaxed state (more sweeps), or use a smaller --dt';

export function particleSpeeds(forces: Float32Array, d: number): Float32Array {
  const n = forces.length / d;
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let a = 0; a < d; a++) s += forces[i * d + a] * forces[i * d + a];
    out[i] = Math.sqrt(s);
  }
  return out;
}

export interface Observation { w: number; energy: number; maxForce: number }

/** W, E and max|f_i| of the current forces, summed in float64 on the host (the final point). */
async function observeOnHost(land: GpuLandscape): Promise<Observation> {
  const n = land.n, d = land.box.dim;
  const b = land.buffers;
  const [f, e] = await Promise.all([readBack(land.gpu, b.forces, 4 * n * d), readBack(land.gpu, b.energies, 4 * n)]);
  const forces = new Float32Array(f);
  let sum = 0, max = 0, energy = 0;
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let a = 0; a < d; a++) s += forces[i * d + a] * forces[i * d + a];
    sum += s;
    if (s > max) max = s;
  }
  for (const ei of new Float32Array(e)) energy += ei;
  return { w: sum / n, energy, maxForce: Math.sqrt(max) };
}

export interface RunSettings extends GpuQuenchOptions {
  algorithm: DescentAlgorithm;
  dt: number;
  forceTolerance: number;
  tMax: number;
  maxSteps: number;
  perDecade: number;
}

export interface RunOutcome {
  series: QuenchSeries;
  steps: number;
  reason: StopReason;
  final: Observation;
  chunks: number;
  rebuildHalts: number;
}

interface InFlight { promise: Promise<ChunkResult>; steps: number }

// The chunk loop: plan → submit (up to pipelineDepth ahead) → read back in order → samples, halts, progress.
export async function runDescent(land: GpuLandscape, descent: GpuDescent, o: RunSettings): Promise<RunOutcome> {
  const n = land.n;
  const sd = o.algorithm === 'sd';
  const lastStep = lastStepOf(o.algorithm, o.dt, o.tMax, o.maxSteps);
  const schedule = sd ? new SampleSchedule(o.dt, o.perDecade, (s) => s * o.dt) : new SampleSchedule(1, o.perDecade, (s) => s);
  const sizer = chunkSizer(o.chunks);
  const depth = Math.max(1, o.pipelineDepth ?? 2);
  const series = emptySeries();
  const inFlight: InFlight[] = [];
  let encodedTo = 0; // steps encoded so far (some may never run if a chunk halts)
  let confirmed = 0; // steps the GPU has taken, as of the last chunk read back
  let prelude = { evaluateForces: true, sampleFirst: true };
  let fictiveTime = 0; // FIRE: Σ h, in float64 over chunks
  let lastSampled = -1;
  let previousEnergy = Number.NaN;
  let lastSpeed = Number.NaN;
  let lastRebuildStep = 0;
  let chunks = 0, rebuildHalts = 0;
  let previousArrival = 0;
  let reason: StopReason | null = null;

  const emit = (q: QuenchSample) => {
    series.t.push(q.t);
    series.step.push(q.step);
    series.speed.push(q.speed);
    series.energyPerParticle.push(q.energyPerParticle);
    series.meanSquaredForce.push(q.meanSquaredForce);
    lastSampled = q.step;
    lastSpeed = q.speed;
    o.onSample?.(q);
  };
  // quench.ts sample(); the guard of steepestDescent (energy may not rise), checked between samples at f32 resolution.
  const takeRow = (row: SampleRow, tBefore: number) => {
    const w = row.sumForce2 / n;
    if (!Number.isFinite(w) || !Number.isFinite(row.sumEnergy)) {
      if (row.step === 0) throw new Error('the starting configuration overflows float32 (overlapping particles: a force or energy beyond 3.4e38)');
      const what = `at step ${row.step} the GPU forces or energy are not finite`;
      throw sd ? new DivergenceError(`steepest descent is unstable on the GPU: ${what}; ${GPU_SD_ADVICE}`) : fireDiverged(row.step);
    }
    if (sd && row.sumEnergy - previousEnergy > 1e-5 * Math.abs(previousEnergy) + 1e-6 * n) {
      throw new DivergenceError(`steepest descent is unstable on the GPU at t = ${(row.step * o.dt).toPrecision(4)}: the energy rose from ${previousEnergy} to ${row.sumEnergy}; ${GPU_SD_ADVICE}`);
    }
    previousEnergy = row.sumEnergy;
    emit({
      t: sd ? row.step * o.dt : tBefore + row.tChunk, step: row.step, speed: Math.sqrt(w), energyPerParticle: row.sumEnergy / n,
      meanSquaredForce: w, maxForce: Math.sqrt(row.maxForce2),
    });
  };
  const submitNext = () => {
    let steps = Math.min(sizer.next(), lastStep - encodedTo);
    let samples = schedule.between(encodedTo + 1, encodedTo + steps);
    const room = descent.sampleCapacity - (prelude.sampleFirst ? 1 : 0);
    if (samples.length > room) { samples = samples.slice(0, room); steps = samples[samples.length - 1] - encodedTo; }
    const plan: ChunkPlan = { ...prelude, steps, sampleAfter: samples.map((s) => s - encodedTo) };
    const promise = descent.submitChunk(plan);
    promise.catch(() => undefined); // a chunk behind a failed one fails too: its error is not the news
    inFlight.push({ promise, steps });
    encodedTo += steps;
    prelude = { evaluateForces: false, sampleFirst: false };
    chunks++;
  };
  const absorb = (r: ChunkResult) => {
    const tBefore = fictiveTime;
    for (const row of descent.takeRows(r)) takeRow(row, tBefore);
    fictiveTime += r.control.tChunk;
    confirmed = r.control.steps;
  };

  // Position snapshots: one readback at a time, queued between chunks, never awaited by the loop (only at its end).
  const interval = o.positionsIntervalMs ?? 100;
  let snapshot: Promise<void> | null = null;
  let lastSnapshotAt = -Infinity;
  const snapshotPositions = () => {
    const onPositions = o.onPositions;
    if (!onPositions || snapshot || performance.now() - lastSnapshotAt < interval) return;
    lastSnapshotAt = performance.now();
    const d = land.box.dim;
    // Read after every chunk in flight: a later one may halt for a rebuild, so the step is the control block's, not encodedTo.
    const forces = readBack(land.gpu, land.buffers.forces, 4 * n * d);
    const positionsNow = land.readPositions();
    const control = descent.readControlNow();
    const fictiveNow = fictiveTime;
    snapshot = Promise.all([positionsNow, forces, control])
      .then(([positions, f, c]) => {
        onPositions({ positions, speeds: particleSpeeds(new Float32Array(f), d), step: c.steps, t: sd ? c.steps * o.dt : fictiveNow });
      })
      .catch(() => undefined).finally(() => { snapshot = null; });
  };
  let cancelled = false;
  const wantsMore = () => !cancelled && inFlight.length < depth && (encodedTo < lastStep || prelude.evaluateForces);

  while (reason === null) {
    if (o.beforeChunk && wantsMore()) {
      await o.beforeChunk();
      if (!cancelled && o.shouldStop?.()) cancelled = true;
    }
    // a chunk of no steps still runs a pending prelude (forces after a rebuild at the last step)
    while (wantsMore()) submitNext();
    const head = inFlight.shift();
    if (!head) break; // every step encoded has run
    const r = await head.promise;
    absorb(r);
    // The time this chunk kept the GPU busy: from its submission, or from the previous chunk's end if it queued behind it.
    const chunkMs = r.arrivedAt - Math.max(r.submittedAt, previousArrival);
    previousArrival = r.arrivedAt;
    const halt = r.control.halt;
    if (halt === Halt.none) sizer.completed(head.steps, chunkMs);
    else {
      for (const rest of inFlight.splice(0)) absorb(await rest.promise); // all no-ops after a halt
      if (halt === Halt.rebuild) {
        await land.rebuildNeighbors();
        descent.clearHalt();
        rebuildHalts++;
        sizer.halted(confirmed - lastRebuildStep);
        lastRebuildStep = confirmed;
        encodedTo = confirmed;
        prelude = { evaluateForces: true, sampleFirst: schedule.isSampleStep(confirmed) && lastSampled < confirmed };
      } else if (halt === Halt.forceTolerance) reason = 'force-tolerance';
      else if (halt === Halt.stuck) reason = 'stuck';
      else throw fireDiverged(confirmed);
    }
    o.onChunk?.({
      step: confirmed, t: sd ? confirmed * o.dt : fictiveTime, lastStep, speed: lastSpeed, chunkSteps: head.steps, chunkMs,
      neighborListBuilds: land.neighborStats.builds,
    });
    // Checked per chunk; chunks already in flight still run and are read (the state is wherever the GPU got to).
    if (!cancelled && o.shouldStop?.()) cancelled = true;
    if (reason === null && halt === Halt.none) snapshotPositions();
  }
  await snapshot;

  if (prelude.evaluateForces) absorb(await descent.submitChunk({ ...prelude, sampleFirst: false, steps: 0, sampleAfter: [] })); // cancelled right after a halt
  const final = await observeOnHost(land);
  if (reason === null && cancelled && confirmed < lastStep) reason = 'cancelled';
  if (reason === null) { // ran out of steps: quench()'s order of checks
    if (final.maxForce <= o.forceTolerance) reason = 'force-tolerance';
    else if (sd && confirmed * o.dt >= o.tMax * (1 - 1e-12)) reason = 't-max';
    else reason = 'max-steps';
  }
  if (lastSampled !== confirmed) {
    emit({
      t: sd ? confirmed * o.dt : fictiveTime, step: confirmed, speed: Math.sqrt(final.w), energyPerParticle: final.energy / n,
      meanSquaredForce: final.w, maxForce: final.maxForce,
    });
  }
  return { series, steps: confirmed, reason, final, chunks, rebuildHalts };
}
