// The particle view fed from the stores: the current system and frame, coloured by the chosen per-particle quantity. After a
// comparison of minimizers it shows the displacement field between two of the minima (001 Fig. 5).
import { useMemo, useRef, useState } from 'react';
import type { CompareResult, ConfigurationData } from '../../engine/lab/protocol.ts';
import { useRunStore } from '../../state/runStore.ts';
import { useViewStore } from '../../state/viewStore.ts';
import { ParticleView } from '../views/particles/index.ts';
import { ViewControls } from '../controls/ViewControls.tsx';
import { useFrameBudget } from '../hooks/useFrameBudget.ts';
import { useProjectionStore } from '../../state/projectionStore.ts';
import { ProjectionControls } from '../controls/ProjectionControls.tsx';
import { axisName, defaultAxes, projectState, validAxes, type ProjectionAxes } from '../views/particles/projection.ts';
import { displacementMagnitudes } from '../views/particles/displacement.ts';
import { useModeView } from '../landscape/useModeView.ts';
import { useSoftSpotView } from '../landscape/useSoftSpotView.ts';
import { useSoftSpotOverlay } from '../landscape/useSoftSpotOverlay.ts';

/** The legend's word on D²min where a particle had fewer than D neighbours spanning space (d2minField: F = I there). */
export function degenerateNote(flags: Uint8Array | undefined, dim: number): string | undefined {
  const count = flags ? flags.reduce((a, f) => a + f, 0) : 0;
  if (count === 0) return undefined;
  return `${count} particle${count === 1 ? '' : 's'} with < ${dim} neighbours spanning space: F = I, D²min = Σ|d − d⁰|²`;
}

interface Shown {
  system: ConfigurationData;
  positions: Float32Array | Float64Array;
  reference: Float32Array | Float64Array | undefined;
  values: ArrayLike<number> | undefined;
  caption: string;
  note?: string;
  /** Set for a D > 3 state: what the view shows is a projection (src/ui/views/particles/projection.ts). */
  projectionNote?: string;
}

/** A D > 3 state as the view draws it: projected onto the chosen axes, coloured in the full D dimensions. */
function projected(s: Shown, axes: ProjectionAxes, colorMode: string): Shown {
  const { system } = s;
  const p = projectState(s.positions, s.reference, system.diameters, system.box, system.dim, axes);
  const values = colorMode === 'hidden' ? p.hiddenCoordinate
    : colorMode === 'displacement' && s.reference ? displacementMagnitudes(s.reference, s.positions, system.box, system.dim, new Float64Array(system.diameters.length))
    : s.values;
  return { ...s, system: { ...system, dim: p.dim, box: p.box, diameters: p.diameters }, positions: p.positions, reference: p.reference, values, projectionNote: p.note };
}

function ComparePicker({ result, pair, setPair }: { result: CompareResult; pair: [number, number]; setPair: (p: [number, number]) => void }) {
  const a = result.algorithms;
  return (
    <label className="compare-picker">
      displacement between minima
      <select data-testid="compare-pair" value={`${pair[0]}-${pair[1]}`} onChange={(e) => setPair(e.target.value.split('-').map(Number) as [number, number])}>
        {a.flatMap((x, i) => a.map((y, j) => (i < j ? <option key={`${i}-${j}`} value={`${i}-${j}`}>{x.toUpperCase()} → {y.toUpperCase()}</option> : null)))}
      </select>
    </label>
  );
}

