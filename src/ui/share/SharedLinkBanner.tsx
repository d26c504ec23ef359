// What a shared link opened (and how faithfully it repeats), or why it could not be opened.
import { useState } from 'react';
import { describeCost, describePayload } from '../../state/sharePayload.ts';
import type { LabController } from '../../state/labController.ts';
import { useSpecStore } from '../../state/specStore.ts';
import type { SharedLink } from './useSharedLink.ts';

export function SharedLinkBanner({ link, controller, dismiss }: { link: SharedLink; controller: Pick<LabController, 'run'>; dismiss: () => void }) {
  const [asking, setAsking] = useState(false);
  const engineClass = useSpecStore((s) => s.engineClass);
  const engine = useSpecStore((s) => s.engine);
  const valid = useSpecStore((s) => s.job !== null);
  if (link.state === 'none') return null;
  if (link.state === 'refused') {
    return (
      <div className="banner error" role="alert" data-testid="link-error">
        This link could not be opened: {link.error}. The lab is ready with its defaults.
        <button type="button" onClick={dismiss}>OK</button>
      </div>
    );
  }
  const p = link.payload;
  const fidelity = engineClass === 'gpu' && engine !== 'cpu'
    ? 'On the WebGPU engine a run is statistically the same, not bit for bit (float32 forces); open the link with ?engine=cpu before the # for the float64 engine, which repeats it exactly.'
    : 'The float64 engine repeats it bit for bit.';
  const fit = p.result?.fit;
  const cost = describeCost(p);
  const run = () => { setAsking(false); dismiss(); void controller.run(); };
  return (
    <div className="banner info shared" data-testid="shared-link">
      <span>Shared experiment: {describePayload(p)}. {fit ? `Its curve (β = ${fit.beta.toFixed(3)}) is on the plot. ` : ''}{fidelity}</span>
      <span className="shared-cost" data-testid="shared-cost"> Cost: {cost.text}{cost.long ? ' (a long run: minutes on a GPU, hours in float64)' : ''}.</span>
      {asking ? (
        <span data-testid="confirm-long">
          {' '}Start this long run?{' '}
          <button type="button" className="primary" data-testid="run-shared-confirm" onClick={run}>Yes, run it</button>
          <button type="button" onClick={() => setAsking(false)}>Not now</button>
        </span>
      ) : (
        <button type="button" className="primary" data-testid="run-shared" disabled={!valid} onClick={() => (cost.long ? setAsking(true) : run())}>Run it</button>
      )}
      {!valid ? <span className="field-error"> a field of this link does not fit this engine (see the controls)</span> : null}
      <button type="button" onClick={dismiss}>Dismiss</button>
    </div>
  );
}
