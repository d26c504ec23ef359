// Share links carry the soft-spot settings (issue 11): compute after the quench, the field drawn, the κ_ij bonds and the κ_i
// colour mode round-trip; a link without them opens with none; a bad value is refused naming its field; opening a link puts
// the field and bonds into the soft-spot store and a finished quench then starts both analyses.
import { describe, expect, it } from 'vitest';
import type { RunSpec } from '../src/engine/runSpec.ts';
import { DEFAULT_LANDSCAPE, readLandscapeSettings, SOFT_SPOT_FIELDS } from '../src/io/landscapeSettings.ts';
import { decodeShareLink, encodeShareLink, type SharePayload } from '../src/io/shareLink.ts';
import { base64UrlEncode, deflateRaw } from '../src/io/shareLinkCodec.ts';
import { toWire } from '../src/io/shareLinkWire.ts';
import { useLandscapeSettingsStore } from '../src/state/landscapeSettingsStore.ts';
import { applySharePayload, currentSharePayload } from '../src/state/sharePayload.ts';
import { useSoftSpotStore } from '../src/state/softSpotStore.ts';
import { useSpecStore } from '../src/state/specStore.ts';
import { useViewStore } from '../src/state/viewStore.ts';

const spec: RunSpec = { model: 'soft2d', n: 256, temperature: 0.2, seed: 3, sweeps: 0, algorithm: 'sd', tMax: 100, forceTolerance: 0, fitWindow: { tMin: 3, tMax: 30 } };
const linkOfJson = (json: string) => `#v1.${base64UrlEncode(deflateRaw(new TextEncoder().encode(json)))}`;

function decoded(link: string): SharePayload {
  const d = decodeShareLink(link);
  if (!d.ok) throw new Error(d.error);
  return d.payload;
}

describe('share links with the soft-spot settings', () => {
  it('round-trip every combination of the flag, the field and the bonds', () => {
    for (const softSpots of [false, true]) for (const softSpotField of [null, ...SOFT_SPOT_FIELDS]) for (const softSpotBonds of [false, true]) {
      const landscape = { ...DEFAULT_LANDSCAPE, softSpots, softSpotField, softSpotBonds };
      const payload: SharePayload = { v: 1, spec, job: { kind: 'single' }, landscape, view: { colorMode: 'kappa', range: null, logScale: false, arrows: false, magnification: 5, showEnergy: false, showLocalSlope: false } };
      const back = decoded(encodeShareLink(payload).link);
      if (softSpots || softSpotField || softSpotBonds) expect(back).toStrictEqual(payload);
      else expect(back).toStrictEqual({ v: 1, spec, job: { kind: 'single' }, view: payload.view });
    }
  });

  it('reads a landscape record without soft-spot fields (an older link or library record) as none', () => {
    expect(readLandscapeSettings({ modesAlongQuench: true, harmonicPrediction: false, modeCount: 12 })).toEqual({ ...DEFAULT_LANDSCAPE, modesAlongQuench: true, modeCount: 12 });
    expect(readLandscapeSettings({ softSpotField: 'pi5', softSpots: 'yes' })).toEqual(DEFAULT_LANDSCAPE);
    const old = decoded(linkOfJson(JSON.stringify({ ...toWire({ v: 1, spec, job: { kind: 'single' } }, false), ld: { mq: true, hp: false, k: 10 } })));
    expect(old.landscape).toEqual({ ...DEFAULT_LANDSCAPE, modesAlongQuench: true });
  });

  it('refuses a bad soft-spot field with its name', () => {
    const base = JSON.parse(JSON.stringify(toWire({ v: 1, spec, job: { kind: 'single' } }, false))) as Record<string, unknown>;
    const bad = (ld: unknown) => { const d = decodeShareLink(linkOfJson(JSON.stringify({ ...base, ld }))); return d.ok ? 'loaded' : d.error; };
    expect(bad({ mq: false, hp: false, k: 10, sf: 'pi5' })).toMatch(/landscape.softSpotField/);
    expect(bad({ mq: false, hp: false, k: 10, ss: 1 })).toMatch(/landscape.softSpots/);
    expect(bad({ mq: false, hp: false, k: 10, sb: 'on' })).toMatch(/landscape.softSpotBonds/);
  });

  it('the page writes its soft-spot settings and colour mode into the link and puts them back', () => {
    useSpecStore.getState().loadSpec(spec);
    useLandscapeSettingsStore.getState().set({ softSpots: true, softSpotField: 'pi3', softSpotBonds: true });
    useViewStore.getState().set({ colorMode: 'kappa' });
    const p = currentSharePayload() as SharePayload;
    expect(p.landscape).toEqual({ ...DEFAULT_LANDSCAPE, softSpots: true, softSpotField: 'pi3', softSpotBonds: true });
    useLandscapeSettingsStore.getState().set({ ...DEFAULT_LANDSCAPE });
    useViewStore.getState().set({ colorMode: 'species' });
    useSoftSpotStore.getState().set({ shownField: null, bonds: false });
    applySharePayload(decoded(encodeShareLink(p).link));
    expect(useLandscapeSettingsStore.getState().softSpots).toBe(true);
    expect(useViewStore.getState().colorMode).toBe('kappa');
    expect(useSoftSpotStore.getState().shownField).toBe('pi3');
    expect(useSoftSpotStore.getState().bonds).toBe(true);
  });
});
