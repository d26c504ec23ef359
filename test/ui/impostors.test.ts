// Which spheres the 3D view draws (impostors on a software renderer or at large N), and the copy of the instance data into
// the impostors' per-corner attributes (centre and radius from the instance matrix fillInstanceMatrices writes, colour).
import { describe, expect, it } from 'vitest';
import { chooseSpheres, expandInstances, IMPOSTOR_MIN_N } from '../../src/ui/views/particles/impostors.ts';
import { fillInstanceMatrices } from '../../src/ui/views/particles/instances.ts';

const SWIFTSHADER = 'ANGLE (Google, Vulkan 1.3.0 (SwiftShader Device (Subzero) (0x0000C0DE)), SwiftShader driver)';
const LLVMPIPE = 'llvmpipe (LLVM 15.0.6, 256 bits)';
const NVIDIA = 'ANGLE (NVIDIA, NVIDIA GeForce RTX 3060 (0x00002504) Direct3D11 vs_5_0 ps_5_0, D3D11)';
const APPLE = 'Apple M1';

describe('chooseSpheres', () => {
  it('draws impostors on a software renderer at any N', () => {
    for (const name of [SWIFTSHADER, LLVMPIPE]) for (const N of [1, 1000, 100_000]) expect(chooseSpheres(name, N)).toBe('impostors');
  });
  it('keeps meshes on a hardware GPU up to IMPOSTOR_MIN_N particles, impostors above', () => {
    for (const name of [NVIDIA, APPLE, '']) {
      expect(chooseSpheres(name, 1000)).toBe('meshes');
      expect(chooseSpheres(name, IMPOSTOR_MIN_N)).toBe('meshes');
      expect(chooseSpheres(name, IMPOSTOR_MIN_N + 1)).toBe('impostors');
    }
  });
  it('follows ?impostors=on|off and ignores other values', () => {
    expect(chooseSpheres(SWIFTSHADER, 1000, 'off')).toBe('meshes');
    expect(chooseSpheres(NVIDIA, 1000, 'on')).toBe('impostors');
    expect(chooseSpheres(NVIDIA, 1000, 'maybe')).toBe('meshes');
  });
});

describe('expandInstances', () => {
  it('writes each particle’s wrapped centre, radius d/2 and colour at its four corners', () => {
    const box = [4, 5, 6];
    const positions = Float64Array.from([1, 2, 3, -0.5, 5.5, 6.25]); // the second wraps to (3.5, 0.5, 0.25)
    const diameters = Float64Array.from([1, 0.88]);
    const matrices = new Float32Array(32);
    fillInstanceMatrices(matrices, positions, diameters, box, 3);
    const colors = Float32Array.from([0.1, 0.2, 0.3, 0.9, 0.5, 0.2]);
    const sphere = new Float32Array(2 * 16), color = new Float32Array(2 * 12);
    expect(expandInstances(sphere, color, matrices, colors, 2)).toBe(2);
    const want = [[1, 2, 3, 0.5], [3.5, 0.5, 0.25, 0.44]];
    for (let i = 0; i < 2; i++) {
      for (let k = 0; k < 4; k++) {
        const v = 4 * i + k;
        want[i].forEach((x, c) => expect(sphere[4 * v + c]).toBeCloseTo(x, 6));
        for (let c = 0; c < 3; c++) expect(color[3 * v + c]).toBeCloseTo(colors[3 * i + c], 6);
      }
    }
  });
  it('colours white without an instance colour and leaves particles past the count alone', () => {
    const matrices = new Float32Array(32);
    fillInstanceMatrices(matrices, [1, 1, 1, 2, 2, 2], [1, 1], [4, 4, 4], 3);
    const sphere = new Float32Array(32).fill(-7), color = new Float32Array(24).fill(-7);
    expandInstances(sphere, color, matrices, null, 1);
    expect(Array.from(color.slice(0, 12))).toEqual(new Array(12).fill(1));
    expect(Array.from(sphere.slice(16))).toEqual(new Array(16).fill(-7));
  });
});
