// Child process of test/stateFiles.fuzz.test.ts (bundled by esbuild, run by plain node under the parent's heap limit):
// `glasslab eval --in FILE` in this process (read the file, then its energy and forces), then reports on stderr "ok N" or
// "error <first line>", and last "maxrss <KiB>" (peak resident memory). Exit code 0 for both; a crash is anything else.
import { evalCommand } from '../../src/cli/commands/evaluate.ts';

try {
  const result = (await evalCommand(['--in', process.argv[2]])) as { n: number };
  process.stderr.write(`ok ${result.n}\n`);
} catch (e) {
  process.stderr.write(`error ${(e instanceof Error ? e.message : String(e)).split('\n')[0]}\n`);
}
process.stderr.write(`maxrss ${process.resourceUsage().maxRSS}\n`);
