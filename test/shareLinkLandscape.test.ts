// Share links carry the Landscape settings (issue 10): modes along the quench, the App. B prediction and the mode count K
// round-trip; links without them (older ones, or all at their defaults) open unchanged and reset the page to the defaults;
// a bad value is refused naming its field.
import { describe, expect, it } from 'vitest';
import type { RunSpec } from '../src/engine/runSpec.ts';
import { DEFAULT_LANDSCAPE } from '../src/io/landscapeSettings.ts';
import { decodeShareLink, encodeShareLink, type SharePayload } from '../src/io/shareLink.ts';
import { base64UrlEncode, deflateRaw } from '../src/io/shareLinkCodec.ts';
import { toWire } from '../src/io/shareLinkWire.ts';
import { useLandscapeSettingsStore } from '../src/state/landscapeSettingsStore.ts';
import { applySharePayload, currentSharePayload } from '../src/state/sharePayload.ts';
import { useSpecStore } from '../src/state/specStore.ts';

const spec: RunSpec = { model: 'ka3d-fs', n: 200, temperature: 2, seed: 3, sweeps: 2000, algorithm: 'sd', tMax: 10, forceTolerance: 0, fitWindow: { tMin: 0.3, tMax: 10 } };
const linkOfJson = (json: string) => `#v1.${base64UrlEncode(deflateRaw(new TextEncoder().encode(json)))}`;

function decoded(link: string): SharePayload {
  const d = decodeShareLink(link);
  if (!d.ok) throw new Error(d.error);
  return d.payload;
}

describe('share links with the Landscape settings', () => {
  it('round-trip every combination of the toggles and K', () => {
    for (const modesAlongQuench of [false, true]) for (const harmonicPrediction of [false, true]) for (const modeCount of [1, 10, 37, 100]) {
      const landscape = { ...DEFAULT_LANDSCAPE, modesAlongQuench, harmonicPrediction, modeCount };
      const payload: SharePayload = { v: 1, spec, job: { kind: 'single' }, landscape };
      const back = decoded(encodeShareLink(payload).link);
      if (modesAlongQuench || harmonicPrediction || modeCount !== DEFAULT_LANDSCAPE.modeCount) expect(back).toStrictEqual(payload);
      else expect(back).toStrictEqual({ v: 1, spec, job: { kind: 'single' } }); // the defaults are not written
    }
  });

  it('a link made before the Landscape settings existed is the same link today, and opens with the defaults', () => {
    const old: SharePayload = { v: 1, spec, job: { kind: 'single' } };
    const withDefaults = encodeShareLink({ ...old, landscape: { ...DEFAULT_LANDSCAPE } }).fragment;
    expect(withDefaults).toBe(encodeShareLink(old).fragment);
    useLandscapeSettingsStore.getState().set({ modesAlongQuench: true, harmonicPrediction: true, modeCount: 5 });
    applySharePayload(decoded(linkOfJson(JSON.stringify(toWire(old, false)))));
    const l = useLandscapeSettingsStore.getState();
    expect([l.modesAlongQuench, l.harmonicPrediction, l.modeCount]).toEqual([false, false, DEFAULT_LANDSCAPE.modeCount]);
  });

  it('the page writes its settings into the link and puts them back from it', () => {
    useSpecStore.getState().loadSpec(spec);
    useLandscapeSettingsStore.getState().set({ modesAlongQuench: true, harmonicPrediction: false, modeCount: 12 });
    const p = currentSharePayload();
    expect(p?.landscape).toEqual({ ...DEFAULT_LANDSCAPE, modesAlongQuench: true, harmonicPrediction: false, modeCount: 12 });
    useLandscapeSettingsStore.getState().set({ ...DEFAULT_LANDSCAPE });
    applySharePayload(decoded(encodeShareLink(p as SharePayload).link));
    expect(useLandscapeSettingsStore.getState().modeCount).toBe(12);
    expect(useLandscapeSettingsStore.getState().modesAlongQuench).toBe(true);
  });

  it('refuses a bad Landscape field with its name', () => {
    const base = JSON.parse(JSON.stringify(toWire({ v: 1, spec, job: { kind: 'single' } }, false))) as Record<string, unknown>;
    const bad = (ld: unknown) => { const d = decodeShareLink(linkOfJson(JSON.stringify({ ...base, ld }))); return d.ok ? 'loaded' : d.error; };
    expect(bad({ mq: 'yes', hp: false, k: 10 })).toMatch(/landscape.modesAlongQuench/);
    expect(bad({ mq: true, hp: false, k: 0 })).toMatch(/landscape.modeCount: expected an integer from 1 to 100/);
    expect(bad({ mq: true, hp: false, k: 10, x: 1 })).toMatch(/landscape/);
    expect(bad([1])).toMatch(/landscape/);
  });
});
