// The force kernel's partners (appended to shaders/forces.wgsl by src/gpu/forces.ts): plain pairs, r_j − r_i by the minimum image.

@group(0) @binding(3) var<storage, read> neighbors: array<u32>; // slot k of particle i at k·N + i: the partner j

fn partnerOf(slot: u32) -> u32 { return neighbors[slot]; }

fn partnerSeparation(i: u32, j: u32, slot: u32, units: SeparationUnits) -> PairSeparation { return pairSeparation(i, j, units); }
