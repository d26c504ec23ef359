// npm run bench:gpu-cost — figures of the WebGPU engine that do not depend on the hardware, counted from the code's own plan
// while it records real work on whatever adapter is found (SwiftShader will do): kernel dispatches per SD step, per FIRE
// step and per swap MC sweep (indirect ones apart: Dawn adds a hidden validation dispatch to each), bytes of storage bound
// per particle-step (every buffer a dispatch binds counted once: an upper bound on its memory traffic), submissions and
// readbacks per chunk; and the ceilings these imply on a GPU with 3 TB/s and ~5 µs per dispatch. Printed, never asserted.
// The counts come from wrapping the device (createBindGroup, createCommandEncoder → compute pass, mapAsync), so they follow
// any change to the kernels' plan. BENCH_N (default 4096), BENCH_JSON=path also writes the rows as JSON.
import { writeBenchJson } from './benchJson.ts';
import { acquireGpu } from '../src/gpu/device.ts';
import { GpuMonteCarlo } from '../src/gpu/mc/index.ts';
import { quenchGpu } from '../src/gpu/quench.ts';
import { quench } from '../src/physics/descent/quench.ts';
import { jitteredLattice } from '../src/physics/lattice.ts';
import { MODELS } from '../src/physics/models.ts';

const n = Number(process.env.BENCH_N ?? 4096);
const BANDWIDTH = 3e12; // bytes/s
const DISPATCH_SECONDS = 5e-6;

interface Tally { dispatches: number; indirect: number; boundBytes: number; submits: number; readbacks: number; byKernel: Map<string, number> }
const tally: Tally = { dispatches: 0, indirect: 0, boundBytes: 0, submits: 0, readbacks: 0, byKernel: new Map() };
const snapshot = () => ({ ...tally, byKernel: new Map(tally.byKernel) });

const gpu = await acquireGpu();
const device = gpu.device;
// Bytes a bind group binds (buffer bindings: their size, or the whole buffer).
const groupBytes = new WeakMap<GPUBindGroup, number>();
const createBindGroup = device.createBindGroup.bind(device);
device.createBindGroup = (descriptor: GPUBindGroupDescriptor) => {
  const group = createBindGroup(descriptor);
  let bytes = 0;
  for (const e of descriptor.entries) {
    const r = e.resource as GPUBufferBinding;
    if (r && typeof r === 'object' && 'buffer' in r) bytes += r.size ?? r.buffer.size - (r.offset ?? 0);
    else if (r && typeof r === 'object' && 'size' in (r as object) && 'usage' in (r as object)) bytes += (r as unknown as GPUBuffer).size;
  }
  groupBytes.set(group, bytes);
  return group;
};
const createCommandEncoder = device.createCommandEncoder.bind(device);
device.createCommandEncoder = (descriptor?: GPUCommandEncoderDescriptor) => {
  const encoder = createCommandEncoder(descriptor);
  const begin = encoder.beginComputePass.bind(encoder);
  encoder.beginComputePass = (d?: GPUComputePassDescriptor) => {
    const pass = begin(d);
    let kernel = '?', bytes = 0;
    const setPipeline = pass.setPipeline.bind(pass), setBindGroup = pass.setBindGroup.bind(pass);
    const direct = pass.dispatchWorkgroups.bind(pass), indirect = pass.dispatchWorkgroupsIndirect.bind(pass);
    const count = () => { tally.dispatches++; tally.boundBytes += bytes; tally.byKernel.set(kernel, (tally.byKernel.get(kernel) ?? 0) + 1); };
    pass.setPipeline = (p: GPUComputePipeline) => { kernel = pipelineNames.get(p) ?? p.label ?? '?'; setPipeline(p); };
    pass.setBindGroup = ((index: number, group: GPUBindGroup | null, ...rest: never[]) => { if (index === 0) bytes = group ? groupBytes.get(group) ?? 0 : 0; setBindGroup(index, group, ...rest); }) as GPUComputePassEncoder['setBindGroup'];
    pass.dispatchWorkgroups = (x: number, y?: number, z?: number) => { count(); direct(x, y, z); };
    pass.dispatchWorkgroupsIndirect = (b: GPUBuffer, o: number) => { count(); tally.indirect++; indirect(b, o); };
    return pass;
  };
  return encoder;
};
// Pipeline → entry point name, from the pipeline descriptors.
const pipelineNames = new WeakMap<GPUComputePipeline, string>();
for (const name of ['createComputePipeline', 'createComputePipelineAsync'] as const) {
  const original = (device[name] as (d: GPUComputePipelineDescriptor) => GPUComputePipeline | Promise<GPUComputePipeline>).bind(device);
  (device as unknown as Record<string, unknown>)[name] = (d: GPUComputePipelineDescriptor) => {
    const made = original(d);
    const label = d.compute.entryPoint ?? d.label ?? '?';
    if (made instanceof Promise) return made.then((p) => { pipelineNames.set(p, label); return p; });
    pipelineNames.set(made, label);
    return made;
  };
}
const submit = device.queue.submit.bind(device.queue);
device.queue.submit = (buffers: Iterable<GPUCommandBuffer>) => { tally.submits++; submit(buffers); };
const createBuffer = device.createBuffer.bind(device);
device.createBuffer = (descriptor: GPUBufferDescriptor) => {
  const buffer = createBuffer(descriptor);
  if (descriptor.usage & GPUBufferUsage.MAP_READ) {
    const map = buffer.mapAsync.bind(buffer);
    buffer.mapAsync = (mode: GPUMapModeFlags, offset?: number, size?: number) => { tally.readbacks++; return map(mode, offset, size); };
  }
  return buffer;
};

