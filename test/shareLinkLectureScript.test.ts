// Lecture script links (issue 13): `#s1.` round-trips a script, refuses damaged or foreign ones in words, and leaves every
// experiment link (`#v1.`) to the share-link reader as before.
import { describe, expect, it } from 'vitest';
import { PRESETS, presetSpec, getPreset } from '../src/engine/presets.ts';
import { decodeLectureScript, encodeLectureScript, isLectureScriptFragment, scriptFromText, scriptToText } from '../src/io/lectureScriptLink.ts';
import { decodeShareLink, encodeShareLink, SHARE_LINK_VERSION } from '../src/io/shareLink.ts';
import { DEFAULT_LECTURE_SCRIPT } from '../src/state/lectureScript.ts';
import { readFragment } from '../src/ui/share/useSharedLink.ts';

const IDS = PRESETS.map((p) => p.id);

describe('lecture script links', () => {
  it('round-trips the default script, every character of its notes included', () => {
    const fragment = encodeLectureScript(DEFAULT_LECTURE_SCRIPT, IDS);
    expect(fragment.startsWith('#s1.')).toBe(true);
    expect(decodeLectureScript(fragment, IDS)).toEqual({ ok: true, script: DEFAULT_LECTURE_SCRIPT });
  });

  it('ships a default script whose steps are all presets, from a hot liquid to a cold glass', () => {
    expect(DEFAULT_LECTURE_SCRIPT.steps.every((s) => IDS.includes(s.preset) && s.note.length > 0)).toBe(true);
    expect(DEFAULT_LECTURE_SCRIPT.steps.map((s) => s.preset).slice(0, 4)).toEqual(['soft2d-hot', 'harmonic2d-inf', 'soft2d-tdef', 'soft2d-cold']);
  });

  it('refuses damaged, foreign and oversized scripts with a message, never throwing', () => {
    const good = encodeLectureScript(DEFAULT_LECTURE_SCRIPT, IDS);
    const cases = ['#s1.', '#s1.!!!', `${good.slice(0, -6)}`, '#s2.abc', '#v1.abc', `#s1.${'A'.repeat(20_000)}`];
    for (const c of cases) {
      const d = decodeLectureScript(c, IDS);
      expect(d.ok, c.slice(0, 20)).toBe(false);
      if (!d.ok) expect(d.error.length).toBeGreaterThan(10);
    }
    expect(decodeLectureScript(encodeLectureScript({ title: 'x', steps: [{ preset: 'soft2d-hot', note: '' }] }, IDS), ['harmonic2d-inf']))
      .toEqual({ ok: false, error: 'step 1 names no preset of this lab (harmonic2d-inf)' });
    expect(() => encodeLectureScript({ title: 'x', steps: [] }, IDS)).toThrow(/1 to 30 steps/);
  });

  it('leaves experiment links to the share-link reader: an old #v1 link still opens, a script link is not refused as one', () => {
    const link = encodeShareLink({ v: SHARE_LINK_VERSION, spec: presetSpec(getPreset('harmonic2d-inf'), 'cpu'), job: { kind: 'single' } });
    expect(isLectureScriptFragment(link.fragment)).toBe(false);
    expect(decodeShareLink(link.fragment).ok).toBe(true);
    expect(readFragment(link.fragment).state).toBe('opened');
    const script = encodeLectureScript(DEFAULT_LECTURE_SCRIPT, IDS);
    expect(isLectureScriptFragment(script)).toBe(true);
    expect(readFragment(script)).toEqual({ state: 'none' });
  });

  it('edits as text, one step a line, and names a bad line', () => {
    const text = scriptToText(DEFAULT_LECTURE_SCRIPT);
    expect(scriptFromText(DEFAULT_LECTURE_SCRIPT.title, text, IDS)).toEqual({ ok: true, script: DEFAULT_LECTURE_SCRIPT });
    expect(scriptFromText('t', 'soft2d-hot | hot\n\nka3d-hot|KA', IDS)).toEqual({ ok: true, script: { title: 't', steps: [{ preset: 'soft2d-hot', note: 'hot' }, { preset: 'ka3d-hot', note: 'KA' }] } });
    const bad = scriptFromText('t', 'soft2d-hot | ok\nsoft9d | no', IDS);
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error).toMatch(/^line 2: "soft9d" is not a preset/);
  });
});
