// Share links (issue 5): an experiment in the URL fragment, `#v1.<base64url(deflate-raw(JSON))>`, so a link in lecture slides
// or an email gives the same experiment. Decoding is bounded at every step (text length, inflated size, field sizes), checks
// every field, never evaluates anything and never throws: it answers { ok: true, payload } or { ok: false, error }.
import { base64UrlDecode, base64UrlEncode, CodecError, deflateRaw, inflateRawBounded } from './shareLinkCodec.ts';
import { FieldProblem, nestingWithin } from './shareLinkCheck.ts';
import { fromWire } from './shareLinkRead.ts';
import { SHARE_LIMITS, SHARE_LINK_VERSION, type SharePayload } from './shareLinkTypes.ts';
import { toWire } from './shareLinkWire.ts';

export * from './shareLinkTypes.ts';

export type ShareLinkErrorKind =
  | 'not-a-link' | 'newer-version' | 'too-long' | 'bad-encoding' | 'bad-compression' | 'too-large' | 'bad-json' | 'invalid' | 'internal';

export type DecodedShareLink = { ok: true; payload: SharePayload } | { ok: false; error: string; kind: ShareLinkErrorKind };

export interface EncodeOptions {
  /** The page's address; anything after a '#' in it is replaced. Default '' (the link is the fragment alone). */
  baseUrl?: string;
  /** The result rides along only while the whole link has at most this many characters (default SHARE_LIMITS.maxLinkCharsWithResult). */
  maxChars?: number;
}

export interface EncodedShareLink {
  /** baseUrl + fragment. */
  link: string;
  /** `#v1.…`. */
  fragment: string;
  /** Whether the payload's result is in the link: 'dropped' when it would have made the link longer than maxChars. */
  result: 'included' | 'dropped' | 'none';
  /** One line for the user when the result was dropped. */
  note?: string;
}

/** Deepest nesting of arrays and objects a link's JSON may have (its own format needs 3). */
const MAX_NESTING = 16;

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: true });

function fragmentOf(payload: SharePayload, withResult: boolean): string {
  const wire = toWire(payload, withResult);
  // Every link we write must read back: check it as a reader would (throws a clear Error for an invalid payload).
  try {
    fromWire(JSON.parse(JSON.stringify(wire)));
  } catch (e) {
    throw new Error(`cannot make a link of this payload: ${e instanceof Error ? e.message : String(e)}`);
  }
  return `#v${SHARE_LINK_VERSION}.${base64UrlEncode(deflateRaw(encoder.encode(JSON.stringify(wire))))}`;
}

/** The link of `payload`; its result (rounded) is included only while the whole link stays within maxChars. Throws on an invalid payload. */
export function encodeShareLink(payload: SharePayload, options: EncodeOptions = {}): EncodedShareLink {
  const base = (options.baseUrl ?? '').split('#')[0];
  const maxChars = options.maxChars ?? SHARE_LIMITS.maxLinkCharsWithResult;
  if (payload.result) {
    const fragment = fragmentOf(payload, true);
    if (base.length + fragment.length <= maxChars) return { link: base + fragment, fragment, result: 'included' };
  }
  const fragment = fragmentOf(payload, false);
  if (!payload.result) return { link: base + fragment, fragment, result: 'none' };
  return {
    link: base + fragment, fragment, result: 'dropped',
    note: `the finished run's curve and β were left out: with them the link would pass ${maxChars} characters (the run is reproduced instead)`,
  };
}

/** The fragment's data after `v1.`, from a whole URL, a `#…` fragment or the bare `v1.…`; whitespace (line-wrapped mail) is ignored. */
function versionAndData(link: string): { version: number; data: string } | null {
  const hash = link.indexOf('#');
  const fragment = (hash >= 0 ? link.slice(hash + 1) : link).replace(/\s+/g, '');
  const m = /^v(\d{1,9})\.(.*)$/s.exec(fragment);
  return m ? { version: Number(m[1]), data: m[2] } : null;
}

function refuse(kind: ShareLinkErrorKind, error: string): DecodedShareLink {
  return { ok: false, kind, error };
}

function decodeChecked(link: string): DecodedShareLink {
  if (link.length > SHARE_LIMITS.maxFragmentChars) {
    return refuse('too-long', `the link is too long (${link.length} characters; a GlassLab link has at most ${SHARE_LIMITS.maxFragmentChars})`);
  }
  const parts = versionAndData(link);
  if (!parts) return refuse('not-a-link', 'this is not a GlassLab link (its fragment should start with #v1.)');
  if (parts.version > SHARE_LINK_VERSION) {
    return refuse('newer-version', `this link was made by a newer GlassLab (v${parts.version}); this version reads v${SHARE_LINK_VERSION}`);
  }
  if (parts.version < 1) return refuse('not-a-link', `this is not a GlassLab link (unknown version v${parts.version})`);
  let text: string;
  try {
    const bytes = inflateRawBounded(base64UrlDecode(parts.data), SHARE_LIMITS.maxInflatedBytes);
    text = decoder.decode(bytes);
  } catch (e) {
    if (e instanceof CodecError) return refuse(e.kind, e.kind === 'too-large' ? e.message : `the link is damaged: ${e.message}`);
    return refuse('bad-json', 'the link is damaged: its data is not UTF-8 text');
  }
  if (!nestingWithin(text, MAX_NESTING)) return refuse('bad-json', `the link is damaged: its data nests deeper than ${MAX_NESTING} levels`);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return refuse('bad-json', 'the link is damaged: its data is not valid JSON');
  }
  try {
    return { ok: true, payload: fromWire(value) };
  } catch (e) {
    if (e instanceof FieldProblem) return refuse('invalid', `the link holds an invalid experiment: ${e.message}`);
    throw e;
  }
}

/** Reads a link (URL, `#v1.…` or `v1.…`): the checked payload, or one clear message for the first problem. Never throws. */
export function decodeShareLink(link: string): DecodedShareLink {
  try {
    if (typeof link !== 'string') return refuse('not-a-link', 'this is not a GlassLab link');
    return decodeChecked(link);
  } catch (e) {
    return refuse('internal', `internal error while reading the link (please report it): ${e instanceof Error ? e.message : String(e)}`);
  }
}
