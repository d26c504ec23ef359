// Exports and imports of runs, curves and configurations (the public surface of src/io/exports).
export { curvesCsv, curvesJson, CURVES_CSV_HEADER, type NamedCurve } from './curvesExport.ts';
export { configurationOf, stateLammpsData, stateXyz, type StateExportOptions } from './configurationExport.ts';
export { exportBaseName, exportFileName } from './exportNames.ts';
export { importStartingState, MAX_IMPORT_PARTICLES, type ImportedState, type ImportStateOptions } from './importState.ts';
export { jsonText } from './jsonText.ts';
export { lammpsDeck, lammpsDeckUnsupported, LAMMPS_MODELS, type LammpsDeck, type LammpsDeckFile, type LammpsDeckOptions } from './lammpsDeck.ts';
export { runFileFromResult, type FinishedRun } from './runFileFromResult.ts';
export { readRunFile } from './runFileRead.ts';
export { writeRunFile } from './runFileWrite.ts';
export * from './runFileTypes.ts';
