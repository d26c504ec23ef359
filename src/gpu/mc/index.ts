// Parallel swap Monte Carlo on the GPU (Anderson et al. 2013 checkerboard; 000 App. A.1a moves).
export * from './checkerboard.ts';
export * from './schedule.ts';
export * from './params.ts';
export * from './gpuMonteCarlo.ts';
