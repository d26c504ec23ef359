// Names chosen by users or files are data, never object machinery: curves named "__proto__", "constructor" or "toString",
// an extended XYZ column named "__proto__", a file named x.constructor, and a run named with HTML in the plot's legend.
import { describe, expect, it } from 'vitest';
import { DEFAULT_SPEC, type RunSpec } from '../../src/engine/runSpec.ts';
import { readExtendedXyz } from '../../src/io/extendedXyz.ts';
import { detectConfigurationFormat } from '../../src/io/format.ts';
import type { RunFile } from '../../src/io/exports/runFileTypes.ts';
import { curveGroups } from '../../src/state/curveGroups.ts';
import { overlaysOfRecord } from '../../src/state/library/libraryOverlays.ts';
import { recordFromRunFile } from '../../src/state/library/recordFromRunFile.ts';
import { reduceLabEvent, startedRun } from '../../src/state/runReducer.ts';
import { buildVelocityFigure } from '../../src/ui/views/plots/velocityFigure.ts';

const HOSTILE = ['__proto__', 'constructor', 'toString', 'hasOwnProperty'];
const spec: RunSpec = { ...DEFAULT_SPEC, model: 'soft2d', n: 64, temperature: 0.5, tMax: 10, fitWindow: { tMin: 1, tMax: 10 } };
const T = [1, 2, 4, 8];
const sample = (t: number) => ({ t, step: t, speed: 1 / t, energyPerParticle: 1, meanSquaredForce: 1, maxForce: 1 });

describe('hostile curve names', () => {
  it('each is a curve of its own in the run store, and the plot groups them', () => {
    let s = startedRun('r');
    for (const name of HOSTILE) for (const t of T) s = reduceLabEvent(s, { type: 'sample', runId: 'r', curve: name, sample: sample(t) });
    expect(s.curveOrder).toEqual(HOSTILE);
    for (const name of HOSTILE) expect(Object.hasOwn(s.curves, name) && s.curves[name].t).toEqual(T);
    const groups = curveGroups(s.curves, s.curveOrder, { tMin: 1, tMax: 8 }, false);
    expect(groups.map((g) => g.key)).toEqual(HOSTILE);
    expect(groups.every((g) => g.t.length === T.length)).toBe(true);
  });

  it('an imported run file keeps them, and the library overlays them', () => {
    const file: RunFile = {
      format: 'glasslab-run', version: 1, spec, job: { kind: 'single' }, engine: { requested: 'cpu', used: 'cpu', adapter: null }, fit: null,
      curves: HOSTILE.map((name) => ({ name, t: T, speed: T.map((t) => 1 / t), energyPerParticle: T })), createdAt: '2026-01-01T00:00:00Z',
    };
    const r = recordFromRunFile(file, 1);
    expect(Object.keys(r.curves).sort()).toEqual([...HOSTILE].sort());
    expect(overlaysOfRecord(r)).toHaveLength(HOSTILE.length);
  });

  it('a record whose order names a curve it lacks ("constructor") overlays nothing instead of throwing', () => {
    const r = recordFromRunFile({
      format: 'glasslab-run', version: 1, spec, job: { kind: 'single' }, engine: { requested: 'cpu', used: 'cpu', adapter: null }, fit: null,
      curves: [], createdAt: '2026-01-01T00:00:00Z',
    }, 1);
    expect(overlaysOfRecord({ ...r, curves: {}, curveOrder: ['constructor', 'toString'] })).toEqual([]);
  });
});

describe('hostile file and column names', () => {
  it('x.constructor is not a known format', () => {
    expect(() => detectConfigurationFormat('x.constructor')).toThrow(/cannot tell the format/);
    expect(() => detectConfigurationFormat('x.toString')).toThrow(/cannot tell the format/);
  });

  it('an extended XYZ column named __proto__ is a column', () => {
    const text = ['2', 'Lattice="4 0 0 0 4 0 0 0 1" Properties=species:S:1:pos:R:3:__proto__:R:1:constructor:R:1 pbc="T T F"',
      'A 0.5 0.5 0 7 8', 'B 2.5 2.5 0 9 10', ''].join('\n');
    const f = readExtendedXyz(text);
    expect(Object.hasOwn(f.columns, '__proto__')).toBe(true);
    expect(Array.from(f.columns.__proto__ as unknown as ArrayLike<number>)).toEqual([7, 9]);
    expect(Array.from(f.columns.constructor as unknown as ArrayLike<number>)).toEqual([8, 10]);
  });
});

describe('run names in the plot', () => {
  it('are escaped: Plotly shows them as text, never as its HTML', () => {
    const name = '<b>x</b> & <a href="javascript:alert(1)">y</a>';
    const fig = buildVelocityFigure({ curves: [{ id: 'a', label: name, t: T, speed: T.map((t) => 1 / t), energyPerParticle: T, fit: null }], dim: 2, fitWindow: { tMin: 1, tMax: 8 } });
    const names = (fig.data as { name?: string }[]).map((d) => d.name ?? '');
    expect(names).toContain('&lt;b&gt;x&lt;/b&gt; &amp; &lt;a href="javascript:alert(1)"&gt;y&lt;/a&gt;');
    for (const n of names) expect(n).not.toMatch(/<[a-z/]/i);
  });
});
