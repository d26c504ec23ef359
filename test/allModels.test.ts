// Every model works everywhere: run specs, share links, state files, the float64 engine, and a GPU refusal that falls back.
import { describe, expect, it } from 'vitest';
import { validateRunSpec, type RunSpec } from '../src/engine/runSpec.ts';
import { gpuUnsupported } from '../src/gpu/wgslModels.ts';
import { readExtendedXyz, writeExtendedXyz } from '../src/io/extendedXyz.ts';
import { decodeShareLink, encodeShareLink, type SharePayload } from '../src/io/shareLink.ts';
import { quench } from '../src/physics/descent/quench.ts';
import { createLandscape, energy } from '../src/physics/forces.ts';
import { plantMariKurchan } from '../src/physics/mariKurchan/planting.ts';
import { MODELS, MODEL_NAMES, randomConfiguration } from '../src/physics/models.ts';
import { smallSize } from './modelStates.ts';

describe('every model in every place', () => {
  for (const name of MODEL_NAMES) {
    const model = MODELS[name];
    const temperature = model.pairShifts ? 0.01 : name.startsWith('ka') ? 2 : Infinity; // KA refuses T = ∞ (runSpec.ts)
    const spec: RunSpec = { model: name, n: smallSize(model), temperature, seed: 3, sweeps: 0, algorithm: 'fire', tMax: 1, forceTolerance: 0, fitWindow: { tMin: 0.1, tMax: 1 } };

    it(`${name}: a valid run spec, and a share link that round-trips it`, () => {
      expect(validateRunSpec(spec)).toStrictEqual(spec);
      const payload: SharePayload = { v: 1, spec, job: { kind: 'ensemble', samples: 4 } };
      const back = decodeShareLink(encodeShareLink(payload, { baseUrl: 'https://glasslab.example/lab/' }).link);
      expect(back.ok && back.payload).toStrictEqual(payload);
    });

    it(`${name}: planted or T = ∞ state → state file → read gives the same energy; FIRE runs; the GPU engine runs it or says why in one line`, () => {
      const c = model.pairShifts ? plantMariKurchan(model, spec.n, 3, temperature) : randomConfiguration(model, spec.n, 3); // planted, or T = ∞
      const back = readExtendedXyz(writeExtendedXyz(c, { model: name, temperature })).configuration;
      expect(back.box.dim).toBe(model.dim);
      expect(Boolean(back.shifts)).toBe(Boolean(model.pairShifts));
      const e = energy(createLandscape(model, c), c.positions);
      expect(energy(createLandscape(model, back), back.positions)).toBe(e);
      const q = quench(model, back, { algorithm: 'fire', maxSteps: 5, forceTolerance: 0 });
      expect(q.energyPerParticle).toBeLessThan(e / spec.n);
      const refusal = gpuUnsupported(model);
      // the GPU engine runs D = 2, 3, 4 and Mari–Kurchan (src/gpu/mariKurchan/); D > 4 is refused in one line
      if (model.dim > 4) expect(refusal).toMatch(/^model \S+ .*: it runs on the float64 engine only$/);
      else expect(refusal).toBeNull();
    });
  }
});
