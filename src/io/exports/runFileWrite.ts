// Writes a run file (runFileTypes.ts): T = ∞ as "inf" (spec and sweep temperatures), typed arrays as plain number arrays, every float64
// exactly (shortest round-trip decimals, −0 kept). The text is read back before it is returned, so a written file always loads.
import type { ConfigurationData } from '../../engine/lab/protocol.ts';
import { temperatureJson } from '../shareLinkCheck.ts';
import { runSpecToJson } from '../shareLinkSpec.ts';
import { assertFiniteColumn } from './finiteColumn.ts';
import { jsonText } from './jsonText.ts';
import { readRunFile } from './runFileRead.ts';
import type { RunFile } from './runFileTypes.ts';
import { softSpotsJson } from './runFileSoftSpots.ts';

function configurationJson(c: ConfigurationData) {
  const shifts = c.shifts ? { shifts: { seed: c.shifts.seed, temperature: temperatureJson(c.shifts.temperature), planted: c.shifts.planted } } : {};
  return { dim: c.dim, box: [...c.box], positions: c.positions, diameters: c.diameters, species: c.species, ...shifts };
}

/** The run file's text; throws a clear Error when the run holds something a run file cannot (a non-finite number). */
export function writeRunFile(run: RunFile): string {
  if (run.particles?.d2min) assertFiniteColumn(run.particles.d2min, 'D²min');
  const doc = {
    format: run.format,
    version: run.version,
    name: run.name,
    createdAt: run.createdAt,
    spec: runSpecToJson(run.spec),
    job: run.job.kind === 'sweep' ? { ...run.job, temperatures: run.job.temperatures.map(temperatureJson) } : run.job,
    engine: run.engine,
    fit: run.fit,
    particles: run.particles,
    curves: run.curves,
    initial: run.initial ? configurationJson(run.initial) : undefined,
    final: run.final ? configurationJson(run.final) : undefined,
    softSpots: run.softSpots ? softSpotsJson(run.softSpots) : undefined,
  };
  const text = jsonText(doc);
  readRunFile(text);
  return text;
}
