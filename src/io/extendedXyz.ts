// Extended XYZ as ASE and OVITO read and write it: line 1 = N, line 2 = key=value info with Lattice, Properties and pbc,
// then N atom lines. Orthorhombic periodic boxes, and sheared (Lees–Edwards) boxes as the triclinic Lattice of one tilted
// cell vector (src/io/shearedCell.ts), positions wrapped into that cell. 2D frames carry pbc="T T F", dim=2, z = 0 and Lz = 1.
// D > 3 (our extension, which ASE and OVITO cannot read): dim=D, box="L1 … LD" instead of Lattice and pbc, pos:R:D.
// Mari–Kurchan states also carry shift_seed, shift_temperature and the planted positions planted:R:D, from which every
// pair shift is regenerated bit for bit (src/physics/mariKurchan/shifts.ts).
// Particle types: ASE needs `species` to be an element symbol, so we write species X (ASE's dummy element) for every
// particle and keep the type in the integer column species_index (0 = A, 1 = B, …): ASE keeps it as an array, OVITO as a
// custom property (OVITO maps both `species` and `type` to Particle Type, so the column cannot be called `type`).
// The reader takes species_index when present, else letters A…Z, element symbols or a type:I column as older files have.
import { validateConfiguration, type Configuration, type PairShifts } from '../physics/configuration.ts';
import { KA_SIGMA } from '../physics/models.ts';
import { periodicBox, wrapPositions, type Box } from '../physics/space.ts';
import { boxFromLattice, latticeRows } from './shearedCell.ts';
import {
  FileFormatError,
  formatReal,
  formatTemperature,
  isBlank,
  parseInteger,
  parseReal,
  parseTemperature,
  quote,
  speciesLetter,
  checkStateFileSize,
  countTokens,
  splitLines,
  tokenize,
  wrapCoordinate,
} from './text.ts';

/** Per-particle extra columns: N·k values, particle-major (k = components). Int32Array → type I, Float64Array → type R. */
export type ParticleColumn = Float64Array | Int32Array;

export interface ExtendedXyzWriteOptions {
  /** Written as model=…; read back into `model`. */
  readonly model?: string;
  /** Written as temperature=…; read back into `temperature`. */
  readonly temperature?: number;
  /** Further key=value pairs for line 2 (strings are quoted when needed; booleans as T/F). */
  readonly info?: Readonly<Record<string, string | number | boolean>>;
  /** Extra per-particle columns, e.g. { phi: Int32Array, d2min: Float64Array }; written after species, pos and diameter. */
  readonly columns?: Readonly<Record<string, ParticleColumn>>;
}

export interface ExtendedXyzFrame {
  readonly configuration: Configuration;
  /** info.model, if present. */
  readonly model?: string;
  /** info.temperature, if present (must be a number). */
  readonly temperature?: number;
  /** Every key=value pair of line 2 except Lattice, Properties, pbc, Origin and dim (bare keys read as "T"). */
  readonly info: Readonly<Record<string, string>>;
  /** Per-particle columns other than species, pos and diameter/radius: R → Float64Array, I and L → Int32Array (N·k values). */
  readonly columns: Readonly<Record<string, ParticleColumn>>;
  /** String columns other than the species column. */
  readonly stringColumns: Readonly<Record<string, readonly string[]>>;
  /** Label of each species index as it appeared in the file ("A", "B", or e.g. "Ar"); empty when the file had no species column. */
  readonly speciesLabels: readonly string[];
}

// ---------------------------------------------------------------- writing

const RESERVED_KEYS = ['lattice', 'properties', 'pbc', 'origin', 'dim', 'box', 'shift_seed', 'shift_temperature'];
const CORE_COLUMNS = ['species', 'pos', 'diameter', 'species_index', 'planted'];
/** ASE's dummy element: a valid chemical symbol that claims no chemistry. */
const NEUTRAL_SPECIES = 'X';

