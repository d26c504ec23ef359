// Non-affine displacement D²min of Falk and Langer (000 ref. 62), OVITO convention, per particle in f32. Mirrors
// src/physics/analysis/d2min.ts: neighbours j with x_ij < cutoff in the initial state, X = Σ_j d_ij d⁰_ijᵀ, Y = Σ_j d⁰_ij d⁰_ijᵀ,
// F = X Y⁻¹, D²min_i = Σ_j |d_ij − F d⁰_ij|². Written with the bond's change Δ_ij = d_ij − d⁰_ij = u_j − u_i (u = final − initial,
// exact in 64-bit fixed point, then one rounding): X = Y + Σ_j Δ_ij d⁰_ijᵀ, so F = I + G with G = (Σ_j Δ_ij d⁰_ijᵀ) Y⁻¹ and
// d_ij − F d⁰_ij = Δ_ij − G d⁰_ij, whose f32 round-off is relative to |Δ|, not to |d| (no cancellation of the affine part).
// Where Y is singular (fewer than D neighbours spanning space) F = I, i.e. G = 0: D²min_i = Σ_j |Δ_ij|², as d2min.ts d2minField,
// written with its sign bit set (−D²min_i, −0 for none) to flag the degenerate neighbourhood; D²min itself is ≥ 0.

@group(0) @binding(0) var<uniform> params: SystemParams;
@group(0) @binding(1) var<storage, read> positions: array<Fixed>;      // initial (0..N−1), then final (N..2N−1)
@group(0) @binding(2) var<storage, read> particles: array<Particle>;
@group(0) @binding(3) var<storage, read> initialCellStarts: array<u32>;
@group(0) @binding(4) var<storage, read> initialCellOrder: array<u32>;
@group(0) @binding(5) var<uniform> cutoffs: AnalysisCutoffs;
@group(0) @binding(6) var<storage, read_write> d2min: array<f32>;      // sign bit set where Y is singular (F = I there)

//#include separation
//#include analysiscells

// Y is singular when a Cholesky pivot is ≤ this fraction of trace(Y): the f32 round-off of Y is ~1e-7 of its trace, so an
// exactly singular Y (fewer than D neighbours spanning space) comes out with a pivot of that size (float64 uses 1e-12).
const SINGULAR_PIVOT: f32 = 1e-5;

// u_k = r_k(final) − r_k(initial) along each axis, a wrapping 64-bit difference (exact: the minimum image of the step).
fn fixedDisplacement(k: u32, n: u32, a: u32) -> Fixed {
  return fixedAdd(positions[(k + n) * DIM + a], fixedNegate(positions[k * DIM + a]));
}

// Δ_ij = u_j − u_i (ui: u_i per axis, from fixedDisplacement), exact in fixed point, rounded once to f32 lengths.
fn bondChange(ui: array<Fixed, 3>, j: u32, n: u32) -> vec4<f32> {
  var v = vec4<f32>();
  for (var a = 0u; a < DIM; a = a + 1u) {
    v[a] = fixedDifference(ui[a], fixedDisplacement(j, n, a)) * params.fractionToLength[a];
  }
  return v;
}

// Neighbour m of the initial cell list is a D²min bond of i: returns d⁰_ij (w = 1) or w = 0 when it is not.
fn referenceBond(i: u32, pi: Particle, m: u32) -> vec4<f32> {
  let j = initialCellOrder[m];
  if (j == i) { return vec4<f32>(); }
  let pj = particles[j];
  let d0 = separation(i, j);
  if (!withinScaled(d0, pairSigma(pi.diameter, pj.diameter, pi.species, pj.species), cutoffs.d2minNeighbor)) { return vec4<f32>(); }
  var out = toVec4(d0);
  out.w = 1.0; // DIM ≤ 3 here (src/gpu/analysis/d2minGpu.ts checks)
  return out;
}

