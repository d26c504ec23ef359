// The compact JSON inside a v1 link (short keys; T = ∞ as "inf"; the result's numbers rounded) and payload → wire.
// The reverse, with every check, is src/io/shareLinkRead.ts.
import type { RunSpec } from '../engine/runSpec.ts';
import { temperatureJson } from './shareLinkCheck.ts';
import { isDefaultLandscape, type LandscapeSettings, type SoftSpotFieldName } from './landscapeSettings.ts';
import { SHARE_LIMITS, type ShareEngine, type ShareJobKind, type SharePayload, type ShareResult, type ShareView } from './shareLinkTypes.ts';

export type WireTemperature = number | 'inf';

export interface WireSpec {
  m: string; n: number; T: WireTemperature; sd: number; sw: number; a: string; dt?: number; tm: number; ft: number;
  /** [tMin, tMax] of the fit window. */
  w: [number, number];
  st?: string;
}
export interface WireJob { k: ShareJobKind; M?: number; Ts?: WireTemperature[] }
export interface WireView { c: string; r: [number, number] | null; lg: boolean; ar: boolean; mg: number; en: boolean; ls: boolean }
/** f: [β, low, high, tMin, tMax] or null. */
export interface WireResult { t: number[]; v: number[]; f: [number, number, number, number, number] | null; e: 'gpu' | 'cpu' }
/** Landscape settings: modes along the quench, App. B prediction, mode count K. */
/** ss, sf, sb (soft spots after the quench, the field shown, κ_ij bonds) only when set. */
export interface WireLandscape { mq: boolean; hp: boolean; k: number; ss?: boolean; sf?: SoftSpotFieldName; sb?: boolean }
/** Finite-size scaling set-up: sizes, samples per N, the z slider (absent: the fit's z). */
export interface WireScaling { N: number[]; M: number; z?: number }
/** Projection axes: shown, hidden. */
export interface WireProjection { sh: number[]; hd: number }
export interface Wire { s: WireSpec; j: WireJob; vw?: WireView; e?: ShareEngine; r?: WireResult; ld?: WireLandscape; sc?: WireScaling; pj?: WireProjection }

/** Short key of each spec field. */
export const SPEC_KEYS = {
  model: 'm', n: 'n', temperature: 'T', seed: 'sd', sweeps: 'sw', algorithm: 'a', dt: 'dt', tMax: 'tm', forceTolerance: 'ft',
  fitWindow: 'w', initialState: 'st',
} as const satisfies Record<keyof RunSpec, string>;

/** x to SHARE_LIMITS.resultDigits significant digits (idempotent; −0 → 0). */
export function roundResultNumber(x: number): number {
  const r = Number(x.toPrecision(SHARE_LIMITS.resultDigits));
  return r === 0 ? 0 : r;
}

function specToWire(s: RunSpec): WireSpec {
  return {
    m: s.model, n: s.n, T: temperatureJson(s.temperature), sd: s.seed, sw: s.sweeps, a: s.algorithm, ...(s.dt !== undefined ? { dt: s.dt } : {}),
    tm: s.tMax, ft: s.forceTolerance, w: [s.fitWindow.tMin, s.fitWindow.tMax], ...(s.initialState !== undefined ? { st: s.initialState } : {}),
  };
}

function viewToWire(v: ShareView): WireView {
  return { c: v.colorMode, r: v.range ? [v.range[0], v.range[1]] : null, lg: v.logScale, ar: v.arrows, mg: v.magnification, en: v.showEnergy, ls: v.showLocalSlope };
}

export function resultToWire(r: ShareResult): WireResult {
  const f = r.fit;
  return {
    t: r.t.map(roundResultNumber), v: r.speed.map(roundResultNumber),
    f: f ? [f.beta, f.low, f.high, f.tMin, f.tMax].map(roundResultNumber) as WireResult['f'] : null, e: r.engine,
  };
}

export function toWire(p: SharePayload, withResult: boolean): Wire {
  const job = p.job;
  const j: WireJob = job.kind === 'ensemble' ? { k: job.kind, M: job.samples }
    : job.kind === 'sweep' ? { k: job.kind, M: job.samples, Ts: job.temperatures.map(temperatureJson) }
    : { k: job.kind };
  return {
    s: specToWire(p.spec), j, ...(p.view ? { vw: viewToWire(p.view) } : {}), ...(p.engine ? { e: p.engine } : {}),
    ...(withResult && p.result ? { r: resultToWire(p.result) } : {}),
    ...(p.landscape && !isDefaultLandscape(p.landscape) ? { ld: { mq: p.landscape.modesAlongQuench, hp: p.landscape.harmonicPrediction, k: p.landscape.modeCount, ...softSpotWire(p.landscape) } } : {}),
    ...(p.scaling ? { sc: { N: [...p.scaling.sizes], M: p.scaling.samples, ...(p.scaling.z !== null ? { z: p.scaling.z } : {}) } } : {}),
    ...(p.projection ? { pj: { sh: [...p.projection.shown], hd: p.projection.hidden } } : {}),
  };
}

function softSpotWire(l: LandscapeSettings): Pick<WireLandscape, 'ss' | 'sf' | 'sb'> {
  return { ...(l.softSpots ? { ss: true } : {}), ...(l.softSpotField ? { sf: l.softSpotField } : {}), ...(l.softSpotBonds ? { sb: true } : {}) };
}
