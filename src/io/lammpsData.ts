// LAMMPS data files (read_data / write_data), atom styles atomic and sphere, orthogonal periodic boxes and sheared
// (Lees–Edwards) boxes as a triclinic cell with one tilt factor xy, xz or yz (src/io/shearedCell.ts).
// Species s ↔ LAMMPS type s + 1. Positions are shifted so the box starts at 0, image flags applied, then wrapped.
// 2D: z = 0 with zlo zhi = −0.5 0.5; the title line carries "# dim=2" (and model=…), which the reader honours.
import { validateConfiguration, type Configuration } from '../physics/configuration.ts';
import { KA_SIGMA } from '../physics/models.ts';
import { wrapPositions, type Box } from '../physics/space.ts';
import { boxFromLammpsTilts, cellVector, lammpsTilts } from './shearedCell.ts';
import { checkStateFileSize, FileFormatError, formatReal, formatTemperature, isBlank, parseInteger, parseReal, parseTemperature, quote, splitLines, tokenize, wrapCoordinate } from './text.ts';

export type LammpsAtomStyle = 'atomic' | 'sphere';

/** Per-type values keyed by LAMMPS type (1-based). */
export type ByType = Readonly<Record<number, number>>;

/** Kob–Andersen σ_AA, σ_BB for types 1, 2: the diameters atom style atomic reads back by default. */
export const KA_DIAMETERS_BY_TYPE: ByType = { 1: KA_SIGMA[0][0], 2: KA_SIGMA[1][1] };

export interface LammpsWriteOptions {
  readonly atomStyle: LammpsAtomStyle;
  /** Masses section (atom style atomic), by type; default 1 for every type. */
  readonly masses?: ByType;
  /** Per-atom density of atom style sphere (mass = density · π d³/6); default 1. */
  readonly density?: number;
  /** First line; "# dim=D" (and model=…) is appended. No '#' or line breaks. */
  readonly title?: string;
  readonly model?: string;
  /** Written as temperature=… on the title line. */
  readonly temperature?: number;
  /** Number of atom types; default max species + 1. */
  readonly atomTypes?: number;
  /** Atom style atomic stores no diameters: each particle's diameter must equal its type's here (default KA σ_AA, σ_BB). */
  readonly diametersByType?: ByType;
}

export interface LammpsReadOptions {
  /** Dimension; default 3, or 2 when the title says dim=2 (then every z must be 0). */
  readonly dim?: 2 | 3;
  /** Atom style; default from the "Atoms # style" hint, else from the column count. */
  readonly atomStyle?: LammpsAtomStyle;
  /** Diameters of atom style atomic, by type; default KA σ_AA, σ_BB for types 1, 2. */
  readonly diametersByType?: ByType;
}

export interface LammpsData {
  readonly configuration: Configuration;
  readonly atomStyle: LammpsAtomStyle;
  /** The first line, verbatim. */
  readonly title: string;
  /** key=value pairs after '#' on the title line (dim, model, …). */
  readonly titleInfo: Readonly<Record<string, string>>;
  readonly model?: string;
  /** temperature=… from the title line. */
  readonly temperature?: number;
  /** LAMMPS atom ids in the order of the configuration (ascending). */
  readonly ids: Int32Array;
  readonly atomTypes: number;
  /** Masses section, by type, when present. */
  readonly masses?: ByType;
  /** Per-atom densities (atom style sphere), in configuration order. */
  readonly densities?: Float64Array;
}

// ---------------------------------------------------------------- writing

