// The sample-to-sample scatter of β for single runs (000 Eq. 3 on one curve each), next to the regression's own standard
// error: the numbers behind src/engine/sampleScatter.ts. Usage: npx tsx bench/betaScatter.ts [model] [tMax] [tMin tMax] [N...]
// (default harmonic2d from T = ∞, SD to t = 100, window [3, 100], N = 256 and 1024).
import { curveBetaFit } from '../src/physics/analysis/betaFit.ts';
import { quench } from '../src/physics/descent/quench.ts';
import { getModel, randomConfiguration } from '../src/physics/models.ts';

const args = process.argv.slice(2);
const model = getModel(args[0] ?? 'harmonic2d');
const tMax = Number(args[1] ?? 100);
const window = { tMin: Number(args[2] ?? 3), tMax: Number(args[3] ?? 100) };
const sizes = args.length > 4 ? args.slice(4).map(Number) : [256, 1024];
for (const n of sizes) {
  const betas: number[] = [];
  const errors: number[] = [];
  const samples = n <= 256 ? 24 : n <= 1024 ? 16 : 8;
  for (let s = 1; s <= samples; s++) {
    const q = quench(model, randomConfiguration(model, n, 1000 + s), { algorithm: 'sd', tMax, forceTolerance: 0 });
    const f = curveBetaFit(q.series.t, q.series.speed, window);
    if (!f) throw new Error(`the window [${window.tMin}, ${window.tMax}] holds fewer than 3 points`);
    betas.push(f.beta);
    errors.push((f.high - f.low) / 3.92);
  }
  const mean = betas.reduce((a, b) => a + b) / betas.length;
  const sd = Math.sqrt(betas.reduce((a, b) => a + (b - mean) ** 2, 0) / (betas.length - 1));
  const se = errors.reduce((a, b) => a + b) / errors.length;
  console.log(`${model.name} N = ${n}, ${samples} samples, window [${window.tMin}, ${window.tMax}]: mean β ${mean.toFixed(3)}, `
    + `sample-to-sample sd ${sd.toFixed(3)}, regression s.e. ${se.toFixed(4)} (sd / s.e. = ${(sd / se).toFixed(1)})`);
}
