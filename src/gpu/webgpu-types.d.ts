// The WebGPU API types (GPUDevice, GPUBufferUsage, …) for src/gpu and its tests; tsconfig lists only Node's types.
/// <reference types="@webgpu/types" />