export function writeLammpsData(c: Configuration, options: LammpsWriteOptions): string {
  validateConfiguration(c);
  const n = c.diameters.length;
  const dim = c.box.dim;
  if (dim !== 2 && dim !== 3) throw new Error(`LAMMPS data files hold 2D or 3D configurations, not ${dim}D`);
  const types = atomTypeCount(c, options.atomTypes);
  if (options.atomStyle === 'atomic') checkAtomicDiameters(c, options.diametersByType ?? KA_DIAMETERS_BY_TYPE);
  const density = options.density ?? 1;
  if (!(density > 0) || !Number.isFinite(density)) throw new Error(`density must be positive and finite, got ${density}`);

  const L = c.box.lengths;
  const tilts = lammpsTilts(c.box);
  const out = [titleLine(options, dim), '', `${n} atoms`, `${types} atom types`, ''];
  out.push(`0 ${formatReal(L[0])} xlo xhi`, `0 ${formatReal(L[1])} ylo yhi`, dim === 3 ? `0 ${formatReal(L[2])} zlo zhi` : '-0.5 0.5 zlo zhi');
  if (c.box.shear) out.push(`${formatReal(tilts.xy)} ${formatReal(tilts.xz)} ${formatReal(tilts.yz)} xy xz yz`);
  out.push('');
  // A sheared box: positions wrapped into the tilted cell, which LAMMPS's read_data requires of every atom.
  const positions = c.box.shear ? wrapPositions(c.box, c.positions.slice()) : c.positions;
  if (options.atomStyle === 'atomic') out.push('Masses', '', ...massLines(types, options.masses ?? {}), '');
  out.push(`Atoms # ${options.atomStyle}`, '');
  for (let i = 0; i < n; i++) {
    const xyz = [0, 1, 2].map((a) => (a < dim ? formatReal(positions[i * dim + a]) : '0'));
    const size = options.atomStyle === 'sphere' ? [formatReal(c.diameters[i]), formatReal(density)] : [];
    out.push([String(i + 1), String(c.species[i] + 1), ...size, ...xyz].join(' '));
  }
  return out.join('\n') + '\n';
}

