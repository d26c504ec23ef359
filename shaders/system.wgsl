// What every particle kernel knows of the system: the box, the cell grid, the neighbor-list capacity (packed by src/gpu/systemParams.ts).

struct SystemParams {
  boxLength: vec4<f32>,        // L_a
  fractionToLength: vec4<f32>, // L_a·2⁻³²: one unit of a position's hi word, in lengths
  lengthToFraction: vec4<f32>, // 2³²/L_a
  cellsPerAxis: vec4<u32>,     // cells along each axis (1 when the box is too thin for 3)
  stencilReach: vec4<u32>,     // 1: neighbor cells −1, 0, +1 along this axis; 0: the axis has a single cell
  particleCount: u32,
  cellCount: u32,
  neighborCapacity: u32,       // neighbor slots per particle
  stencilCells: u32,           // Π_a (2·reach_a + 1)
  skin: f32,                   // Verlet skin (length)
  rebuildDistance2: f32,       // (skin/2)²
}

// Per-particle constants of the pair model: the diameter d_i and the species t_i.
struct Particle {
  diameter: f32,
  species: u32,
}

// The cell along one axis of a coordinate's hi word: floor(cells·x/L), exact (src/physics/neighbors.ts buildCellList).
fn cellAlongAxis(hi: u32, cells: u32) -> u32 {
  return mulHigh(hi, cells);
}
