// A QR code of a link (issue 13: the class opens the lecturer's run on their phones), made here by qrcode-generator — no
// network, no canvas: its dark modules as a boolean matrix, drawn by QrCode.tsx as one SVG path.
import qrcode from 'qrcode-generator';

// Byte mode as UTF-8 (the library's default keeps only each character's low byte).
qrcode.stringToBytes = (s: string) => Array.from(new TextEncoder().encode(s));

/** Most characters a QR code carries here (version 40, error correction L, byte mode: 2953 bytes). */
export const QR_MAX_BYTES = 2953;

/** The modules of the smallest QR code of `text` (error correction M while it fits version 40, else L); null when too long. */
export function qrMatrix(text: string): boolean[][] | null {
  const bytes = new TextEncoder().encode(text).length;
  if (bytes > QR_MAX_BYTES) return null;
  for (const level of ['M', 'L'] as const) {
    try {
      const qr = qrcode(0, level);
      qr.addData(text, 'Byte');
      qr.make();
      const n = qr.getModuleCount();
      return Array.from({ length: n }, (_, r) => Array.from({ length: n }, (_, c) => qr.isDark(r, c)));
    } catch {
      // too long at this level: try the next
    }
  }
  return null;
}

/** The dark modules as one SVG path (a unit square each), for a viewBox of (size + 2·quiet)². */
export function qrPath(matrix: boolean[][], quiet = 4): string {
  const parts: string[] = [];
  matrix.forEach((row, r) => row.forEach((dark, c) => { if (dark) parts.push(`M${c + quiet} ${r + quiet}h1v1h-1z`); }));
  return parts.join('');
}
