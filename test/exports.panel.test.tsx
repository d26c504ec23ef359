// @vitest-environment happy-dom
// The export panel: each button enabled exactly when the run has what it exports (else disabled with the reason as its
// tooltip), a download with the right file name and content type, the plot through Plotly's image export, and both imports.
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ConfigurationData, LabResult, SingleResult } from '../src/engine/lab/protocol.ts';
import { toConfigurationData } from '../src/engine/lab/configurationData.ts';
import type { RunSpec } from '../src/engine/runSpec.ts';
import { stateXyz } from '../src/io/exports/configurationExport.ts';
import { runFileFromResult } from '../src/io/exports/runFileFromResult.ts';
import type { RunFile } from '../src/io/exports/runFileTypes.ts';
import { writeRunFile } from '../src/io/exports/runFileWrite.ts';
import { MODELS, randomConfiguration, type ModelName } from '../src/physics/models.ts';
import { useImportedStart } from '../src/state/importedStart.ts';
import { IDLE_RUN, type Curve, type RunStatus } from '../src/state/runReducer.ts';
import { useRunStore } from '../src/state/runStore.ts';
import { useSpecStore } from '../src/state/specStore.ts';
import { ExportPanel } from '../src/ui/export/ExportPanel.tsx';
import type { Plotly } from '../src/ui/views/plots/loadPlotly.ts';

const IDS = ['export-csv', 'export-json', 'export-run', 'export-xyz-initial', 'export-xyz-final', 'export-lammps-data', 'export-lammps-deck', 'export-png', 'export-svg'];
const T = [0.1, 1, 10, 100];
const MAIN: Curve = { name: 'main', t: T, speed: T.map((t) => t ** -0.9), energyPerParticle: T.map((t) => -7 - 1 / t) };

function spec(model: ModelName): RunSpec {
  return { model, n: 8, temperature: 0.5, seed: 3, sweeps: 10, algorithm: 'fire', tMax: 100, forceTolerance: 1e-10, fitWindow: { tMin: 0.1, tMax: 100 } };
}

function state(model: ModelName, seed = 1): ConfigurationData {
  return toConfigurationData(randomConfiguration(MODELS[model], 8, seed));
}

function singleResult(model: ModelName): SingleResult {
  return {
    kind: 'single', spec: spec(model), engine: 'cpu', series: { t: T, step: [1, 2, 3, 4], speed: MAIN.speed, energyPerParticle: MAIN.energyPerParticle, meanSquaredForce: T },
    fit: null, reason: 'force-tolerance', steps: 40, dt: 0.005, forceTolerance: 1e-10, forceCalls: 41, energyPerParticle: -7.1, maxForce: 1e-11, initial: state(model, 1), final: state(model, 2),
    particles: { defectFlags: Uint8Array.of(0, 1, 0, 0, 0, 0, 1, 0), d2min: new Float64Array(8).fill(0.25), xCutEq: 1.4, xCutSource: 'default', defectConcentration: 0.25 },
    seconds: 0.5,
  };
}

function setRun(status: RunStatus, result: LabResult | null, curves = true) {
  act(() => useRunStore.setState({ ...IDLE_RUN, runId: 'r', status, result, curves: curves ? { main: MAIN } : {}, curveOrder: curves ? ['main'] : [], engine: 'cpu', overlays: [] }));
}

const enabled = () => Object.fromEntries(IDS.map((id) => [id, !(screen.getByTestId(id) as HTMLButtonElement).disabled]));
const settle = () => act(async () => { for (let k = 0; k < 5; k++) await new Promise((r) => setTimeout(r, 0)); });

let downloads: { name: string; blob: Blob }[];
let plotly: { downloadImage: ReturnType<typeof vi.fn> };

beforeEach(() => {
  downloads = [];
  const blobs = new Map<string, Blob>();
  URL.createObjectURL = vi.fn((b: Blob) => { const url = `blob:test/${blobs.size}`; blobs.set(url, b); return url; });
  URL.revokeObjectURL = vi.fn();
  vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
    downloads.push({ name: this.download, blob: blobs.get(this.getAttribute('href') ?? '')! });
  });
  plotly = { downloadImage: vi.fn(async () => 'ok') };
  useImportedStart.getState().clear();
  useSpecStore.getState().loadSpec(spec('soft2d'));
  setRun('idle', null, false);
});
afterEach(() => { cleanup(); vi.restoreAllMocks(); document.body.innerHTML = ''; });

