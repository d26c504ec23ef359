// Serial swap Monte Carlo (000 App. A.1a): single-particle energies over a movable cell list, and the sampler.
export * from './particleEnergy.ts';
export * from './movableCells.ts';
export * from './runMonteCarlo.ts';
export * from './swapMonteCarlo.ts';
