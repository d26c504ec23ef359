// Walking a particle's full neighbourhood in a GPU cell list (src/gpu/cellList.ts), shared by the per-particle analysis kernels
// (shaders/analysisdefects.wgsl, shaders/analysisd2min.wgsl). The including kernel declares `params: SystemParams` and
// `positions: array<Fixed>` holding two configurations of the same N particles: the initial one at particles 0..N−1, the final
// one at N..2N−1 (so separation(i, j) is initial and separation(i + N, j + N) final, both the exact integer minimum image).
// The stencil is shaders/stencil.wgsl, the one the neighbor build walks.

// The cell of stored particle k (k < N: initial, k ≥ N: final) along each axis, as cells.wgsl cellOfParticle.
fn homeCell(k: u32) -> vec4<u32> {
  var home = vec4<u32>();
  for (var a = 0u; a < DIM; a = a + 1u) {
    home[a] = cellAlongAxis(positions[k * DIM + a].x, params.cellsPerAxis[a]);
  }
  return home;
}

//#include stencil

// The scaled cutoffs of the analysis (src/gpu/analysis/analysisCutoffs.ts): x_cut^EQ, the breaking and insertion cutoffs
// x_cut^IS, and the D²min neighbour cutoff, all in units of s_ij.
struct AnalysisCutoffs {
  equilibrium: f32,
  breaking: f32,
  insertion: f32,
  d2minNeighbor: f32,
}

// 001 SM III: x_ij < x_cut tested as r_ij² < (x_cut·s_ij)², the same test as src/physics/analysis/pairCorrelation.ts isScaledNeighbor, in f32.
fn withinScaled(d: VecD, s: f32, xCut: f32) -> bool {
  let rc = xCut * s;
  return dot(d, d) < rc * rc;
}