function renderPanel(onImportRun?: (run: RunFile) => void) {
  return render(<ExportPanel onImportRun={onImportRun} loadPlotly={() => Promise.resolve(plotly as unknown as Plotly)} />);
}

describe('which exports the run allows', () => {
  it('nothing while idle or running; everything of a finished ka3d single run; the curves of a stopped one', () => {
    renderPanel();
    expect(Object.values(enabled()).some(Boolean)).toBe(false);
    expect(screen.getByTestId('export-csv').title).toContain('run an experiment first');
    setRun('running', null);
    expect(enabled()).toMatchObject({ 'export-csv': false, 'export-run': false, 'export-png': true });
    expect(screen.getByTestId('export-csv').title).toContain('wait until the run has finished');
    setRun('done', singleResult('ka3d'));
    expect(Object.values(enabled()).every(Boolean)).toBe(true);
    setRun('stopped', null);
    expect(enabled()).toMatchObject({ 'export-csv': true, 'export-json': true, 'export-run': false, 'export-xyz-final': false, 'export-png': true });
    expect(screen.getByTestId('export-run').title).toContain('the run did not finish');
  });

  it('no deck for a model LAMMPS lacks (the tooltip names the ones it has); no states for an ensemble', () => {
    renderPanel();
    setRun('done', singleResult('soft2d'));
    expect(enabled()).toMatchObject({ 'export-xyz-final': true, 'export-lammps-data': true, 'export-lammps-deck': false });
    expect(screen.getByTestId('export-lammps-deck').title).toContain('LAMMPS has no exact equivalent of soft2d; it has ka2d, ka3d, ka3d-fs (Kob–Andersen LJ) exactly');
    setRun('done', { kind: 'ensemble', spec: spec('ka3d'), engine: 'cpu', samples: 4, t: T, meanSpeed: MAIN.speed, meanEnergyPerParticle: MAIN.energyPerParticle, meanSquaredForce: T, fit: null, defectConcentrations: [0.1, 0.2, 0.1, 0], xCutEq: 1.4, xCutSource: 'test', finalEnergyPerParticle: [-7, -7, -7, -7], seconds: 1 });
    expect(enabled()).toMatchObject({ 'export-csv': true, 'export-run': true, 'export-xyz-initial': false, 'export-xyz-final': false, 'export-lammps-deck': false });
    expect(screen.getByTestId('export-xyz-initial').title).toContain('an ensemble run keeps no configuration');
  });
});

describe('downloads', () => {
  beforeEach(() => { renderPanel(); setRun('done', singleResult('ka3d')); });
  const base = 'glasslab-ka3d-N8-T0.5-fire-seed3';

  it('CSV, JSON and the run file: name and content type', async () => {
    fireEvent.click(screen.getByTestId('export-csv'));
    fireEvent.click(screen.getByTestId('export-json'));
    fireEvent.click(screen.getByTestId('export-run'));
    await settle();
    expect(downloads.map((d) => [d.name, d.blob.type])).toEqual([
      [`${base}-curves.csv`, 'text/csv'], [`${base}-curves.json`, 'application/json'], [`${base}-run.json`, 'application/json'],
    ]);
    const csv = await downloads[0].blob.text();
    expect(csv.split('\n')[1]).toBe('curve,t,speed,energy_per_particle');
    expect(JSON.parse(await downloads[2].blob.text())).toMatchObject({ format: 'glasslab-run', version: 1, spec: { model: 'ka3d' } });
    expect(screen.queryByTestId('export-error')).toBeNull();
  });

  it('states as XYZ (phi and d2min on the final) and LAMMPS data; the deck as two files', async () => {
    for (const id of ['export-xyz-initial', 'export-xyz-final', 'export-lammps-data', 'export-lammps-deck']) fireEvent.click(screen.getByTestId(id));
    await settle();
    expect(downloads.map((d) => d.name)).toEqual([`${base}-initial.xyz`, `${base}-final.xyz`, `${base}-final.data`, `${base}.data`, `in.${base}.lmp`]);
    expect(downloads.every((d) => d.blob.type === 'text/plain')).toBe(true);
    expect((await downloads[1].blob.text()).split('\n')[1]).toContain('phi:I:1:d2min:R:1');
    expect(await downloads[4].blob.text()).toContain(`read_data ${base}.data`);
    expect(screen.getByTestId('export-message').textContent).toBe(`saved ${base}.data and in.${base}.lmp`);
  });

  it('PNG and SVG through Plotly.downloadImage on the velocity plot; a clear line when no plot is on the page', async () => {
    fireEvent.click(screen.getByTestId('export-png'));
    await settle();
    expect(screen.getByTestId('export-error').textContent).toBe('the velocity plot is not on the page (show the plot, then export it)');
    const plot = document.createElement('div');
    plot.setAttribute('data-testid', 'velocity-plot');
    plot.innerHTML = '<div class="js-plotly-plot"></div>';
    document.body.appendChild(plot);
    fireEvent.click(screen.getByTestId('export-svg'));
    await settle();
    expect(plotly.downloadImage).toHaveBeenCalledWith(plot.firstChild, { format: 'svg', filename: 'glasslab-ka3d-velocity', width: null, height: null });
    expect(screen.queryByTestId('export-error')).toBeNull();
  });
});

