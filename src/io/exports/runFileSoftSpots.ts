// The soft spots in a run file (issue 11): the state they were computed on, the nonlinear result (κ, τ, χ of ψ, π4, π3 and
// the fields) and the elastic result (G, its planes, the dipole statistics, κ_ij pairs and κ_i), each optional. Written as
// plain JSON (typed arrays as number arrays, every float64 exact); read back field by field into the lab's result types.
import type { ConfigurationData, ElasticResult, EngineName, NonlinearResult } from '../../engine/lab/protocol.ts';
import type { RunSpec } from '../../engine/runSpec.ts';
import { array, boolean, fail, integer, object, oneOf, onlyKeys, own } from '../shareLinkCheck.ts';
import { configuration, exact, float64List, numberList, text } from './runFileCheck.ts';

export interface RunFileSoftSpots {
  state: ConfigurationData;
  nonlinear: NonlinearResult | null;
  elastic: ElasticResult | null;
}

const config = (c: ConfigurationData) => ({ dim: c.dim, box: [...c.box], positions: c.positions, diameters: c.diameters, species: c.species });

/** The JSON object of the soft spots (spec and kind are the run file's own; the engine is kept). */
export function softSpotsJson(s: RunFileSoftSpots): object {
  const nonlinear = s.nonlinear ? (({ kind: _k, spec: _s, ...rest }) => rest)(s.nonlinear) : null;
  const elastic = s.elastic ? (({ kind: _k, spec: _s, ...rest }) => rest)(s.elastic) : null;
  return { state: config(s.state), nonlinear, elastic };
}

const FIELD = ['kappa', 'tau', 'chi', 'participation'];
const MODE = [...FIELD, 'cost', 'residual', 'iterations'];

/** keys: required numbers; extra: required fields checked by the caller; optional: numbers that may be absent. */
function numbers<K extends string>(v: unknown, path: string, keys: readonly K[], extra: readonly string[] = [], optional: readonly string[] = []): Record<K, number> & Record<string, unknown> {
  const o = object(v, path);
  onlyKeys(o, path, [...keys, ...extra], optional);
  const out: Record<string, unknown> = {};
  for (const k of keys) out[k] = exact(own(o, k), `${path}.${k}`);
  for (const k of extra) out[k] = own(o, k);
  for (const k of optional) if (own(o, k) !== undefined) out[k] = exact(own(o, k), `${path}.${k}`);
  return out as Record<K, number> & Record<string, unknown>;
}

function engine(v: unknown, path: string): EngineName {
  return oneOf(v, path, ['gpu', 'cpu'] as const);
}

function readNonlinear(v: unknown, spec: RunSpec, nd: number): NonlinearResult {
  const p = 'softSpots.nonlinear';
  const o = object(v, p);
  onlyKeys(o, p, ['engine', 'harmonic', 'quartic', 'cubic', 'fields', 'maxForce', 'rattlers', 'pairs', 'tolerance', 'seconds']);
  const harmonic = numbers(own(o, 'harmonic'), `${p}.harmonic`, [...FIELD, 'lambda', 'residual']);
  const q = numbers(own(o, 'quartic'), `${p}.quartic`, [...MODE, 'overlapWithHarmonic'], ['converged']);
  const c = numbers(own(o, 'cubic'), `${p}.cubic`, [...MODE, 'overlapWithQuartic', 'starts'], ['converged', 'start'], ['cutoffShare']);
  const f = object(own(o, 'fields'), `${p}.fields`);
  onlyKeys(f, `${p}.fields`, ['psi', 'pi4', 'pi3']);
  const r = object(own(o, 'rattlers'), `${p}.rattlers`);
  onlyKeys(r, `${p}.rattlers`, ['count', 'excluded']);
  return {
    kind: 'nonlinear', spec, engine: engine(own(o, 'engine'), `${p}.engine`),
    harmonic: harmonic as unknown as NonlinearResult['harmonic'],
    quartic: { ...q, converged: boolean(q.converged, `${p}.quartic.converged`) } as unknown as NonlinearResult['quartic'],
    cubic: { ...c, converged: boolean(c.converged, `${p}.cubic.converged`), start: text(c.start, `${p}.cubic.start`, 200) } as unknown as NonlinearResult['cubic'],
    fields: { psi: float64List(own(f, 'psi'), `${p}.fields.psi`, nd), pi4: float64List(own(f, 'pi4'), `${p}.fields.pi4`, nd), pi3: float64List(own(f, 'pi3'), `${p}.fields.pi3`, nd) },
    maxForce: exact(own(o, 'maxForce'), `${p}.maxForce`),
    rattlers: { count: integer(own(r, 'count'), `${p}.rattlers.count`, 0, nd), excluded: boolean(own(r, 'excluded'), `${p}.rattlers.excluded`) },
    pairs: integer(own(o, 'pairs'), `${p}.pairs`, 0, Number.MAX_SAFE_INTEGER),
    tolerance: exact(own(o, 'tolerance'), `${p}.tolerance`), seconds: exact(own(o, 'seconds'), `${p}.seconds`),
  };
}

