// glasslab inm: instantaneous normal modes along steepest descent at fixed W (002 §III A): per level W_k, ⟨t⟩, f_u, the
// mobility edge (when states of two or more N are given) and the most unstable mode's participation ratio and size ξ.
import { cloneConfiguration, type Configuration } from '../../physics/configuration.ts';
import { createRng, Streams } from '../../physics/rng.ts';
import { wrapPositions } from '../../physics/space.ts';
import { DEFAULT_W_LEVELS, fixedWRun } from '../../physics/analysis/modes/fixedWSampling.ts';
import { levelObservables, type LevelObservables } from '../../physics/analysis/modes/landscapeLevel.ts';
import { mobilityEdge } from '../../physics/analysis/modes/mobilityEdge.ts';
import type { Model } from '../../physics/models.ts';
import { integerOption, numberOption, parseOptions, requireString, UsageError } from '../args.ts';
import { loadConfiguration, resolveModel } from '../io.ts';
import { throttledProgress } from '../progress.ts';

export const inmHelp = `glasslab inm --in eq.xyz[,eq2.xyz…] [--model M] [--w-levels -1.5,-2,…,-9] [--samples M] [--perturb A] [--seed S]
             [--dt DT] [--t-max T] [--exact-limit R] [--json] [--quiet]
  Steepest descent from each equilibrium state; the first time W = (1/N)Σ|f_i|² ≤ W_k (log10 W_k from --w-levels, default
  −1.5 … −9 by 0.5) the state and t are kept, and finally the inherent structure (FIRE; a saddle is pushed off along its
  unstable mode). Per level, averaged at fixed W over the samples: ⟨t⟩, f_u (exact when D·N ≤ R = 600, else stochastic
  Lanczos quadrature with an error bar), the most unstable mode's P and ξ (002 Eq. 12) and Λ_min.
  Samples: every --in file, each followed by M − 1 copies displaced by Gaussian noise of size A (default 1e-3): such
  copies share their early history, so independent equilibrium states (several --in files) are better statistics.
  The mobility edge needs states of at least two sizes N among the --in files.`;

interface Sample { n: number; model: Model; c: Configuration }

function samplesFrom(files: { c: Configuration; model: Model }[], perSample: number, amplitude: number, seed: number): Sample[] {
  const out: Sample[] = [];
  files.forEach(({ c, model }, f) => {
    for (let s = 0; s < perSample; s++) {
      const copy = cloneConfiguration(c);
      if (s > 0) {
        const rng = createRng(seed, Streams.sample(f * 10007 + s));
        for (let k = 0; k < copy.positions.length; k++) copy.positions[k] += amplitude * rng.normal();
        wrapPositions(copy.box, copy.positions);
      }
      out.push({ n: c.diameters.length, model, c: copy });
    }
  });
  return out;
}

const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : null);
const standardError = (xs: number[]) => {
  if (xs.length < 2) return 0;
  const m = mean(xs) as number;
  return Math.sqrt(xs.reduce((a, b) => a + (b - m) ** 2, 0) / (xs.length - 1) / xs.length);
};

