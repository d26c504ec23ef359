// Runs LAMMPS (`lmp`, Debian package lammps) on a GlassLab configuration: energies, forces, minimizations, timings.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Configuration } from '../src/physics/configuration.ts';
import type { Model } from '../src/physics/models.ts';
import { writeLammpsData } from '../src/io/lammpsData.ts';
import { lammpsInputScript, type LammpsDeckOptions } from '../src/io/lammpsInput.ts';

export function lammpsAvailable(): boolean {
  try {
    execFileSync('lmp', ['-h'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

export interface LammpsRun {
  energy: number;
  /** Per-atom forces ordered by atom id (= GlassLab index + 1). */
  forces: Float64Array;
  /** LAMMPS's own "Loop time" of the last run/minimize, seconds. */
  loopSeconds: number;
  iterations: number;
  log: string;
}

export function runLammps(model: Model, c: Configuration, o: Omit<LammpsDeckOptions, 'dataFile' | 'dumpFile'>): LammpsRun {
  const dir = mkdtempSync(join(tmpdir(), 'glasslab-lmp-'));
  try {
    writeFileSync(join(dir, 'in.data'), writeLammpsData(c, { atomStyle: 'atomic', model: model.name }));
    writeFileSync(join(dir, 'in.lmp'), lammpsInputScript(model, { ...o, dataFile: 'in.data', dumpFile: 'forces.dump' }));
    const log = execFileSync('lmp', ['-in', 'in.lmp', '-log', 'none', '-nocite'], { cwd: dir, encoding: 'utf8', env: { ...process.env, OMP_NUM_THREADS: '1' } });
    const energy = Number(/GLASSLAB_ENERGY (\S+)/.exec(log)?.[1]);
    const loops = [...log.matchAll(/Loop time of (\S+) on \d+ procs for (\d+) steps/g)];
    const last = loops[loops.length - 1];
    const dump = readFileSync(join(dir, 'forces.dump'), 'utf8').trim().split('\n');
    const start = dump.findIndex((l) => l.startsWith('ITEM: ATOMS')) + 1;
    const d = c.box.dim;
    const forces = new Float64Array(c.positions.length);
    for (let k = start; k < dump.length; k++) {
      const cols = dump[k].trim().split(/\s+/).map(Number);
      const i = cols[0] - 1;
      for (let a = 0; a < d; a++) forces[i * d + a] = cols[5 + a];
    }
    return { energy, forces, loopSeconds: last ? Number(last[1]) : Number.NaN, iterations: last ? Number(last[2]) : 0, log };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