function titleLine(options: LammpsWriteOptions, dim: number): string {
  const title = options.title ?? 'GlassLab configuration';
  if (/[#\r\n]/.test(title)) throw new Error(`the title cannot contain '#' or line breaks`);
  const model = options.model;
  if (model !== undefined && !/^[^\s#=]+$/.test(model)) throw new Error(`model name "${quote(model)}" cannot contain spaces, '#' or '='`);
  const parts = [`dim=${dim}`];
  if (model !== undefined) parts.push(`model=${model}`);
  if (options.temperature !== undefined) parts.push(`temperature=${formatTemperature(options.temperature)}`);
  return `${title} # ${parts.join(' ')}`;
}

function atomTypeCount(c: Configuration, requested: number | undefined): number {
  let max = 0;
  for (const s of c.species) if (s > max) max = s;
  if (requested === undefined) return max + 1;
  if (!Number.isInteger(requested) || requested < max + 1) throw new Error(`atomTypes = ${requested} but species go up to ${max} (types up to ${max + 1})`);
  return requested;
}

function checkAtomicDiameters(c: Configuration, byType: ByType): void {
  for (let i = 0; i < c.diameters.length; i++) {
    const type = c.species[i] + 1;
    const d = byType[type];
    if (d === undefined) throw new Error(`atom style atomic stores no diameters and none is known for type ${type}: give diametersByType or use atom style sphere`);
    if (d !== c.diameters[i]) throw new Error(`atom style atomic stores no diameters: particle ${i} has diameter ${c.diameters[i]} but type ${type} reads back as ${d}; use atom style sphere`);
  }
}

function massLines(types: number, masses: ByType): string[] {
  const lines: string[] = [];
  for (let t = 1; t <= types; t++) {
    const m = masses[t] ?? 1;
    if (!(m > 0) || !Number.isFinite(m)) throw new Error(`mass of type ${t} must be positive and finite, got ${m}`);
    lines.push(`${t} ${formatReal(m)}`);
  }
  return lines;
}

// ---------------------------------------------------------------- reading

const COUNT_KEYWORDS = [
  'atoms', 'bonds', 'angles', 'dihedrals', 'impropers', 'atom types', 'bond types', 'angle types', 'dihedral types', 'improper types',
  'extra bond per atom', 'extra angle per atom', 'extra dihedral per atom', 'extra improper per atom', 'extra special per atom',
  'ellipsoids', 'lines', 'triangles', 'bodies',
];
const BOX_KEYWORDS = ['xlo xhi', 'ylo yhi', 'zlo zhi'];
const SECTIONS = [
  'Atoms', 'Velocities', 'Masses', 'Ellipsoids', 'Lines', 'Triangles', 'Bodies', 'Bonds', 'Angles', 'Dihedrals', 'Impropers',
  'Pair Coeffs', 'PairIJ Coeffs', 'Bond Coeffs', 'Angle Coeffs', 'Dihedral Coeffs', 'Improper Coeffs',
  'BondBond Coeffs', 'BondAngle Coeffs', 'MiddleBondTorsion Coeffs', 'EndBondTorsion Coeffs', 'AngleTorsion Coeffs',
  'AngleAngleTorsion Coeffs', 'BondBond13 Coeffs', 'AngleAngle Coeffs',
];

interface HeaderData {
  readonly counts: Map<string, { value: number; line: number }>;
  readonly bounds: Map<string, { lo: number; hi: number; line: number }>;
  tilts?: { values: [number, number, number]; line: number };
}

interface Section {
  readonly name: string;
  /** 1-based line of the section keyword. */
  readonly line: number;
  /** Text after '#' on the keyword line (the atom style hint of Atoms). */
  readonly hint: string;
  readonly body: { readonly tokens: string[]; readonly line: number }[];
}

interface AtomRecord {
  readonly id: number;
  readonly type: number;
  readonly diameter: number;
  readonly density: number;
  readonly xyz: [number, number, number];
  readonly image: [number, number, number];
  readonly line: number;
}

export function readLammpsData(text: string, options: LammpsReadOptions = {}): LammpsData {
  checkStateFileSize(text.length, 'LAMMPS data');
  const lines = splitLines(text);
  if (lines.every(isBlank)) throw new FileFormatError('empty file', 1);
  const title = lines[0];
  const titleInfo = parseTitleInfo(title);
  const temperature = titleInfo.temperature === undefined ? undefined : parseTemperature(titleInfo.temperature, 1);
  const { header, sectionStart } = parseHeader(lines);
  const sections = splitSections(lines, sectionStart); // memory in proportion to the text, not to any declared count

  const nAtoms = requiredCount(header, 'atoms');
  if (nAtoms <= 0) throw new FileFormatError(`header says ${nAtoms} atoms; a configuration needs at least one`, header.counts.get('atoms')!.line);
  const nTypes = requiredCount(header, 'atom types');
  if (nTypes <= 0) throw new FileFormatError(`header says ${nTypes} atom types`, header.counts.get('atom types')!.line);
  const dim = resolveDim(options.dim, titleInfo);
  const box = parseBox(header, dim);

  const atomsSection = sections.get('Atoms');
  if (!atomsSection) throw new FileFormatError('no Atoms section');
  // The declared count against the lines there are, before anything is allocated for the atoms.
  if (nAtoms !== atomsSection.body.length) {
    throw new FileFormatError(`header says ${nAtoms} atoms but found ${atomsSection.body.length} atom lines`, atomsSection.line);
  }
  const atomStyle = resolveStyle(atomsSection, options.atomStyle);
  const atoms = parseAtoms(atomsSection, atomStyle, nTypes);
  const idLines = new Map(atoms.map((a) => [a.id, a.line]));
  const masses = sections.has('Masses') ? parseMasses(sections.get('Masses')!, nTypes) : undefined;
  const velocities = sections.get('Velocities');
  if (velocities) checkVelocities(velocities, atomStyle, nAtoms, idLines);

  atoms.sort((a, b) => a.id - b.id);
  const diameters = atomStyle === 'sphere' ? Float64Array.from(atoms, (a) => a.diameter) : typeDiameters(atoms, options.diametersByType ?? KA_DIAMETERS_BY_TYPE);
  const positions = buildPositions(atoms, box, dim, options.dim === undefined ? 'the title says dim=2' : 'dim 2 was requested');
  const species = Uint8Array.from(atoms, (a) => a.type - 1);
  const configuration = validateConfiguration({ box: box.box, positions, diameters, species });
  return {
    configuration,
    atomStyle,
    title,
    titleInfo,
    ...(titleInfo.model !== undefined ? { model: titleInfo.model } : {}),
    ...(temperature !== undefined ? { temperature } : {}),
    ids: Int32Array.from(atoms, (a) => a.id),
    atomTypes: nTypes,
    ...(masses ? { masses } : {}),
    ...(atomStyle === 'sphere' ? { densities: Float64Array.from(atoms, (a) => a.density) } : {}),
  };
}

function parseTitleInfo(title: string): Record<string, string> {
  const info: Record<string, string> = {};
  const hash = title.indexOf('#');
  if (hash < 0) return info;
  for (const tok of tokenize(title.slice(hash + 1))) {
    const eq = tok.indexOf('=');
    if (eq > 0) info[tok.slice(0, eq)] = tok.slice(eq + 1);
  }
  return info;
}

function stripComment(line: string): { content: string; comment: string } {
  const hash = line.indexOf('#');
  return hash < 0 ? { content: line.trim(), comment: '' } : { content: line.slice(0, hash).trim(), comment: line.slice(hash + 1).trim() };
}

const startsSection = (content: string) => /^[A-Za-z]/.test(content);

function parseHeader(lines: string[]): { header: HeaderData; sectionStart: number } {
  const counts = new Map<string, { value: number; line: number }>();
  const bounds = new Map<string, { lo: number; hi: number; line: number }>();
  const header: HeaderData = { counts, bounds };
  let k = 1;
  for (; k < lines.length; k++) {
    const { content } = stripComment(lines[k]);
    if (content === '') continue;
    if (startsSection(content)) break;
    parseHeaderLine(content, k + 1, header);
  }
  return { header, sectionStart: k };
}

function parseHeaderLine(content: string, lineNo: number, header: HeaderData): void {
  const { counts, bounds } = header;
  const t = tokenize(content);
  const firstWord = t.findIndex((x) => /^[A-Za-z]/.test(x));
  const keyword = firstWord < 0 ? '' : t.slice(firstWord).join(' ');
  const numbers = firstWord < 0 ? t : t.slice(0, firstWord);
  const seen = counts.get(keyword) ?? bounds.get(keyword) ?? (keyword === 'xy xz yz' ? header.tilts : undefined);
  if (seen) throw new FileFormatError(`'${quote(keyword)}' given twice (first on line ${seen.line})`, lineNo);
  if (COUNT_KEYWORDS.includes(keyword)) {
    if (numbers.length !== 1) throw new FileFormatError(`expected one integer before '${quote(keyword)}', found ${numbers.length} values`, lineNo);
    counts.set(keyword, { value: parseInteger(numbers[0], lineNo, `number of ${keyword}`), line: lineNo });
  } else if (BOX_KEYWORDS.includes(keyword)) {
    if (numbers.length !== 2) throw new FileFormatError(`expected two numbers before '${quote(keyword)}', found ${numbers.length}`, lineNo);
    const [loName, hiName] = keyword.split(' ');
    const lo = parseReal(numbers[0], lineNo, loName), hi = parseReal(numbers[1], lineNo, hiName);
    if (!(hi > lo)) throw new FileFormatError(`${hiName} = ${hi} must be larger than ${loName} = ${lo}`, lineNo);
    bounds.set(keyword, { lo, hi, line: lineNo });
  } else if (keyword === 'xy xz yz') {
    if (numbers.length !== 3) throw new FileFormatError(`expected three tilt factors before 'xy xz yz', found ${numbers.length}`, lineNo);
    const tilts = numbers.map((x, a) => parseReal(x, lineNo, ['xy', 'xz', 'yz'][a]));
    header.tilts = { values: [tilts[0], tilts[1], tilts[2]], line: lineNo };
  } else {
    throw new FileFormatError(`unrecognized header line '${quote(content)}'`, lineNo);
  }
}

function splitSections(lines: string[], start: number): Map<string, Section> {
  const sections = new Map<string, Section>();
  let current: { name: string; line: number; hint: string; body: { tokens: string[]; line: number }[] } | undefined;
  for (let k = start; k < lines.length; k++) {
    const { content, comment } = stripComment(lines[k]);
    if (content === '') continue;
    if (!startsSection(content)) {
      if (!current) throw new FileFormatError(`expected a header line or a section name, found '${quote(content)}'`, k + 1);
      current.body.push({ tokens: tokenize(content), line: k + 1 });
      continue;
    }
    const name = tokenize(content).join(' ');
    if (!SECTIONS.includes(name)) throw new FileFormatError(`unknown section '${quote(name)}'`, k + 1);
    const previous = sections.get(name);
    if (previous) throw new FileFormatError(`section '${quote(name)}' appears twice (first on line ${previous.line})`, k + 1);
    current = { name, line: k + 1, hint: comment, body: [] };
    sections.set(name, current);
  }
  return sections;
}

function requiredCount(header: HeaderData, keyword: string): number {
  const entry = header.counts.get(keyword);
  if (!entry) throw new FileFormatError(`the header has no '${keyword}' line`);
  return entry.value;
}

function resolveDim(requested: 2 | 3 | undefined, titleInfo: Readonly<Record<string, string>>): 2 | 3 {
  if (requested !== undefined) return requested;
  const d = titleInfo.dim;
  if (d === undefined) return 3;
  if (d !== '2' && d !== '3') throw new FileFormatError(`the title says dim=${quote(d)}; expected 2 or 3`, 1);
  return d === '2' ? 2 : 3;
}

function parseBox(header: HeaderData, dim: 2 | 3): { lo: number[]; lengths: number[]; box: Box } {
  const lo: number[] = [], lengths: number[] = [];
  BOX_KEYWORDS.forEach((keyword, a) => {
    const b = header.bounds.get(keyword) ?? (a === 2 ? { lo: -0.5, hi: 0.5, line: 0 } : undefined); // LAMMPS's default z extent
    if (!b) throw new FileFormatError(`the header has no '${keyword}' line`);
    lo.push(b.lo);
    lengths.push(b.hi - b.lo);
  });
  if (dim === 2 && !(lo[2] <= 0 && lo[2] + lengths[2] > 0)) {
    throw new FileFormatError(`a 2D box must have zlo ≤ 0 < zhi, found ${lo[2]} ${lo[2] + lengths[2]}`, header.bounds.get('zlo zhi')?.line);
  }
  try {
    return { lo, lengths, box: boxFromLammpsTilts(lengths, header.tilts?.values ?? [0, 0, 0], dim) };
  } catch (e) {
    throw new FileFormatError((e as Error).message, header.tilts?.line);
  }
}

function resolveStyle(section: Section, requested: LammpsAtomStyle | undefined): LammpsAtomStyle {
  const hint = tokenize(section.hint)[0];
  if (hint !== undefined && hint !== 'atomic' && hint !== 'sphere') {
    throw new FileFormatError(`atom style '${quote(hint)}' is not supported (atomic or sphere)`, section.line);
  }
  if (requested !== undefined && hint !== undefined && hint !== requested) {
    throw new FileFormatError(`the Atoms section says atom style ${quote(hint)}, but ${requested} was requested`, section.line);
  }
  const style = requested ?? hint;
  if (style !== undefined) return style;
  const width = section.body[0]?.tokens.length;
  if (width === 5 || width === 8) return 'atomic';
  if (width === 7 || width === 10) return 'sphere';
  throw new FileFormatError(`cannot tell the atom style from ${width ?? 0} columns (atomic: 5 or 8, sphere: 7 or 10); add 'Atoms # atomic' or 'Atoms # sphere'`, section.line);
}

const ATOM_COLUMNS: Record<LammpsAtomStyle, string[]> = {
  atomic: ['id', 'type', 'x', 'y', 'z'],
  sphere: ['id', 'type', 'diameter', 'density', 'x', 'y', 'z'],
};

function parseAtoms(section: Section, style: LammpsAtomStyle, nTypes: number): AtomRecord[] {
  const names = ATOM_COLUMNS[style];
  const base = names.length;
  const width = section.body[0].tokens.length;
  const seen = new Map<number, number>();
  return section.body.map(({ tokens, line }) => {
    if (tokens.length !== base && tokens.length !== base + 3) {
      throw new FileFormatError(`expected ${base} or ${base + 3} columns (${names.join(' ')} [ix iy iz]) for atom style ${style}, found ${tokens.length}`, line);
    }
    if (tokens.length !== width) throw new FileFormatError(`found ${tokens.length} columns but the first atom line has ${width} (image flags on some lines only)`, line);
    const atom = parseAtomLine(tokens, line, style, nTypes);
    const first = seen.get(atom.id);
    if (first !== undefined) throw new FileFormatError(`duplicate atom id ${atom.id} (also on line ${first})`, line);
    seen.set(atom.id, line);
    return atom;
  });
}

function parseAtomLine(t: string[], line: number, style: LammpsAtomStyle, nTypes: number): AtomRecord {
  const id = parseInteger(t[0], line, 'atom id');
  if (id < 1 || id > 2147483647) throw new FileFormatError(`atom id ${id} must be between 1 and 2147483647`, line);
  const type = parseInteger(t[1], line, 'type');
  if (type < 1 || type > nTypes) throw new FileFormatError(`atom ${id} has type ${type}, outside 1..${nTypes} (header: ${nTypes} atom types)`, line);
  if (type > 256) throw new FileFormatError(`atom ${id} has type ${type}; at most 256 types are supported`, line);
  let c = 2, diameter = 0, density = 0;
  if (style === 'sphere') {
    diameter = parseReal(t[c++], line, 'diameter');
    density = parseReal(t[c++], line, 'density');
    if (!(diameter > 0)) throw new FileFormatError(`atom ${id} has diameter ${diameter}; it must be positive`, line);
    if (!(density > 0)) throw new FileFormatError(`atom ${id} has density ${density}; it must be positive`, line);
  }
  const xyz: [number, number, number] = [parseReal(t[c], line, 'x'), parseReal(t[c + 1], line, 'y'), parseReal(t[c + 2], line, 'z')];
  c += 3;
  const image: [number, number, number] = [0, 0, 0];
  if (t.length > c) for (let a = 0; a < 3; a++) image[a] = parseInteger(t[c + a], line, `image flag i${'xyz'[a]}`);
  return { id, type, diameter, density, xyz, image, line };
}

function parseMasses(section: Section, nTypes: number): Record<number, number> {
  const masses: Record<number, number> = {};
  for (const { tokens, line } of section.body) {
    if (tokens.length !== 2) throw new FileFormatError(`expected 2 columns (type mass) in Masses, found ${tokens.length}`, line);
    const type = parseInteger(tokens[0], line, 'type');
    if (type < 1 || type > nTypes) throw new FileFormatError(`Masses: type ${type} outside 1..${nTypes}`, line);
    if (masses[type] !== undefined) throw new FileFormatError(`Masses: type ${type} given twice`, line);
    const m = parseReal(tokens[1], line, 'mass');
    if (!(m > 0)) throw new FileFormatError(`Masses: type ${type} has mass ${m}; it must be positive`, line);
    masses[type] = m;
  }
  if (section.body.length !== nTypes) throw new FileFormatError(`Masses has ${section.body.length} lines but the header says ${nTypes} atom types`, section.line);
  return masses;
}

function checkVelocities(section: Section, style: LammpsAtomStyle, nAtoms: number, idLines: Map<number, number>): void {
  const width = style === 'sphere' ? 7 : 4;
  const seen = new Set<number>();
  for (const { tokens, line } of section.body) {
    if (tokens.length !== width) throw new FileFormatError(`expected ${width} columns in Velocities for atom style ${style}, found ${tokens.length}`, line);
    const id = parseInteger(tokens[0], line, 'atom id');
    if (!idLines.has(id)) throw new FileFormatError(`Velocities: atom id ${id} is not in the Atoms section`, line);
    if (seen.has(id)) throw new FileFormatError(`Velocities: duplicate atom id ${id}`, line);
    seen.add(id);
    for (let k = 1; k < width; k++) parseReal(tokens[k], line, 'velocity');
  }
  if (section.body.length !== nAtoms) throw new FileFormatError(`header says ${nAtoms} atoms but Velocities has ${section.body.length} lines`, section.line);
}

function typeDiameters(atoms: readonly AtomRecord[], byType: ByType): Float64Array {
  return Float64Array.from(atoms, (a) => {
    const d = byType[a.type];
    if (d === undefined) throw new FileFormatError(`no diameter known for type ${a.type} (atom style atomic): pass diametersByType`, a.line);
    if (!(d > 0) || !Number.isFinite(d)) throw new Error(`diametersByType[${a.type}] = ${d} must be positive and finite`);
    return d;
  });
}

function buildPositions(atoms: readonly AtomRecord[], box: { lo: number[]; lengths: number[]; box: Box }, dim: 2 | 3, why: string): Float64Array {
  const positions = new Float64Array(atoms.length * dim);
  const sheared = box.box.shear !== undefined;
  const cell = Array.from({ length: dim }, (_, c) => cellVector(box.box, c));
  atoms.forEach((atom, i) => {
    for (let a = 0; a < dim; a++) {
      let x = box.lo[a] === 0 ? atom.xyz[a] : atom.xyz[a] - box.lo[a];
      if (!sheared) {
        if (atom.image[a] !== 0) x += atom.image[a] * box.lengths[a];
        x = wrapCoordinate(x, box.lengths[a]);
      }
      positions[i * dim + a] = x;
    }
    // A triclinic image flag n_c moves the atom by n_c times cell vector c (which has a tilt component).
    if (sheared) for (let c = 0; c < dim; c++) for (let a = 0; a < dim; a++) positions[i * dim + a] += atom.image[c] * cell[c][a];
    if (dim === 2 && atom.xyz[2] !== 0) throw new FileFormatError(`atom ${atom.id} has z = ${atom.xyz[2]}, but ${why} (z must be 0)`, atom.line);
  });
  return sheared ? wrapPositions(box.box, positions) : positions;
}
