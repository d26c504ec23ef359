// Child process of test/stateFiles.fuzz.test.ts (bundled by esbuild, run by plain node under the parent's heap limit):
// reads one state file with GlassLab's reader as `glasslab eval` loads it, then reports on stderr "ok N" or
// "error <first line>", and last "maxrss <KiB>" (peak resident memory). Exit code 0 for both; a crash is anything else.
import { loadConfiguration } from '../../src/cli/io.ts';

try {
  const loaded = await loadConfiguration(process.argv[2]);
  process.stderr.write(`ok ${loaded.configuration.diameters.length}\n`);
} catch (e) {
  process.stderr.write(`error ${(e instanceof Error ? e.message : String(e)).split('\n')[0]}\n`);
}
process.stderr.write(`maxrss ${process.resourceUsage().maxRSS}\n`);
