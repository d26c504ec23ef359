// Nonlinear quasilocalized excitations (003): contractions κ, τ, χ of any field, the quartic and cubic modes.
export * from './pairExpansion.ts';
export * from './contractions.ts';
export * from './modeCost.ts';
export * from './modeMinimizer.ts';
export * from './nonlinearModes.ts';
export * from './statistics.ts';
export * from './nonaffineVelocity.ts';
export * from './cutoffShare.ts';
