// Philox4x32-10: Random123 known-answer vectors, the 32-bit mulhi, uniformity and reproducibility of the streams.
import { describe, expect, it } from 'vitest';
import { createRng, mulhi32, philox4x32, Streams } from '../src/physics/rng.ts';
import { chiSquareSurvival } from './statistics.ts';

const hex = (a: Uint32Array) => Array.from(a, (x) => x.toString(16).padStart(8, '0')).join(' ');


describe('Philox4x32-10', () => {
  // Random123 kat_vectors (philox4x32 10 rounds): counter c0..c3, key k0 k1 → four output words.
  const kat: Array<[number[], number[], string]> = [
    [[0, 0, 0, 0], [0, 0], '6627e8d5 e169c58d bc57ac4c 9b00dbd8'],
    [[0xffffffff, 0xffffffff, 0xffffffff, 0xffffffff], [0xffffffff, 0xffffffff], '408f276d 41c83b0e a20bc7c6 6d5451fd'],
    [[0x243f6a88, 0x85a308d3, 0x13198a2e, 0x03707344], [0xa4093822, 0x299f31d0], 'd16cfe09 94fdcceb 5001e420 24126ea1'],
  ];
  it.each(kat)('matches the Random123 known-answer vector %#', (c, k, expected) => {
    expect(hex(philox4x32(c[0], c[1], c[2], c[3], k[0], k[1], new Uint32Array(4)))).toBe(expected);
  });

  it('mulhi32 equals the high word of the exact 64-bit product', () => {
    const rng = createRng(12345, 0);
    const edge = [0, 1, 2, 0xffff, 0x10000, 0x7fffffff, 0x80000000, 0xfffffffe, 0xffffffff, 0xd2511f53, 0xcd9e8d57];
    const cases: Array<[number, number]> = [];
    for (const a of edge) for (const b of edge) cases.push([a, b]);
    for (let k = 0; k < 20000; k++) cases.push([rng.nextU32(), rng.nextU32()]);
    for (const [a, b] of cases) expect(mulhi32(a, b)).toBe(Number((BigInt(a) * BigInt(b)) >> 32n));
  });
});

describe('the chi-square tail used below', () => {
  it('reproduces tabulated quantiles', () => {
    expect(chiSquareSurvival(3.841458820694124, 1)).toBeCloseTo(0.05, 10);
    expect(chiSquareSurvival(123.22522145336181, 99)).toBeCloseTo(0.05, 8); // scipy.stats.chi2.isf(0.05, 99)
    expect(chiSquareSurvival(148.23035916510173, 99)).toBeCloseTo(0.001, 8); // scipy.stats.chi2.isf(0.001, 99)
  });
});

describe('createRng streams', () => {
  it('uniform() is uniform on [0, 1): chi-square over 100 bins, 1e5 draws, p > 1e-3', () => {
    const rng = createRng(2024, Streams.monteCarlo);
    const bins = 100, draws = 100_000;
    const counts = new Float64Array(bins);
    let outside = 0;
    for (let k = 0; k < draws; k++) {
      const u = rng.uniform();
      if (!(u >= 0 && u < 1)) outside++;
      else counts[Math.floor(u * bins)]++;
    }
    expect(outside).toBe(0);
    const expected = draws / bins;
    let stat = 0;
    for (const o of counts) stat += ((o - expected) * (o - expected)) / expected;
    const p = chiSquareSurvival(stat, bins - 1);
    console.log(`uniform(): chi-square ${stat.toFixed(1)} on ${bins - 1} df, p = ${p.toFixed(3)}`);
    expect(p).toBeGreaterThan(1e-3);
  });

  it('consecutive pairs (u_k, u_k+1) fill the unit square uniformly (10×10 cells, p > 1e-3)', () => {
    const rng = createRng(7, 3);
    const m = 10, pairs = 100_000;
    const counts = new Float64Array(m * m);
    for (let k = 0; k < pairs; k++) counts[Math.floor(rng.uniform() * m) * m + Math.floor(rng.uniform() * m)]++;
    const expected = pairs / (m * m);
    let stat = 0;
    for (const o of counts) stat += ((o - expected) * (o - expected)) / expected;
    expect(chiSquareSurvival(stat, m * m - 1)).toBeGreaterThan(1e-3);
  });

  it('the same (seed, stream) gives the same sequence; another stream or seed a different one', () => {
    const draw = (seed: number, stream: number) => { const r = createRng(seed, stream); return Array.from({ length: 64 }, () => r.uniform()); };
    expect(draw(99, Streams.monteCarlo)).toEqual(draw(99, Streams.monteCarlo));
    const other = draw(99, Streams.positions);
    const base = draw(99, Streams.monteCarlo);
    expect(other.filter((u, k) => u === base[k]).length).toBe(0);
    const otherSeed = draw(100, Streams.monteCarlo);
    expect(otherSeed.filter((u, k) => u === base[k]).length).toBe(0);
  });

  it('the sequential view follows the counter: draw k is word k mod 4 of block ⌊k/4⌋', () => {
    const seed = 31337, stream = 5;
    const rng = createRng(seed, stream);
    const block = new Uint32Array(4);
    for (let k = 0; k < 40; k++) {
      philox4x32(Math.floor(k / 4), 0, 0, 0, seed, stream, block);
      expect(rng.nextU32()).toBe(block[k % 4]);
    }
    expect(rng.position).toBe(40);
  });

  it('rejects seeds outside [0, 2^32)', () => {
    expect(() => createRng(-1)).toThrow(/seed/);
    expect(() => createRng(1.5)).toThrow(/seed/);
    expect(() => createRng(2 ** 32)).toThrow(/seed/);
  });
});
