// The QR code of a link, as an SVG (no inline style: the page's CSP holds), with a quiet zone of 4 modules.
import { useMemo } from 'react';
import { qrMatrix, qrPath } from './qrMatrix.ts';

export function QrCode({ text, label, size = 220 }: { text: string; label: string; size?: number }) {
  const matrix = useMemo(() => qrMatrix(text), [text]);
  if (!matrix) return <span className="qr-too-long" data-testid="qr-too-long">this link is too long for a QR code</span>;
  const side = matrix.length + 8;
  return (
    <svg className="qr-code" data-testid="qr-code" data-modules={matrix.length} role="img" aria-label={`QR code of ${label}`}
      width={size} height={size} viewBox={`0 0 ${side} ${side}`} shapeRendering="crispEdges">
      <rect width={side} height={side} fill="#ffffff" />
      <path d={qrPath(matrix)} fill="#000000" />
    </svg>
  );
}
