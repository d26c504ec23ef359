#!/usr/bin/env bash
# One command on a machine with an NVIDIA GPU: make Dawn (the `webgpu` npm package) see it through Vulkan, then run the GPU
# benchmarks with sizes that fit < 8 minutes in all, writing JSON (and the printed tables) into $OUT.
#   OUT=/some/folder bash scripts/device-bench.sh
# Works offline: node_modules must already be in the checkout (nothing is fetched from npm). apt-get is tried for the Vulkan
# loader only when it is missing and apt is usable; otherwise the script says so and goes on. VK_ICD_FILENAMES, when already
# set, is kept (e.g. VK_ICD_FILENAMES=/usr/lib/chromium/vk_swiftshader_icd.json DEVICE_BENCH_SMALL=1 to try it on SwiftShader).
# DEVICE_BENCH_SMALL=1 uses small sizes (a CPU-emulated adapter); bench:modes is skipped when package.json has no such script.
set -u
cd "$(dirname "$0")/.."
OUT="${OUT:-$PWD/device-bench-out}"
mkdir -p "$OUT"
LOG="$OUT/device-bench.log"
log() { echo "[device-bench $(date -u +%H:%M:%S)] $*" | tee -a "$LOG"; }
started=$(date +%s)

# --- the Vulkan loader (libvulkan.so.1) ---
if ldconfig -p 2>/dev/null | grep -q 'libvulkan\.so\.1'; then
  log "Vulkan loader: present"
elif command -v apt-get >/dev/null 2>&1 && { [ "$(id -u)" = 0 ] || sudo -n true 2>/dev/null; }; then
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo -n"
  log "Vulkan loader missing: trying apt-get install libvulkan1 (fails quickly when offline)"
  if timeout 120 $SUDO apt-get install -y --no-install-recommends libvulkan1 >>"$LOG" 2>&1; then log "libvulkan1 installed"
  else log "apt-get could not install libvulkan1 (offline or no package lists); Dawn will likely find no adapter"; fi
else
  log "Vulkan loader missing and apt-get not usable here: install libvulkan1 by hand; going on"
fi

# --- NVIDIA's Vulkan ICD ---
if [ -n "${VK_ICD_FILENAMES:-}" ]; then
  log "VK_ICD_FILENAMES already set: $VK_ICD_FILENAMES"
else
  for f in /usr/share/vulkan/icd.d/nvidia_icd.json /etc/vulkan/icd.d/nvidia_icd.json /usr/share/vulkan/icd.d/nvidia_icd.x86_64.json \
           /etc/vulkan/icd.d/nvidia_icd.x86_64.json /usr/local/share/vulkan/icd.d/nvidia_icd.json; do
    if [ -f "$f" ]; then export VK_ICD_FILENAMES="$f"; break; fi
  done
  if [ -z "${VK_ICD_FILENAMES:-}" ]; then
    # The driver is there but its ICD file is not (common in containers): write one that points at the driver's library.
    lib=$(ldconfig -p 2>/dev/null | grep -o '/[^ ]*libGLX_nvidia\.so\.0' | head -1)
    if [ -n "$lib" ]; then
      printf '{ "file_format_version": "1.0.0", "ICD": { "library_path": "%s", "api_version": "1.3.0" } }\n' "$lib" >"$OUT/nvidia_icd.json"
      export VK_ICD_FILENAMES="$OUT/nvidia_icd.json"
      log "no NVIDIA ICD file found; wrote $OUT/nvidia_icd.json for $lib"
    else
      log "no NVIDIA Vulkan ICD and no libGLX_nvidia.so.0: Dawn will fall back to whatever adapter it finds (maybe none)"
    fi
  else
    log "NVIDIA ICD: $VK_ICD_FILENAMES"
  fi
fi

# --- what is here ---
{ command -v nvidia-smi >/dev/null 2>&1 && nvidia-smi --query-gpu=name,driver_version,memory.total --format=csv; } >"$OUT/gpu.txt" 2>&1 || echo "no nvidia-smi" >"$OUT/gpu.txt"
log "GPU: $(tr '\n' ' ' <"$OUT/gpu.txt")"
log "node $(node --version 2>/dev/null || echo missing)"
TSX=./node_modules/.bin/tsx
if [ ! -x "$TSX" ] || [ ! -d node_modules/webgpu ]; then
  log "node_modules (tsx, webgpu) missing: carry node_modules with the checkout (this machine may have no network); stopping"
  exit 1
fi

# --- the benchmarks: each with its own time limit (seconds), sizes set through BENCH_* ---
failures=0
run() { # name limit env... -- file
  local name=$1 limit=$2; shift 2
  local envs=(); while [ "$1" != "--" ]; do envs+=("$1"); shift; done; shift
  log "bench:$name (limit ${limit}s)"
  local t0; t0=$(date +%s)
  if timeout "$limit" env "${envs[@]}" BENCH_JSON="$OUT/$name.json" "$TSX" "$@" >"$OUT/$name.txt" 2>&1; then
    log "bench:$name done in $(( $(date +%s) - t0 )) s"
  else
    log "bench:$name failed or ran out of time (exit $?) after $(( $(date +%s) - t0 )) s; see $OUT/$name.txt"
    failures=$((failures + 1))
  fi
}
if [ "${DEVICE_BENCH_SMALL:-0}" = 1 ]; then
  run gpu-cost 150 BENCH_N=256 -- bench/gpuCost.ts
  run gpu 90 BENCH_N=1024 BENCH_SECONDS=0.5 -- bench/gpu.ts
  run gpu-quench 150 BENCH_N=1024 BENCH_KA_N=0 BENCH_SECONDS=0.5 -- bench/gpuQuench.ts
  run gpu-mc 120 BENCH_N=1024 BENCH_SECONDS=0.5 -- bench/gpuMc.ts
else
  run gpu-cost 45 BENCH_N=4096 -- bench/gpuCost.ts
  run gpu 60 BENCH_N=4096,65536,262144 BENCH_SECONDS=1 -- bench/gpu.ts
  run gpu-quench 150 BENCH_N=4096,65536,262144 BENCH_KA_N=32000 BENCH_SECONDS=2 -- bench/gpuQuench.ts
  run gpu-mc 100 BENCH_N=4096,65536,262144 BENCH_SECONDS=2 -- bench/gpuMc.ts
fi
if grep -q '"bench:modes"' package.json; then
  if [ "${DEVICE_BENCH_SMALL:-0}" = 1 ]; then run modes 120 MODES_2D=512 MODES_3D= -- bench/modes.ts
  else run modes 90 MODES_2D=4096 MODES_3D= -- bench/modes.ts; fi
else
  log "bench:modes does not exist yet: skipped"
fi
log "all done in $(( $(date +%s) - started )) s, $failures failed; results in $OUT"
[ "$failures" = 0 ]