export function writeExtendedXyz(c: Configuration, options: ExtendedXyzWriteOptions = {}): string {
  validateConfiguration(c);
  const n = c.diameters.length;
  const dim = c.box.dim;
  if (dim > 3 && c.box.shear) throw new Error(`a sheared box in ${dim}D has no extended XYZ form (box="…" holds side lengths only)`);
  const extra = checkedColumns(options.columns ?? {}, n);
  if (c.shifts) extra.unshift({ name: 'planted', values: c.shifts.planted, components: dim });
  const props = ['species:S:1', `pos:R:${Math.max(3, dim)}`, 'diameter:R:1', 'species_index:I:1'];
  for (const col of extra) props.push(`${col.name}:${col.values instanceof Int32Array ? 'I' : 'R'}:${col.components}`);
  const box = dim > 3
    ? [`box="${Array.from(c.box.lengths, formatReal).join(' ')}"`, `Properties=${props.join(':')}`]
    : [`Lattice="${latticeString(c)}"`, `Properties=${props.join(':')}`, `pbc="${dim === 3 ? 'T T T' : 'T T F'}"`];
  const shifts = c.shifts ? [`shift_seed=${c.shifts.seed}`, `shift_temperature=${formatTemperature(c.shifts.temperature)}`] : [];
  const header = [...box, `dim=${dim}`, ...shifts, ...infoPairs(options)];

  const out: string[] = [String(n), header.join(' ')];
  // A sheared box: positions wrapped into the tilted cell (reduced coordinates in [0, L)), where ASE and OVITO expect them.
  const positions = c.box.shear ? wrapPositions(c.box, c.positions.slice()) : c.positions;
  for (let i = 0; i < n; i++) out.push(atomLine(c, positions, i, extra));
  return out.join('\n') + '\n';
}

interface CheckedColumn { readonly name: string; readonly values: ParticleColumn; readonly components: number }

function checkedColumns(columns: Readonly<Record<string, ParticleColumn>>, n: number): CheckedColumn[] {
  return Object.entries(columns).map(([name, values]) => {
    if (!/^[A-Za-z_][A-Za-z0-9_.-]*$/.test(name)) throw new Error(`column name "${quote(name)}" is not a valid extended XYZ property name`);
    if (CORE_COLUMNS.includes(name) || name === 'radius' || name === 'type') throw new Error(`column name "${quote(name)}" is reserved`);
    const components = values.length / n;
    if (!Number.isInteger(components) || components < 1) throw new Error(`column "${quote(name)}" has ${values.length} values for ${n} particles`);
    if (values instanceof Float64Array) {
      for (let k = 0; k < values.length; k++) if (!Number.isFinite(values[k])) throw new Error(`column "${quote(name)}" has a non-finite value for particle ${Math.floor(k / components)}`);
    }
    return { name, values, components };
  });
}

function latticeString(c: Configuration): string {
  return latticeRows(c.box).map(formatReal).join(' ');
}

function infoPairs(options: ExtendedXyzWriteOptions): string[] {
  const entries: [string, string | number | boolean][] = [];
  if (options.model !== undefined) entries.push(['model', options.model]);
  if (options.temperature !== undefined) entries.push(['temperature', formatTemperature(options.temperature)]);
  entries.push(...Object.entries(options.info ?? {}));
  const seen = new Set<string>();
  return entries.map(([key, value]) => {
    if (!/^[A-Za-z_][A-Za-z0-9_.-]*$/.test(key)) throw new Error(`info key "${quote(key)}" is not a valid extended XYZ key`);
    if (RESERVED_KEYS.includes(key.toLowerCase())) throw new Error(`info key "${quote(key)}" is reserved (written from the configuration)`);
    if (seen.has(key)) throw new Error(`info key "${quote(key)}" is given twice`);
    seen.add(key);
    return `${key}=${infoValue(value)}`;
  });
}

