// The page's side of share links (src/io/shareLink.ts): what the stores hold becomes a payload, and a payload from a link
// becomes the stores' state (controls, view, and the shared curve as a kept run). One way: link → stores → engine.
import { runCost } from '../engine/limits.ts';
import type { SharePayload, ShareProjection, ShareResult, ShareScaling } from '../io/shareLinkTypes.ts';
import { getModel } from '../physics/models.ts';
import { useProjectionStore } from './projectionStore.ts';
import { DEFAULT_SCALING_SETUP, useScalingSetupStore } from './scalingSetupStore.ts';
import { parseScalingSizes } from './scalingSizes.ts';
import { SHARE_LIMITS, SHARE_LINK_VERSION } from '../io/shareLinkTypes.ts';
import { useRunStore } from './runStore.ts';
import { useSpecStore } from './specStore.ts';
import { useViewStore } from './viewStore.ts';
import { landscapeSettings, useLandscapeSettingsStore } from './landscapeSettingsStore.ts';
import { useLandscapeStore } from './landscapeStore.ts';
import { useSoftSpotStore } from './softSpotStore.ts';
import { DEFAULT_LANDSCAPE, isDefaultLandscape } from '../io/landscapeSettings.ts';

/** The current experiment as a payload, with the finished single run's curve and β; null while a field is invalid. */
export function currentSharePayload(): SharePayload | null {
  const { spec, job, engine } = useSpecStore.getState();
  if (!spec || !job) return null;
  const v = useViewStore.getState();
  const run = useRunStore.getState();
  const landscape = landscapeSettings();
  let result: ShareResult | undefined;
  const main = run.curves.main;
  if (run.status === 'done' && run.result?.kind === 'single' && main) {
    const f = run.result.fit;
    result = { t: main.t, speed: main.speed, engine: run.result.engine, fit: f ? { beta: f.beta, low: f.low, high: f.high, tMin: f.tMin, tMax: f.tMax } : null };
  }
  const shareJob = job.kind === 'ensemble' ? { kind: 'ensemble' as const, samples: job.samples }
    : job.kind === 'sweep' ? { kind: 'sweep' as const, samples: job.samples, temperatures: job.temperatures }
    : { kind: job.kind };
  return {
    v: SHARE_LINK_VERSION, spec, job: shareJob, engine,
    view: { colorMode: v.colorMode, range: v.range, logScale: v.logScale, arrows: v.arrows, magnification: v.magnification, showEnergy: v.showEnergy, showLocalSlope: v.showLocalSlope },
    ...(result ? { result } : {}),
    ...(isDefaultLandscape(landscape) ? {} : { landscape }),
    ...optional('scaling', currentScaling()),
    ...optional('projection', currentProjection(getModel(spec.model).dim)),
  };
}

function optional<K extends string, V>(key: K, value: V | null): { [k in K]?: V } {
  return (value === null ? {} : { [key]: value }) as { [k in K]?: V };
}

/** The scaling set-up when it is valid and not the default one. */
function currentScaling(): ShareScaling | null {
  const s = useScalingSetupStore.getState();
  const d = DEFAULT_SCALING_SETUP;
  if (s.sizesText === d.sizesText && s.samplesText === d.samplesText && s.z === d.z) return null;
  const sizes = parseScalingSizes(s.sizesText);
  const samples = Number(s.samplesText);
  if (typeof sizes === 'string' || !Number.isInteger(samples) || samples < 1 || samples > SHARE_LIMITS.maxSamples || sizes.length > SHARE_LIMITS.maxScalingSizes) return null;
  return { sizes, samples, z: s.z };
}

/** The axes the user picked for a D > 3 model. */
function currentProjection(dim: number): ShareProjection | null {
  const axes = dim > 3 ? useProjectionStore.getState().byDim[dim] : undefined;
  return axes ? { shown: [...axes.shown], hidden: axes.hidden } : null;
}

/** A one-line description of a payload's experiment. */
export function describePayload(p: SharePayload): string {
  const s = p.spec;
  const t = Number.isFinite(s.temperature) ? `T = ${s.temperature}` : 'T = ∞';
  const job = p.job.kind === 'single' ? 'one quench' : p.job.kind === 'ensemble' ? `an ensemble of ${p.job.samples}` : p.job.kind === 'sweep' ? `a sweep over ${p.job.temperatures.length} temperatures` : 'SD vs FIRE vs CG';
  return `${s.model}, ${t}, N = ${s.n}, seed ${s.seed}, ${s.algorithm.toUpperCase()}, ${job}`;
}

/** Everything a linked run will cost, in one line: N, sweeps, t_max, samples and temperatures, and the particle updates they make. */
export function describeCost(p: SharePayload): { text: string; long: boolean } {
  const c = runCost(p.spec, p.job);
  const parts = [`N = ${c.n.toLocaleString('en')}`, `${c.sweeps.toLocaleString('en')} sweeps`, `t_max = ${c.tMax}`];
  if (p.job.kind === 'ensemble' || p.job.kind === 'sweep') parts.push(`${c.samples} sample${c.samples === 1 ? '' : 's'}`);
  if (p.job.kind === 'sweep') parts.push(`${c.temperatures} temperatures`);
  if (p.job.kind === 'compare') parts.push('3 quenches');
  return { text: `${parts.join(', ')}: about ${c.work.toExponential(1)} particle updates`, long: c.long };
}

/** Puts a payload into the stores: every control, the view, and the shared curve as a kept run on the plot. */
export function applySharePayload(p: SharePayload): void {
  const specs = useSpecStore.getState();
  if (p.engine && p.engine !== specs.engine && !(p.engine === 'gpu' && specs.engineClass === 'cpu')) specs.setEngine(p.engine, specs.engineClass);
  specs.loadSpec(p.spec);
  specs.setField('job', p.job.kind);
  if (p.job.kind === 'ensemble' || p.job.kind === 'sweep') specs.setField('samples', String(p.job.samples));
  if (p.job.kind === 'sweep') specs.setField('temperatures', p.job.temperatures.map((t) => (Number.isFinite(t) ? String(t) : 'inf')).join(', '));
  if (p.view) useViewStore.getState().set({ ...p.view });
  useLandscapeSettingsStore.getState().set(p.landscape ?? DEFAULT_LANDSCAPE); // a link without them (older, or all default) means the defaults
  useLandscapeStore.getState().set({ countText: String(useLandscapeSettingsStore.getState().modeCount) }); // the Landscape panel's K
  const l = useLandscapeSettingsStore.getState(); // the soft-spot field and bonds it draws (computed after the quench when l.softSpots)
  useSoftSpotStore.getState().set({ shownField: l.softSpotField, bonds: l.softSpotBonds });
  const sc = p.scaling; // a link without one (older, or the default set-up) means the default
  useScalingSetupStore.getState().set(sc ? { sizesText: sc.sizes.join(', '), samplesText: String(sc.samples), z: sc.z, zFromLink: sc.z !== null } : { ...DEFAULT_SCALING_SETUP });
  if (p.projection) useProjectionStore.getState().setAxes(getModel(p.spec.model).dim, p.projection);
  const runs = useRunStore.getState();
  runs.clear();
  if (p.result) {
    const engine = p.result.engine === 'gpu' ? 'GPU' : 'float64';
    runs.keepAsOverlay({ id: 'shared', label: `shared result (${engine} engine)`, dim: p.spec.model.includes('3d') ? 3 : 2, t: p.result.t, speed: p.result.speed, energyPerParticle: [], ...(p.result.fit ? { fit: p.result.fit } : {}) });
  }
}
