// Elasticity of a minimum (004): the shear modulus G with its Born and non-affine parts, and the dipole stiffness κ_ij.
export * from './linearSolve.ts';
export * from './blockJacobi.ts';
export * from './elasticPairs.ts';
export * from './shearModulus.ts';
export * from './dipoleStiffness.ts';