function upload(id: string, file: File) {
  const input = screen.getByTestId(id) as HTMLInputElement;
  Object.defineProperty(input, 'files', { value: [file], configurable: true });
  fireEvent.change(input);
}

describe('imports', () => {
  it('a state file sets model, N and T and becomes the starting state; a bad one says why in one line', async () => {
    renderPanel();
    const ka = state('ka3d', 4);
    upload('import-state', new File([stateXyz(ka, { model: 'ka3d', temperature: 0.45 })], 'ka.xyz'));
    await settle();
    expect(useSpecStore.getState().draft).toMatchObject({ model: 'ka3d', n: '8', temperature: '0.45' });
    expect(useImportedStart.getState().start).toMatchObject({ file: 'ka.xyz', model: 'ka3d', n: 8, temperature: 0.45, seed: 3 });
    expect(useImportedStart.getState().start!.configuration.positions).toEqual(ka.positions);
    expect(screen.getByTestId('export-message').textContent).toBe('ka.xyz: ka3d, N = 8, T = 0.45 set as the starting state');
    expect(screen.getByTestId('imported-start').textContent).toContain('the next run quenches it');
    act(() => useSpecStore.getState().setField('seed', '4'));
    expect(screen.getByTestId('imported-start').textContent).toContain('not used: the model, N, T or seed changed since');
    fireEvent.click(screen.getByTestId('clear-imported-start'));
    expect(useImportedStart.getState().start).toBeNull();

    upload('import-state', new File([stateXyz(state('ka2d'), { model: 'ka3d' })], 'odd.xyz'));
    await settle();
    expect(screen.getByTestId('export-error').textContent).toBe('odd.xyz says model ka3d (3D) but holds a 2D configuration');
    expect(useImportedStart.getState().start).toBeNull();
  });

  it('a run file goes to onImportRun, or onto the plot as a kept overlay', async () => {
    const r = singleResult('ka3d');
    const text = writeRunFile(runFileFromResult({ result: r, curves: { main: MAIN }, curveOrder: ['main'], requested: 'auto', createdAt: new Date(0) }));
    const onImportRun = vi.fn();
    const { unmount } = renderPanel(onImportRun);
    upload('import-run', new File([text], 'run.json'));
    await settle();
    expect(onImportRun).toHaveBeenCalledTimes(1);
    expect((onImportRun.mock.calls[0][0] as RunFile).final!.positions).toEqual(r.final.positions);
    unmount();
    renderPanel();
    upload('import-run', new File([text], 'run.json'));
    await settle();
    expect(useRunStore.getState().overlays).toEqual([{ id: 'file-1970-01-01T00:00:00.000Z-main', label: 'ka3d, T = 0.5, N = 8, fire, seed 3 (file)', dim: 3, t: T, speed: MAIN.speed, energyPerParticle: MAIN.energyPerParticle }]);
    upload('import-run', new File([text.replace('"version": 1', '"version": 3')], 'new.json'));
    await settle();
    expect(screen.getByTestId('export-error').textContent).toBe('run file: version: this run file is version 3, written by a newer GlassLab; this one reads version 1 (update GlassLab)');
  });
});
