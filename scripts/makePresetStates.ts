// Makes the equilibrated starting states of the preset gallery (src/engine/presets.ts) with our own swap Monte Carlo
// (000 App. A.1a): random positions, then an annealing ladder of temperatures down to the preset's T, the last rung
// running the preset's full number of sweeps. Writes public/states/<model>-T<T>-N<N>.xyz and public/states/index.json
// (provenance: sweeps, final E/N, acceptance, seconds).
//   npx tsx scripts/makePresetStates.ts [preset-id …] [--small-only | --large-only]
import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { PRESETS } from '../src/engine/presets.ts';
import { writeExtendedXyz } from '../src/io/extendedXyz.ts';
import type { Configuration } from '../src/physics/configuration.ts';
import { runMonteCarlo } from '../src/physics/mc/runMonteCarlo.ts';
import { getModel, randomConfiguration } from '../src/physics/models.ts';

const dir = join(import.meta.dirname, '..', 'public', 'states');
const args = process.argv.slice(2);
const smallOnly = args.includes('--small-only');
const largeOnly = args.includes('--large-only');
const wanted = args.filter((a) => !a.startsWith('--'));
mkdirSync(dir, { recursive: true });
const indexPath = join(dir, 'index.json');
const index: Record<string, unknown> = existsSync(indexPath) ? JSON.parse(readFileSync(indexPath, 'utf8')) : {};

// Rungs above the target: each runs a tenth of the sweeps (500 to 10000), so slow temperatures start from a relaxed liquid.
function ladder(t: number): number[] {
  return [0.8, 0.4, 0.2, 0.1, 0.05].filter((x) => x > t * 1.01);
}

for (const p of PRESETS) {
  if (wanted.length && !wanted.includes(p.id)) continue;
  const model = getModel(p.model);
  for (const s of smallOnly ? p.states.slice(-1) : largeOnly ? p.states.slice(0, 1) : p.states) {
    const t0 = Date.now();
    let c: Configuration = randomConfiguration(model, s.n, 1);
    const rungs = model.name.startsWith('soft') ? ladder(p.temperature) : [];
    let seed = 1;
    for (const t of rungs) {
      c = runMonteCarlo(c, model, { temperature: t, seed: seed++, sweeps: Math.min(10000, Math.max(500, Math.round(p.sweeps / 10))) }).configuration;
      console.error(`${p.id} N=${s.n}: annealed at T=${t}`);
    }
    const run = runMonteCarlo(c, model, {
      temperature: p.temperature, seed: seed, sweeps: p.sweeps, recordEvery: Math.max(1, Math.round(p.sweeps / 20)),
      onProgress: (sweep, e) => { if (sweep % Math.max(1, Math.round(p.sweeps / 5)) === 0) console.error(`${p.id} N=${s.n}: sweep ${sweep}/${p.sweeps} E/N=${e.toFixed(5)}`); },
    });
    const e = run.energyPerParticle;
    const seconds = (Date.now() - t0) / 1000;
    writeFileSync(join(dir, s.file), writeExtendedXyz(run.configuration, {
      model: model.name, temperature: p.temperature, info: { sweeps: p.sweeps, anneal: rungs.join(',') || 'none', maker: 'scripts/makePresetStates.ts' },
    }));
    index[s.file] = {
      preset: p.id, model: model.name, n: s.n, temperature: p.temperature, sweeps: p.sweeps, annealedFrom: rungs,
      energyPerParticle: e[e.length - 1], energyPerParticleHalfway: e[Math.floor(e.length / 2)], acceptance: run.acceptance, seconds,
    };
    writeFileSync(indexPath, JSON.stringify(index, null, 2) + '\n');
    console.error(`${p.id} N=${s.n}: wrote ${s.file} in ${seconds.toFixed(0)} s`);
  }
}
