// Serial swap Monte Carlo (000 App. A.1a): single-particle energies over a Verlet list that follows single moves, and the sampler.
export * from './particleEnergy.ts';
export * from './mcNeighborList.ts';
export * from './runMonteCarlo.ts';
export * from './swapMonteCarlo.ts';