function readElastic(v: unknown, spec: RunSpec, n: number, dim: number): ElasticResult {
  const p = 'softSpots.elastic';
  const o = object(v, p);
  onlyKeys(o, p, ['engine', 'shearModulus', 'born', 'nonaffine', 'planes', 'dipole', 'rattlers', 'maxForce', 'pairFirst', 'pairSecond', 'pairKappa', 'localKappa', 'seconds']);
  const planes = array(own(o, 'planes'), `${p}.planes`, 0, 64).map((x, k) => {
    const pl = numbers(x, `${p}.planes[${k}]`, ['a', 'b', 'born', 'nonaffine', 'shearModulus', 'iterations']);
    integer(pl.a, `${p}.planes[${k}].a`, 0, dim - 1);
    integer(pl.b, `${p}.planes[${k}].b`, 0, dim - 1);
    return pl as unknown as ElasticResult['planes'][number];
  });
  const dipole = numbers(own(o, 'dipole'), `${p}.dipole`, ['mean', 'median', 'count', 'iterations']);
  const pairKappa = Float64Array.from(numberList(own(o, 'pairKappa'), `${p}.pairKappa`, 0, 64 * n));
  const index = (key: string) => {
    const xs = float64List(own(o, key), `${p}.${key}`, pairKappa.length);
    return Int32Array.from(xs, (x, k) => integer(x, `${p}.${key}[${k}]`, 0, n - 1));
  };
  return {
    kind: 'elastic', spec, engine: engine(own(o, 'engine'), `${p}.engine`),
    shearModulus: exact(own(o, 'shearModulus'), `${p}.shearModulus`), born: exact(own(o, 'born'), `${p}.born`), nonaffine: exact(own(o, 'nonaffine'), `${p}.nonaffine`),
    planes, dipole: dipole as unknown as ElasticResult['dipole'],
    rattlers: integer(own(o, 'rattlers'), `${p}.rattlers`, 0, n), maxForce: exact(own(o, 'maxForce'), `${p}.maxForce`),
    pairFirst: index('pairFirst'), pairSecond: index('pairSecond'), pairKappa,
    localKappa: float64List(own(o, 'localKappa'), `${p}.localKappa`, n), seconds: exact(own(o, 'seconds'), `${p}.seconds`),
  };
}

/** The soft spots of a run file, checked against the spec's N and the model's dimension. */
export function readSoftSpots(v: unknown, spec: RunSpec, dim: number): RunFileSoftSpots {
  const o = object(v, 'softSpots');
  onlyKeys(o, 'softSpots', ['state', 'nonlinear', 'elastic']);
  const state = configuration(own(o, 'state'), 'softSpots.state', spec.n, dim);
  const nl = own(o, 'nonlinear'), el = own(o, 'elastic');
  const spots = { state, nonlinear: nl === null ? null : readNonlinear(nl, spec, spec.n * dim), elastic: el === null ? null : readElastic(el, spec, spec.n, dim) };
  if (!spots.nonlinear && !spots.elastic) fail('softSpots', 'holds neither a nonlinear nor an elastic result');
  return spots;
}
