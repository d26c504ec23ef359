// Share links under fire: ≥ 10,000 random and mutated links (cut, bit-flipped, base64 garbage, valid DEFLATE of hostile JSON,
// bombs, newer versions) into the decoder — each loads and re-encodes to an equal payload, or gives one clear line; nothing
// throws. Plus spec → link → spec exactly for random valid payloads (T = ∞ included). Seeded: a failure names its case.
import { createRng, Streams } from '../src/physics/rng.ts';
import { describe, expect, it } from 'vitest';
import type { RunSpec } from '../src/engine/runSpec.ts';
import { maxDt } from '../src/engine/limits.ts';
import { ALGORITHMS } from '../src/physics/descent/quench.ts';
import { getModel, MODEL_NAMES } from '../src/physics/models.ts';
import { decodeShareLink, encodeShareLink, SCALING_Z_RANGE, SHARE_COLOR_MODES, SHARE_ENGINES, SHARE_LIMITS, type DecodedShareLink, type ShareJob, type SharePayload, type ShareResult } from '../src/io/shareLink.ts';
import { base64UrlDecode, base64UrlEncode, deflateRaw } from '../src/io/shareLinkCodec.ts';
import { roundResultNumber, toWire } from '../src/io/shareLinkWire.ts';

/** The project's counter-based generator (src/physics/rng.ts), seeded, so every case reproduces from its index. */
function rng(seed: number) {
  const philox = createRng(seed, Streams.bootstrap + 7);
  const next = () => philox.uniform();
  const int = (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1));
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)];
  const logUniform = (lo: number, hi: number) => Math.exp(Math.log(lo) + next() * (Math.log(hi) - Math.log(lo)));
  return { next, int, pick, logUniform, chance: (p: number) => next() < p };
}
type Rng = ReturnType<typeof rng>;

const NAME_CHARS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._-';

function randomSpec(r: Rng): RunSpec {
  const tMin = r.logUniform(1e-3, 1e3);
  const tMax = r.logUniform(1e-2, 1e7);
  const model = r.pick(MODEL_NAMES);
  const infinite = r.chance(0.25) && !model.startsWith('ka'); // Kob–Andersen cannot start from T = ∞ (validateRunSpec)
  return {
    model, n: Math.round(r.logUniform(2, SHARE_LIMITS.maxN)), temperature: infinite ? Infinity : r.logUniform(1e-3, 50),
    seed: r.int(0, 0xffffffff), sweeps: r.chance(0.2) ? 0 : Math.round(r.logUniform(1, SHARE_LIMITS.maxSweeps)), algorithm: r.pick(ALGORITHMS),
    ...(r.chance(0.5) ? { dt: r.logUniform(maxDt(model) / 1e3, maxDt(model)) } : {}), tMax, forceTolerance: r.chance(0.5) ? 0 : r.logUniform(1e-14, 1),
    fitWindow: { tMin, tMax: tMin * (1 + r.logUniform(1e-6, 1e4)) },
    ...(r.chance(0.3) ? { initialState: `${r.pick([...NAME_CHARS.slice(0, 62)])}${Array.from({ length: r.int(0, 30) }, () => r.pick([...NAME_CHARS])).join('')}.xyz` } : {}),
  };
}

function randomJob(r: Rng): ShareJob {
  const kind = r.pick(['single', 'ensemble', 'sweep', 'compare'] as const);
  const samples = r.int(1, SHARE_LIMITS.maxSamples);
  if (kind === 'ensemble') return { kind, samples };
  if (kind === 'sweep') return { kind, samples, temperatures: Array.from({ length: r.int(SHARE_LIMITS.minTemperatures, SHARE_LIMITS.maxTemperatures) }, () => (r.chance(0.2) ? Infinity : r.logUniform(1e-3, 10))) };
  return { kind };
}

