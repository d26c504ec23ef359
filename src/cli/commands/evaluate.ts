// glasslab eval: energy and forces of a configuration exactly as given.
import { createLandscape, energyAndForces } from '../../physics/forces.ts';
import { maxParticleForce } from '../../physics/descent/state.ts';
import { particleCount } from '../../physics/configuration.ts';
import { parseOptions, requireString } from '../args.ts';
import { loadConfiguration, resolveModel } from '../io.ts';

export const evalHelp = `glasslab eval --in FILE [--model M] [--format xyz|lammps] --json
  Prints {"n", "energy", "energyPerParticle", "forces", "maxForce"} for the configuration as given.`;

export async function evalCommand(argv: string[]): Promise<unknown> {
  const v = parseOptions(argv, { in: { type: 'string' }, model: { type: 'string' }, format: { type: 'string' }, json: { type: 'boolean' } });
  const path = requireString(v, 'in');
  const loaded = await loadConfiguration(path, v.format as string | undefined);
  const model = resolveModel(v.model as string | undefined, loaded, path);
  const c = loaded.configuration;
  const positions = c.positions.slice();
  const forces = new Float64Array(positions.length);
  const energy = energyAndForces(createLandscape(model, c), positions, forces);
  const n = particleCount(c);
  const d = c.box.dim;
  const rows: number[][] = [];
  for (let i = 0; i < n; i++) rows.push(Array.from(forces.subarray(i * d, i * d + d)));
  return { n, model: model.name, energy, energyPerParticle: energy / n, forces: rows, maxForce: maxParticleForce(forces, d) };
}
