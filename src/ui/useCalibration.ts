// Starts the machine's calibration once the engine detection is done (src/state/calibration.ts), on a worker of its own that
// ends with it; where it picks another engine than detection did (and the address forces none), the lab switches to it.
// A calibration saved by an earlier load of this machine is read back instead (src/state/calibrationCache.ts).
import { useEffect } from 'react';
import { LabClient } from '../engine/lab/client.ts';
import type { EngineName } from '../engine/lab/protocol.ts';
import { PRESETS } from '../engine/presets.ts';
import { calibrate, useCalibrationStore } from '../state/calibration.ts';
import { calibrationKey } from '../state/calibrationCache.ts';
import { useRunStore } from '../state/runStore.ts';
import { useSpecStore } from '../state/specStore.ts';
import { fetchStartingState } from '../state/startingState.ts';
import { engineOverride, type Detection } from './useEngineDetection.ts';

/** The engines worth timing: both where a WebGPU adapter exists (even one not chosen), the forced one under ?engine=. */
export function enginesToTime(detection: Detection, forced: string | null): EngineName[] {
  if (forced === 'cpu') return ['cpu'];
  if (forced === 'gpu') return detection.state === 'gpu' ? ['gpu'] : ['cpu'];
  return detection.state === 'gpu' || (detection.state === 'cpu' && detection.adapter) ? ['gpu', 'cpu'] : ['cpu'];
}

/** Resolves once no run of the lab is going or paused. */
function labIdle(): Promise<void> {
  const busy = (status: string) => status === 'running' || status === 'paused';
  if (!busy(useRunStore.getState().status)) return Promise.resolve();
  return new Promise((resolve) => {
    const off = useRunStore.subscribe((s) => { if (!busy(s.status)) { off(); resolve(); } });
  });
}

/** The adapter detection found, if any: part of the machine key of the saved calibration. */
function adapterOf(detection: Detection): string | undefined {
  return detection.state === 'checking' ? undefined : detection.adapter;
}

/** localStorage, where the page may use it. */
function pageStorage(): Storage | null {
  try { return window.localStorage; } catch { return null; }
}

export function useCalibration(detection: Detection): void {
  const ready = detection.state !== 'checking';
  useEffect(() => {
    if (!ready || useCalibrationStore.getState().state !== 'idle') return;
    const forced = engineOverride(window.location.search);
    const baseUrl = import.meta.env.BASE_URL;
    const engines = enginesToTime(detection, forced);
    const storage = pageStorage();
    const cache = storage ? { storage, key: calibrationKey(engines, adapterOf(detection), PRESETS) } : undefined;
    // Subscribed first: a saved calibration fills the store at once.
    const unsubscribe = useCalibrationStore.subscribe((s, before) => {
      if (!s.picked || s.picked === before.picked || forced === 'cpu' || forced === 'gpu') return;
      const specs = useSpecStore.getState();
      if (specs.engineClass !== s.picked) specs.setEngine(s.picked === 'gpu' ? 'auto' : 'cpu', s.picked);
    });
    const start = (force: boolean) => {
      if (useCalibrationStore.getState().state === 'running') return;
      const client = new LabClient();
      void calibrate(client, {
        engines,
        presets: PRESETS,
        fetchStart: async (spec) => (spec.initialState ? fetchStartingState(spec, baseUrl) : undefined),
        idle: labIdle,
        ...(cache ? { cache } : {}),
        force,
      }).finally(() => client.dispose());
    };
    useCalibrationStore.setState({ recalibrate: () => start(true) });
    start(false);
    return unsubscribe;
    // eslint-disable-next-line react-hooks/exhaustive-deps -- once, when detection has answered
  }, [ready]);
}
