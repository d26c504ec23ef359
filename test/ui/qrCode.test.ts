// The Share dialog's QR code (issue 13): the matrix qrcode-generator makes decodes back to the very link, with an
// independent reader (jsQR, a test-only dependency), for a short link, a long one with a curve, and the script link.
import jsQR from 'jsqr';
import { describe, expect, it } from 'vitest';
import { getPreset, PRESETS, presetSpec } from '../../src/engine/presets.ts';
import { encodeLectureScript } from '../../src/io/lectureScriptLink.ts';
import { encodeShareLink, SHARE_LINK_VERSION } from '../../src/io/shareLink.ts';
import { DEFAULT_LECTURE_SCRIPT } from '../../src/state/lectureScript.ts';
import { qrMatrix, qrPath, QR_MAX_BYTES } from '../../src/ui/share/qrMatrix.ts';

/** The matrix as a black-on-white RGBA image, `scale` pixels a module, with a quiet zone of 4 modules. */
function image(matrix: boolean[][], scale = 4): { data: Uint8ClampedArray; side: number } {
  const side = (matrix.length + 8) * scale;
  const data = new Uint8ClampedArray(side * side * 4).fill(255);
  matrix.forEach((row, r) => row.forEach((dark, c) => {
    if (!dark) return;
    for (let y = 0; y < scale; y++) for (let x = 0; x < scale; x++) {
      const p = (((r + 4) * scale + y) * side + (c + 4) * scale + x) * 4;
      data[p] = data[p + 1] = data[p + 2] = 0;
    }
  }));
  return { data, side };
}

function decode(text: string): string | null {
  const m = qrMatrix(text);
  if (!m) return null;
  const { data, side } = image(m);
  return jsQR(data, side, side)?.data ?? null;
}

describe('QR code of a link', () => {
  const base = 'http://127.0.0.1:4173/glasslab/';
  it('decodes back to a short experiment link', () => {
    const link = encodeShareLink({ v: SHARE_LINK_VERSION, spec: presetSpec(getPreset('soft2d-hot'), 'cpu'), job: { kind: 'single' } }, { baseUrl: base }).link;
    expect(decode(link)).toBe(link);
  });

  it('decodes back to a long link that carries a curve and β', () => {
    const t = Array.from({ length: 80 }, (_, k) => 10 ** (-3 + k / 16));
    const speed = t.map((x) => 0.3 * x ** -0.92);
    const encoded = encodeShareLink({
      v: SHARE_LINK_VERSION, spec: presetSpec(getPreset('harmonic2d-inf'), 'cpu'), job: { kind: 'single' },
      result: { t, speed, engine: 'cpu', fit: { beta: 0.92, low: 0.9, high: 0.94, tMin: 3, tMax: 100 } },
    }, { baseUrl: base });
    expect(encoded.result).toBe('included');
    expect(encoded.link.length).toBeGreaterThan(500);
    expect(decode(encoded.link)).toBe(encoded.link);
  });

  it('decodes back to the lecture script link, and says when a text is too long for any QR code', () => {
    const link = base + encodeLectureScript(DEFAULT_LECTURE_SCRIPT, PRESETS.map((p) => p.id));
    expect(decode(link)).toBe(link);
    expect(qrMatrix('x'.repeat(QR_MAX_BYTES + 1))).toBeNull();
  });

  it('draws one unit square per dark module', () => {
    const m = qrMatrix('GlassLab')!;
    const dark = m.flat().filter(Boolean).length;
    expect(qrPath(m).match(/M/g)!.length).toBe(dark);
    expect(m.length).toBe(21); // version 1
  });
});