function randomResult(r: Rng, points: number): ShareResult {
  let t = 0;
  const ts = Array.from({ length: points }, (_, k) => (k === 0 ? 0 : (t += r.logUniform(1e-4, 10))));
  const fitBeta = r.next() * 2;
  return {
    t: ts, speed: ts.map(() => r.logUniform(1e-9, 10)), engine: r.pick(['gpu', 'cpu'] as const),
    fit: r.chance(0.2) ? null : { beta: fitBeta, low: fitBeta - r.next() * 0.1, high: fitBeta + r.next() * 0.1, tMin: 3, tMax: r.pick([100, 1000]) },
  };
}

/** A valid payload; its result (40% of them) has up to maxPoints points. */
function randomPayload(r: Rng, maxPoints: number): SharePayload {
  const a = r.next() * 10 - 5;
  const spec = randomSpec(r);
  return {
    v: 1, spec, job: randomJob(r),
    ...(r.chance(0.6) ? { view: { colorMode: r.pick(SHARE_COLOR_MODES), range: r.chance(0.5) ? null : [a, a + r.logUniform(1e-6, 100)] as [number, number], logScale: r.chance(0.5), arrows: r.chance(0.5), magnification: r.logUniform(0.1, 1000), showEnergy: r.chance(0.5), showLocalSlope: r.chance(0.5) } } : {}),
    ...(r.chance(0.5) ? { engine: r.pick(SHARE_ENGINES) } : {}),
    ...(r.chance(0.4) ? { result: randomResult(r, r.int(1, maxPoints)) } : {}),
    ...randomScalingAndProjection(r, getModel(spec.model).dim),
  };
}

/** The finite-size scaling set-up (30%) and, for a D > 3 model, projection axes (half of them). */
function randomScalingAndProjection(r: Rng, dim: number): Pick<SharePayload, 'scaling' | 'projection'> {
  const out: Pick<SharePayload, 'scaling' | 'projection'> = {};
  if (r.chance(0.3)) {
    const sizes = [...new Set(Array.from({ length: r.int(2, SHARE_LIMITS.maxScalingSizes) }, () => r.int(SHARE_LIMITS.minNScaling, SHARE_LIMITS.maxNScaling)))];
    if (sizes.length >= 2) out.scaling = { sizes, samples: r.int(1, SHARE_LIMITS.maxSamples), z: r.chance(0.5) ? null : SCALING_Z_RANGE[0] + r.next() * (SCALING_Z_RANGE[1] - SCALING_Z_RANGE[0]) };
  }
  if (dim > 3 && r.chance(0.5)) {
    const axes = [...Array(dim).keys()].sort(() => r.next() - 0.5);
    out.projection = { shown: axes.slice(0, r.int(2, 3)), hidden: axes[3] };
  }
  return out;
}

function rounded(result: ShareResult): ShareResult {
  const f = result.fit;
  return {
    t: result.t.map(roundResultNumber), speed: result.speed.map(roundResultNumber), engine: result.engine,
    fit: f && { beta: roundResultNumber(f.beta), low: roundResultNumber(f.low), high: roundResultNumber(f.high), tMin: roundResultNumber(f.tMin), tMax: roundResultNumber(f.tMax) },
  };
}

// ---------------------------------------------------------------- hostile links

const fragmentOfText = (json: string) => `#v1.${base64UrlEncode(deflateRaw(new TextEncoder().encode(json)))}`;

const RAW_VALUES = [
  'NaN', 'Infinity', '-Infinity', '1e999', '-1e999', '-0', '1e-400', '0', '1.5', '2', '262144', '262145', '4294967295', '4294967296', '-1', '1e308',
  'true', 'false', 'null', '""', '"inf"', '"-inf"', '"Infinity"', '"NaN"', '"soft2d"', '"constructor"', '"__proto__"', '"toString"', '"\\ud800"',
  '[]', '{}', '[1,2]', '[3,100]', '[100,3]', '{"tMin":3,"tMax":100}', '{"__proto__":{"polluted":true}}', '{"constructor":{"prototype":{"polluted":true}}}',
  '"single"', '"sweep"', '"ensemble"', '"gpu"', '"x.xyz"', '"../../etc/passwd.xyz"', '"a/b.xyz"',
];
const HUGE_ARRAY = `[${Array.from({ length: 100_000 }, (_, k) => k % 10).join(',')}]`;
const HUGE_STRING = `"${'a'.repeat(200_000)}"`;
const DEEP = `${'['.repeat(5000)}1${']'.repeat(5000)}`;
const DEEP_OBJECT = `${'{"a":'.repeat(3000)}1${'}'.repeat(3000)}`;
const BIG_RAW = [HUGE_ARRAY, HUGE_STRING, DEEP, DEEP_OBJECT];

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