export function ParticlePanel() {
  const system = useRunStore((s) => s.system);
  const latestFrame = useRunStore((s) => s.frame);
  const status = useRunStore((s) => s.status);
  const liveView = useViewStore((s) => s.liveView);
  // The view renders on the main thread; frames are dropped so it takes at most ~15% of the GPU's time (src/ui/hooks/useFrameBudget.ts).
  // With the live view off it keeps its frame until the run ends.
  const frozen = useRef(latestFrame);
  if (liveView || status !== 'running') frozen.current = latestFrame;
  const budget = useFrameBudget(frozen.current, status !== 'running'); // a paused or finished run shows its frame at once
  const frame = budget.shown;
  const hostRef = useRef<HTMLDivElement>(null);
  const frames = useRef(0);
  const onRender = (ms: number) => {
    budget.onRender(ms);
    frames.current++;
    hostRef.current?.setAttribute('data-frames', String(frames.current)); // read by bench/labView.ts
  };
  const reference = useRunStore((s) => s.reference);
  const result = useRunStore((s) => s.result);
  const systemLabel = useRunStore((s) => s.systemLabel);
  const v = useViewStore();
  const [pair, setPair] = useState<[number, number]>([0, 1]);
  const stateDim = result?.kind === 'compare' ? result.initial.dim : system?.dim ?? 0;
  const chosenAxes = useProjectionStore((s) => s.byDim[stateDim]);
  const setAxes = useProjectionStore((s) => s.setAxes);
  const axes = stateDim > 3 ? validAxes(chosenAxes ?? defaultAxes(stateDim), stateDim) : null;
  const axesKey = axes ? `${axes.shown.join(',')}/${axes.hidden}` : '';
  // The Landscape panel's picked normal mode replaces the run's view while it is shown (src/ui/landscape/useModeView.ts).
  // A soft-spot field ψ, π4, π3 (the Soft spots section) takes precedence over the mode; both are displacement fields.
  const softField = useSoftSpotView();
  const modeField = useModeView();
  const mode = softField ?? modeField;
  const fieldColors = !softField || softField.colorByField;
  const overlay = useSoftSpotOverlay();

  const drawn: Shown | null = useMemo(() => {
    if (result?.kind === 'compare' && result.finals.length >= 2) {
      const [i, j] = [Math.min(pair[0], result.finals.length - 1), Math.min(pair[1], result.finals.length - 1)];
      return {
        system: result.initial, positions: result.finals[j].positions, reference: result.finals[i].positions, values: undefined,
        caption: `${result.algorithms[j].toUpperCase()} minimum, displacements from the ${result.algorithms[i].toUpperCase()} minimum`,
      };
    }
    if (!system) return null;
    const single = result?.kind === 'single' ? result : null;
    const values = v.colorMode === 'defects' ? single?.particles.defectFlags
      : v.colorMode === 'd2min' ? single?.particles.d2min
      : v.colorMode === 'speed' ? frame?.speeds
      : v.colorMode === 'kappa' ? overlay.kappa ?? undefined
      : undefined;
    const t = frame ? `t = ${frame.t.toPrecision(3)}` : 't = 0';
    const early = single?.stoppedEarly ? ` · stopped at t = ${single.series.t[single.series.t.length - 1].toPrecision(3)} and analysed there` : '';
    const note = v.colorMode === 'd2min' ? degenerateNote(single?.particles.d2minDegenerate, system.dim) : undefined;
    return { system, positions: frame?.positions ?? system.positions, reference: reference ?? undefined, values, caption: `${systemLabel} · ${t}${early}`, note };
  }, [result, pair, system, frame, reference, systemLabel, v.colorMode, overlay.kappa]);
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const shown = useMemo(() => (drawn && axes ? projected(drawn, axes, v.colorMode) : drawn), [drawn, axesKey, v.colorMode]);
  const hiddenRange: [number, number] | null = shown?.projectionNote && axes && v.colorMode === 'hidden' && !v.range ? [0, drawn!.system.box[axes.hidden]] : null;

  return (
    <section className="panel particle-panel" aria-label="Particles">
      <ViewControls />
      {axes ? <ProjectionControls dim={stateDim} axes={axes} onChange={(a) => setAxes(stateDim, a)} /> : null}
      {result?.kind === 'compare' ? <ComparePicker result={result} pair={pair} setPair={setPair} /> : null}
      <div className="particle-host" ref={hostRef} data-mode-offset={mode ? mode.offset.toFixed(5) : undefined}>
        {mode ? (
          <ParticleView
            dim={mode.system.dim as 2 | 3} box={mode.system.box} diameters={mode.system.diameters} species={mode.system.species}
            positions={mode.positions} revision={mode.revision} reference={mode.rest} arrows={{ show: mode.arrows, magnification: 1 }} arrowTips={mode.tips}
            {...(fieldColors ? { colorMode: 'speed', values: mode.amplitudes, range: mode.range, valueLabel: mode.label } as const
              : { colorMode: v.colorMode, values: shown?.values, range: v.range, logScale: v.logScale })}
            bonds={overlay.bonds} large={v.lectureMode} onRender={(ms) => { onRender(ms); mode.onRender(ms); }}
          />
        ) : shown ? (
          <ParticleView
            dim={shown.system.dim as 2 | 3} box={shown.system.box} diameters={shown.system.diameters} species={shown.system.species}
            positions={shown.positions} reference={shown.reference} colorMode={v.colorMode} values={shown.values} range={hiddenRange ?? v.range}
            logScale={v.logScale} onAutoRange={useViewStore.getState().setAutoRange} arrows={{ show: v.arrows, magnification: v.magnification }}
            large={v.lectureMode} onRender={onRender} bonds={overlay.bonds}
            legendNote={shown.note}
            missingMessage={status === 'stopped' && (v.colorMode === 'defects' || v.colorMode === 'd2min') ? 'stopped without analysis: no defects or D²min (Stop & analyse computes them)' : undefined}
          />
        ) : (
          <div className="placeholder" data-testid="particles-empty">Pick a preset or press Run: the particles appear here.</div>
        )}
      </div>
      {shown?.projectionNote ? <div className="caption projection-note" data-testid="projection-note">{shown.projectionNote}{axes && v.colorMode === 'hidden' ? ` · colour: hidden axis ${axisName(axes.hidden)}` : ''}</div> : null}
      {mode ? <div className="caption" data-testid="particle-caption">{mode.caption}</div>
        : shown ? <div className="caption" data-testid="particle-caption">{shown.caption}</div> : null}
    </section>
  );
}
