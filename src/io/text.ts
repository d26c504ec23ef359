// Low-level helpers shared by the text formats in src/io: strict number parsing with line numbers,
// shortest round-trip number formatting, and wrapping a coordinate into [0, L) without touching values already inside.

/** A malformed input file. `line` is 1-based when the problem sits on one line; the message starts with "line N: " then. */
export class FileFormatError extends Error {
  readonly line: number | undefined;
  constructor(message: string, line?: number) {
    super(line === undefined ? message : `line ${line}: ${message}`);
    this.name = 'FileFormatError';
    this.line = line;
  }
}

/** Split text into lines (LF or CRLF); a final newline does not make an extra line. */
export function splitLines(text: string): string[] {
  const lines = text.split(/\r?\n/);
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/** Longest state file the readers take (characters; the CLI checks the same number of bytes before reading a file):
 *  a 262,144-particle 3D state with a few extra columns is about 40 MB. Checked before anything is split or allocated. */
export const MAX_STATE_FILE_CHARS = 256 * 1024 * 1024;

/** Throws unless `text` is within MAX_STATE_FILE_CHARS; `what` names the format in the message. */
export function checkStateFileSize(length: number, what: string): void {
  if (length > MAX_STATE_FILE_CHARS) {
    throw new FileFormatError(`the ${what} file is ${(length / 2 ** 20).toFixed(0)} MiB, more than the ${MAX_STATE_FILE_CHARS / 2 ** 20} MiB a state file may have`);
  }
}

/** Number of whitespace-separated tokens of a line, without allocating them. */
export function countTokens(line: string): number {
  let count = 0, inToken = false;
  for (let i = 0; i < line.length; i++) {
    const c = line.charCodeAt(i);
    const space = c === 32 || c === 9 || c === 13 || c === 10 || c === 11 || c === 12 || c === 160 || c === 0xfeff;
    if (!space && !inToken) count++;
    inToken = !space;
  }
  return count;
}

/** Whitespace-separated tokens of a line. */
export function tokenize(line: string): string[] {
  const t = line.trim();
  return t === '' ? [] : t.split(/\s+/);
}

export function isBlank(line: string): boolean {
  return line.trim() === '';
}

const REAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const NON_FINITE = /^[+-]?(?:nan|inf|infinity)$/i;
const INTEGER = /^[+-]?\d+$/;

/** At most 40 characters of untrusted input for an error message ("…" marks a cut); line breaks shown as spaces. */
export function quote(input: string): string {
  const flat = input.replace(/[\r\n\t]/g, ' ');
  return flat.length > 40 ? `${flat.slice(0, 40)}…` : flat;
}

/** A finite float64 from a decimal token; `what` names the value in the error ("x", "diameter"). */
export function parseReal(token: string, line: number, what: string): number {
  if (NON_FINITE.test(token)) throw new FileFormatError(`${quote(what)} = '${quote(token)}' is not a finite number`, line);
  if (!REAL.test(token)) throw new FileFormatError(`${quote(what)} = '${quote(token)}' is not a number`, line);
  const x = Number(token);
  if (!Number.isFinite(x)) throw new FileFormatError(`${quote(what)} = '${quote(token)}' is not a finite number (overflow)`, line);
  return x;
}

/** A safe integer from a decimal token. */
export function parseInteger(token: string, line: number, what: string): number {
  if (!INTEGER.test(token)) throw new FileFormatError(`${quote(what)} = '${quote(token)}' is not an integer`, line);
  const n = Number(token);
  if (!Number.isSafeInteger(n)) throw new FileFormatError(`${quote(what)} = '${quote(token)}' is out of range`, line);
  return n;
}

const INFINITE_TEMPERATURE = /^\+?(?:inf|infinity)$/i;

/** A temperature as files carry it: a finite number, or T = ∞ as "inf" (random positions; read back as Infinity). */
export function formatTemperature(T: number): string {
  if (T === Infinity) return 'inf';
  if (!Number.isFinite(T)) throw new Error(`temperature ${T} cannot be written (a finite number or +Infinity)`);
  return formatReal(T);
}

/** The inverse of formatTemperature: "inf"/"infinity" (any case) is T = ∞; NaN and −∞ are errors. */
export function parseTemperature(token: string, line: number): number {
  if (INFINITE_TEMPERATURE.test(token)) return Infinity;
  return parseReal(token, line, 'temperature');
}

/** Shortest decimal that parses back to the same float64 (keeps the sign of −0). Never toFixed. */
export function formatReal(x: number): string {
  if (!Number.isFinite(x)) throw new Error(`cannot write the non-finite value ${x}`);
  return Object.is(x, -0) ? '-0' : String(x);
}

/** x wrapped into [0, L); a value already in [0, L) is returned unchanged, bit for bit. */
export function wrapCoordinate(x: number, L: number): number {
  if (x >= 0 && x < L) return x;
  let y = x - L * Math.floor(x / L);
  if (y < 0) y += L;
  if (y >= L) y -= L;
  return y >= 0 && y < L ? y : 0; // rounding at the edges: −tiny + L = L lands on 0
}

/** Letter label of a species index: 0 → A, 1 → B, …, 25 → Z. */
export function speciesLetter(s: number): string {
  if (!Number.isInteger(s) || s < 0 || s > 25) throw new Error(`species ${s} has no letter label (0..25 only)`);
  return String.fromCharCode(65 + s);
}
