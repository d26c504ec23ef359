// Strict command-line values: every number is checked, every mistake is one clear line.
import { parseArgs } from 'node:util';
import type { EngineChoice } from '../engine/lab/protocol.ts';

export class UsageError extends Error {}

export type OptionSpec = Record<string, { type: 'string' | 'boolean'; short?: string }>;

export function parseOptions(argv: string[], options: OptionSpec): Record<string, string | boolean | undefined> {
  // "--temperature -1" would read as an option named "-1": join a negative number to its option, so validation can name it.
  const joined: string[] = [];
  for (let k = 0; k < argv.length; k++) {
    const name = argv[k].startsWith('--') && !argv[k].includes('=') ? argv[k].slice(2) : '';
    if (name && options[name]?.type === 'string' && k + 1 < argv.length && /^-[\d.]/.test(argv[k + 1])) {
      joined.push(`${argv[k]}=${argv[k + 1]}`);
      k++;
    } else joined.push(argv[k]);
  }
  try {
    return parseArgs({ args: joined, options, strict: true, allowPositionals: false }).values as Record<string, string | boolean | undefined>;
  } catch (e) {
    throw new UsageError(e instanceof Error ? e.message.split('\n')[0] : String(e));
  }
}

export function requireString(values: Record<string, unknown>, name: string): string {
  const v = values[name];
  if (typeof v !== 'string' || v === '') throw new UsageError(`--${name} is required`);
  return v;
}

/** A finite number (or ±inf where allowed), rejecting empty strings, NaN and trailing garbage. */
export function numberOption(values: Record<string, unknown>, name: string, fallback?: number, allowInfinity = false): number {
  const v = values[name];
  if (v === undefined) {
    if (fallback === undefined) throw new UsageError(`--${name} is required`);
    return fallback;
  }
  const s = String(v).trim().toLowerCase();
  if (allowInfinity && (s === 'inf' || s === 'infinity')) return Infinity;
  const x = Number(s);
  if (s === '' || !Number.isFinite(x)) throw new UsageError(`--${name} must be a number${allowInfinity ? ' or inf' : ''}, got "${v}"`);
  return x;
}

export function integerOption(values: Record<string, unknown>, name: string, fallback?: number, min = 0): number {
  const x = numberOption(values, name, fallback);
  if (!Number.isInteger(x) || x < min) throw new UsageError(`--${name} must be an integer ≥ ${min}, got ${values[name] ?? x}`);
  return x;
}

/** --engine: gpu, cpu or auto (default cpu: the float64 reference engine). */
export function engineOption(values: Record<string, unknown>): EngineChoice {
  const v = values.engine;
  if (v === undefined) return 'cpu';
  if (v !== 'gpu' && v !== 'cpu' && v !== 'auto') throw new UsageError(`--engine must be gpu, cpu or auto, got "${String(v).slice(0, 40)}"`);
  return v;
}

/**
 * --fit-min/--fit-max: by default [3, 100] kept inside [0, t_max] (the upper end at most t_max; the lower end a decade below it
 * when 3 would not fit).
 */
export function fitWindowOption(values: Record<string, unknown>, tMax: number, defaults: { tMin: number; tMax: number }): { tMin: number; tMax: number } {
  const hi = numberOption(values, 'fit-max', Math.min(defaults.tMax, tMax));
  const lo = numberOption(values, 'fit-min', defaults.tMin < hi ? defaults.tMin : hi / 10);
  return { tMin: lo, tMax: hi };
}
