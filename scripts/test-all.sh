#!/usr/bin/env bash
# Installs everything the tests need on a fresh Debian machine (Node 20, npm 11) and runs every test:
# Debian packages lammps (LAMMPS peer), python3-ase (ASE peer for extended XYZ, run as /usr/bin/python3), chromium (browser tests, SwiftShader Vulkan) and libvulkan1 (WebGPU in Node);
# type check, unit and physics tests (vitest, with LAMMPS as a peer), and the browser tests (Playwright on Debian's Chromium).
set -euo pipefail
cd "$(dirname "$0")/.."

need=()
command -v lmp >/dev/null 2>&1 || need+=(lammps)
[ -x /usr/bin/chromium ] || need+=(chromium)
/usr/bin/python3 -c 'import ase' >/dev/null 2>&1 || need+=(python3-ase)
# the Vulkan loader, for WebGPU (Dawn) in Node on Chromium's SwiftShader driver
ls /usr/lib/*/libvulkan.so.1 >/dev/null 2>&1 || need+=(libvulkan1)
if [ ${#need[@]} -gt 0 ]; then
  echo "== installing Debian packages: ${need[*]}"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need[@]}" >/dev/null
fi

echo "== npm packages"
npm ci --no-audit --no-fund --loglevel=error

echo "== type check"
npx tsc --noEmit -p .

mkdir -p test-results
echo "== unit and physics tests"
npx vitest run --reporter=default --reporter=json --outputFile.json=test-results/unit.json

echo "== browser tests (Chromium $(/usr/bin/chromium --version 2>/dev/null | awk '{print $2}'))"
npx vite build --logLevel warn
npx vitest run -c vitest.e2e.config.ts --reporter=default --reporter=json --outputFile.json=test-results/e2e.json

# One plain closing line over both runs.
node -e '
const r = ["unit", "e2e"].map((k) => JSON.parse(require("fs").readFileSync(`test-results/${k}.json`, "utf8")));
const sum = (f) => r.reduce((a, x) => a + x[f], 0);
console.log(`${sum("numPassedTests")} passed, ${sum("numFailedTests")} failed, ${sum("numPendingTests") + sum("numTodoTests")} skipped`);
'
