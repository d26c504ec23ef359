// Finds out once whether this browser has a WebGPU adapter worth using: a hardware one runs the GPU engine with larger default
// N; a software one (SwiftShader, llvmpipe: the adapter's isFallbackAdapter or its name) runs the float64 engine, which is
// about 40× faster per particle-step there (the soft2d T = 0.8 preset: 6 min on SwiftShader WebGPU, 5 s on float64; issue 13),
// and the banner says which and why. `?engine=cpu|gpu|auto` in the address overrides the choice.
import { useEffect, useState } from 'react';
import type { EngineChoice } from '../engine/lab/protocol.ts';
import { isSoftwareAdapter } from '../engine/softwareAdapter.ts';
import { useSpecStore } from '../state/specStore.ts';

export type Detection = { state: 'checking' } | { state: 'gpu'; adapter: string; software?: boolean } | { state: 'cpu'; reason: string; adapter?: string };

interface AdapterInfoLike { description?: string; vendor?: string; architecture?: string; device?: string; isFallbackAdapter?: boolean }
interface GpuLike { requestAdapter(): Promise<{ info?: AdapterInfoLike; isFallbackAdapter?: boolean } | null> }

/** A CPU-emulated adapter: the browser says so (isFallbackAdapter), or its vendor, architecture or name does. */
export function softwareAdapter(adapter: { info?: AdapterInfoLike; isFallbackAdapter?: boolean }): boolean {
  const info = adapter.info;
  if (adapter.isFallbackAdapter || info?.isFallbackAdapter) return true;
  return [info?.description, info?.vendor, info?.architecture, info?.device].some((s) => typeof s === 'string' && isSoftwareAdapter(s));
}

/** The engine the page runs: a hardware adapter's GPU engine, float64 otherwise (or as `?engine=` asks), with the reason. */
export function chooseEngine(found: Detection, forced: EngineChoice | null): Detection {
  if (found.state !== 'gpu') return found;
  if (forced === 'cpu') return { state: 'cpu', reason: 'the float64 engine was asked for (?engine=cpu)', adapter: found.adapter };
  if (found.software && forced !== 'gpu') {
    return { state: 'cpu', reason: `WebGPU here is a software adapter (${found.adapter}), about 40× slower than the float64 engine (?engine=gpu uses it anyway)`, adapter: found.adapter };
  }
  return found;
}

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
    return { state: 'gpu', adapter: adapterName(adapter.info), software: softwareAdapter(adapter) };
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
      const result = chooseEngine(found, forced);
      setD(result);
      useSpecStore.getState().setEngine(result.state === 'gpu' ? forced ?? 'auto' : 'cpu', result.state === 'gpu' ? 'gpu' : 'cpu');
    });
    return () => { live = false; };
  }, []);
  return d;
}
