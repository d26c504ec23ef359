// The cell-list stencil shared by the neighbor build (neighbors.wgsl) and the per-particle analysis (analysiscells.wgsl),
// included with //#include stencil. The including kernel declares `params: SystemParams`.

// The cell at stencil position q around the home cell (axis 0 fastest; offsets −reach..reach per axis, wrapped).
fn stencilCell(home: vec4<u32>, q: u32) -> u32 {
  var rest = q;
  var cell = 0u;
  var stride = 1u;
  for (var a = 0u; a < DIM; a = a + 1u) {
    let reach = params.stencilReach[a];
    let width = 2u * reach + 1u;
    let cells = params.cellsPerAxis[a];
    cell = cell + ((home[a] + cells + rest % width - reach) % cells) * stride;
    rest = rest / width;
    stride = stride * cells;
  }
  return cell;
}
