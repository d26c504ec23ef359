// The force kernel's partners for a Mari–Kurchan model (000 App. A.1d; appended to shaders/forces.wgsl by src/gpu/forces.ts):
// each slot holds the partner j and the accepted try of the pair's shift, and the separation is the shifted one,
// r_j − r_i − A_ij, from the regenerated shift (shaders/mkshifts.wgsl). Mirrors the images of src/physics/mariKurchan/neighbors.ts.

@group(0) @binding(3) var<storage, read> neighbors: array<vec2<u32>>; // slot k of particle i at k·N + i: (j, try)
@group(0) @binding(9) var<storage, read> planted: array<Fixed>;
@group(0) @binding(10) var<uniform> shifts: ShiftParams;

//#include mkshifts

fn partnerOf(slot: u32) -> u32 { return neighbors[slot].x; }

fn partnerSeparation(i: u32, j: u32, slot: u32, units: SeparationUnits) -> PairSeparation {
  return pairSeparationTo(i, shiftedPartner(i, j, neighbors[slot].y), units);
}
