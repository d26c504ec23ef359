// A sheared (Lees–Edwards) box as the triclinic cell that files carry. Our box is x = T s, s ∈ [0, L), T = I + γ e_a e_bᵀ
// (src/physics/space.ts), so its cell vectors are L_c e_c, except the gradient axis b, whose vector is L_b (e_b + γ e_a).
// Extended XYZ writes the three cell vectors as the rows of Lattice (ASE's cell); LAMMPS keeps a = (lx,0,0), b = (xy,ly,0),
// c = (xz,yz,lz), so only shears with a < b fit there: xy = γ L_y (x along y), xz = γ L_z (x along z), yz = γ L_z (y along z).
import { periodicBox, shearedBox, type Box } from '../physics/space.ts';

const AXES = 'xyz';

/** The 9 numbers of Lattice (rows = cell vectors); a 2D box gets the unit z vector. */
export function latticeRows(box: Box): number[] {
  const m = [0, 0, 0, 0, 0, 0, 0, 0, 0];
  for (let c = 0; c < 3; c++) m[3 * c + c] = c < box.dim ? box.lengths[c] : 1;
  if (box.shear && box.shear.gamma !== 0) m[3 * box.shear.b + box.shear.a] = box.shear.gamma * box.lengths[box.shear.b];
  return m;
}

/**
 * The box of a Lattice: diagonal → orthorhombic; one off-diagonal entry m[b][a] (a, b < dim) → simple shear of axis a along
 * axis b with γ = m[b][a] / m[b][b]. Anything else throws one line saying why.
 */
export function boxFromLattice(m: readonly number[], dim: 2 | 3): Box {
  const lengths = [m[0], m[4], m[8]].slice(0, dim);
  lengths.forEach((L, a) => {
    if (!(L > 0)) throw new Error(`Lattice length along ${AXES[a]} must be positive, found ${L}`);
  });
  const tilts: { a: number; b: number }[] = [];
  for (let b = 0; b < 3; b++) for (let a = 0; a < 3; a++) if (a !== b && m[3 * b + a] !== 0) tilts.push({ a, b });
  const box = periodicBox(dim, lengths);
  if (tilts.length === 0) return box;
  const { a, b } = tilts[0];
  if (tilts.length > 1 || a >= dim || b >= dim) {
    throw new Error(`Lattice is neither orthorhombic nor a simple shear (cell vector ${b + 1} tilted along ${AXES[a]} only); other triclinic cells are not supported`);
  }
  return shearOrRefuse(box, m[3 * b + a] / m[3 * b + b], a, b, 'Lattice');
}

/** LAMMPS tilt factors xy xz yz of a box; throws one line for a shear LAMMPS's cell cannot hold. */
export function lammpsTilts(box: Box): { xy: number; xz: number; yz: number } {
  const t = { xy: 0, xz: 0, yz: 0 };
  const s = box.shear;
  if (!s || s.gamma === 0) return t;
  const L = box.lengths;
  if (s.a > s.b) {
    throw new Error(`a LAMMPS cell tilts x along y or z and y along z only; the shear of ${AXES[s.a]} along ${AXES[s.b]} cannot be written`);
  }
  const tilt = s.gamma * L[s.b];
  // LAMMPS refuses a tilt beyond half the length of the axis it tilts along (read_data: "Triclinic box skew is too large").
  if (Math.abs(tilt) > L[s.a] / 2) {
    throw new Error(`LAMMPS refuses a tilt ${AXES[s.a]}${AXES[s.b]} = ${tilt} larger than half of L_${AXES[s.a]} = ${L[s.a]}`);
  }
  const key = `${AXES[s.a]}${AXES[s.b]}` as 'xy' | 'xz' | 'yz';
  t[key] = tilt;
  return t;
}

/** The box of LAMMPS bounds and tilt factors (xy, xz, yz); at most one nonzero tilt, and none but xy in 2D. */
export function boxFromLammpsTilts(lengths: readonly number[], tilts: readonly [number, number, number], dim: 2 | 3): Box {
  const box = periodicBox(dim, lengths.slice(0, dim));
  const pairs = [{ a: 0, b: 1 }, { a: 0, b: 2 }, { a: 1, b: 2 }];
  const set = pairs.map((p, k) => ({ ...p, tilt: tilts[k] })).filter((p) => p.tilt !== 0);
  if (set.length === 0) return box;
  if (set.length > 1 || set[0].b >= dim) {
    throw new Error(`triclinic box with tilts xy xz yz = ${tilts.join(' ')}: only one tilt (a simple shear${dim === 2 ? ', xy in 2D' : ''}) is supported`);
  }
  const { a, b, tilt } = set[0];
  return shearOrRefuse(box, tilt / lengths[b], a, b, 'tilt');
}

/** The cell vector of axis c (length dim) of a possibly sheared box. */
export function cellVector(box: Box, c: number): Float64Array {
  const v = new Float64Array(box.dim);
  v[c] = box.lengths[c];
  if (box.shear && box.shear.b === c) v[box.shear.a] = box.shear.gamma * box.lengths[c];
  return v;
}

function shearOrRefuse(box: Box, gamma: number, a: number, b: number, what: string): Box {
  if (!(Math.abs(gamma) <= 0.5)) {
    throw new Error(`${what} gives a shear γ = ${gamma} of ${AXES[a]} along ${AXES[b]}; only |γ| ≤ 0.5 is supported (reduce the cell first)`);
  }
  return shearedBox(box, gamma, a, b);
}