type Delta = { units: number; dispatches: number; indirect: number; bytesPerParticle: number; submits: number; readbacks: number; chunks: number; byKernel: Record<string, number> };
/** Per unit (step or sweep): the difference between a long and a short run, so that setup and the first chunk cancel. */
function perUnit(a: Tally, b: Tally, units: number, chunks: number): Delta {
  // b and a are the totals of a long and a short run (each already a difference of snapshots).
  const byKernel: Record<string, number> = {};
  for (const [k, v] of b.byKernel) { const d = (v - (a.byKernel.get(k) ?? 0)) / units; if (d > 0) byKernel[k] = Number(d.toFixed(3)); }
  return {
    units, dispatches: (b.dispatches - a.dispatches) / units, indirect: (b.indirect - a.indirect) / units,
    bytesPerParticle: (b.boundBytes - a.boundBytes) / units / n, submits: b.submits - a.submits, readbacks: b.readbacks - a.readbacks, chunks, byKernel,
  };
}

const model = MODELS.soft2d;
const start = quench(model, jitteredLattice(model, n, 1), { algorithm: 'fire', maxSteps: 300 }).final;
const results: Record<string, Delta> = {};
/** Counts of y minus counts of x. */
const diff = (x: Tally, y: Tally): Tally => ({
  dispatches: y.dispatches - x.dispatches, indirect: y.indirect - x.indirect, boundBytes: y.boundBytes - x.boundBytes, submits: y.submits - x.submits,
  readbacks: y.readbacks - x.readbacks, byKernel: new Map([...y.byKernel].map(([k, v]) => [k, v - (x.byKernel.get(k) ?? 0)])),
});
for (const algorithm of ['sd', 'fire'] as const) {
  const run = (steps: number) => quenchGpu(model, start, { algorithm, tMax: 1e9, forceTolerance: 0, maxSteps: steps, samplesPerDecade: 10 }, gpu);
  await run(8); // pipelines compiled
  const a0 = snapshot(); const short = await run(100); const a1 = snapshot();
  const long = await run(600); const a2 = snapshot();
  // (600-step run) − (100-step run), per extra step: setup and the first chunk cancel.
  const perStep = perUnit(diff(a0, a1), diff(a1, a2), 500, long.chunks - short.chunks);
  perStep.submits = a2.submits - a1.submits - (a1.submits - a0.submits); perStep.readbacks = a2.readbacks - a1.readbacks - (a1.readbacks - a0.readbacks);
  results[algorithm] = perStep;
}
{
  const mc = await GpuMonteCarlo.create(model, start, { gpu, temperature: 0.3, seed: 7 });
  await mc.sweeps(2);
  const a0 = snapshot(); await mc.sweeps(8); const a1 = snapshot(); await mc.sweeps(72); const a2 = snapshot();
  const perSweep = perUnit(diff(a0, a1), diff(a1, a2), 64, Number.NaN);
  perSweep.submits = a2.submits - a1.submits - (a1.submits - a0.submits); perSweep.readbacks = a2.readbacks - a1.readbacks - (a1.readbacks - a0.readbacks);
  results.mc = perSweep;
  mc.destroy();
}

console.log(`# GlassLab WebGPU cost plan, ${model.label}, N = ${n}; counted on adapter: ${gpu.adapterName} (hardware-independent)`);
console.log(`# ceilings for a GPU with ${BANDWIDTH / 1e12} TB/s and ${DISPATCH_SECONDS * 1e6} µs per dispatch (an indirect dispatch counted twice: Dawn's validation dispatch)`);
console.log('unit        dispatches  (indirect)  bytes bound/particle  submits  readbacks  (extra chunks)  dispatch-bound units/s  bandwidth-bound particle-units/s  ceiling units/s at this N');
const rows = [];
for (const [name, r] of [['SD step', results.sd], ['FIRE step', results.fire], ['MC sweep', results.mc]] as const) {
  const effective = r.dispatches + r.indirect;
  const dispatchBound = 1 / (effective * DISPATCH_SECONDS);
  const bandwidthBound = BANDWIDTH / r.bytesPerParticle;
  const ceiling = Math.min(dispatchBound, bandwidthBound / n);
  rows.push({ unit: name, ...r, dispatchBoundPerSecond: dispatchBound, bandwidthBoundParticleUnitsPerSecond: bandwidthBound, ceilingPerSecond: ceiling });
  console.log(`${name.padEnd(10)}  ${r.dispatches.toFixed(2).padStart(10)}  ${r.indirect.toFixed(2).padStart(10)}  ${r.bytesPerParticle.toFixed(0).padStart(20)}  ${String(r.submits).padStart(7)}  ${String(r.readbacks).padStart(9)}  ${String(r.chunks).padStart(8)}  `
    + `${dispatchBound.toExponential(2).padStart(22)}  ${bandwidthBound.toExponential(2).padStart(32)}  ${ceiling.toExponential(2).padStart(25)}`);
  console.log(`            per kernel: ${Object.entries(r.byKernel).map(([k, v]) => `${k} ${v}`).join(', ')}`);
}
console.log('# SD/FIRE rows: per step of a 600-step quench minus a 100-step one (samples, list checks and rebuild halts amortized); submits, readbacks and chunks: those of the 600-step run minus those of the 100-step run (readbacks per chunk = their ratio).');
console.log('# MC row: per sweep of 72 sweeps minus 8; submits/readbacks: those of the 72-sweep call minus those of the 8-sweep call.');
const path = writeBenchJson('gpu-cost', { n, model: model.name, adapter: gpu.adapterName, bandwidth: BANDWIDTH, dispatchSeconds: DISPATCH_SECONDS, rows });
if (path) console.log(`# JSON: ${path}`);
gpu.destroy();
process.exit(0);
