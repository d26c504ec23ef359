// Finds out once whether this browser has a WebGPU adapter: the lab then runs the GPU engine with larger default N, or says in
// one line that it runs the float64 engine in a Web Worker. `?engine=cpu|gpu|auto` in the address overrides the choice.
import { useEffect, useState } from 'react';
import { useSpecStore, type EngineChoice } from '../state/specStore.ts';

export type Detection = { state: 'checking' } | { state: 'gpu'; adapter: string } | { state: 'cpu'; reason: string };

interface GpuLike { requestAdapter(): Promise<{ info?: { description?: string; vendor?: string } } | null> }

export async function detectWebGpu(): Promise<Detection> {
  const gpu = (navigator as Navigator & { gpu?: GpuLike }).gpu;
  if (!gpu) return { state: 'cpu', reason: 'this browser has no WebGPU' };
  try {
    const adapter = await gpu.requestAdapter();
    if (!adapter) return { state: 'cpu', reason: 'WebGPU found no GPU adapter' };
    return { state: 'gpu', adapter: adapter.info?.description || adapter.info?.vendor || 'WebGPU adapter' };
  } catch (e) {
    return { state: 'cpu', reason: `WebGPU failed: ${(e as Error).message}` };
  }
}

export function engineOverride(search: string): EngineChoice | null {
  const e = new URLSearchParams(search).get('engine');
  return e === 'cpu' || e === 'gpu' || e === 'auto' ? e : null;
}

export function useEngineDetection(): Detection {
  const [d, setD] = useState<Detection>({ state: 'checking' });
  useEffect(() => {
    let live = true;
    void detectWebGpu().then((found) => {
      if (!live) return;
      const forced = engineOverride(window.location.search);
      const result: Detection = forced === 'cpu' && found.state === 'gpu' ? { state: 'cpu', reason: 'the float64 engine was asked for (?engine=cpu)' } : found;
      setD(result);
      useSpecStore.getState().setEngine(result.state === 'gpu' ? forced ?? 'auto' : 'cpu', result.state === 'gpu' ? 'gpu' : 'cpu');
    });
    return () => { live = false; };
  }, []);
  return d;
}
