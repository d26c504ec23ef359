// `glasslab quench|ensemble|eval --engine gpu|cpu|auto` end to end: the JSON names the engine that ran; without a usable GPU one
// line on stderr says so and the float64 engine runs (GLASSLAB_GPU_FAILURE simulates no adapter, or a device lost mid-run).
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { gpuAvailable, NO_GPU } from './gpuTestContext.ts';

const bin = join(__dirname, '..', '..', 'bin', 'glasslab.mjs');
const dir = mkdtempSync(join(tmpdir(), 'glasslab-gpu-cli-'));

/** Runs the command; stderr without the Vulkan loader's XDG_RUNTIME_DIR chatter. */
function glasslab(args: string[], env: Record<string, string> = {}) {
  const r = spawnSync('node', [bin, ...args], { cwd: dir, encoding: 'utf8', env: { ...process.env, ...env }, timeout: 120_000 });
  const stderr = r.stderr.split('\n').filter((l) => l.trim() !== '' && !l.includes('XDG_RUNTIME_DIR')).join('\n');
  return { status: r.status, json: r.status === 0 && r.stdout.trim() ? JSON.parse(r.stdout) : null, stderr };
}

const quenchArgs = ['quench', '--in', 'eq.xyz', '--algorithm', 'sd', '--t-max', '2', '--fit-min', '0.2', '--fit-max', '2', '--json', '--quiet'];