// 000 ref. 62: G = (X − Y) Y⁻¹ by Cholesky (rows solved as in d2min.ts bestAffineMap), then D²min_i = Σ_j |Δ_ij − G d⁰_ij|².
@compute @workgroup_size(64)
fn nonAffineDisplacement(@builtin(global_invocation_id) id: vec3<u32>) {
  let i = id.x;
  let n = params.particleCount;
  if (i >= n) { return; }
  let pi = particles[i];
  let home = homeCell(i);
  var ui: array<Fixed, 3>;
  for (var a = 0u; a < DIM; a = a + 1u) { ui[a] = fixedDisplacement(i, n, a); }
  var Y: array<f32, 9>;
  var Z: array<f32, 9>; // Σ_j Δ_ij d⁰_ijᵀ = X − Y
  for (var q = 0u; q < params.stencilCells; q = q + 1u) {
    let cell = stencilCell(home, q);
    let end = initialCellStarts[cell + 1u];
    for (var m = initialCellStarts[cell]; m < end; m = m + 1u) {
      let b0 = referenceBond(i, pi, m);
      if (b0.w == 0.0) { continue; }
      let db = bondChange(ui, initialCellOrder[m], n);
      for (var r = 0u; r < DIM; r = r + 1u) {
        for (var c = 0u; c < DIM; c = c + 1u) {
          Y[r * 3u + c] = Y[r * 3u + c] + b0[r] * b0[c];
          Z[r * 3u + c] = Z[r * 3u + c] + db[r] * b0[c];
        }
      }
    }
  }
  // Cholesky Y = L Lᵀ (d2min.ts choleskyFactor)
  var trace = 0.0;
  for (var a = 0u; a < DIM; a = a + 1u) { trace = trace + Y[a * 3u + a]; }
  var L: array<f32, 9>;
  var singular = !(trace > 0.0);
  for (var a = 0u; a < DIM; a = a + 1u) {
    for (var c = 0u; c <= a; c = c + 1u) {
      var s = Y[a * 3u + c];
      for (var k = 0u; k < c; k = k + 1u) { s = s - L[a * 3u + k] * L[c * 3u + k]; }
      if (a == c) {
        singular = singular || !(s > SINGULAR_PIVOT * trace);
        L[a * 3u + a] = sqrt(max(s, 0.0));
      } else {
        L[a * 3u + c] = s / L[c * 3u + c];
      }
    }
  }
  // G rows: Y g_rᵀ = z_rᵀ (Y symmetric), forward then back substitution (d2min.ts choleskySolveInPlace); G = 0 when singular
  var G: array<f32, 9>;
  for (var r = 0u; r < select(DIM, 0u, singular); r = r + 1u) {
    var v = vec3<f32>();
    for (var a = 0u; a < DIM; a = a + 1u) {
      var s = Z[r * 3u + a];
      for (var k = 0u; k < a; k = k + 1u) { s = s - L[a * 3u + k] * v[k]; }
      v[a] = s / L[a * 3u + a];
    }
    for (var step = 0u; step < DIM; step = step + 1u) {
      let a = DIM - 1u - step;
      var s = v[a];
      for (var k = a + 1u; k < DIM; k = k + 1u) { s = s - L[k * 3u + a] * v[k]; }
      v[a] = s / L[a * 3u + a];
    }
    for (var a = 0u; a < DIM; a = a + 1u) { G[r * 3u + a] = v[a]; }
  }
  // D²min_i = Σ_j |Δ_ij − G d⁰_ij|² (d2min.ts nonAffineResidual)
  var sum = 0.0;
  for (var q = 0u; q < params.stencilCells; q = q + 1u) {
    let cell = stencilCell(home, q);
    let end = initialCellStarts[cell + 1u];
    for (var m = initialCellStarts[cell]; m < end; m = m + 1u) {
      let b0 = referenceBond(i, pi, m);
      if (b0.w == 0.0) { continue; }
      let db = bondChange(ui, initialCellOrder[m], n);
      for (var r = 0u; r < DIM; r = r + 1u) {
        var e = db[r];
        for (var c = 0u; c < DIM; c = c + 1u) { e = e - G[r * 3u + c] * b0[c]; }
        sum = sum + e * e;
      }
    }
  }
  // the sign bit marks a degenerate neighbourhood (bitcast, so that a degenerate 0 is −0)
  d2min[i] = select(sum, bitcast<f32>(bitcast<u32>(sum) | 0x80000000u), singular);
}
