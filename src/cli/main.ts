// The `glasslab` command: the float64 engine headless. JSON on stdout, progress on stderr, one clear line per user error.
import { analyzeCommand, analyzeHelp } from './commands/analyze.ts';
import { elasticCommand, elasticHelp } from './commands/elastic.ts';
import { ensembleCommand, ensembleHelp } from './commands/ensemble.ts';
import { equilibrateCommand, equilibrateHelp } from './commands/equilibrate.ts';
import { evalCommand, evalHelp } from './commands/evaluate.ts';
import { inmCommand, inmHelp } from './commands/inm.ts';
import { mergeCommand, mergeHelp } from './commands/merge.ts';
import { modesCommand, modesHelp } from './commands/modes.ts';
import { nonlinearCommand, nonlinearHelp } from './commands/nonlinear.ts';
import { quenchCommand, quenchHelp } from './commands/quench.ts';
import { runCommand, runHelp } from './commands/run.ts';
import { scalingCommand, scalingHelp } from './commands/scaling.ts';
import { MODEL_NAMES } from '../physics/models.ts';
import { toJson } from './json.ts';

const COMMANDS: Record<string, { run: (argv: string[]) => Promise<unknown>; help: string }> = {
  equilibrate: { run: equilibrateCommand, help: equilibrateHelp },
  quench: { run: quenchCommand, help: quenchHelp },
  eval: { run: evalCommand, help: evalHelp },
  analyze: { run: analyzeCommand, help: analyzeHelp },
  ensemble: { run: ensembleCommand, help: ensembleHelp },
  run: { run: runCommand, help: runHelp },
  modes: { run: modesCommand, help: modesHelp },
  nonlinear: { run: nonlinearCommand, help: nonlinearHelp },
  inm: { run: inmCommand, help: inmHelp },
  scaling: { run: scalingCommand, help: scalingHelp },
  elastic: { run: elasticCommand, help: elasticHelp },
  merge: { run: mergeCommand, help: mergeHelp },
};

const USAGE = `glasslab — the energy landscape of glasses, headless (float64 reference engine)

${Object.values(COMMANDS).map((c) => c.help).join('\n\n')}

Models: ${MODEL_NAMES.join(', ')}
Files: .xyz/.extxyz (extended XYZ) or .data/.lmp/.lammps (LAMMPS data), or --format xyz|lammps.`;

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return name ? 0 : 2;
  }
  const command = COMMANDS[name];
  if (!command) {
    process.stderr.write(`glasslab: unknown command "${name}"; try: ${Object.keys(COMMANDS).join(', ')} (glasslab --help)\n`);
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    process.stdout.write(`${command.help}\n`);
    return 0;
  }
  try {
    const out = await command.run(rest);
    if (out !== undefined) process.stdout.write(`${toJson(out)}\n`);
    return 0;
  } catch (e) {
    // A user's mistake (bad argument, bad file, impossible system) is one line; a bug keeps its stack with GLASSLAB_DEBUG=1.
    const message = e instanceof Error ? e.message : String(e);
    process.stderr.write(`glasslab ${name}: ${message.split('\n')[0]}\n`);
    if (process.env.GLASSLAB_DEBUG && e instanceof Error) process.stderr.write(`${e.stack}\n`);
    return 1;
  }
}
