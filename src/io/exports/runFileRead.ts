// Reads a run file (runFileTypes.ts) from untrusted text: size and nesting limited before parsing, every field checked, and
// any problem, whatever it is, comes out as one RunFileError whose single line names the field. Nothing else is thrown.
import { ALGORITHMS } from '../../physics/descent/quench.ts';
import { getModel } from '../../physics/models.ts';
import { array, describe, fail, FieldProblem, integer, nestingWithin, object, oneOf, onlyKeys, own, temperature } from '../shareLinkCheck.ts';
import { readRunSpec } from '../shareLinkSpec.ts';
import { byteList, configuration, exact, float64List, MAX_PARTICLES, numberList, particleCount, text } from './runFileCheck.ts';
import { quote } from '../text.ts';
import { readSoftSpots } from './runFileSoftSpots.ts';
import {
  MAX_RUN_FILE_CHARS, RUN_FILE_FORMAT, RUN_FILE_VERSION, RunFileError,
  type RunFile, type RunFileCurve, type RunFileEngine, type RunFileFit, type RunFileJob, type RunFileParticles,
} from './runFileTypes.ts';

const MAX_CURVES = 10_000;
const MAX_POINTS = 1_000_000;
const MAX_SAMPLES = 100_000;

/** The run in `text`; throws only RunFileError. */
export function readRunFile(text: unknown): RunFile {
  try {
    return parse(text);
  } catch (e) {
    const message = e instanceof RunFileError ? e.message
      : e instanceof FieldProblem ? `run file: ${e.message}`
        : `run file: unreadable (${e instanceof Error ? e.message : String(e)})`;
    throw new RunFileError(oneLine(message));
  }
}

function oneLine(s: string): string {
  const line = s.replace(/[\u0000-\u001f\u007f\u2028\u2029]+/g, ' ');
  return line.length > 300 ? `${line.slice(0, 299)}…` : line;
}

function parse(input: unknown): RunFile {
  if (typeof input !== 'string') throw new RunFileError('run file: expected text');
  if (input.length > MAX_RUN_FILE_CHARS) throw new RunFileError(`run file: ${(input.length / 2 ** 20).toFixed(0)} MB is more than the ${MAX_RUN_FILE_CHARS / 2 ** 20} MB a run file may hold`);
  if (input.trim() === '') throw new RunFileError('run file: the file is empty');
  if (!nestingWithin(input, 8)) throw new RunFileError('run file: nested deeper than a run file can be');
  let value: unknown;
  try {
    value = JSON.parse(input);
  } catch (e) {
    throw new RunFileError(`run file: not valid JSON (${e instanceof Error ? e.message : String(e)})`);
  }
  const o = object(value, 'document');
  const format = own(o, 'format');
  if (format !== RUN_FILE_FORMAT) {
    const hint = format === 'glasslab-results' ? ' (a results file; import a run file exported with "Run file")' : '';
    fail('format', `expected "${RUN_FILE_FORMAT}", found ${describe(format)}${hint}`);
  }
  const version = own(o, 'version');
  if (typeof version === 'number' && Number.isInteger(version) && version > RUN_FILE_VERSION) {
    fail('version', `this run file is version ${version}, written by a newer GlassLab; this one reads version ${RUN_FILE_VERSION} (update GlassLab)`);
  }
  if (version !== RUN_FILE_VERSION) fail('version', `expected ${RUN_FILE_VERSION}, found ${describe(version)}`);
  onlyKeys(o, 'document', ['format', 'version', 'spec', 'job', 'engine', 'curves', 'fit', 'createdAt'], ['name', 'particles', 'initial', 'final', 'softSpots']);

  const spec = readRunSpec(own(o, 'spec'), 'spec', { limits: { maxN: MAX_PARTICLES, maxSweeps: Number.MAX_SAFE_INTEGER, maxTMax: Number.MAX_VALUE } });
  const dim = getModel(spec.model).dim;
  const createdAt = text(own(o, 'createdAt'), 'createdAt', 64);
  if (!Number.isFinite(Date.parse(createdAt))) fail('createdAt', `expected a date and time (ISO 8601), found ${describe(createdAt)}`);
  const name = own(o, 'name');
  const run: RunFile = {
    format: RUN_FILE_FORMAT, version: RUN_FILE_VERSION,
    ...(name !== undefined ? { name: text(name, 'name', 500) } : {}),
    spec, job: readJob(own(o, 'job')), engine: readEngine(own(o, 'engine')),
    curves: readCurves(own(o, 'curves')), fit: readFit(own(o, 'fit')),
    createdAt,
  };
  if (own(o, 'particles') !== undefined) run.particles = readParticles(own(o, 'particles'), spec.n);
  if (own(o, 'initial') !== undefined) run.initial = configuration(own(o, 'initial'), 'initial', spec.n, dim);
  if (own(o, 'final') !== undefined) run.final = configuration(own(o, 'final'), 'final', spec.n, dim);
  if (own(o, 'softSpots') !== undefined) run.softSpots = readSoftSpots(own(o, 'softSpots'), spec, dim);
  return run;
}

