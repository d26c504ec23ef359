// Acquiring a WebGPU device: navigator.gpu in the browser, the `webgpu` package (Dawn) in Node, with the limits the engine needs.

/** A device with what the engine needs to know about it; every GPU object in src/gpu is created from one of these. */
export interface GpuContext {
  readonly device: GPUDevice;
  /** Adapter vendor and description, e.g. "google swiftshader". */
  readonly adapterName: string;
  readonly limits: GPUSupportedLimits;
  /** Throws a clear Error when the device has been lost (driver reset, out of memory, destroyed). */
  assertAlive(): void;
  /** Frees the device; every buffer made from it becomes invalid. */
  destroy(): void;
}

/** Limits below which the kernels cannot run (all are WebGPU's guaranteed defaults, so only compatibility-mode adapters fail). */
export const REQUIRED_LIMITS = {
  maxStorageBuffersPerShaderStage: 8,
  maxComputeInvocationsPerWorkgroup: 256,
  maxComputeWorkgroupSizeX: 256,
  maxComputeWorkgroupStorageSize: 1024,
  maxComputeWorkgroupsPerDimension: 65535,
} as const;

const SWIFTSHADER_ICD = '/usr/lib/chromium/vk_swiftshader_icd.json';

interface NodeWebgpu {
  create(options: string[]): GPU;
  globals: object;
}

let nodeGpu: Promise<GPU | null> | undefined;

async function nodeFileExists(path: string): Promise<boolean> {
  const fsModule = 'node:fs';
  const fs = (await import(/* @vite-ignore */ fsModule)) as typeof import('node:fs');
  return fs.existsSync(path);
}

/** True on a Linux machine that shows a hardware GPU (NVIDIA or DRI render node). */
async function hasHardwareGpuNode(): Promise<boolean> {
  return (await nodeFileExists('/dev/nvidiactl')) || (await nodeFileExists('/dev/dri'));
}

/**
 * Node: load Dawn. Without VK_ICD_FILENAMES, a machine with no hardware GPU gets Chromium's SwiftShader (Vulkan on the CPU);
 * a machine with one tries its drivers first and falls back to SwiftShader if none gives an adapter.
 */
async function loadNodeGpu(): Promise<GPU | null> {
  const env = process.env;
  const swiftshader = env.VK_ICD_FILENAMES === undefined && (await nodeFileExists(SWIFTSHADER_ICD));
  const hardwareFirst = swiftshader && (await hasHardwareGpuNode());
  if (swiftshader && !hardwareFirst) env.VK_ICD_FILENAMES = SWIFTSHADER_ICD;
  const packageName = 'webgpu';
  let dawn: NodeWebgpu;
  try {
    dawn = (await import(/* @vite-ignore */ packageName)) as NodeWebgpu;
  } catch {
    return null;
  }
  Object.assign(globalThis, dawn.globals);
  let gpu = dawn.create([]);
  if (hardwareFirst && !(await gpu.requestAdapter())) {
    env.VK_ICD_FILENAMES = SWIFTSHADER_ICD;
    gpu = dawn.create([]);
  }
  return gpu;
}

/** navigator.gpu in a browser or worker; Dawn in Node; null where neither exists. */
function gpuEntryPoint(): Promise<GPU | null> {
  const nav = (globalThis as { navigator?: { gpu?: GPU } }).navigator;
  if (nav?.gpu) return Promise.resolve(nav.gpu);
  const isNode = typeof process !== 'undefined' && process.versions?.node !== undefined;
  if (!isNode) return Promise.resolve(null);
  nodeGpu ??= loadNodeGpu();
  return nodeGpu;
}

function describeAdapter(adapter: GPUAdapter): string {
  const info = adapter.info;
  const parts = [info.vendor, info.architecture, info.description].filter((s) => s && s.length > 0);
  return parts.length > 0 ? parts.join(' ') : 'unknown adapter';
}

