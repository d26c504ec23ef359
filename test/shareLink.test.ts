// Share links: every preset round-trips exactly, the format is what the README says (#v1.<base64url(deflate-raw(JSON))>,
// readable by the platform's DecompressionStream), the limits hold, and each kind of bad link gets its own clear message.
import { describe, expect, it } from 'vitest';
import { MAX_SAMPLES } from '../src/engine/lab/ensembleJob.ts';
import { MAX_TEMPERATURES } from '../src/engine/lab/sweepJob.ts';
import { PRESETS, presetSpec } from '../src/engine/presets.ts';
import type { RunSpec } from '../src/engine/runSpec.ts';
import { decodeShareLink, encodeShareLink, SHARE_LIMITS, type DecodedShareLink, type ShareJob, type SharePayload } from '../src/io/shareLink.ts';
import { base64UrlDecode, base64UrlEncode, deflateRaw } from '../src/io/shareLinkCodec.ts';
import { toWire } from '../src/io/shareLinkWire.ts';
import { MAX_N } from '../src/state/specDraft.ts';
import { COLOR_MODES } from '../src/state/viewStore.ts';
import { SHARE_COLOR_MODES } from '../src/io/shareLinkTypes.ts';

const spec: RunSpec = { model: 'soft2d', n: 64, temperature: 0.5, seed: 3, sweeps: 200, algorithm: 'sd', tMax: 2, forceTolerance: 0, fitWindow: { tMin: 0.05, tMax: 2 } };
const JOBS: ShareJob[] = [{ kind: 'single' }, { kind: 'ensemble', samples: 1000 }, { kind: 'sweep', samples: 3, temperatures: [0.05, 0.2, Infinity] }, { kind: 'compare' }];

function payloadOf(d: DecodedShareLink): SharePayload {
  if (!d.ok) throw new Error(d.error);
  return d.payload;
}

function errorOf(d: DecodedShareLink): string {
  if (d.ok) throw new Error('the link loaded');
  return d.error;
}

const linkOfJson = (json: string, version = 1) => `#v${version}.${base64UrlEncode(deflateRaw(new TextEncoder().encode(json)))}`;
const wireJson = (p: SharePayload, patch: (w: Record<string, unknown>) => void) => {
  const w = JSON.parse(JSON.stringify(toWire(p, true))) as Record<string, unknown>;
  patch(w);
  return JSON.stringify(w);
};