function paths(value: Json, prefix: (string | number)[] = [], out: (string | number)[][] = []): (string | number)[][] {
  out.push(prefix);
  if (Array.isArray(value)) value.slice(0, 6).forEach((v, i) => paths(v, [...prefix, i], out));
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) paths(v, [...prefix, k], out);
  return out;
}

/** Valid JSON text of the payload's wire form with one hostile change at a random place. */
function hostileJson(r: Rng, p: SharePayload): string {
  const wire = JSON.parse(JSON.stringify(toWire(p, true))) as Json;
  const all = paths(wire);
  const path = r.pick(all);
  const raws: string[] = [];
  const marker = (raw: string) => { raws.push(raw); return `@@RAW${raws.length - 1}@@`; };
  const rare = r.chance(0.005);
  const replacement = (old: Json): Json => {
    const kind = r.int(0, 5);
    if (rare) return marker(r.pick(BIG_RAW));
    if (kind <= 2) return marker(r.pick(RAW_VALUES));
    if (kind === 3 && old && typeof old === 'object' && !Array.isArray(old) && Object.keys(old).length > 0) {
      return marker(`{"__proto__":{"polluted":true},${JSON.stringify(old).slice(1)}`);
    }
    if (kind === 4 && typeof old === 'number') return old * r.pick([-1, 10, 1e6, 0.5, 1 + 1e-15]);
    return [old];
  };
  let root: Json = wire;
  if (path.length === 0) root = r.chance(0.5) ? replacement(wire) : marker(r.pick(['[]', '1', '"x"', 'null', '{"s":1}']));
  else {
    let parent: Json = wire;
    for (const k of path.slice(0, -1)) parent = (parent as Record<string, Json>)[k as string];
    const key = path[path.length - 1];
    const obj = parent as Record<string | number, Json>;
    const action = r.int(0, 9);
    if (action === 0 && !Array.isArray(parent)) delete obj[key];
    else if (action === 1 && !Array.isArray(parent)) obj[r.pick(['x', 'constructor', 'toString', 'hasOwnProperty', 'S', 'v'])] = 1;
    else obj[key] = replacement(obj[key]);
  }
  return JSON.stringify(root).replace(/"@@RAW(\d+)@@"/g, (_, k: string) => raws[Number(k)]);
}

