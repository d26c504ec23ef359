// The lab's "finite-size scaling" run (001 SM II, Fig. S1): the current model, T and t_max at several N, an ensemble at each,
// then raw curves, the collapse and a z slider (src/ui/views/plots/ScalingPlot.tsx). The same job as `glasslab scaling`.
import { RUN_LIMITS } from '../../engine/limits.ts';
import type { LabController } from '../../state/labController.ts';
import { useRunStore } from '../../state/runStore.ts';
import { useScalingSetupStore } from '../../state/scalingSetupStore.ts';
import { parseScalingSizes } from '../../state/scalingSizes.ts';
import { useSpecStore } from '../../state/specStore.ts';
import { useViewStore } from '../../state/viewStore.ts';
import { ScalingPlot } from '../views/plots/index.ts';

export function ScalingPanel({ controller }: { controller: LabController }) {
  const { sizesText, samplesText, z, set } = useScalingSetupStore();
  const setSizes = (sizesText: string) => set({ sizesText });
  const setSamples = (samplesText: string) => set({ samplesText });
  const spec = useSpecStore((s) => s.spec);
  const scaling = useRunStore((s) => s.scaling);
  const status = useRunStore((s) => s.status);
  const large = useViewStore((s) => s.lectureMode);
  const sizes = parseScalingSizes(sizesText);
  const samples = Number(samplesText);
  const samplesProblem = Number.isInteger(samples) && samples >= 1 && samples <= RUN_LIMITS.maxSamples ? null : `samples: a whole number from 1 to ${RUN_LIMITS.maxSamples}`;
  const problem = !spec ? 'fix the run spec first' : typeof sizes === 'string' ? sizes : samplesProblem;
  return (
    <section className="panel scaling-panel" aria-label="Finite-size scaling">
      <details open={scaling !== null || undefined}>
        <summary data-testid="scaling-summary">Finite-size scaling (001 SM II): the same quench at several N, collapsed as N<sup>βz</sup>⟨|v|⟩ against t/N<sup>z</sup></summary>
        <div className="view-controls">
          <label>sizes N <input data-testid="scaling-sizes" value={sizesText} onChange={(e) => setSizes(e.target.value)} /></label>
          <label>samples per N <input data-testid="scaling-samples" className="range-input" value={samplesText} onChange={(e) => setSamples(e.target.value)} /></label>
          <button type="button" data-testid="scaling-run" disabled={problem !== null || status === 'running'} onClick={() => { if (typeof sizes === 'string') return; useScalingSetupStore.getState().runStarts(); controller.runScaling(sizes, samples); }}>
            Run finite-size scaling
          </button>
          {problem ? <span className="field-error" data-testid="scaling-error">{problem}</span> : <span className="field-hint">the model, T, seed, sweeps and t_max of the run spec; SD</span>}
        </div>
        {scaling ? <ScalingPlot key={scaling.fit.curves.map((c) => c.n).join(',') + scaling.seconds} result={scaling} large={large} z={z} onZ={(z) => set({ z, zFromLink: false })} /> : null}
      </details>
    </section>
  );
}
