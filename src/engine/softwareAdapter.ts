// A CPU-emulated GPU (SwiftShader, llvmpipe, lavapipe, Microsoft's basic renderer), recognised by the name its WebGPU adapter or
// WebGL renderer reports: it runs the GPU engine ~40× slower per particle-step than the float64 engine (issue 13), the analysis
// kernels ~30× slower (bench/gpuAnalysis.ts), and draws 3D spheres triangle by triangle on the CPU.
export function isSoftwareAdapter(name: string): boolean {
  return /swiftshader|llvmpipe|lavapipe|software|microsoft basic render/i.test(name);
}
