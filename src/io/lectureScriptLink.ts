// A lecture script in a link (issue 13): an ordered list of presets with one talking point each, in the URL fragment as
// `#s1.<base64url(deflate-raw(JSON))>` — the share link's codec (shareLinkCodec.ts) under its own prefix, so every `#v1.` link
// opens as before. Decoding is bounded (text, inflated size, steps, note length), checks every field, and never throws.
import { base64UrlDecode, base64UrlEncode, CodecError, deflateRaw, inflateRawBounded } from './shareLinkCodec.ts';

export const LECTURE_SCRIPT_VERSION = 1;
export const LECTURE_SCRIPT_LIMITS = { maxSteps: 30, maxNoteChars: 240, maxTitleChars: 120, maxFragmentChars: 12_000, maxInflatedBytes: 64_000 } as const;

export interface LectureStep {
  /** A preset id (src/engine/presets.ts). */
  preset: string;
  /** One talking point, shown large while the step runs. */
  note: string;
}

export interface LectureScript {
  title: string;
  steps: LectureStep[];
}

export type DecodedLectureScript = { ok: true; script: LectureScript } | { ok: false; error: string };

const PREFIX = `#s${LECTURE_SCRIPT_VERSION}.`;

/** Whether an address fragment holds a lecture script (any version), not an experiment. */
export function isLectureScriptFragment(hash: string): boolean {
  return /^#s\d+\./.test(hash);
}

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: true });

/** Checks a script against the known preset ids; the first problem in words, or null. */
export function lectureScriptProblem(script: unknown, presetIds: readonly string[]): string | null {
  const L = LECTURE_SCRIPT_LIMITS;
  if (typeof script !== 'object' || script === null || Array.isArray(script)) return 'the script is not an object';
  const s = script as Record<string, unknown>;
  if (typeof s.title !== 'string' || s.title.length > L.maxTitleChars) return `the script's title must be text of at most ${L.maxTitleChars} characters`;
  if (!Array.isArray(s.steps) || s.steps.length === 0 || s.steps.length > L.maxSteps) return `a script has 1 to ${L.maxSteps} steps`;
  for (const [k, step] of s.steps.entries()) {
    if (typeof step !== 'object' || step === null) return `step ${k + 1} is not a step`;
    const { preset, note } = step as Record<string, unknown>;
    if (typeof preset !== 'string' || !presetIds.includes(preset)) return `step ${k + 1} names no preset of this lab (${presetIds.join(', ')})`;
    if (typeof note !== 'string' || note.length > L.maxNoteChars) return `step ${k + 1}'s talking point must be text of at most ${L.maxNoteChars} characters`;
  }
  return null;
}

/** `#s1.…` of a script; throws on a script that would not read back. */
export function encodeLectureScript(script: LectureScript, presetIds: readonly string[]): string {
  const problem = lectureScriptProblem(script, presetIds);
  if (problem) throw new Error(`cannot make a link of this script: ${problem}`);
  const wire = { title: script.title, steps: script.steps.map((s) => ({ preset: s.preset, note: s.note })) };
  return PREFIX + base64UrlEncode(deflateRaw(encoder.encode(JSON.stringify(wire))));
}

export function decodeLectureScript(hash: string, presetIds: readonly string[]): DecodedLectureScript {
  try {
    const version = /^#s(\d+)\./.exec(hash);
    if (!version) return { ok: false, error: 'this is not a lecture script link' };
    if (Number(version[1]) !== LECTURE_SCRIPT_VERSION) return { ok: false, error: `this script link is version ${version[1]}; this lab reads version ${LECTURE_SCRIPT_VERSION}` };
    if (hash.length > LECTURE_SCRIPT_LIMITS.maxFragmentChars) return { ok: false, error: 'this script link is too long' };
    const bytes = inflateRawBounded(base64UrlDecode(hash.slice(version[0].length)), LECTURE_SCRIPT_LIMITS.maxInflatedBytes);
    const script: unknown = JSON.parse(decoder.decode(bytes));
    const problem = lectureScriptProblem(script, presetIds);
    if (problem) return { ok: false, error: problem };
    const s = script as LectureScript;
    return { ok: true, script: { title: s.title, steps: s.steps.map((x) => ({ preset: x.preset, note: x.note })) } };
  } catch (e) {
    if (e instanceof CodecError) return { ok: false, error: `the script link is damaged (${e.message})` };
    if (e instanceof SyntaxError || e instanceof TypeError) return { ok: false, error: 'the script link is damaged (not readable text)' };
    return { ok: false, error: `the script link could not be read: ${(e as Error).message}` };
  }
}

/** The script as editable text: one step a line, "preset-id | talking point". */
export function scriptToText(script: LectureScript): string {
  return script.steps.map((s) => `${s.preset} | ${s.note}`).join('\n');
}

/** Text back to a script: blank lines skipped; the first bad line answered in words. */
export function scriptFromText(title: string, text: string, presetIds: readonly string[]): { ok: true; script: LectureScript } | { ok: false; error: string } {
  const steps: LectureStep[] = [];
  for (const [k, line] of text.split('\n').entries()) {
    if (!line.trim()) continue;
    const bar = line.indexOf('|');
    const preset = (bar < 0 ? line : line.slice(0, bar)).trim();
    const note = bar < 0 ? '' : line.slice(bar + 1).trim();
    if (!presetIds.includes(preset)) return { ok: false, error: `line ${k + 1}: "${preset.slice(0, 40)}" is not a preset (${presetIds.join(', ')})` };
    steps.push({ preset, note });
  }
  const script = { title, steps };
  const problem = lectureScriptProblem(script, presetIds);
  return problem ? { ok: false, error: problem } : { ok: true, script };
}
