// One line on which engine runs: the GPU's name, or why the float64 engine runs instead (and any fallback mid-run).
import { useRunStore } from '../state/runStore.ts';
import type { Detection } from './useEngineDetection.ts';

export function EngineBanner({ detection }: { detection: Detection }) {
  const engine = useRunStore((s) => s.engine);
  const note = useRunStore((s) => s.engineNote);
  const error = useRunStore((s) => s.error);
  const status = useRunStore((s) => s.status);
  let text: string;
  let kind = 'info';
  if (detection.state === 'checking') text = 'looking for WebGPU…';
  else if (detection.state === 'gpu') text = `WebGPU engine on ${detection.adapter}`;
  else { text = `${detection.reason}: the lab runs on the float64 engine in a Web Worker, with a smaller default N.`; kind = 'warn'; }
  if (note) { text = note; kind = 'warn'; }
  return (
    <div className="banners">
      <div className={`banner ${kind}`} data-testid="engine-banner" data-engine={engine ?? (detection.state === 'checking' ? '' : detection.state)}>{text}</div>
      {status === 'error' && error ? <div className="banner error" role="alert" data-testid="run-error">{error}</div> : null}
    </div>
  );
}
