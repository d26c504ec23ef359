// Opens a lecture script link (`#s1.…`, src/io/lectureScriptLink.ts): the script replaces the current one, ready to step
// through; a bad link leaves the default script and says why. Experiment links (`#v1.…`) are useSharedLink's.
import { useEffect, useState } from 'react';
import { PRESETS } from '../../engine/presets.ts';
import { decodeLectureScript, isLectureScriptFragment } from '../../io/lectureScriptLink.ts';
import { useLectureScriptStore } from '../../state/lectureScript.ts';

export function useLectureScriptLink(): string | null {
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    const open = () => {
      const hash = window.location.hash;
      if (!isLectureScriptFragment(hash)) return;
      const decoded = decodeLectureScript(hash, PRESETS.map((p) => p.id));
      if (decoded.ok) { useLectureScriptStore.getState().setScript(decoded.script, 'link'); setError(null); } else setError(decoded.error);
    };
    open();
    window.addEventListener('hashchange', open);
    return () => window.removeEventListener('hashchange', open);
  }, []);
  return error;
}