export async function inmCommand(argv: string[]): Promise<unknown> {
  const v = parseOptions(argv, {
    in: { type: 'string' }, model: { type: 'string' }, format: { type: 'string' }, 'w-levels': { type: 'string' },
    samples: { type: 'string' }, perturb: { type: 'string' }, seed: { type: 'string' }, dt: { type: 'string' },
    't-max': { type: 'string' }, 'exact-limit': { type: 'string' }, json: { type: 'boolean' }, quiet: { type: 'boolean' },
  });
  const paths = requireString(v, 'in').split(',').filter((p) => p !== '');
  const levels = v['w-levels'] === undefined ? DEFAULT_W_LEVELS : String(v['w-levels']).split(',').map((s) => {
    const x = Number(s);
    if (s.trim() === '' || !Number.isFinite(x)) throw new UsageError(`--w-levels takes log10 W values separated by commas, got "${s.slice(0, 40)}"`);
    return Math.pow(10, x);
  });
  for (let k = 1; k < levels.length; k++) if (!(levels[k] < levels[k - 1])) throw new UsageError('--w-levels must be strictly decreasing, e.g. -1.5,-2,-3');
  const perSample = integerOption(v, 'samples', 1, 1);
  const amplitude = numberOption(v, 'perturb', 1e-3);
  if (!(amplitude >= 0)) throw new UsageError(`--perturb must be ≥ 0, got ${amplitude}`);
  const seed = integerOption(v, 'seed', 1, 0);
  const tMax = numberOption(v, 't-max', 1e4);
  const exactLimit = integerOption(v, 'exact-limit', 600, 1);
  const progress = throttledProgress(Boolean(v.quiet));
  const t0 = Date.now();
  const files: { c: Configuration; model: Model }[] = [];
  for (const path of paths) {
    const loaded = await loadConfiguration(path, v.format as string | undefined);
    files.push({ c: loaded.configuration, model: resolveModel(v.model as string | undefined, loaded, path) });
  }
  const dims = new Set(files.map((f) => f.model.name));
  if (dims.size > 1) throw new UsageError(`the --in files are of different models (${[...dims].join(', ')}): give states of one model`);
  const samples = samplesFrom(files, perSample, amplitude, seed);
  const dt = v.dt === undefined ? undefined : numberOption(v, 'dt');

  // Per level (the W_k, then the inherent structure), per sample: t, W and the observables.
  const perLevel: { t: number; w: number; n: number; obs: LevelObservables }[][] = Array.from({ length: levels.length + 1 }, () => []);
  let pushes = 0;
  samples.forEach((s, k) => {
    progress(`glasslab inm: sample ${k + 1}/${samples.length} (N = ${s.n}): steepest descent`, true);
    const run = fixedWRun(s.model, s.c, { levels, dt, tMax });
    pushes += run.inherent.pushes;
    run.snapshots.forEach((snap) => {
      const li = levels.indexOf(snap.level);
      perLevel[li].push({ t: snap.t, w: snap.w, n: s.n, obs: levelObservables(s.model, s.c, snap.positions, { exactLimit, seed: seed + k }) });
      progress(`glasslab inm: sample ${k + 1}: log10 W = ${Math.log10(snap.level).toFixed(2)} at t = ${snap.t.toPrecision(4)}`);
    });
    perLevel[levels.length].push({ t: run.inherent.t, w: run.inherent.w, n: s.n, obs: levelObservables(s.model, s.c, run.inherent.positions, { exactLimit, seed: seed + k }) });
  });

  const dim = files[0].model.dim;
  const rows = perLevel.map((entries, li) => {
    const isRow = li === levels.length;
    const fus = entries.map((e) => e.obs.fu);
    const slqBound = mean(entries.map((e) => e.obs.fuError)) ?? 0;
    const unstable = entries.map((e) => e.obs.mostUnstable).filter((m) => m !== null);
    const xis = unstable.map((m) => m.xi).filter((x): x is number => x !== null);
    const sizes = [...new Set(entries.map((e) => e.n))];
    let edge: number | null = null;
    if (sizes.length >= 2) {
      const all = entries.flatMap((e) => e.obs.eigenvalues.filter((l) => l < 0));
      if (all.length >= 2) {
        const lo = Math.min(...all);
        const edges = Array.from({ length: 13 }, (_, b) => lo + (b * (0 - lo)) / 12);
        edges[12] = 1e-300; // include λ → 0⁻
        edge = mobilityEdge(sizes.map((n) => {
          const mine = entries.filter((e) => e.n === n);
          return { n, eigenvalues: mine.flatMap((e) => e.obs.eigenvalues), participation: mine.flatMap((e) => e.obs.participation) };
        }), edges, dim).lambdaE;
      }
    }
    return {
      level: isRow ? 'IS' : Math.log10(levels[li]),
      W: isRow ? mean(entries.map((e) => e.w)) : levels[li],
      samples: entries.length,
      tMean: mean(entries.map((e) => e.t)),
      fu: mean(fus),
      fuError: standardError(fus) + (entries.some((e) => e.obs.method === 'slq') ? slqBound : 0),
      fuMethod: entries.some((e) => e.obs.method === 'slq') ? 'slq' : 'exact',
      mobilityEdge: edge,
      lowestEigenvalue: mean(entries.map((e) => e.obs.eigenvalues[0])),
      unstableParticipation: mean(unstable.map((m) => m.participation)),
      xi: mean(xis),
      lambdaMin: mean(unstable.map((m) => m.lambdaMin)),
    };
  });
  progress(`glasslab inm: ${samples.length} samples, ${levels.length} levels + IS in ${((Date.now() - t0) / 1000).toFixed(1)} s; ${pushes} pushes off saddles`, true);
  if (!v.json) return undefined;
  return { model: files[0].model.name, dim, n: [...new Set(samples.map((s) => s.n))], samples: samples.length, pushes, rows, seconds: (Date.now() - t0) / 1000 };
}
