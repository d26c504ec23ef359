// Import a configuration (extended XYZ or LAMMPS data) as the starting state: the spec takes the file's model, N and T, and
// the next single run or comparison quenches the file's state instead of equilibrating (src/state/importedStart.ts).
import { importStartingState } from '../../io/exports/importState.ts';
import { useImportedStart } from '../../state/importedStart.ts';
import { useSpecStore } from '../../state/specStore.ts';

/** Reads the file into the spec and the imported-start store; returns the line to show. */
export async function importStateFile(file: File): Promise<string> {
  if (file.size > 256 * 2 ** 20) throw new Error(`${file.name} is ${(file.size / 2 ** 20).toFixed(0)} MB; a starting state of at most 262,144 particles is far smaller`);
  const specs = useSpecStore.getState();
  const state = importStartingState(await file.text(), file.name, { chosenModel: specs.draft.model });
  if (state.model !== specs.draft.model) specs.setField('model', state.model);
  useSpecStore.getState().setField('n', String(state.n));
  if (state.temperature !== undefined) useSpecStore.getState().setField('temperature', String(state.temperature));
  const spec = useSpecStore.getState().spec;
  useImportedStart.getState().set({
    file: file.name, configuration: state.configuration, model: state.model, n: state.n,
    temperature: spec?.temperature ?? null, seed: spec?.seed ?? null,
  });
  const T = state.temperature !== undefined ? `, T = ${state.temperature}` : '';
  return `${file.name}: ${state.model}, N = ${state.n}${T} set as the starting state`;
}
