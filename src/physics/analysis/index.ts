// Analysis after the quench (docs/PHYSICS.md §3–4): power-law fits, g(x), defects, D²min, distances.
export * from './powerLaw.ts';
export * from './bootstrap.ts';
export * from './pairCorrelation.ts';
export * from './defects.ts';
export * from './d2min.ts';
export * from './distance.ts';
