// Cell list by counting sort (docs/ARCHITECTURE.md hazard 4: no capacity limit): count per cell with atomics, exclusive prefix sum
// (shaders/scan.wgsl), scatter; then each cell's members sorted by index, so the order (and every f32 sum after it) is reproducible.
// Mirrors src/physics/neighbors.ts buildCellList.

@group(0) @binding(0) var<uniform> params: SystemParams;
@group(0) @binding(1) var<storage, read> positions: array<Fixed>;
@group(0) @binding(2) var<storage, read_write> cellCounts: array<atomic<u32>>;
@group(0) @binding(3) var<storage, read_write> slotInCell: array<u32>;
@group(0) @binding(4) var<storage, read> cellStarts: array<u32>;
@group(0) @binding(5) var<storage, read_write> cellOrder: array<u32>;

// Cell index with axis 0 fastest, as buildCellList.
fn cellOfParticle(i: u32) -> u32 {
  var cell = 0u;
  var stride = 1u;
  for (var a = 0u; a < DIM; a = a + 1u) {
    let cells = params.cellsPerAxis[a];
    cell = cell + cellAlongAxis(positions[i * DIM + a].x, cells) * stride;
    stride = stride * cells;
  }
  return cell;
}

@compute @workgroup_size(64)
fn countParticles(@builtin(global_invocation_id) id: vec3<u32>) {
  let i = id.x;
  if (i >= params.particleCount) { return; }
  slotInCell[i] = atomicAdd(&cellCounts[cellOfParticle(i)], 1u);
}

@compute @workgroup_size(64)
fn scatterParticles(@builtin(global_invocation_id) id: vec3<u32>) {
  let i = id.x;
  if (i >= params.particleCount) { return; }
  cellOrder[cellStarts[cellOfParticle(i)] + slotInCell[i]] = i;
}

// Insertion sort of one cell's members (a handful each): the atomics above fill cells in a random order.
@compute @workgroup_size(64)
fn sortCells(@builtin(global_invocation_id) id: vec3<u32>) {
  let c = id.x;
  if (c >= params.cellCount) { return; }
  let first = cellStarts[c];
  let end = cellStarts[c + 1u];
  for (var m = first + 1u; m < end; m = m + 1u) {
    let value = cellOrder[m];
    var k = m;
    while (k > first && cellOrder[k - 1u] > value) {
      cellOrder[k] = cellOrder[k - 1u];
      k = k - 1u;
    }
    cellOrder[k] = value;
  }
}