describe('glasslab --engine', () => {
  beforeAll(() => {
    execFileSync('node', [bin, 'equilibrate', '--model', 'soft2d', '--n', '300', '--temperature', '0.8', '--sweeps', '200', '--seed', '4', '--out', 'eq.xyz', '--quiet'], { cwd: dir });
  });

  it('--engine cpu is the float64 engine as before (same output as no --engine)', () => {
    const plain = glasslab([...quenchArgs, '--out', 'plain.xyz']);
    const cpu = glasslab([...quenchArgs, '--out', 'cpu.xyz', '--engine', 'cpu']);
    expect(cpu.status).toBe(0);
    expect(cpu.stderr).toBe('');
    expect(cpu.json.engine).toBe('cpu');
    expect(cpu.json.series).toEqual(plain.json.series);
    expect(cpu.json.energyPerParticle).toBe(plain.json.energyPerParticle);
  });

  it('without an adapter, --engine gpu says so in one line and runs the float64 engine', () => {
    const r = glasslab([...quenchArgs, '--out', 'fallback.xyz', '--engine', 'gpu'], { GLASSLAB_GPU_FAILURE: 'no-adapter' });
    expect(r.status).toBe(0);
    expect(r.stderr.split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/^glasslab quench: GPU unavailable \(no WebGPU adapter.*\): running on the float64 engine$/);
    expect(r.json.engine).toBe('cpu');
    expect(r.json.engineNotes).toHaveLength(1);
  });

  it('eval --engine gpu without an adapter says so in one line and gives the float64 numbers', () => {
    const cpu = glasslab(['eval', '--in', 'eq.xyz', '--json']);
    const r = glasslab(['eval', '--in', 'eq.xyz', '--json', '--engine', 'gpu'], { GLASSLAB_GPU_FAILURE: 'no-adapter' });
    expect(cpu.json.engine).toBe('cpu');
    expect(r.status).toBe(0);
    expect(r.stderr).toMatch(/^glasslab eval: GPU unavailable \(no WebGPU adapter.*\): running on the float64 engine$/);
    expect(r.json.engine).toBe('cpu');
    expect(r.json.energy).toBe(cpu.json.energy);
    expect(r.json.forces).toEqual(cpu.json.forces);
  });

  it('rejects an unknown engine with one line', () => {
    const r = glasslab([...quenchArgs, '--out', 'x.xyz', '--engine', 'tpu']);
    expect(r.status).toBe(1);
    expect(r.stderr).toBe('glasslab quench: --engine must be gpu, cpu or auto, got "tpu"');
  });

  // Each test spawns several GPU commands on SwiftShader (a CPU emulation): minutes on a loaded 2-core machine.
  describe.skipIf(!gpuAvailable)(`on a WebGPU adapter${gpuAvailable ? '' : ` (${NO_GPU})`}`, { timeout: 400_000 }, () => {
    it('--engine gpu runs on the GPU and says so in the JSON; the series matches the float64 one', () => {
      const gpu = glasslab([...quenchArgs, '--out', 'gpu.xyz', '--engine', 'gpu']);
      const cpu = glasslab([...quenchArgs, '--out', 'cpu2.xyz', '--engine', 'cpu']);
      expect(gpu.status).toBe(0);
      expect(gpu.stderr).toBe('');
      expect(gpu.json.engine).toBe('gpu');
      expect(typeof gpu.json.adapter).toBe('string');
      expect(gpu.json.series.t).toEqual(cpu.json.series.t);
      expect(Math.abs(gpu.json.fit.beta - cpu.json.fit.beta)).toBeLessThan(1e-3);
      const auto = glasslab([...quenchArgs, '--out', 'auto.xyz', '--engine', 'auto']);
      expect(auto.json.engine).toBe('gpu');
    });

    it('eval --engine gpu computes E and f_i on the GPU: float32 forces within round-off of the float64 ones', () => {
      const cpu = glasslab(['eval', '--in', 'eq.xyz', '--json']);
      const gpu = glasslab(['eval', '--in', 'eq.xyz', '--json', '--engine', 'gpu']);
      expect(gpu.status).toBe(0);
      expect(gpu.stderr).toBe('');
      expect(gpu.json.engine).toBe('gpu');
      expect(typeof gpu.json.adapter).toBe('string');
      expect(Math.abs(gpu.json.energy - cpu.json.energy)).toBeLessThan(1e-5 * Math.abs(cpu.json.energy));
      const scale = cpu.json.maxForce;
      let worst = 0;
      cpu.json.forces.forEach((f: number[], i: number) => f.forEach((x, a) => { worst = Math.max(worst, Math.abs(gpu.json.forces[i][a] - x)); }));
      expect(worst).toBeLessThan(1e-4 * scale);
      expect(worst).toBeGreaterThan(0); // float32 forces: not the float64 bits (the test would pass vacuously on float64)
    });

    it('a device lost mid-run falls back to float64 with one line, and the result is complete', () => {
      const r = glasslab([...quenchArgs, '--out', 'lost.xyz', '--engine', 'gpu'], { GLASSLAB_GPU_FAILURE: 'lost' });
      expect(r.status).toBe(0);
      expect(r.stderr).toMatch(/^glasslab quench: GPU quench failed \(.*GLASSLAB_GPU_FAILURE=lost\): running on the float64 engine$/);
      expect(r.json.engine).toBe('cpu');
      expect(r.json.stopReason).toBe('t-max');
    });

    it('FIRE on the GPU stops at the float32 tolerance; the ensemble names its engine', () => {
      const fire = glasslab(['quench', '--in', 'eq.xyz', '--algorithm', 'fire', '--out', 'fire.xyz', '--json', '--quiet', '--engine', 'gpu']);
      expect(fire.json.engine).toBe('gpu');
      expect(fire.json.stopReason).toBe('force-tolerance');
      expect(fire.json.forceTolerance).toBe(1e-4);
      expect(fire.json.maxForce).toBeLessThan(1e-4);
      const ensemble = glasslab(['ensemble', '--model', 'harmonic2d', '--n', '200', '--temperature', 'inf', '--samples', '2', '--t-max', '10',
        '--fit-min', '1', '--fit-max', '10', '--json', '--quiet', '--engine', 'gpu']);
      expect(ensemble.status).toBe(0);
      expect(ensemble.json.engine).toBe('gpu');
      expect(ensemble.json.samples).toBe(2);
    });
  });
});
