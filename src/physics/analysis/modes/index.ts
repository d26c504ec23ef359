// Normal modes and the landscape seen by the Hessian (docs/PHYSICS.md §5; seeds 002 and 000 App. B).
export * from './symmetricEigen.ts';
export * from './lanczos.ts';
export * from './chebyshevFilter.ts';
export * from './spectralDensity.ts';
export * from './normalModes.ts';
export * from './participation.ts';
export * from './modeProfiles.ts';
export * from './mobilityEdge.ts';
export * from './harmonicRelaxation.ts';
export * from './vdosFit.ts';
export * from './fixedWSampling.ts';
export * from './landscapeLevel.ts';
export * from './harmonicSpectrum.ts';
