// Public API of the particle view.
export { ParticleView, type ParticleViewProps, type ColorMode } from './ParticleView.tsx';
export { Legend, MissingNotice, formatTick } from './legend.tsx';
export { colormap, cssGradient, VIRIDIS, SIZES, type ColorTable, type RGB } from './colormap.ts';
export { autoRange, percentileSorted } from './autoRange.ts';
export { displacements, displacementMagnitudes, minimumImage, wrap } from './displacement.ts';
export { fillColors, fillSpecies, fillScalar, normalize, COLORS, LABELS, MISSING, type ColorInfo } from './coloring.ts';
export { fillInstanceMatrices } from './instances.ts';
export { fillArrows, segmentsPerArrow } from './arrows.ts';
export { ParticleScene, sphereSegments, DEFAULT_STYLE } from './scene.ts';
