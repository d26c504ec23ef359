// How the library's list writes a run's numbers: β ± half-interval, temperature, size, date.
import type { FitSummary, RunSummary } from '../../state/library/runRecord.ts';
import { megabytes } from '../../state/library/runStorage.ts';

export function betaText(fit: FitSummary | null): string {
  if (!fit || !Number.isFinite(fit.beta)) return '—';
  if (fit.interval === 'none' || !Number.isFinite(fit.low) || !Number.isFinite(fit.high)) return fit.beta.toFixed(3);
  return `${fit.beta.toFixed(3)} ± ${((fit.high - fit.low) / 2).toFixed(3)}`;
}

export function betaTitle(fit: FitSummary | null): string {
  if (!fit) return 'no fit';
  return `β = ${fit.beta.toFixed(4)} [${fit.low.toFixed(4)}, ${fit.high.toFixed(4)}] (${fit.interval}) over t ∈ [${fit.tMin}, ${fit.tMax}]`;
}

export function temperatureText(t: number): string {
  return Number.isFinite(t) ? String(t) : '∞';
}

/** The temperature column of a record: its T, or a sweep's range ("0.05–0.8", "0.2–∞"), never the unused T field's value. */
export function recordTemperatureText(r: { spec: { temperature: number }; job: { kind: string; temperatures?: readonly number[] } }): string {
  const ts = r.job.kind === 'sweep' && r.job.temperatures?.length ? r.job.temperatures : null;
  if (!ts) return temperatureText(r.spec.temperature);
  return `${temperatureText(Math.min(...ts))}–${temperatureText(Math.max(...ts))}`;
}

export function sizeText(bytes: number): string {
  if (bytes < 1e3) return `${bytes} B`;
  if (bytes < 1e6) return `${(bytes / 1e3).toFixed(0)} kB`;
  return megabytes(bytes);
}

export function dateText(ms: number): string {
  return new Date(ms).toLocaleString('en-GB', { year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' });
}

export function jobText(r: RunSummary): string {
  switch (r.job.kind) {
    case 'single': return 'single';
    case 'ensemble': return r.scaling ? `scaling, ${r.job.samples} samples per N` : `${r.job.samples} samples`;
    case 'sweep': return `sweep, ${r.job.temperatures.length} T`;
    case 'compare': return r.job.algorithms.join('/');
  }
}
