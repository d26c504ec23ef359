// shaders/philox.wgsl against src/physics/rng.ts: the same Philox4x32-10 bits on both sides, and the same conversions.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acquireGpu, type GpuContext } from '../../src/gpu/device.ts';
import { centeredFromBits, GPU_MONTE_CARLO_STREAM, indexFromBits, sweepDraws, trialBlock, uniformFromBits } from '../../src/gpu/philox.ts';
import { tabulatePhiloxOnGpu } from '../../src/gpu/philoxTable.ts';
import { createRng, philox4x32 } from '../../src/physics/rng.ts';
import { gpuAvailable, NO_GPU } from './gpuTestContext.ts';

/** Counters and keys that reach every carry in mulhi: edges (0, 1, 2³² − 1, 2³¹, 0xffff…), then random words. */
function philoxInputs(entries: number): Uint32Array<ArrayBuffer> {
  const edges = [0, 1, 2, 0xffff, 0x10000, 0x7fffffff, 0x80000000, 0xfffffffe, 0xffffffff];
  const rng = createRng(12345, 77);
  const inputs = new Uint32Array(6 * entries);
  for (let k = 0; k < inputs.length; k++) inputs[k] = k < 6 * edges.length * 6 ? edges[(k * 7 + Math.floor(k / 6)) % edges.length] : rng.nextU32();
  return inputs;
}

describe('conversions of Philox words (TypeScript)', () => {
  it('uniform in [0, 1), centered odd under bitwise not, index in [0, n)', () => {
    expect(uniformFromBits(0)).toBe(0);
    expect(uniformFromBits(0xffffffff)).toBe(1 - 2 ** -24);
    for (const x of [0, 1, 255, 256, 0x7fffffff, 0x80000000, 0xdeadbeef, 0xffffffff]) {
      expect(centeredFromBits(x)).toBe(-centeredFromBits(~x >>> 0));
      expect(Math.abs(centeredFromBits(x))).toBeLessThan(1);
      expect(Math.fround(centeredFromBits(x))).toBe(centeredFromBits(x)); // exact in f32
    }
    expect(indexFromBits(0xffffffff, 7)).toBe(6);
    expect(indexFromBits(0, 7)).toBe(0);
  });

  it('per-sweep draws and trial blocks are the Philox words of their documented counters', () => {
    const next = sweepDraws(9, 41);
    const block = philox4x32(41, 0, 0, 0xffffffff, 9, GPU_MONTE_CARLO_STREAM, new Uint32Array(4));
    expect([next(), next(), next(), next()]).toEqual(Array.from(block));
    expect(next()).toBe(philox4x32(41, 0, 1, 0xffffffff, 9, GPU_MONTE_CARLO_STREAM, new Uint32Array(4))[0]);
    expect(Array.from(trialBlock(9, 41, 17, 3, 1, 2))).toEqual(Array.from(philox4x32(41, 17, 7, 2, 9, GPU_MONTE_CARLO_STREAM, new Uint32Array(4))));
  });
});

describe.skipIf(!gpuAvailable)(`Philox4x32-10 in WGSL${gpuAvailable ? '' : ` (${NO_GPU})`}`, () => {
  let gpu: GpuContext;
  beforeAll(async () => { gpu = await acquireGpu(); });
  afterAll(() => gpu?.destroy());

  it('equals src/physics/rng.ts philox4x32 bit for bit on 20000 (counter, key) pairs, and the conversions agree', async () => {
    const entries = 20_000;
    const inputs = philoxInputs(entries);
    const gpuTable = await tabulatePhiloxOnGpu(gpu, inputs);
    const out = new Uint32Array(4);
    let wordMismatches = 0, conversionMismatches = 0;
    for (let e = 0; e < entries; e++) {
      const b = 6 * e;
      philox4x32(inputs[b], inputs[b + 1], inputs[b + 2], inputs[b + 3], inputs[b + 4], inputs[b + 5], out);
      for (let k = 0; k < 4; k++) if (gpuTable.words[4 * e + k] !== out[k]) wordMismatches++;
      if (gpuTable.uniform[e] !== uniformFromBits(out[0])) conversionMismatches++;
      if (gpuTable.centered[e] !== centeredFromBits(out[1])) conversionMismatches++;
      if (gpuTable.index[e] !== indexFromBits(out[2], 1000)) conversionMismatches++;
    }
    console.log(`philox: ${entries} blocks compared, ${wordMismatches} word and ${conversionMismatches} conversion mismatches`);
    expect(wordMismatches).toBe(0);
    expect(conversionMismatches).toBe(0);
  });

  it('reproduces the serial generator\'s stream: createRng(seed, stream) draw k is word k mod 4 of counter ⌊k/4⌋', async () => {
    const seed = 2024, stream = 4, blocks = 64;
    const inputs = new Uint32Array(6 * blocks);
    for (let c = 0; c < blocks; c++) inputs.set([c, 0, 0, 0, seed, stream], 6 * c);
    const gpuTable = await tabulatePhiloxOnGpu(gpu, inputs);
    const rng = createRng(seed, stream);
    expect(Array.from(gpuTable.words)).toEqual(Array.from({ length: 4 * blocks }, () => rng.nextU32()));
  });
});
