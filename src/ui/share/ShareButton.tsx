// Share: the experiment (and a finished run's curve and β when the link stays short) in a link, copied to the clipboard and
// put in the address bar, so what the lecturer sees is what the link opens.
import { useState } from 'react';
import { encodeShareLink } from '../../io/shareLink.ts';
import { currentSharePayload } from '../../state/sharePayload.ts';
import { useSpecStore } from '../../state/specStore.ts';
import { QrCode } from './QrCode.tsx';

export function ShareButton() {
  const valid = useSpecStore((s) => s.job !== null);
  const [shared, setShared] = useState<{ link: string; message: string } | null>(null);
  const share = async () => {
    const payload = currentSharePayload();
    if (!payload) return;
    const encoded = encodeShareLink(payload, { baseUrl: window.location.origin + window.location.pathname });
    window.history.replaceState(null, '', encoded.fragment);
    let message = encoded.result === 'included' ? 'link copied, with this run\'s curve and β'
      : encoded.result === 'dropped' ? `link copied; ${encoded.note ?? 'the curve did not fit, the link re-runs the experiment'}` : 'link copied';
    try {
      await navigator.clipboard.writeText(encoded.link);
    } catch {
      message = 'select the link and copy it (the browser refused the clipboard)';
    }
    setShared({ link: encoded.link, message });
  };
  return (
    <div className="share">
      <button type="button" data-testid="share" disabled={!valid} onClick={() => void share()} title="Copy a link that opens this experiment">Share</button>
      {shared ? (
        <span className="share-result">
          <input readOnly data-testid="share-link" value={shared.link} onFocus={(e) => e.target.select()} aria-label="share link" />
          <span data-testid="share-message">{shared.message}</span>
          <details className="share-qr" data-testid="share-qr">
            <summary>QR code</summary>
            <QrCode text={shared.link} label="the share link" />
          </details>
        </span>
      ) : null}
    </div>
  );
}
