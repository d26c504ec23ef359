// Finds out once whether this browser has a WebGPU adapter: the lab then runs the GPU engine with larger default N, or says in
// one line that it runs the float64 engine in a Web Worker. `?engine=cpu|gpu|auto` in the address overrides the choice.
import { useEffect, useState } from 'react';
import type { EngineChoice } from '../engine/lab/protocol.ts';
import { useSpecStore } from '../state/specStore.ts';

export type Detection = { state: 'checking' } | { state: 'gpu'; adapter: string } | { state: 'cpu'; reason: string };

interface AdapterInfoLike { description?: string; vendor?: string; architecture?: string; device?: string }
interface GpuLike { requestAdapter(): Promise<{ info?: AdapterInfoLike } | null> }

/** A readable adapter name: its description, else vendor, architecture and device as the browser reports them. */
export function adapterName(info: AdapterInfoLike | undefined): string {
  if (info?.description) return info.description;
  const parts = [info?.vendor, info?.architecture, info?.device].filter((x): x is string => Boolean(x));
  return parts.length ? parts.join(' ') : 'a WebGPU adapter';
}

export async function detectWebGpu(): Promise<Detection> {
  const gpu = (navigator as Navigator & { gpu?: GpuLike }).gpu;
  if (!gpu) return { state: 'cpu', reason: 'this browser has no WebGPU' };
  try {
    const adapter = await gpu.requestAdapter();
    if (!adapter) return { state: 'cpu', reason: 'WebGPU found no GPU adapter' };
    return { state: 'gpu', adapter: adapterName(adapter.info) };
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
