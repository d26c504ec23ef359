// @vitest-environment happy-dom
// A shared link's banner shows what the run will cost (N, sweeps, t_max, samples, temperatures) and asks before a very long
// one; opening another link while a run goes stops that run.
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { RUN_LIMITS } from '../../src/engine/limits.ts';
import { DEFAULT_SPEC, type RunSpec } from '../../src/engine/runSpec.ts';
import { encodeShareLink, type ShareJob, type SharePayload } from '../../src/io/shareLink.ts';
import { applySharePayload } from '../../src/state/sharePayload.ts';
import { useRunStore } from '../../src/state/runStore.ts';
import { useSpecStore } from '../../src/state/specStore.ts';
import { SharedLinkBanner } from '../../src/ui/share/SharedLinkBanner.tsx';
import { useSharedLink } from '../../src/ui/share/useSharedLink.ts';

const spec = (over: Partial<RunSpec> = {}): RunSpec => ({ ...DEFAULT_SPEC, model: 'soft2d', n: 256, temperature: 0.5, sweeps: 100, tMax: 20, fitWindow: { tMin: 3, tMax: 20 }, ...over });
const payload = (s: RunSpec, job: ShareJob = { kind: 'single' }): SharePayload => ({ v: 1, spec: s, job });

function show(p: SharePayload) {
  applySharePayload(p);
  const run = vi.fn(async () => undefined);
  const dismiss = vi.fn();
  render(<SharedLinkBanner link={{ state: 'opened', payload: p }} controller={{ run }} dismiss={dismiss} />);
  return { run, dismiss };
}

beforeEach(() => {
  useSpecStore.setState({ engineClass: 'gpu', engine: 'auto', presetId: null });
  useRunStore.getState().clear();
});
afterEach(cleanup);

describe('a shared link\'s cost', () => {
  it('names N, sweeps, t_max, samples and temperatures; a short run starts at once', () => {
    const { run } = show(payload(spec(), { kind: 'sweep', samples: 4, temperatures: [0.1, 0.2, 0.4] }));
    const cost = screen.getByTestId('shared-cost').textContent ?? '';
    for (const part of ['N = 256', '100 sweeps', 't_max = 20', '4 samples', '3 temperatures', 'particle updates']) expect(cost).toContain(part);
    expect(cost).not.toContain('long run');
    fireEvent.click(screen.getByTestId('run-shared'));
    expect(run).toHaveBeenCalledTimes(1);
  });

  it('a very long run asks first, and runs only when confirmed', () => {
    const { run } = show(payload(spec({ n: RUN_LIMITS.maxN, sweeps: 1_000_000 }), { kind: 'ensemble', samples: 100 }));
    expect(screen.getByTestId('shared-cost').textContent).toContain('long run');
    fireEvent.click(screen.getByTestId('run-shared'));
    expect(run).not.toHaveBeenCalled();
    expect(screen.getByTestId('confirm-long').textContent).toContain('Start this long run?');
    fireEvent.click(screen.getByTestId('run-shared-confirm'));
    expect(run).toHaveBeenCalledTimes(1);
  });
});

function LinkProbe({ onStop }: { onStop: () => void }) {
  const [link] = useSharedLink({ state: 'cpu' } as Parameters<typeof useSharedLink>[0], onStop);
  return <span data-testid="probe">{link.state === 'opened' ? link.payload.spec.n : link.state}</span>;
}

describe('opening a link during a run', () => {
  it('stops the running job before the new link\'s spec replaces the controls', async () => {
    const stop = vi.fn();
    window.location.hash = '';
    render(<LinkProbe onStop={stop} />);
    useRunStore.getState().begin('run-1');
    expect(useRunStore.getState().status).toBe('running');
    await act(async () => {
      window.location.hash = encodeShareLink(payload(spec({ n: 300 }))).fragment;
      window.dispatchEvent(new Event('hashchange'));
    });
    expect(stop).toHaveBeenCalledTimes(1);
    expect(screen.getByTestId('probe').textContent).toBe('300');
  });

  it('leaves an idle lab alone', async () => {
    const stop = vi.fn();
    window.location.hash = '';
    render(<LinkProbe onStop={stop} />);
    await act(async () => {
      window.location.hash = encodeShareLink(payload(spec({ n: 400 }))).fragment;
      window.dispatchEvent(new Event('hashchange'));
    });
    expect(stop).not.toHaveBeenCalled();
    expect(screen.getByTestId('probe').textContent).toBe('400');
  });
});