function infoValue(v: string | number | boolean): string {
  if (typeof v === 'boolean') return v ? 'T' : 'F';
  if (typeof v === 'number') return formatReal(v);
  if (v.includes('\n') || v.includes('\r')) throw new Error('info values cannot contain line breaks');
  return /^[^\s"'={}\\]+$/.test(v) ? v : `"${v.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

function atomLine(c: Configuration, positions: Float64Array, i: number, extra: readonly CheckedColumn[]): string {
  const d = c.box.dim;
  const parts = [NEUTRAL_SPECIES];
  for (let a = 0; a < Math.max(3, d); a++) parts.push(a < d ? formatReal(positions[i * d + a]) : '0');
  parts.push(formatReal(c.diameters[i]), String(c.species[i]));
  for (const col of extra) {
    for (let k = 0; k < col.components; k++) {
      const v = col.values[i * col.components + k];
      parts.push(col.values instanceof Int32Array ? String(v) : formatReal(v));
    }
  }
  return parts.join(' ');
}

// ---------------------------------------------------------------- reading

/** Reads a single-frame extended XYZ file; a file with several frames is an error (use readExtendedXyzFrames). */
export function readExtendedXyz(text: string): ExtendedXyzFrame {
  const frames = parseFrames(text);
  if (frames.length > 1) throw new FileFormatError(`a second frame starts here; this reader takes one frame (use readExtendedXyzFrames)`, frames[1].line);
  return frames[0].frame;
}

/** Reads every frame of a (possibly multi-frame) extended XYZ file. */
export function readExtendedXyzFrames(text: string): ExtendedXyzFrame[] {
  return parseFrames(text).map((f) => f.frame);
}

function parseFrames(text: string): { frame: ExtendedXyzFrame; line: number }[] {
  checkStateFileSize(text.length, 'extended XYZ');
  const lines = splitLines(text);
  if (lines.every(isBlank)) throw new FileFormatError('empty file (expected the number of atoms)', 1);
  const frames: { frame: ExtendedXyzFrame; line: number }[] = [];
  let start = 0;
  while (start < lines.length) {
    const { frame, next } = parseFrame(lines, start);
    frames.push({ frame, line: start + 1 });
    start = next;
    while (start < lines.length && isBlank(lines[start])) start++;
    if (start < lines.length && tokenize(lines[start]).length !== 1) {
      const n = frame.configuration.diameters.length;
      throw new FileFormatError(`header (line ${frames[frames.length - 1].line}) says ${n} atoms but found more atom lines`, start + 1);
    }
  }
  return frames;
}

interface Column {
  readonly name: string;
  readonly type: 'S' | 'R' | 'I' | 'L';
  readonly count: number;
  readonly offset: number;
}

interface Header {
  readonly n: number;
  readonly dim: number;
  readonly box: Box;
  readonly origin: number[];
  readonly columns: Column[];
  readonly width: number;
  readonly speciesColumn?: Column;
  readonly diameterColumn?: Column;
  readonly info: Record<string, string>;
  readonly model?: string;
  readonly temperature?: number;
  /** shift_seed and shift_temperature of a Mari–Kurchan state. */
  readonly shiftSeed?: number;
  readonly shiftTemperature?: number;
}

// Hostile files cost nothing: the size of the text, the declared atom count (against the lines there are), the Properties
// counts and every atom line's width are all checked before anything proportional to a declared number is allocated.
function parseFrame(lines: string[], start: number): { frame: ExtendedXyzFrame; next: number } {
  const n = parseAtomCount(lines[start], start + 1);
  if (start + 1 >= lines.length) throw new FileFormatError('missing the comment line (Lattice, Properties, pbc)', start + 2);
  const first = start + 2;
  checkAtomLineCount(lines, first, n, start + 1);
  const header = parseHeader(n, lines[start + 1], start + 2);
  checkAtomLineWidths(lines, first, header);
  const raw = parseAtomBlock(lines, first, header);
  return { frame: buildFrame(header, raw, first), next: first + n };
}

function parseAtomCount(line: string, lineNo: number): number {
  const t = tokenize(line);
  if (t.length !== 1) throw new FileFormatError(`expected the number of atoms, found '${quote(line.trim())}'`, lineNo);
  const n = parseInteger(t[0], lineNo, 'number of atoms');
  if (n <= 0) throw new FileFormatError(`number of atoms must be positive, found ${n}`, lineNo);
  return n;
}

/** n atom lines follow the comment line: checked against the lines there are, so a huge n costs one comparison. */
function checkAtomLineCount(lines: string[], first: number, n: number, headerLine: number): void {
  const limit = Math.min(n, lines.length - first + 1); // the loop stops at the first missing line, at the latest here
  for (let k = 0; k < limit; k++) {
    const idx = first + k;
    if (idx < lines.length && !isBlank(lines[idx])) continue;
    const restBlank = lines.slice(idx).every(isBlank);
    if (restBlank) throw new FileFormatError(`header (line ${headerLine}) says ${n} atoms but found ${k} atom lines`);
    throw new FileFormatError(`empty line inside the atom block (header on line ${headerLine} says ${n} atoms)`, idx + 1);
  }
}

// ---- line 2

/** key=value pairs of the comment line, in order; a bare key gets the value "T" (as ASE reads it). */
export function parseInfoLine(line: string, lineNo: number): [string, string][] {
  const pairs: [string, string][] = [];
  const seen = new Set<string>();
  let i = 0;
  const skipSpace = () => { while (i < line.length && /\s/.test(line[i])) i++; };
  while (true) {
    skipSpace();
    if (i >= line.length) break;
    const keyStart = i;
    while (i < line.length && !/[\s="{}]/.test(line[i])) i++;
    const key = line.slice(keyStart, i);
    if (key === '') throw new FileFormatError(`unexpected '${line[i]}' at column ${i + 1} (expected key=value)`, lineNo);
    skipSpace();
    let value = 'T';
    if (line[i] === '=') {
      i++;
      skipSpace();
      const r = readInfoValue(line, i, lineNo, key);
      value = r.value;
      i = r.next;
    }
    const lower = key.toLowerCase();
    if (seen.has(lower)) throw new FileFormatError(`key '${quote(key)}' appears twice`, lineNo);
    seen.add(lower);
    pairs.push([key, value]);
  }
  return pairs;
}

function readInfoValue(line: string, i: number, lineNo: number, key: string): { value: string; next: number } {
  const open = line[i];
  if (open === '"' || open === '{') {
    const close = open === '"' ? '"' : '}';
    let value = '';
    for (let j = i + 1; j < line.length; j++) {
      if (line[j] === '\\' && open === '"' && j + 1 < line.length) { value += line[++j]; continue; }
      if (line[j] === close) return { value, next: j + 1 };
      value += line[j];
    }
    throw new FileFormatError(`unterminated ${open} in the value of '${quote(key)}'`, lineNo);
  }
  let j = i;
  while (j < line.length && !/\s/.test(line[j])) j++;
  if (j === i) throw new FileFormatError(`key '${quote(key)}' has an empty value`, lineNo);
  return { value: line.slice(i, j), next: j };
}

function parseHeader(n: number, line: string, lineNo: number): Header {
  const pairs = parseInfoLine(line, lineNo);
  const find = (k: string) => pairs.find(([key]) => key.toLowerCase() === k)?.[1];
  const highDim = highDimensionalBox(find('dim'), find('box'), lineNo);
  const latticeText = find('lattice');
  if (latticeText === undefined && !highDim) throw new FileFormatError('missing Lattice (a periodic box is required)', lineNo);
  const dim = highDim ? highDim.length : parseDim(find('dim'), parsePbc(find('pbc') ?? 'T T T', lineNo), lineNo);
  const box = highDim ? periodicBox(dim, highDim) : parseLattice(latticeText!, dim as 2 | 3, lineNo);
  const origin = highDim ? new Array<number>(dim).fill(0) : parseVector(find('origin') ?? '0 0 0', 'Origin', lineNo);
  const { columns, width } = parseProperties(find('properties') ?? 'species:S:1:pos:R:3', Math.max(3, dim), lineNo);
  const speciesColumn = ['species_index', 'species', 'type'].map((name) => columns.find((c) => c.name === name)).find((c) => c !== undefined);
  if (speciesColumn?.name === 'species_index' && speciesColumn.type !== 'I') {
    throw new FileFormatError(`Properties: species_index must be species_index:I:1, found species_index:${speciesColumn.type}:${speciesColumn.count}`, lineNo);
  }
  if (speciesColumn && (speciesColumn.count !== 1 || (speciesColumn.type !== 'S' && speciesColumn.type !== 'I'))) {
    throw new FileFormatError(`Properties: ${speciesColumn.name} must be ${speciesColumn.name}:S:1 or ${speciesColumn.name}:I:1, found ${speciesColumn.name}:${speciesColumn.type}:${speciesColumn.count}`, lineNo);
  }
  const diameterColumn = columns.find((c) => c.name === 'diameter') ?? columns.find((c) => c.name === 'radius');
  if (diameterColumn && (diameterColumn.type !== 'R' || diameterColumn.count !== 1)) {
    throw new FileFormatError(`Properties: ${diameterColumn.name} must be ${diameterColumn.name}:R:1, found ${diameterColumn.name}:${diameterColumn.type}:${diameterColumn.count}`, lineNo);
  }
  const info: Record<string, string> = Object.create(null); // keys from the file: "__proto__" is a key like any other
  for (const [key, value] of pairs) if (!RESERVED_KEYS.includes(key.toLowerCase())) info[key] = value;
  const temperature = info.temperature === undefined ? undefined : parseTemperature(info.temperature, lineNo);
  const seedText = find('shift_seed'), shiftTemperatureText = find('shift_temperature');
  const shiftSeed = seedText === undefined ? undefined : parseInteger(seedText, lineNo, 'shift_seed');
  if (shiftSeed !== undefined && (shiftSeed < 0 || shiftSeed > 0xffffffff)) throw new FileFormatError(`shift_seed must be an integer in [0, 4294967295], found ${seedText!.slice(0, 40)}`, lineNo);
  const shiftTemperature = shiftTemperatureText === undefined ? undefined : parseTemperature(shiftTemperatureText, lineNo);
  return { n, dim, box, origin, columns, width, speciesColumn, diameterColumn, info, model: info.model, temperature, shiftSeed, shiftTemperature };
}

/** dim=D with D > 3: the side lengths of box="L1 … LD"; null for 2D and 3D frames (which use Lattice). */
function highDimensionalBox(dimText: string | undefined, boxText: string | undefined, lineNo: number): number[] | null {
  if (dimText === undefined || parseInteger(dimText, lineNo, 'dim') <= 3) return null;
  const d = parseInteger(dimText, lineNo, 'dim');
  if (boxText === undefined) throw new FileFormatError(`dim=${d} needs box="L1 … L${d}" (the side lengths)`, lineNo);
  const t = tokenize(boxText);
  if (t.length !== d) throw new FileFormatError(`box must have ${d} side lengths for dim=${d}, found ${t.length}`, lineNo);
  return t.map((x, a) => {
    const L = parseReal(x, lineNo, `box[${a}]`);
    if (!(L > 0)) throw new FileFormatError(`box length along axis ${a} must be positive, found ${quote(x)}`, lineNo);
    return L;
  });
}

function parseBool(t: string, lineNo: number): boolean {
  if (/^(t|true)$/i.test(t)) return true;
  if (/^(f|false)$/i.test(t)) return false;
  throw new FileFormatError(`'${quote(t)}' is not a logical value (T or F)`, lineNo);
}

function parsePbc(text: string, lineNo: number): boolean[] {
  const t = tokenize(text);
  if (t.length !== 3) throw new FileFormatError(`pbc must have 3 entries, found "${quote(text)}"`, lineNo);
  const pbc = t.map((x) => parseBool(x, lineNo));
  if (!pbc[0] || !pbc[1]) throw new FileFormatError(`only periodic boxes are supported, but pbc="${quote(text)}"`, lineNo);
  return pbc;
}

function parseDim(text: string | undefined, pbc: boolean[], lineNo: number): 2 | 3 {
  if (text === undefined) return pbc[2] ? 3 : 2;
  const d = parseInteger(text, lineNo, 'dim');
  if (d !== 2 && d !== 3) throw new FileFormatError(`dim must be 2 or 3, found ${d}`, lineNo);
  if (d === 3 && !pbc[2]) throw new FileFormatError('dim=3 but pbc says z is not periodic (only periodic boxes are supported)', lineNo);
  return d;
}

function parseVector(text: string, what: string, lineNo: number): number[] {
  const t = tokenize(text);
  if (t.length !== 3) throw new FileFormatError(`${what} must have 3 numbers, found ${t.length}`, lineNo);
  return t.map((x, a) => parseReal(x, lineNo, `${what}[${a}]`));
}

/** An orthorhombic box, or a sheared one when one cell vector is tilted (shearedCell.ts). */
function parseLattice(text: string, dim: 2 | 3, lineNo: number): Box {
  const t = tokenize(text);
  if (t.length !== 9) throw new FileFormatError(`Lattice must have 9 numbers, found ${t.length}`, lineNo);
  const m = t.map((x, k) => parseReal(x, lineNo, `Lattice[${k}]`));
  try {
    return boxFromLattice(m, dim);
  } catch (e) {
    throw new FileFormatError((e as Error).message, lineNo);
  }
}

/** Most components one Properties column may declare (a 3D stress tensor has 9; a vector column 2 to 8). */
const MAX_COLUMN_COMPONENTS = 64;

function parseProperties(text: string, posCount: number, lineNo: number): { columns: Column[]; width: number } {
  const parts = text.split(':');
  if (parts.length % 3 !== 0) throw new FileFormatError(`Properties must be name:type:count triples, found "${quote(text)}"`, lineNo);
  const columns: Column[] = [];
  let width = 0;
  for (let p = 0; p < parts.length; p += 3) {
    const [name, type, countText] = parts.slice(p, p + 3);
    if (name === '') throw new FileFormatError(`Properties has an empty column name`, lineNo);
    if (type !== 'S' && type !== 'R' && type !== 'I' && type !== 'L') throw new FileFormatError(`Properties: column '${quote(name)}' has unknown type '${quote(type)}' (S, R, I or L)`, lineNo);
    const count = parseInteger(countText, lineNo, `Properties count of '${quote(name)}'`);
    if (count < 1 || count > MAX_COLUMN_COMPONENTS) throw new FileFormatError(`Properties: column '${quote(name)}' has count ${count} (1 to ${MAX_COLUMN_COMPONENTS})`, lineNo);
    if (columns.some((c) => c.name === name)) throw new FileFormatError(`Properties: column '${quote(name)}' appears twice`, lineNo);
    columns.push({ name, type, count, offset: width });
    width += count;
  }
  const pos = columns.find((c) => c.name === 'pos');
  if (!pos) throw new FileFormatError(`Properties has no pos column`, lineNo);
  if (pos.type !== 'R' || pos.count !== posCount) throw new FileFormatError(`Properties: pos must be pos:R:${posCount}, found pos:${pos.type}:${pos.count}`, lineNo);
  return { columns, width };
}

// ---- atom lines

type RawValues = Float64Array | Int32Array | string[];

function columnNames(columns: readonly Column[]): string {
  const names: string[] = [];
  for (const c of columns) {
    if (c.name === 'pos') names.push('x', 'y', 'z');
    else if (c.count === 1) names.push(c.name);
    else for (let k = 0; k < c.count; k++) names.push(`${c.name}[${k}]`);
  }
  return names.join(' ');
}

/** Every atom line has the width Properties declares (counted without splitting), so n × width never exceeds the text. */
function checkAtomLineWidths(lines: string[], first: number, h: Header): void {
  for (let i = 0; i < h.n; i++) {
    const found = countTokens(lines[first + i]);
    if (found !== h.width) throw new FileFormatError(`expected ${h.width} columns (${quote(columnNames(h.columns))}), found ${found}`, first + i + 1);
  }
}

function parseAtomBlock(lines: string[], first: number, h: Header): Map<string, RawValues> {
  const store = new Map<string, RawValues>();
  for (const c of h.columns) {
    const size = h.n * c.count;
    store.set(c.name, c.type === 'R' ? new Float64Array(size) : c.type === 'S' ? new Array<string>(size) : new Int32Array(size));
  }
  const names = columnNames(h.columns).split(' ');
  for (let i = 0; i < h.n; i++) {
    const lineNo = first + i + 1;
    const t = tokenize(lines[first + i]); // checkAtomLineWidths: t.length === h.width
    for (const c of h.columns) {
      const values = store.get(c.name)!;
      for (let k = 0; k < c.count; k++) {
        const tok = t[c.offset + k];
        const what = names[c.offset + k];
        if (Array.isArray(values)) values[i * c.count + k] = tok;
        else if (c.type === 'R') values[i * c.count + k] = parseReal(tok, lineNo, what);
        else if (c.type === 'L') values[i * c.count + k] = parseBool(tok, lineNo) ? 1 : 0;
        else values[i * c.count + k] = parseInt32(tok, lineNo, what);
      }
    }
  }
  return store;
}

function parseInt32(tok: string, lineNo: number, what: string): number {
  const v = parseInteger(tok, lineNo, what);
  if (v < -2147483648 || v > 2147483647) throw new FileFormatError(`${quote(what)} = ${quote(tok)} does not fit a 32-bit integer`, lineNo);
  return v;
}

// ---- building

function buildFrame(h: Header, raw: Map<string, RawValues>, first: number): ExtendedXyzFrame {
  const positions = buildPositions(h, raw.get('pos') as Float64Array, first);
  const { speciesColumn, diameterColumn } = h;
  const { species, labels } = buildSpecies(h, speciesColumn, speciesColumn && raw.get(speciesColumn.name), first);
  const diameters = diameterColumn
    ? buildDiameters(h, diameterColumn, raw.get(diameterColumn.name) as Float64Array, first)
    : defaultDiameters(h, species);

  // With species_index, the species column holds only ASE's dummy element X: the type comes from species_index.
  const consumed = new Set(['pos', 'planted', speciesColumn?.name, diameterColumn?.name, ...(speciesColumn?.name === 'species_index' ? ['species'] : [])]);
  const columns: Record<string, ParticleColumn> = Object.create(null); // column names from the file ("__proto__" too)
  const stringColumns: Record<string, string[]> = Object.create(null);
  for (const c of h.columns) {
    if (consumed.has(c.name)) continue;
    const v = raw.get(c.name)!;
    if (Array.isArray(v)) stringColumns[c.name] = v;
    else columns[c.name] = v;
  }
  const shifts = buildShifts(h, raw.get('planted'));
  const configuration = validateConfiguration({ box: h.box, positions, diameters, species, ...(shifts ? { shifts } : {}) });
  return {
    configuration,
    ...(h.model !== undefined ? { model: h.model } : {}),
    ...(h.temperature !== undefined ? { temperature: h.temperature } : {}),
    info: h.info,
    columns,
    stringColumns,
    speciesLabels: labels,
  };
}

/** The Mari–Kurchan pair shifts of shift_seed, shift_temperature and the planted:R:D column (all three, or none). */
function buildShifts(h: Header, planted: RawValues | undefined): PairShifts | undefined {
  const { shiftSeed: seed, shiftTemperature: temperature } = h;
  if (seed === undefined && temperature === undefined && planted === undefined) return undefined;
  if (seed === undefined || temperature === undefined || !(planted instanceof Float64Array) || planted.length !== h.n * h.dim) {
    throw new FileFormatError(`pair shifts need shift_seed, shift_temperature and a planted:R:${h.dim} column together`);
  }
  return { seed, temperature, planted };
}

function buildPositions(h: Header, pos: Float64Array, first: number): Float64Array {
  const d = h.dim;
  const stride = Math.max(3, d);
  const out = new Float64Array(h.n * d);
  for (let i = 0; i < h.n; i++) {
    for (let a = 0; a < d; a++) {
      const x = h.origin[a] === 0 ? pos[i * stride + a] : pos[i * stride + a] - h.origin[a];
      out[i * d + a] = h.box.shear ? x : wrapCoordinate(x, h.box.lengths[a]);
    }
    if (d === 2 && pos[i * 3 + 2] - h.origin[2] !== 0) {
      throw new FileFormatError(`z = ${pos[i * 3 + 2]} but the frame is 2D (z must be 0)`, first + i + 1);
    }
  }
  return h.box.shear ? wrapPositions(h.box, out) : out;
}

function buildSpecies(h: Header, col: Column | undefined, values: RawValues | undefined, first: number): { species: Uint8Array; labels: string[] } {
  const species = new Uint8Array(h.n);
  if (!col || !values) return { species, labels: [] };
  if (col.type === 'S') return stringSpecies(values as string[]);
  // species:I is our 0-based index; type:I follows LAMMPS/OVITO and starts at 1.
  const base = col.name === 'type' ? 1 : 0;
  const ints = values as Int32Array;
  let max = 0;
  for (let i = 0; i < h.n; i++) {
    const s = ints[i] - base;
    if (s < 0 || s > 255) throw new FileFormatError(`${col.name} = ${ints[i]} is out of range (${base}..${255 + base})`, first + i + 1);
    species[i] = s;
    if (s > max) max = s;
  }
  const letters = col.name === 'species_index' && max <= 25;
  const labels = Array.from({ length: max + 1 }, (_, s) => (letters ? speciesLetter(s) : String(s + base)));
  return { species, labels };
}

/** "A".."Z" map to 0..25; otherwise the distinct labels in sorted order map to 0, 1, … */
function stringSpecies(values: readonly string[]): { species: Uint8Array; labels: string[] } {
  const n = values.length;
  const species = new Uint8Array(n);
  if (values.every((v) => /^[A-Z]$/.test(v))) {
    let max = 0;
    for (let i = 0; i < n; i++) { species[i] = values[i].charCodeAt(0) - 65; if (species[i] > max) max = species[i]; }
    return { species, labels: Array.from({ length: max + 1 }, (_, s) => speciesLetter(s)) };
  }
  const labels = [...new Set(values)].sort();
  if (labels.length > 256) throw new FileFormatError(`the species column has ${labels.length} distinct labels (256 at most)`);
  const index = new Map(labels.map((l, s) => [l, s]));
  for (let i = 0; i < n; i++) species[i] = index.get(values[i])!;
  return { species, labels };
}

/** No diameter column: σ_ss of the species for a Kob–Andersen model (model=ka…), else unit diameters. */
function defaultDiameters(h: Header, species: Uint8Array): Float64Array {
  const diameters = new Float64Array(h.n).fill(1);
  if (!h.model?.startsWith('ka')) return diameters;
  for (let i = 0; i < h.n; i++) {
    const s = species[i];
    if (s > 1) throw new FileFormatError(`model=${quote(h.model)} has species A and B only, but particle ${i} has species index ${s}`);
    diameters[i] = KA_SIGMA[s][s];
  }
  return diameters;
}

function buildDiameters(h: Header, col: Column, v: Float64Array, first: number): Float64Array {
  const diameters = new Float64Array(h.n);
  const scale = col.name === 'radius' ? 2 : 1;
  for (let i = 0; i < h.n; i++) {
    if (!(v[i] > 0)) throw new FileFormatError(`${col.name} = ${v[i]} must be positive`, first + i + 1);
    diameters[i] = scale * v[i];
  }
  return diameters;
}
