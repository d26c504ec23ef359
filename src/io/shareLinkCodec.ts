// The bytes of a share link: UTF-8 JSON, raw DEFLATE (RFC 1951, what CompressionStream('deflate-raw') writes), base64url
// without padding. Inflating is bounded: it stops as soon as the output passes a limit, so a decompression bomb fails fast.
import { deflateSync, Inflate } from 'fflate';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const VALUE = new Int8Array(128).fill(-1);
for (let k = 0; k < ALPHABET.length; k++) VALUE[ALPHABET.charCodeAt(k)] = k;

/** Input bytes handed to the inflater at a time: one push can expand ~1000-fold at most, so this bounds the overshoot. */
const INFLATE_SLICE = 1024;

export class CodecError extends Error {
  constructor(readonly kind: 'bad-encoding' | 'bad-compression' | 'too-large', message: string) {
    super(message);
  }
}

export function base64UrlEncode(bytes: Uint8Array): string {
  let out = '';
  for (let k = 0; k < bytes.length; k += 3) {
    const a = bytes[k], b = bytes[k + 1] ?? 0, c = bytes[k + 2] ?? 0;
    const left = bytes.length - k;
    out += ALPHABET[a >> 2] + ALPHABET[((a & 3) << 4) | (b >> 4)];
    if (left > 1) out += ALPHABET[((b & 15) << 2) | (c >> 6)];
    if (left > 2) out += ALPHABET[c & 63];
  }
  return out;
}

/** Strict base64url (A–Z a–z 0–9 - _, no padding); throws CodecError('bad-encoding') on anything else. */
export function base64UrlDecode(text: string): Uint8Array<ArrayBuffer> {
  if (text.length % 4 === 1) throw new CodecError('bad-encoding', 'its data has a length base64url cannot have (cut off?)');
  const out = new Uint8Array(Math.floor((text.length * 3) / 4));
  let bits = 0, acc = 0, j = 0;
  for (let k = 0; k < text.length; k++) {
    const code = text.charCodeAt(k);
    const v = code < 128 ? VALUE[code] : -1;
    if (v < 0) throw new CodecError('bad-encoding', `its data holds "${text[k]}" at position ${k}, which base64url does not use`);
    acc = ((acc << 6) | v) & 0xffffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[j++] = (acc >> bits) & 0xff;
    }
  }
  return out;
}

export function deflateRaw(bytes: Uint8Array): Uint8Array {
  return deflateSync(bytes, { level: 9, mem: 8 });
}

/** Raw DEFLATE → bytes, refusing (CodecError 'too-large') as soon as the output would pass maxBytes. */
export function inflateRawBounded(data: Uint8Array, maxBytes: number): Uint8Array {
  const chunks: Uint8Array[] = [];
  let total = 0;
  let tooLarge = false;
  const inflater = new Inflate((chunk) => {
    total += chunk.length;
    if (total > maxBytes) tooLarge = true;
    else chunks.push(chunk);
  });
  try {
    for (let k = 0; k < data.length || k === 0; k += INFLATE_SLICE) {
      const end = Math.min(data.length, k + INFLATE_SLICE);
      inflater.push(data.subarray(k, end), end === data.length);
      if (tooLarge) break;
    }
  } catch (e) {
    if (!tooLarge) throw new CodecError('bad-compression', `its data does not decompress (${e instanceof Error ? e.message : String(e)})`);
  }
  if (tooLarge) throw new CodecError('too-large', `the link is too large: its data expands beyond ${maxBytes / 1024} KiB`);
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) { out.set(c, at); at += c.length; }
  return out;
}
