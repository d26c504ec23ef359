// After Share (or an opened link) the address holds an experiment; when another run starts, the address follows it, so a
// reload reopens the run in progress rather than the experiment shared earlier (issue 13). An address without a fragment
// is left alone (the lab writes one only after Share or a link), and so is a lecture script's.
import { useEffect } from 'react';
import { encodeShareLink } from '../../io/shareLink.ts';
import { isLectureScriptFragment } from '../../io/lectureScriptLink.ts';
import { useRunStore } from '../../state/runStore.ts';
import { currentSharePayload } from '../../state/sharePayload.ts';

/** The fragment of the current experiment (without a result: it has not run yet), or null while a field is invalid. */
export function fragmentOfCurrentRun(): string | null {
  const payload = currentSharePayload();
  if (!payload) return null;
  const { result: _ignored, ...experiment } = payload;
  return encodeShareLink(experiment).fragment;
}

export function useAddressFollowsRun(): void {
  useEffect(() => useRunStore.subscribe((s, before) => {
    const hash = window.location.hash;
    if (!s.runId || s.runId === before.runId || !hash || hash === '#' || isLectureScriptFragment(hash)) return; // a script link stays
    const fragment = fragmentOfCurrentRun();
    if (fragment && fragment !== window.location.hash) window.history.replaceState(null, '', fragment);
  }), []);
}
