// Share links carry the finite-size scaling set-up (sizes N, samples per N, the z slider) and the projection axes of a D > 3
// model: through the page's stores and back; links without them (older ones) open as before and reset the set-up to its
// defaults; each bad value is refused with one line naming its field.
import { describe, expect, it } from 'vitest';
import type { RunSpec } from '../src/engine/runSpec.ts';
import { decodeShareLink, encodeShareLink, type SharePayload } from '../src/io/shareLink.ts';
import { base64UrlEncode, deflateRaw } from '../src/io/shareLinkCodec.ts';
import { toWire } from '../src/io/shareLinkWire.ts';
import { useProjectionStore } from '../src/state/projectionStore.ts';
import { DEFAULT_SCALING_SETUP, useScalingSetupStore } from '../src/state/scalingSetupStore.ts';
import { applySharePayload, currentSharePayload } from '../src/state/sharePayload.ts';
import { useSpecStore } from '../src/state/specStore.ts';

const spec4d: RunSpec = { model: 'harmonic4d', n: 512, temperature: Infinity, seed: 2, sweeps: 0, algorithm: 'sd', tMax: 100, forceTolerance: 0, fitWindow: { tMin: 3, tMax: 100 } };
const spec2d: RunSpec = { ...spec4d, model: 'harmonic2d' };
const linkOfJson = (json: string) => `#v1.${base64UrlEncode(deflateRaw(new TextEncoder().encode(json)))}`;

function decoded(link: string): SharePayload {
  const d = decodeShareLink(link);
  if (!d.ok) throw new Error(d.error);
  return d.payload;
}

function refusal(wire: Record<string, unknown>): string {
  const d = decodeShareLink(linkOfJson(JSON.stringify(wire)));
  if (d.ok) throw new Error('accepted');
  return d.error;
}

describe('share links with the scaling set-up and projection axes', () => {
  it('round-trip through the stores: the page that opens the link shows the same sizes, samples, z and axes', () => {
    const payload: SharePayload = { v: 1, spec: spec4d, job: { kind: 'single' }, scaling: { sizes: [256, 1024, 4096], samples: 7, z: 0.62 }, projection: { shown: [3, 1, 0], hidden: 2 } };
    const back = decoded(encodeShareLink(payload).link);
    expect(back).toStrictEqual(payload);
    applySharePayload(back);
    expect(useScalingSetupStore.getState()).toMatchObject({ sizesText: '256, 1024, 4096', samplesText: '7', z: 0.62 });
    expect(useProjectionStore.getState().byDim[4]).toStrictEqual({ shown: [3, 1, 0], hidden: 2 });
    const again = currentSharePayload()!;
    expect(again.spec).toStrictEqual(spec4d);
    expect(again.scaling).toStrictEqual(payload.scaling);
    expect(again.projection).toStrictEqual(payload.projection);
    // the next scaling run opens at the link's z; the one after at its own fit
    useScalingSetupStore.getState().runStarts();
    expect(useScalingSetupStore.getState().z).toBe(0.62);
    useScalingSetupStore.getState().runStarts();
    expect(useScalingSetupStore.getState().z).toBeNull();
    // z = null (follow the fit) is not written, and comes back as null
    const fit = decoded(encodeShareLink({ ...payload, scaling: { sizes: [64, 128], samples: 1, z: null } }).link);
    expect(fit.scaling).toStrictEqual({ sizes: [64, 128], samples: 1, z: null });
  });

  it('an older link (neither field) is the same link today and resets the set-up to its defaults; axes stay as they were', () => {
    const old: SharePayload = { v: 1, spec: spec4d, job: { kind: 'single' } };
    expect(encodeShareLink(old).fragment).toBe(linkOfJson(JSON.stringify(toWire(old, false))));
    useScalingSetupStore.getState().set({ sizesText: '100, 200', samplesText: '3', z: 1.5 });
    useProjectionStore.getState().setAxes(4, { shown: [2, 3], hidden: 0 });
    applySharePayload(decoded(linkOfJson(JSON.stringify(toWire(old, false)))));
    expect(useScalingSetupStore.getState()).toMatchObject(DEFAULT_SCALING_SETUP);
    expect(useSpecStore.getState().spec?.model).toBe('harmonic4d');
    // the default set-up is not written into a new link
    const current = currentSharePayload()!;
    expect(current.scaling).toBeUndefined();
  });

  it('refuses bad values, naming the field', () => {
    const base = toWire({ v: 1, spec: spec4d, job: { kind: 'single' } }, false) as unknown as Record<string, unknown>;
    const with_ = (extra: Record<string, unknown>) => refusal({ ...base, ...extra });
    expect(with_({ sc: { N: [256], M: 4 } })).toMatch(/scaling\.sizes/);
    expect(with_({ sc: { N: [256, 256], M: 4 } })).toMatch(/scaling\.sizes: each size N may appear only once/);
    expect(with_({ sc: { N: [256, 1e9], M: 4 } })).toMatch(/scaling\.sizes\[1\]/);
    expect(with_({ sc: { N: [256, 12.5], M: 4 } })).toMatch(/scaling\.sizes\[1\]/);
    expect(with_({ sc: { N: Array.from({ length: 17 }, (_, k) => 100 + k), M: 4 } })).toMatch(/scaling\.sizes/);
    expect(with_({ sc: { N: [256, 512], M: 0 } })).toMatch(/scaling\.samples/);
    expect(with_({ sc: { N: [256, 512], M: 4, z: 7 } })).toMatch(/scaling\.z/);
    expect(with_({ sc: { N: [256, 512], M: 4, z: 'fit' } })).toMatch(/scaling\.z/);
    expect(with_({ sc: { N: [256, 512], M: 4, zz: 1 } })).toMatch(/unknown field/);
    expect(with_({ pj: { sh: [0, 4], hd: 2 } })).toMatch(/projection\.shown\[1\]/);
    expect(with_({ pj: { sh: [0, 0], hd: 2 } })).toMatch(/projection\.shown: the shown axes must differ/);
    expect(with_({ pj: { sh: [0, 1, 2, 3], hd: 2 } })).toMatch(/projection\.shown/);
    expect(with_({ pj: { sh: [0, 1], hd: 1 } })).toMatch(/projection\.hidden/);
    expect(with_({ pj: { sh: [0, 1], hd: -1 } })).toMatch(/projection\.hidden/);
    const flat = toWire({ v: 1, spec: spec2d, job: { kind: 'single' } }, false) as unknown as Record<string, unknown>;
    expect(refusal({ ...flat, pj: { sh: [0, 1], hd: 1 } })).toMatch(/projection axes belong to a model with D > 3/);
  });
});