/** Whether a WebGPU adapter can be had here. Never throws. */
export async function webgpuAvailable(): Promise<boolean> {
  try {
    const gpu = await gpuEntryPoint();
    return (await gpu?.requestAdapter()) != null;
  } catch {
    return false;
  }
}

/** The first limit the adapter falls short of, as a sentence, or null. */
export function missingLimit(limits: GPUSupportedLimits): string | null {
  for (const [name, needed] of Object.entries(REQUIRED_LIMITS)) {
    const have = limits[name as keyof typeof REQUIRED_LIMITS];
    if (have < needed) return `this GPU's ${name} is ${have}, the engine needs at least ${needed}`;
  }
  return null;
}

export interface AcquireOptions {
  powerPreference?: GPUPowerPreference;
  /** Called once if the device is lost for any reason but destroy() (default: nothing; assertAlive() throws afterwards). */
  onLost?: (message: string) => void;
}

/** A device with the adapter's largest buffer limits. Throws a clear Error when there is no adapter or a limit is missing. */
export async function acquireGpu(options: AcquireOptions = {}): Promise<GpuContext> {
  const gpu = await gpuEntryPoint();
  if (!gpu) throw new Error('WebGPU is not available: no navigator.gpu in this browser, and not running in Node with the `webgpu` package');
  const adapter = await gpu.requestAdapter({ powerPreference: options.powerPreference ?? 'high-performance' });
  if (!adapter) {
    throw new Error('WebGPU found no adapter: no usable GPU driver (in Node on Linux, install Debian\'s chromium for SwiftShader or set VK_ICD_FILENAMES)');
  }
  const missing = missingLimit(adapter.limits);
  if (missing) throw new Error(`WebGPU adapter ${describeAdapter(adapter)} cannot run GlassLab: ${missing}`);
  const device = await adapter.requestDevice({
    requiredLimits: {
      ...REQUIRED_LIMITS,
      maxStorageBufferBindingSize: adapter.limits.maxStorageBufferBindingSize,
      maxBufferSize: adapter.limits.maxBufferSize,
    },
  });
  return wrapDevice(device, describeAdapter(adapter), options.onLost);
}

function wrapDevice(device: GPUDevice, adapterName: string, onLost?: (message: string) => void): GpuContext {
  let lostMessage: string | null = null;
  let destroyed = false;
  void device.lost.then((info) => {
    lostMessage = destroyed
      ? 'the GPU device was destroyed'
      : `the GPU device (${adapterName}) was lost (${info.reason}): ${info.message || 'no message'}; create a new GPU engine to continue`;
    if (!destroyed) onLost?.(lostMessage);
  });
  return {
    device,
    adapterName,
    limits: device.limits,
    assertAlive() {
      if (lostMessage !== null) throw new Error(lostMessage);
    },
    destroy() {
      destroyed = true;
      lostMessage = 'the GPU device was destroyed';
      device.destroy();
    },
  };
}

/** Throws a clear Error if a buffer of `bytes` exceeds this device's storage-buffer limits. */
export function checkBufferFits(gpu: GpuContext, bytes: number, what: string): void {
  const limit = Math.min(gpu.limits.maxStorageBufferBindingSize, gpu.limits.maxBufferSize);
  if (bytes > limit) {
    const mib = (b: number) => (b / 2 ** 20).toFixed(1);
    throw new Error(`${what} needs ${mib(bytes)} MiB, more than this GPU's storage-buffer limit of ${mib(limit)} MiB (${gpu.adapterName}): use fewer particles`);
  }
}

/** Throws a clear Error if a 1D dispatch of `workgroups` groups exceeds the device's limit. */
export function checkDispatchFits(gpu: GpuContext, workgroups: number, what: string): void {
  const limit = gpu.limits.maxComputeWorkgroupsPerDimension;
  if (workgroups > limit) throw new Error(`${what} needs ${workgroups} workgroups in one dispatch, more than this GPU's limit of ${limit}: use fewer particles`);
}
