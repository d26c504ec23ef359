// The particle colour modes (docs/PHYSICS.md §4: species or diameter, defects φ_i, D²min, displacement, speed |v_i|): defined
// here, at the lowest layer that names them (the presets, src/engine/presets.ts), for the view settings and the views above.
// 'hidden': a coordinate the projection of a D > 3 state does not show (src/ui/views/particles/projection.ts).
// 'kappa': the local stiffness κ_i of the elastic analysis (004 Eq. A4; the Landscape panel's Soft spots).
export const COLOR_MODES = ['species', 'defects', 'd2min', 'displacement', 'speed', 'hidden', 'kappa'] as const;
export type ColorMode = (typeof COLOR_MODES)[number];
