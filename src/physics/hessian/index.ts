// The Hessian of a pair model (docs/PHYSICS.md §5): pair blocks, products, dense and CSR assembly, rattlers, the mode space.
export * from './pairHessian.ts';
export * from './assemble.ts';
export * from './rattlers.ts';
export * from './modeSpace.ts';
