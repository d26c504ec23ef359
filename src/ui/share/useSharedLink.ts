// Opens a share link: once the engine is known (it decides which N are allowed), the address's #fragment is decoded and put
// into the stores; a bad link leaves the lab at its defaults with one clear message. Nothing in a link is ever run as code.
import { useEffect, useRef, useState } from 'react';
import { decodeShareLink } from '../../io/shareLink.ts';
import { isLectureScriptFragment } from '../../io/lectureScriptLink.ts';
import type { SharePayload } from '../../io/shareLinkTypes.ts';
import { useRunStore } from '../../state/runStore.ts';
import { applySharePayload } from '../../state/sharePayload.ts';
import type { Detection } from '../useEngineDetection.ts';

export type SharedLink = { state: 'none' } | { state: 'opened'; payload: SharePayload } | { state: 'refused'; error: string };

export function readFragment(hash: string): SharedLink {
  if (!hash || hash === '#' || isLectureScriptFragment(hash)) return { state: 'none' }; // a script link is useLectureScriptLink's
  const decoded = decodeShareLink(hash);
  if (!decoded.ok) return { state: 'refused', error: decoded.error };
  return { state: 'opened', payload: decoded.payload };
}

/** `stopRun`: stops the lab's running job; a link opened while one runs stops it (its controls are about to be replaced). */
export function useSharedLink(detection: Detection, stopRun: () => void = () => undefined): [SharedLink, () => void] {
  const [link, setLink] = useState<SharedLink>({ state: 'none' });
  const stop = useRef(stopRun);
  stop.current = stopRun;
  useEffect(() => {
    if (detection.state === 'checking') return;
    let lastHash = '';
    const open = () => {
      const hash = window.location.hash;
      if (hash === lastHash) return; // our own Share button wrote it
      lastHash = hash;
      const l = readFragment(hash);
      if (l.state === 'opened') {
        const status = useRunStore.getState().status;
        if (status === 'running' || status === 'paused') stop.current();
        applySharePayload(l.payload);
      }
      setLink(l);
    };
    open();
    window.addEventListener('hashchange', open);
    return () => window.removeEventListener('hashchange', open);
  }, [detection.state]);
  return [link, () => setLink({ state: 'none' })];
}
