// glasslab eval: energy and forces of a configuration exactly as given — the lab's evaluate job (src/cli/labJob.ts), on the
// float64 engine or, with --engine gpu|auto, the GPU (float32 forces), falling back to float64 as every command does.
import { toConfigurationData } from '../../engine/lab/configurationData.ts';
import { DEFAULT_SPEC, type RunSpec } from '../../engine/runSpec.ts';
import { particleCount } from '../../physics/configuration.ts';
import { engineOption, parseOptions, requireString } from '../args.ts';
import { loadConfiguration, resolveModel } from '../io.ts';
import { engineFields, runJobHere } from '../labJob.ts';

export const evalHelp = `glasslab eval --in FILE [--model M] [--format xyz|lammps] [--engine cpu|gpu|auto] --json
  Prints {"engine", "n", "energy", "energyPerParticle", "forces", "maxForce"} for the configuration as given.
  --engine gpu|auto: on WebGPU (float32 forces; the JSON names the engine that ran; without a usable GPU one line says so
  and float64 computes them).`;

export async function evalCommand(argv: string[]): Promise<unknown> {
  const v = parseOptions(argv, {
    in: { type: 'string' }, model: { type: 'string' }, format: { type: 'string' }, json: { type: 'boolean' }, engine: { type: 'string' },
  });
  const engine = engineOption(v);
  const path = requireString(v, 'in');
  const loaded = await loadConfiguration(path, v.format as string | undefined);
  const model = resolveModel(v.model as string | undefined, loaded, path);
  const c = loaded.configuration;
  const n = particleCount(c);
  // The spec of a given configuration: model and N from the file; nothing is equilibrated or quenched.
  const spec: RunSpec = { ...DEFAULT_SPEC, model: model.name, n, temperature: loaded.temperature ?? Infinity, sweeps: 0 };
  const o = await runJobHere('eval', { kind: 'evaluate', spec, start: toConfigurationData(c) }, engine, 'evaluate', { quiet: true });
  const r = o.result;
  const d = c.box.dim;
  const rows: number[][] = [];
  for (let i = 0; i < n; i++) rows.push(Array.from(r.forces.subarray(i * d, i * d + d)));
  return { ...engineFields(o), n, model: model.name, energy: r.energy, energyPerParticle: r.energy / n, forces: rows, maxForce: r.maxForce };
}