function mutateText(r: Rng, s: string): string {
  const kind = r.int(0, 6);
  const at = r.int(0, Math.max(0, s.length - 1));
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_+/=.#%~ é\u0000\n';
  if (kind === 0) return s.slice(0, at); // truncated
  if (kind === 1) return s.slice(0, at) + String.fromCharCode(s.charCodeAt(at) ^ (1 << r.int(0, 6))) + s.slice(at + 1); // bit flip
  if (kind === 2) return s.slice(0, at) + r.pick([...alphabet]) + s.slice(at + 1);
  if (kind === 3) return s.slice(0, at) + r.pick([...alphabet]) + s.slice(at);
  if (kind === 4) return s.slice(0, at) + s.slice(at + 1);
  if (kind === 5) return s + s.slice(4, 4 + r.int(1, 50)); // trailing garbage
  return s.replace(/^#v1\./, r.pick(['#v0.', '#v2.', '#v10.', '#v999999999.', '#V1.', '#v1', '#v1..', 'v1.', '#', '#v-1.', '#v01.']));
}

function mutateBytes(r: Rng, fragment: string): string {
  const bytes = base64UrlDecode(fragment.slice(4));
  const copy = bytes.slice(0, r.chance(0.3) ? r.int(0, bytes.length) : bytes.length);
  for (let k = r.int(1, 3); k > 0 && copy.length > 0; k--) copy[r.int(0, copy.length - 1)] ^= 1 << r.int(0, 7);
  return `#v1.${base64UrlEncode(copy)}`;
}

function garbage(r: Rng): string {
  const alphabets = ['ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_', '01', '=+/ \t', '\u00e9\u4e2d\ud83d\ude00'];
  const a = r.pick(alphabets);
  const body = Array.from({ length: r.int(0, 300) }, () => a[r.int(0, a.length - 1)]).join('');
  return r.pick(['#v1.', 'v1.', 'https://example.org/glasslab/#v1.', '#', '', 'https://example.org/?v1.']) + body;
}

// Decompression bombs: highly compressible data far beyond the inflate limit (one just under it must load).
const bombs = (() => {
  const valid = JSON.stringify(toWire({ v: 1, spec: { model: 'soft2d', n: 64, temperature: 0.5, seed: 3, sweeps: 200, algorithm: 'sd', tMax: 2, forceTolerance: 0, fitWindow: { tMin: 0.05, tMax: 2 } }, job: { kind: 'single' } }, false));
  return {
    spaces: fragmentOfText(' '.repeat(10_000_000) + valid),
    brackets: fragmentOfText('['.repeat(20_000_000)),
    zeros: `#v1.${base64UrlEncode(deflateRaw(new Uint8Array(20_000_000)))}`,
    hugeArray: fragmentOfText(`{"s":${HUGE_ARRAY.repeat(1)},"j":{"k":"single"}}`),
    deepUnderLimit: fragmentOfText(`${'['.repeat(100_000)}${']'.repeat(100_000)}`),
    justUnder: fragmentOfText(' '.repeat(SHARE_LIMITS.maxInflatedBytes - valid.length) + valid),
  };
})();

// ---------------------------------------------------------------- the checks

interface Stats { loaded: number; refused: Record<string, number> }

function check(link: string, stats: Stats, label: string): DecodedShareLink {
  let d: DecodedShareLink;
  try {
    d = decodeShareLink(link);
  } catch (e) {
    throw new Error(`${label}: decodeShareLink threw ${String(e)}`);
  }
  if (d.ok) {
    stats.loaded++;
    const again = decodeShareLink(encodeShareLink(d.payload, { maxChars: Infinity }).fragment);
    if (!again.ok) throw new Error(`${label}: a loaded link did not re-encode: ${again.error}`);
    expect(again.payload, label).toStrictEqual(d.payload);
  } else {
    stats.refused[d.kind] = (stats.refused[d.kind] ?? 0) + 1;
    if (d.kind === 'internal' || typeof d.error !== 'string' || d.error.length === 0 || d.error.length > 300 || d.error.includes('\n')) {
      throw new Error(`${label}: unclear error ${JSON.stringify(d)}`);
    }
  }
  return d;
}

describe('share links: fuzz', () => {
  it('decompression bombs are refused at the inflate limit (time printed, never asserted); a link just under it loads', () => {
    for (const [name, fragment] of Object.entries(bombs)) {
      expect(fragment.length, name).toBeLessThanOrEqual(SHARE_LIMITS.maxFragmentChars);
      const t0 = performance.now();
      const d = decodeShareLink(fragment);
      const ms = performance.now() - t0;
      console.log(`bomb ${name}: ${fragment.length} characters → ${d.ok ? 'loaded' : d.error} (${ms.toFixed(1)} ms)`);
      if (name === 'justUnder') expect(d.ok).toBe(true);
      else if (name === 'hugeArray' || name === 'deepUnderLimit') expect(d.ok ? '' : d.kind).toMatch(/too-large|bad-json|invalid/);
      else expect(d.ok ? '' : d.kind, name).toBe('too-large');
    }
  });

  it('≥ 10,000 random and mutated links: each loads and re-encodes to an equal payload, or gives one clear line', () => {
    const t0 = performance.now();
    const byCategory: Record<string, Stats> = {};
    const stats = (c: string) => (byCategory[c] ??= { loaded: 0, refused: {} });
    const bombList = Object.values(bombs);
    let cases = 0;
    for (let k = 0; k < 11_000; k++) {
      const r = rng(0x5eed0000 + k);
      const p = randomPayload(r, 60);
      const base = () => encodeShareLink(p, { maxChars: Infinity }).fragment;
      const which = k % 22;
      let category: string, link: string;
      if (which < 5) { category = 'text mutations'; link = mutateText(r, base()); for (let m = r.int(0, 2); m > 0; m--) link = mutateText(r, link); }
      else if (which < 9) { category = 'deflate bit flips'; link = mutateBytes(r, base()); }
      else if (which < 17) { category = 'hostile JSON'; link = fragmentOfText(hostileJson(r, p)); }
      else if (which < 19) { category = 'base64 garbage'; link = garbage(r); }
      else if (which < 20) { category = 'mutated bombs'; link = r.chance(0.5) ? mutateText(r, r.pick(bombList)) : mutateBytes(r, r.pick(bombList)); }
      else if (which < 21) { category = 'newer versions'; link = base().replace('#v1.', `#v${r.int(2, 1e6)}.`); }
      else { category = 'oversized'; link = `#v1.${'A'.repeat(SHARE_LIMITS.maxFragmentChars + r.int(0, 1000))}`; }
      check(link, stats(category), `case ${k} (${category})`);
      cases++;
    }
    const seconds = (performance.now() - t0) / 1000;
    const total: Stats = { loaded: 0, refused: {} };
    for (const [c, s] of Object.entries(byCategory)) {
      total.loaded += s.loaded;
      for (const [kind, n] of Object.entries(s.refused)) total.refused[kind] = (total.refused[kind] ?? 0) + n;
      console.log(`${c}: ${s.loaded} loaded, refused ${JSON.stringify(s.refused)}`);
    }
    console.log(`${cases} links in ${seconds.toFixed(1)} s: ${total.loaded} loaded, refused ${JSON.stringify(total.refused)}`);
    expect(cases).toBeGreaterThanOrEqual(10_000);
    expect(total.loaded).toBeGreaterThan(100);
    expect(byCategory['newer versions']).toStrictEqual({ loaded: 0, refused: { 'newer-version': 500 } });
    expect(byCategory.oversized.refused['too-long']).toBe(500);
    expect(Object.prototype.hasOwnProperty.call(Object.prototype, 'polluted')).toBe(false);
  });

  it('random valid payloads: spec, job, view and engine come back exactly (T = ∞ too), the result rounded, within limits', () => {
    let infinite = 0, included = 0, dropped = 0;
    for (let k = 0; k < 1000; k++) {
      const p = randomPayload(rng(0xa11ce000 + k), 1000);
      const e = encodeShareLink(p, { baseUrl: 'https://example.org/glasslab/?lecture=3#old' });
      expect(e.link.startsWith('https://example.org/glasslab/?lecture=3#v1.')).toBe(true);
      const d = decodeShareLink(e.link);
      if (!d.ok) throw new Error(`payload ${k}: ${d.error}`);
      const { result, ...rest } = p;
      const { result: back, ...restBack } = d.payload;
      expect(restBack).toStrictEqual(rest);
      if (p.spec.temperature === Infinity) infinite++;
      if (!result) expect(e.result).toBe('none');
      else if (e.result === 'included') { included++; expect(back).toStrictEqual(rounded(result)); expect(e.link.length).toBeLessThanOrEqual(SHARE_LIMITS.maxLinkCharsWithResult); }
      else { dropped++; expect(e.result).toBe('dropped'); expect(back).toBeUndefined(); expect(e.note).toMatch(/left out/); }
    }
    console.log(`random payloads: ${infinite} at T = ∞, results included ${included}, dropped ${dropped}`);
    expect(infinite).toBeGreaterThan(100);
    expect(included).toBeGreaterThan(50);
    expect(dropped).toBeGreaterThan(10);
  });
});
