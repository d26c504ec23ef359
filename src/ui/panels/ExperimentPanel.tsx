// What the experiment produced besides the curve: the swap-MC trace, the defect statistics, the temperature sweep (001 Fig. 4)
// and the distances between the minima of SD, FIRE and CG (001 SM IV A).
import { useRunStore } from '../../state/runStore.ts';
import { useViewStore } from '../../state/viewStore.ts';
import { DistanceTable, EquilibrationPlot, SweepPlot } from '../views/plots/index.ts';
import { DecayFormTable } from '../views/plots/DecayFormTable.tsx';
import { ElasticRunFacts } from '../landscape/ElasticFacts.tsx';

export function ExperimentPanel() {
  const mc = useRunStore((s) => s.mc);
  const result = useRunStore((s) => s.result);
  const large = useViewStore((s) => s.lectureMode);
  const single = result?.kind === 'single' ? result : null;
  const runId = useRunStore((s) => s.runId);
  return (
    <section className="panel experiment-panel" aria-label="Experiment">
      {mc && mc.sweeps.length ? <EquilibrationPlot sweeps={mc.sweeps} energyPerParticle={mc.energyPerParticle} temperature={mc.temperature} acceptance={mc.acceptance} large={large} height={220} /> : null}
      {single ? (
        <dl className="facts" data-testid="run-facts">
          <dt>engine</dt><dd>{single.engine === 'gpu' ? 'WebGPU (float32 forces, fixed-point positions)' : 'float64 reference'}</dd>
          <dt>stopped by</dt><dd>{single.reason} after {single.steps.toLocaleString('en')} steps ({single.seconds.toFixed(1)} s)</dd>
          <dt>E/N at the end</dt><dd>{single.energyPerParticle.toPrecision(7)}</dd>
          <dt>defects φ</dt><dd data-testid="defect-concentration">{single.particles.defectConcentration.toFixed(4)} (x_cut^EQ = {single.particles.xCutEq.toFixed(3)}, {single.particles.xCutSource})</dd>
          <ElasticRunFacts runId={runId} />
        </dl>
      ) : null}
      {result?.kind === 'ensemble' ? (
        <dl className="facts" data-testid="run-facts">
          <dt>samples</dt><dd>{result.samples}</dd>
          <dt>⟨φ⟩</dt><dd>{(result.defectConcentrations.reduce((a, b) => a + b, 0) / Math.max(1, result.defectConcentrations.length)).toFixed(4)}</dd>
          <dt>time</dt><dd>{result.seconds.toFixed(1)} s on the {result.engine === 'gpu' ? 'GPU' : 'float64'} engine</dd>
        </dl>
      ) : null}
      {result?.kind === 'sweep' ? <SweepPlot points={result.points} showBeta dim={result.points.length ? (result.spec.model.includes('3d') ? 3 : 2) : 2} large={large} /> : null}
      {result?.kind === 'sweep' ? <DecayFormTable points={result.points} window={{ tMin: 1, tMax: result.spec.tMax }} /> : null}
      {result?.kind === 'compare' ? <DistanceTable algorithms={result.algorithms} distances={result.distances} energyPerParticle={result.energyPerParticle} large={large} /> : null}
    </section>
  );
}
