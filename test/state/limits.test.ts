// One limits table (src/engine/limits.ts): the lab's controls, a share link, a run spec (with the lab's job checks) and
// `glasslab run --spec` accept exactly the same values: at each limit all accept, one step beyond it all refuse.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/cli/args.ts';
import { runCommand } from '../../src/cli/commands/run.ts';
import { validateSamples } from '../../src/engine/lab/ensembleJob.ts';
import { validateTemperatures } from '../../src/engine/lab/sweepJob.ts';
import { LONG_RUN_WORK, maxDt, RUN_LIMITS, runCost } from '../../src/engine/limits.ts';
import { DEFAULT_SPEC, validateRunSpec, type RunSpec } from '../../src/engine/runSpec.ts';
import { decodeShareLink, encodeShareLink, type ShareJob } from '../../src/io/shareLink.ts';
import { readRunSpec, runSpecToJson } from '../../src/io/shareLinkSpec.ts';
import { defaultDraft, draftFromSpec, parseDraft } from '../../src/state/specDraft.ts';

const base: RunSpec = { ...DEFAULT_SPEC, model: 'soft2d', n: 64, temperature: 0.5, tMax: 100, fitWindow: { tMin: 3, tMax: 100 } };
const dir = mkdtempSync(join(tmpdir(), 'glasslab-limits-'));

type Case = { what: string; spec?: Partial<RunSpec>; job?: ShareJob; ok: boolean };
const temps = (k: number) => Array.from({ length: k }, (_, i) => 0.1 * (i + 1));
const L = RUN_LIMITS;
const CASES: Case[] = [
  { what: 'N at its limit', spec: { n: L.maxN }, ok: true },
  { what: 'N beyond', spec: { n: L.maxN + 1 }, ok: false },
  { what: 'sweeps at the limit', spec: { sweeps: L.maxSweeps }, ok: true },
  { what: 'sweeps beyond', spec: { sweeps: L.maxSweeps + 1 }, ok: false },
  { what: 't_max at the limit', spec: { tMax: L.maxTMax }, ok: true },
  { what: 't_max beyond', spec: { tMax: 2 * L.maxTMax }, ok: false },
  { what: 'soft2d Δt at the limit', spec: { dt: maxDt('soft2d') }, ok: true },
  { what: 'soft2d Δt beyond', spec: { dt: 1.01 * maxDt('soft2d') }, ok: false },
  { what: 'ka2d Δt at the limit', spec: { model: 'ka2d', dt: maxDt('ka2d') }, ok: true },
  { what: 'ka2d Δt beyond (soft2d\'s would pass)', spec: { model: 'ka2d', dt: 0.1 }, ok: false },
  { what: 'samples at the limit', job: { kind: 'ensemble', samples: L.maxSamples }, ok: true },
  { what: '500 samples (links took them, the page did not)', job: { kind: 'ensemble', samples: 500 }, ok: true },
  { what: 'samples beyond', job: { kind: 'ensemble', samples: L.maxSamples + 1 }, ok: false },
  { what: 'most temperatures', job: { kind: 'sweep', samples: 2, temperatures: temps(L.maxTemperatures) }, ok: true },
  { what: 'one temperature too many', job: { kind: 'sweep', samples: 2, temperatures: temps(L.maxTemperatures + 1) }, ok: false },
  { what: 'a sweep of one temperature', job: { kind: 'sweep', samples: 2, temperatures: [0.3] }, ok: false },
];

const accepts = {
  page(spec: RunSpec, job: ShareJob): boolean {
    const d = { ...draftFromSpec(spec, defaultDraft('gpu')), job: job.kind };
    if (job.kind === 'ensemble' || job.kind === 'sweep') d.samples = String(job.samples);
    if (job.kind === 'sweep') d.temperatures = job.temperatures.join(', ');
    return parseDraft(d, 'gpu').job !== null;
  },
  link(spec: RunSpec, job: ShareJob): boolean {
    let fragment: string;
    try { fragment = encodeShareLink({ v: 1, spec, job }).fragment; } catch { return false; }
    return decodeShareLink(fragment).ok;
  },
  runSpec(spec: RunSpec, job: ShareJob): boolean {
    try {
      validateRunSpec(spec);
      if (job.kind === 'ensemble' || job.kind === 'sweep') validateSamples(job.samples);
      if (job.kind === 'sweep') validateTemperatures(job.temperatures);
      return true;
    } catch { return false; }
  },
  /** The CLI's reader of spec files (its acceptance; running an accepted N = 262144 spec here would take minutes). */
  cliReader(spec: RunSpec): boolean {
    try { readRunSpec(runSpecToJson(spec), 'spec', { defaults: true }); return true; } catch { return false; }
  },
};

/** `glasslab run --spec` in this process: true when it refuses before running anything. */
async function cliRefuses(spec: RunSpec, job: ShareJob): Promise<boolean> {
  const file = join(dir, 'spec.json');
  writeFileSync(file, JSON.stringify(runSpecToJson(spec)));
  const samples = job.kind === 'ensemble' ? ['--samples', String(job.samples)] : [];
  try {
    await runCommand(['--spec', file, ...samples, '--quiet']);
    return false;
  } catch (e) {
    return e instanceof UsageError;
  }
}

describe('one limits table', () => {
  it.each(CASES)('$what: the page, a link, a run spec and the CLI agree', async ({ spec: patch, job = { kind: 'single' }, ok }) => {
    const spec = { ...base, ...patch };
    const verdicts = { page: accepts.page(spec, job), link: accepts.link(spec, job), runSpec: accepts.runSpec(spec, job) };
    expect(verdicts).toEqual({ page: ok, link: ok, runSpec: ok });
    if (job.kind === 'single') expect(accepts.cliReader(spec)).toBe(ok);
    if (!ok && job.kind !== 'sweep') expect(await cliRefuses(spec, job)).toBe(true);
  });

  it('a refusal names the field and the limit', () => {
    expect(parseDraft({ ...defaultDraft('gpu'), job: 'ensemble', samples: '1001' }, 'gpu').errors.samples).toContain('1,000');
    expect(parseDraft({ ...defaultDraft('gpu'), dt: '0.5' }, 'gpu').errors.dt).toContain(`at most ${maxDt('soft2d')}`);
  });
});

describe('the cost of a run', () => {
  it('is N × (sweeps × equilibrations + (t_max/Δt) × quenches)', () => {
    const spec = { ...base, n: 100, sweeps: 50, tMax: 10, dt: 0.01 };
    expect(runCost(spec, { kind: 'single' }).work).toBe(100 * (50 + 1000));
    expect(runCost(spec, { kind: 'ensemble', samples: 4 }).work).toBe(100 * 4 * (50 + 1000));
    expect(runCost(spec, { kind: 'sweep', samples: 2, temperatures: [0.1, 0.2, 0.3] }).work).toBe(100 * 6 * (50 + 1000));
    expect(runCost(spec, { kind: 'compare' }).work).toBe(100 * (50 + 3 * 1000));
    expect(runCost({ ...spec, temperature: Infinity }, { kind: 'single' }).work).toBe(100 * 1000); // T = ∞ does not equilibrate
  });

  it('flags a run above LONG_RUN_WORK as long, and the defaults as not', () => {
    expect(runCost(base, { kind: 'single' }).long).toBe(false);
    const huge = { ...base, n: L.maxN, sweeps: L.maxSweeps };
    expect(runCost(huge, { kind: 'single' }).work).toBeGreaterThan(LONG_RUN_WORK);
    expect(runCost(huge, { kind: 'single' }).long).toBe(true);
  });
});
