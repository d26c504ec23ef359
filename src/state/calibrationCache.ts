// The calibration kept between page loads (issue 13): a reload on the same machine reads the last calibration instead of
// running a background worker again. Kept in localStorage under one key, one entry per machine key (the engines timed, the
// WebGPU adapter, the presets' specs), so another adapter or a changed preset calibrates afresh; a version key drops every
// entry written by an older calibration. "Recalibrate" on the calibration line deletes the entry and times again.
import type { EngineName } from '../engine/lab/protocol.ts';
import type { PresetCalibration } from '../engine/presetEstimate.ts';
import { presetSpec, type Preset } from '../engine/presets.ts';

/** Raise when what a calibration measures or how it is stored changes: older entries are then ignored. */
export const CALIBRATION_CACHE_VERSION = 1;
export const CALIBRATION_CACHE_KEY = 'glasslab.calibration';

/** What a finished calibration found: enough to fill the calibration store without running it. */
export interface SavedCalibration {
  picked: EngineName;
  reason: string;
  engines: { engine: EngineName; rate: number }[];
  presets: Record<string, PresetCalibration>;
  /** When it was measured (ms since 1970). */
  savedAt: number;
}

/** The part of localStorage the cache uses (a Map-backed stand-in in tests). */
export interface KeyValueStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

interface CacheFile { version: number; entries: Record<string, SavedCalibration> }

/** The machine key: the engines timed, the adapter (or none), and every preset's spec on each engine, in one string. */
export function calibrationKey(engines: EngineName[], adapter: string | undefined, presets: Preset[]): string {
  const specs = presets.map((p) => engines.map((e) => JSON.stringify(presetSpec(p, e))).join('|')).join(';');
  return `${engines.join(',')} · ${adapter ?? 'no WebGPU adapter'} · presets ${hash(specs)}`;
}

/** FNV-1a of a string, in hex: a short fingerprint of the presets' specs. */
function hash(s: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193) >>> 0;
  return h.toString(16).padStart(8, '0');
}

function readFile(storage: KeyValueStorage): CacheFile {
  try {
    const raw = storage.getItem(CALIBRATION_CACHE_KEY);
    const file = raw ? (JSON.parse(raw) as CacheFile) : null;
    if (file && file.version === CALIBRATION_CACHE_VERSION && file.entries && typeof file.entries === 'object') return file;
  } catch { /* unreadable or not JSON: start afresh */ }
  return { version: CALIBRATION_CACHE_VERSION, entries: {} };
}

function writeFile(storage: KeyValueStorage, file: CacheFile): void {
  try { storage.setItem(CALIBRATION_CACHE_KEY, JSON.stringify(file)); } catch { /* storage full or blocked: the next load calibrates again */ }
}

/** The saved calibration of this machine key, if one of this version is there and every preset has its timing. */
export function loadCalibration(storage: KeyValueStorage, key: string, presets: Preset[]): SavedCalibration | null {
  const saved = readFile(storage).entries[key];
  if (!saved || typeof saved.picked !== 'string' || !saved.presets || presets.some((p) => !saved.presets[p.id])) return null;
  return saved;
}

export function saveCalibration(storage: KeyValueStorage, key: string, saved: SavedCalibration): void {
  const file = readFile(storage);
  file.entries[key] = saved;
  writeFile(storage, file);
}

export function forgetCalibration(storage: KeyValueStorage, key: string): void {
  const file = readFile(storage);
  delete file.entries[key];
  writeFile(storage, file);
}
