// The lecture script: the lecturer steps through presets with → and ← (or a presentation clicker's PageDown/PageUp), each with
// its talking point shown large; the script is edited as text ("preset-id | talking point", a line a step) and shared as a link.
import { useEffect, useState } from 'react';
import { getPreset, PRESETS } from '../../engine/presets.ts';
import { encodeLectureScript, scriptFromText, scriptToText } from '../../io/lectureScriptLink.ts';
import type { LabController } from '../../state/labController.ts';
import { DEFAULT_LECTURE_SCRIPT, useLectureScriptStore } from '../../state/lectureScript.ts';
import { useViewStore } from '../../state/viewStore.ts';
import { applyPreset } from '../controls/PresetGallery.tsx';
import { SuperscriptPowers } from '../controls/SuperscriptPowers.tsx';
import { typing } from '../hooks/useShortcuts.ts';
import { QrCode } from '../share/QrCode.tsx';
import './lecture.css';

const PRESET_IDS = PRESETS.map((p) => p.id);

/** Moves the script to step `index` and runs that step's preset. */
export function runStep(controller: Pick<LabController, 'run'>, index: number): void {
  const k = useLectureScriptStore.getState().goTo(index);
  if (k === null) return;
  const step = useLectureScriptStore.getState().script.steps[k];
  applyPreset(getPreset(step.preset));
  void controller.run();
}

/** → / PageDown: the next step (the first when the script is not running); ← / PageUp: the previous one. */
export function useLectureScriptKeys(controller: Pick<LabController, 'run'>): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey || typing(e.target)) return;
      const { index } = useLectureScriptStore.getState();
      if (e.key === 'ArrowRight' || e.key === 'PageDown') { e.preventDefault(); runStep(controller, index === null ? 0 : index + 1); }
      else if ((e.key === 'ArrowLeft' || e.key === 'PageUp') && index !== null) { e.preventDefault(); runStep(controller, index - 1); }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [controller]);
}

function ScriptEditor({ close }: { close: () => void }) {
  const script = useLectureScriptStore((s) => s.script);
  const setScript = useLectureScriptStore((s) => s.setScript);
  const [title, setTitle] = useState(script.title);
  const [text, setText] = useState(scriptToText(script));
  const parsed = scriptFromText(title, text, PRESET_IDS);
  return (
    <div className="script-editor" data-testid="script-editor">
      <label>Title <input value={title} onChange={(e) => setTitle(e.target.value)} data-testid="script-title" /></label>
      <label>
        One step a line: <code>preset-id | talking point</code> (presets: {PRESET_IDS.join(', ')})
        <textarea rows={Math.max(4, text.split('\n').length + 1)} value={text} onChange={(e) => setText(e.target.value)} data-testid="script-text" spellCheck={false} />
      </label>
      {parsed.ok ? null : <div className="field-error" role="alert" data-testid="script-error">{parsed.error}</div>}
      <button type="button" className="primary" disabled={!parsed.ok} data-testid="script-save" onClick={() => { if (parsed.ok) { setScript(parsed.script, 'edited'); close(); } }}>Use this script</button>
      <button type="button" onClick={() => { setTitle(DEFAULT_LECTURE_SCRIPT.title); setText(scriptToText(DEFAULT_LECTURE_SCRIPT)); }}>Default script</button>
      <button type="button" onClick={close}>Cancel</button>
    </div>
  );
}

export function LectureScriptPanel({ controller, linkError }: { controller: Pick<LabController, 'run'>; linkError: string | null }) {
  const script = useLectureScriptStore((s) => s.script);
  const index = useLectureScriptStore((s) => s.index);
  const source = useLectureScriptStore((s) => s.source);
  const close = useLectureScriptStore((s) => s.close);
  const [editing, setEditing] = useState(false);
  const [link, setLink] = useState<string | null>(null);
  const lecture = useViewStore((s) => s.lectureMode);
  const step = index === null ? null : script.steps[index];
  const share = () => {
    const fragment = encodeLectureScript(script, PRESET_IDS);
    const url = window.location.origin + window.location.pathname + window.location.search + fragment;
    setLink(url);
    void navigator.clipboard?.writeText(url).catch(() => undefined);
  };
  if (lecture && !step) return null; // lecture mode shows the script only while it is stepped through
  return (
    <section className="lecture-script" aria-label="Lecture script" data-testid="lecture-script" data-step={index ?? ''}>
      <div className="script-head">
        <strong>Lecture script</strong>
        <span className="script-title" data-testid="script-name">{script.title}{source === 'link' ? ' (from a link)' : source === 'edited' ? ' (edited)' : ''}</span>
        <button type="button" data-testid="script-prev" disabled={index === null || index === 0} onClick={() => runStep(controller, (index ?? 0) - 1)} title="previous step (←)">◀</button>
        <span className="script-count" data-testid="script-count">{index === null ? `${script.steps.length} steps` : `step ${index + 1} of ${script.steps.length}`}</span>
        <button type="button" className="primary" data-testid="script-next" disabled={index !== null && index >= script.steps.length - 1}
          onClick={() => runStep(controller, index === null ? 0 : index + 1)} title="next step (→)">{index === null ? 'Start ▶' : '▶'}</button>
        {index !== null ? <button type="button" onClick={close}>End</button> : null}
        <span className="script-tools">
          <button type="button" data-testid="script-edit" onClick={() => setEditing((e) => !e)}>Edit</button>
          <button type="button" data-testid="script-share" onClick={share}>Share script</button>
        </span>
      </div>
      {linkError ? <div className="banner error" role="alert" data-testid="script-link-error">This script link could not be opened: {linkError}. The default script is loaded.</div> : null}
      {step ? (
        <p className="script-note" data-testid="script-note">
          <span className="script-preset">{getPreset(step.preset).title}:</span> <SuperscriptPowers text={step.note} />
        </p>
      ) : (
        <details className="script-steps-box">
          <summary>the steps (→ starts them)</summary>
          <ol className="script-steps">
            {script.steps.map((s, k) => <li key={k}>{getPreset(s.preset).title}{s.note ? ` — ${s.note}` : ''}</li>)}
          </ol>
        </details>
      )}
      {editing ? <ScriptEditor close={() => setEditing(false)} /> : null}
      {link ? (
        <div className="script-link">
          <input readOnly value={link} data-testid="script-link" aria-label="script link" onFocus={(e) => e.target.select()} />
          <QrCode text={link} label="the script link" />
        </div>
      ) : null}
    </section>
  );
}