function readJob(v: unknown): RunFileJob {
  const o = object(v, 'job');
  const kind = oneOf(own(o, 'kind'), 'job.kind', ['single', 'ensemble', 'sweep', 'compare'] as const);
  switch (kind) {
    case 'single':
      onlyKeys(o, 'job', ['kind']);
      return { kind };
    case 'ensemble':
      onlyKeys(o, 'job', ['kind', 'samples']);
      return { kind, samples: integer(own(o, 'samples'), 'job.samples', 1, MAX_SAMPLES) };
    case 'sweep': {
      onlyKeys(o, 'job', ['kind', 'temperatures', 'samples']);
      const temperatures = array(own(o, 'temperatures'), 'job.temperatures', 1, 1000).map((T, k) => temperature(T, `job.temperatures[${k}]`));
      return { kind, temperatures, samples: integer(own(o, 'samples'), 'job.samples', 1, MAX_SAMPLES) };
    }
    case 'compare': {
      onlyKeys(o, 'job', ['kind', 'algorithms']);
      const algorithms = array(own(o, 'algorithms'), 'job.algorithms', 1, ALGORITHMS.length).map((a, k) => oneOf(a, `job.algorithms[${k}]`, ALGORITHMS));
      if (new Set(algorithms).size !== algorithms.length) fail('job.algorithms', 'names an algorithm twice');
      return { kind, algorithms };
    }
  }
}

function readEngine(v: unknown): RunFileEngine {
  const o = object(v, 'engine');
  onlyKeys(o, 'engine', ['requested', 'used', 'adapter']);
  const used = own(o, 'used'), adapter = own(o, 'adapter');
  return {
    requested: oneOf(own(o, 'requested'), 'engine.requested', ['auto', 'gpu', 'cpu'] as const),
    used: used === null ? null : oneOf(used, 'engine.used', ['gpu', 'cpu'] as const),
    adapter: adapter === null ? null : text(adapter, 'engine.adapter', 200, true),
  };
}

function readCurves(v: unknown): RunFileCurve[] {
  const names = new Set<string>();
  return array(v, 'curves', 0, MAX_CURVES).map((c, k) => {
    const path = `curves[${k}]`;
    const o = object(c, path);
    onlyKeys(o, path, ['name', 't', 'speed', 'energyPerParticle']);
    const name = text(own(o, 'name'), `${path}.name`, 200);
    if (names.has(name)) fail(`${path}.name`, `curve "${quote(name)}" appears twice`);
    names.add(name);
    const t = numberList(own(o, 't'), `${path}.t`, 1, MAX_POINTS);
    const speed = numberList(own(o, 'speed'), `${path}.speed`, t.length, t.length);
    const energyPerParticle = numberList(own(o, 'energyPerParticle'), `${path}.energyPerParticle`, t.length, t.length);
    return { name, t, speed, energyPerParticle };
  });
}

function readFit(v: unknown): RunFileFit | null {
  if (v === null) return null;
  const o = object(v, 'fit');
  onlyKeys(o, 'fit', ['beta', 'low', 'high', 'interval', 'tMin', 'tMax']);
  const fit: RunFileFit = {
    beta: exact(own(o, 'beta'), 'fit.beta'), low: exact(own(o, 'low'), 'fit.low'), high: exact(own(o, 'high'), 'fit.high'),
    interval: oneOf(own(o, 'interval'), 'fit.interval', ['bootstrap', 'regression', 'none'] as const),
    tMin: exact(own(o, 'tMin'), 'fit.tMin'), tMax: exact(own(o, 'tMax'), 'fit.tMax'),
  };
  if (!(fit.tMin < fit.tMax)) fail('fit', `the window [tMin, tMax] = [${fit.tMin}, ${fit.tMax}] is empty`);
  return fit;
}

function readParticles(v: unknown, n: number): RunFileParticles {
  const o = object(v, 'particles');
  onlyKeys(o, 'particles', ['defectConcentration', 'xCutEq'], ['xCutSource', 'defectFlags', 'd2min']);
  const phi = exact(own(o, 'defectConcentration'), 'particles.defectConcentration');
  if (phi < 0 || phi > 1) fail('particles.defectConcentration', `a concentration lies in [0, 1], found ${phi}`);
  const xCutEq = exact(own(o, 'xCutEq'), 'particles.xCutEq');
  if (!(xCutEq > 0)) fail('particles.xCutEq', `must be positive, found ${xCutEq}`);
  const p: RunFileParticles = { defectConcentration: phi, xCutEq };
  if (own(o, 'xCutSource') !== undefined) p.xCutSource = text(own(o, 'xCutSource'), 'particles.xCutSource', 200, true);
  particleCount(own(o, 'defectFlags'), 'particles.defectFlags', n);
  particleCount(own(o, 'd2min'), 'particles.d2min', n);
  if (own(o, 'defectFlags') !== undefined) p.defectFlags = byteList(own(o, 'defectFlags'), 'particles.defectFlags', n, 0, 1);
  if (own(o, 'd2min') !== undefined) p.d2min = float64List(own(o, 'd2min'), 'particles.d2min', n);
  return p;
}