describe('share links', () => {
  it('spec → URL → spec exactly for every preset, both sizes, every job kind, with view and engine', () => {
    for (const p of PRESETS) {
      for (const engine of ['gpu', 'cpu'] as const) {
        for (const job of JOBS) {
          const payload: SharePayload = {
            v: 1, spec: presetSpec(p, engine, 7), job, engine: 'auto',
            view: { colorMode: p.colorMode, range: [0, 0.25], logScale: true, arrows: false, magnification: 5, showEnergy: true, showLocalSlope: false },
          };
          const e = encodeShareLink(payload, { baseUrl: 'https://glasslab.example/lab/' });
          expect(e.result).toBe('none');
          expect(e.fragment).toMatch(/^#v1\.[A-Za-z0-9_-]+$/);
          expect(e.link.length).toBeLessThan(400);
          const back = payloadOf(decodeShareLink(e.link));
          expect(back).toStrictEqual(payload);
          expect(Object.is(back.spec.temperature, payload.spec.temperature)).toBe(true);
        }
      }
    }
  });

  it('is raw DEFLATE in base64url: a fragment written with CompressionStream("deflate-raw") loads, and ours inflates with DecompressionStream', async () => {
    const json = JSON.stringify(toWire({ v: 1, spec: { ...spec, temperature: Infinity }, job: { kind: 'single' } }, false));
    const compressed = new Uint8Array(await new Response(new Blob([json]).stream().pipeThrough(new CompressionStream('deflate-raw'))).arrayBuffer());
    expect(payloadOf(decodeShareLink(`#v1.${base64UrlEncode(compressed)}`)).spec.temperature).toBe(Infinity);
    const ours = encodeShareLink({ v: 1, spec, job: { kind: 'single' } }).fragment;
    const inflated = await new Response(new Blob([base64UrlDecode(ours.slice(4))]).stream().pipeThrough(new DecompressionStream('deflate-raw'))).text();
    expect(JSON.parse(inflated)).toMatchObject({ s: { m: 'soft2d', n: 64, T: 0.5 }, j: { k: 'single' } });
  });

  it('reads a whole URL, a #fragment or the bare v1.… (whitespace from line-wrapped mail ignored)', () => {
    const payload: SharePayload = { v: 1, spec, job: { kind: 'ensemble', samples: 10 } };
    const { fragment } = encodeShareLink(payload);
    const wrapped = `https://glasslab.example/lab/?x=1${fragment.slice(0, 20)}\n  ${fragment.slice(20)}`;
    for (const link of [fragment, fragment.slice(1), wrapped]) expect(payloadOf(decodeShareLink(link))).toStrictEqual(payload);
  });

  it('carries the result (rounded to 5 significant digits) only while the link stays under 8000 characters', () => {
    const t = Array.from({ length: 121 }, (_, k) => (k === 0 ? 0 : 0.01 * 10 ** (k / 20)));
    const result = { t, speed: t.map((x) => 0.3 * (1 + x) ** -0.9123456789), fit: { beta: 0.9123456789, low: 0.90011111, high: 0.92499999, tMin: 3, tMax: 100 }, engine: 'gpu' as const };
    const small = encodeShareLink({ v: 1, spec, job: { kind: 'single' }, result }, { baseUrl: 'https://glasslab.example/lab/' });
    expect(small.result).toBe('included');
    expect(small.link.length).toBeLessThanOrEqual(SHARE_LIMITS.maxLinkCharsWithResult);
    const back = payloadOf(decodeShareLink(small.link)).result!;
    expect(back.fit).toStrictEqual({ beta: 0.91235, low: 0.90011, high: 0.925, tMin: 3, tMax: 100 });
    back.speed.forEach((v, k) => expect(Math.abs(v / result.speed[k] - 1)).toBeLessThanOrEqual(5e-5));
    console.log(`a link with a 121-point curve and β: ${small.link.length} characters`);
    // A long noisy curve does not fit: the link is made without it and says so.
    const noisy = Array.from({ length: 1000 }, (_, k) => k + Math.sin(k * 12.9898) * 0.4);
    const big = encodeShareLink({ v: 1, spec, job: { kind: 'single' }, result: { ...result, t: noisy, speed: noisy.map((x) => 1 / (1 + x)) } });
    expect(big.result).toBe('dropped');
    expect(big.note).toMatch(/left out.*8000 characters/);
    expect(big.fragment.length).toBeLessThan(300);
    expect(payloadOf(decodeShareLink(big.link)).result).toBeUndefined();
  });

  it('refuses to make a link of an invalid payload', () => {
    expect(() => encodeShareLink({ v: 1, spec: { ...spec, tMax: Number.NaN }, job: { kind: 'single' } })).toThrow(/cannot make a link.*spec.tMax/);
    expect(() => encodeShareLink({ v: 1, spec: { ...spec, n: 1e7 }, job: { kind: 'single' } })).toThrow(/spec.n: expected an integer from 2 to 262144/);
  });

  it('one clear message per kind of bad link', () => {
    const p: SharePayload = { v: 1, spec, job: { kind: 'single' } };
    const { fragment } = encodeShareLink(p);
    const cases: [string, RegExp][] = [
      ['https://glasslab.example/lab/', /^this is not a GlassLab link/],
      [fragment.replace('#v1.', '#v2.'), /^this link was made by a newer GlassLab \(v2\); this version reads v1$/],
      [`#v1.${'A'.repeat(70_000)}`, /^the link is too long \(70004 characters; a GlassLab link has at most 65536\)$/],
      ['#v1.abc$def', /^the link is damaged: its data holds "\$" at position 3/],
      [fragment.slice(0, 4 + 4 * Math.floor((fragment.length - 4) / 4) - 8), /^the link is damaged: its data does not decompress/],
      ['#v1.AAAAA', /^the link is damaged: its data has a length base64url cannot have \(cut off\?\)$/],
      [linkOfJson('{"s": 1,'), /^the link is damaged: its data is not valid JSON$/],
      [linkOfJson(' '.repeat(300_000)), /^the link is too large: its data expands beyond 256 KiB$/],
      [linkOfJson(wireJson(p, (w) => { (w.s as Record<string, unknown>).n = 1.5; })), /^the link holds an invalid experiment: spec.n: expected an integer from 2 to 262144, found 1.5$/],
      [linkOfJson(wireJson(p, (w) => { (w.s as Record<string, unknown>).w = [100, 3]; })), /spec: fit window must satisfy 0 < t_min < t_max, got \[100, 3\]/],
      [linkOfJson(wireJson(p, (w) => { (w.s as Record<string, unknown>).m = 'constructor'; })), /spec.model: expected one of soft2d, /],
      [linkOfJson(wireJson(p, (w) => { (w.s as Record<string, unknown>).st = '../secret.xyz'; })), /initial state must be a state file name/],
      [linkOfJson(wireJson(p, (w) => { w.j = { k: 'ensemble', M: 5000 }; })), /job.samples: expected an integer from 1 to 1000, found 5000/],
      [linkOfJson(wireJson(p, (w) => { w.vw = { c: 'speed', r: [2, 1], lg: false, ar: false, mg: 5, en: false, ls: false }; })), /view.range: the lower end must be below the upper/],
      [linkOfJson(wireJson(p, (w) => { w.r = { t: [0, 1], v: [1], f: null, e: 'cpu' }; })), /result.speed: has 1 values but result.t has 2/],
      [linkOfJson(wireJson(p, (w) => { (w.s as Record<string, unknown>).T = '@@'; }).replace('"@@"', '1e999')), /spec.temperature: expected a positive temperature or "inf", found Infinity/],
      [linkOfJson(wireJson(p, (w) => { (w.s as Record<string, unknown>).T = '@@'; }).replace('"@@"', 'NaN')), /not valid JSON/],
      [linkOfJson(wireJson(p, () => undefined).replace('{', '{"__proto__":{"polluted":1},')), /^the link holds an invalid experiment: link: unknown field "__proto__"$/],
      [linkOfJson(`${'['.repeat(50)}${']'.repeat(50)}`), /nests deeper than 16 levels/],
    ];
    for (const [link, message] of cases) expect(errorOf(decodeShareLink(link)), link.slice(0, 60)).toMatch(message);
    expect(Object.prototype.hasOwnProperty.call(Object.prototype, 'polluted')).toBe(false);
  });

  it('holds the lab and page limits: N, samples, temperatures and colour modes', () => {
    expect(SHARE_LIMITS.maxN).toBe(MAX_N.gpu);
    expect(SHARE_LIMITS.maxSamples).toBe(MAX_SAMPLES);
    expect(SHARE_LIMITS.maxTemperatures).toBe(MAX_TEMPERATURES);
    expect([...SHARE_COLOR_MODES]).toStrictEqual([...COLOR_MODES]);
  });
});
