// Shipped starting states (public/states/, made by scripts/makePresetStates.ts): fetched, parsed and checked against the
// run spec before they replace equilibration, so a preset starts at once and a wrong file says so instead of running.
import type { ConfigurationData } from '../engine/lab/protocol.ts';
import type { RunSpec } from '../engine/runSpec.ts';
import { readExtendedXyz } from '../io/extendedXyz.ts';
import { toConfigurationData } from '../engine/lab/configurationData.ts';

/** Parses a state file and checks that it holds the spec's model, N and T. */
export function parseStartingState(text: string, spec: RunSpec, file: string): ConfigurationData {
  const frame = readExtendedXyz(text);
  const c = frame.configuration;
  const n = c.diameters.length;
  if (frame.model !== undefined && frame.model !== spec.model) throw new Error(`${file} holds model ${frame.model}, not ${spec.model}`);
  if (n !== spec.n) throw new Error(`${file} holds ${n} particles, not N = ${spec.n}`);
  if (frame.temperature !== undefined && frame.temperature !== spec.temperature) throw new Error(`${file} was equilibrated at T = ${frame.temperature}, not ${spec.temperature}`);
  return toConfigurationData(c);
}

/** Fetches public/states/<file> (relative to the page's base URL). */
export async function fetchStartingState(spec: RunSpec, baseUrl: string): Promise<ConfigurationData> {
  const file = spec.initialState!;
  const response = await fetch(`${baseUrl}states/${encodeURIComponent(file)}`);
  if (!response.ok) throw new Error(`could not load the starting state ${file} (HTTP ${response.status})`);
  return parseStartingState(await response.text(), spec, file);
}
