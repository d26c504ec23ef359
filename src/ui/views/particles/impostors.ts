// Impostor spheres for the 3D view: each particle is one camera-facing quad of the InstancedMesh (same instance matrices and
// instance colours as the meshed spheres) whose fragment shader casts the view ray onto the sphere, discards the pixels that
// miss it, shades the hit with the meshes' lights and writes the hit's depth. Two triangles a particle instead of hundreds:
// what keeps the view interactive on a software renderer (SwiftShader, llvmpipe; issue 13), and what draws tens of thousands.
import { BufferAttribute, BufferGeometry, DynamicDrawUsage, InstancedMesh, ShaderMaterial, Vector3 } from 'three';
import { isSoftwareAdapter } from '../../../engine/softwareAdapter.ts';

export type SpherePath = 'impostors' | 'meshes';

/** Above this many particles impostors draw even on a hardware GPU (the meshes drop to ~10×7 segments there). */
export const IMPOSTOR_MIN_N = 16000;

/**
 * Which spheres the 3D view draws: `?impostors=on|off` in the address decides when given; otherwise impostors on a software
 * renderer (any N) and for more than IMPOSTOR_MIN_N particles, meshes on a hardware GPU below that.
 */
export function chooseSpheres(rendererName: string, N: number, override: string | null = null): SpherePath {
  if (override === 'on') return 'impostors';
  if (override === 'off') return 'meshes';
  return isSoftwareAdapter(rendererName) || N > IMPOSTOR_MIN_N ? 'impostors' : 'meshes';
}

/** The address's `?impostors=` (null when absent or outside a browser). */
export function impostorOverride(): string | null {
  try {
    return new URLSearchParams(globalThis.location?.search ?? '').get('impostors');
  } catch {
    return null;
  }
}

/** The unmasked renderer string of a WebGL context ('' when the browser hides it). */
export function webglRendererName(gl: WebGLRenderingContext | WebGL2RenderingContext): string {
  try {
    const info = gl.getExtension('WEBGL_debug_renderer_info');
    return String(gl.getParameter(info ? info.UNMASKED_RENDERER_WEBGL : gl.RENDERER) ?? '');
  } catch {
    return '';
  }
}

let probed: string | null = null;

/** The renderer string of a throwaway WebGL2 context, once a page: the 3D view needs it before its own context exists
 * (multisampling costs 4× the fill on a software renderer, and the context's antialias flag is fixed at creation). */
export function probeRendererName(): string {
  if (probed !== null) return probed;
  probed = '';
  try {
    const gl = document.createElement('canvas').getContext('webgl2');
    if (gl) {
      probed = webglRendererName(gl);
      gl.getExtension('WEBGL_lose_context')?.loseContext();
    }
  } catch {
    // no DOM or no WebGL: treat as hardware
  }
  return probed;
}

/**
 * Impostor spheres with the InstancedMesh's interface (instanceMatrix, instanceColor, count: what scene.ts fills), drawn as
 * one plain mesh of N quads. An instanced draw costs SwiftShader per instance (measured under load: 4000 instanced quads a
 * quarter the size took as long, ~25 µs an instance), so the instances are copied into per-vertex attributes whenever the
 * scene changed them, and the GPU sees a single non-instanced draw.
 */
export class ImpostorSpheres extends InstancedMesh {
  private readonly sphere: BufferAttribute;
  private readonly sphereColor: BufferAttribute;
  private seen = '';

  constructor(capacity: number, material: ShaderMaterial) {
    const n = Math.max(capacity, 1);
    const geometry = new BufferGeometry();
    const corner = new Float32Array(12 * n);
    const index = new Uint32Array(6 * n);
    for (let i = 0; i < n; i++) {
      corner.set([-0.5, -0.5, 0, 0.5, -0.5, 0, 0.5, 0.5, 0, -0.5, 0.5, 0], 12 * i);
      index.set([4 * i, 4 * i + 1, 4 * i + 2, 4 * i, 4 * i + 2, 4 * i + 3], 6 * i);
    }
    geometry.setAttribute('position', new BufferAttribute(corner, 3)); // the quad's corner, in units of its side
    geometry.setIndex(new BufferAttribute(index, 1));
    super(geometry, material, n);
    (this as { isInstancedMesh: boolean }).isInstancedMesh = false; // three.js draws it as a plain mesh
    this.sphere = new BufferAttribute(new Float32Array(16 * n), 4); // centre xyz and radius, at each of the 4 corners
    this.sphereColor = new BufferAttribute(new Float32Array(12 * n), 3);
    this.sphere.setUsage(DynamicDrawUsage);
    this.sphereColor.setUsage(DynamicDrawUsage);
    geometry.setAttribute('sphere', this.sphere);
    geometry.setAttribute('sphereColor', this.sphereColor);
  }

  /** Called by three.js before each frame: copies changed instances to the quads' corners. */
  override updateMatrixWorld(force?: boolean): void {
    super.updateMatrixWorld(force);
    const key = `${this.count}/${this.instanceMatrix.version}/${this.instanceColor?.version ?? -1}`;
    if (key === this.seen) return;
    this.seen = key;
    expandInstances(this.sphere.array as Float32Array, this.sphereColor.array as Float32Array, this.instanceMatrix.array as Float32Array,
      (this.instanceColor?.array ?? null) as Float32Array | null, this.count);
    this.sphere.needsUpdate = true;
    this.sphereColor.needsUpdate = true;
    this.geometry.setDrawRange(0, 6 * this.count);
  }
}

/**
 * Four corners per particle from its instance matrix (translation = centre, scale d_i on a unit geometry of radius 1/2) and
 * instance colour (white without one): sphere = (x, y, z, d_i/2), colour = (r, g, b). Returns the count.
 */
export function expandInstances(sphere: Float32Array, color: Float32Array, matrices: ArrayLike<number>, colors: ArrayLike<number> | null, count: number): number {
  for (let i = 0; i < count; i++) {
    const m = 16 * i;
    const x = matrices[m + 12], y = matrices[m + 13], z = matrices[m + 14];
    const r = 0.5 * Math.hypot(matrices[m], matrices[m + 1], matrices[m + 2]);
    const cr = colors ? colors[3 * i] : 1, cg = colors ? colors[3 * i + 1] : 1, cb = colors ? colors[3 * i + 2] : 1;
    for (let k = 0; k < 4; k++) {
      const v = 4 * i + k;
      sphere[4 * v] = x; sphere[4 * v + 1] = y; sphere[4 * v + 2] = z; sphere[4 * v + 3] = r;
      color[3 * v] = cr; color[3 * v + 1] = cg; color[3 * v + 2] = cb;
    }
  }
  return count;
}

const VERTEX = /* glsl */ `
attribute vec4 sphere;
attribute vec3 sphereColor;
varying vec3 vColor;
varying vec3 vCenter;
varying vec3 vPoint;
varying float vRadius;
void main() {
  vColor = sphereColor;
  vec4 center = modelViewMatrix * vec4(sphere.xyz, 1.0);
  float r = sphere.w;
  float D = max(length(center.xyz), 1e-6);
  vec3 axis = -center.xyz / D;
  vec3 helper = abs(axis.y) < 0.9 ? vec3(0.0, 1.0, 0.0) : vec3(1.0, 0.0, 0.0);
  vec3 ex = normalize(cross(helper, axis));
  vec3 ey = cross(axis, ex);
  // the silhouette seen from the eye is a cone of half-angle asin(r/D): a square across the view ray through the centre
  // covers it with half-side r·D/sqrt(D² − r²)
  float halfSide = r * D / sqrt(max(D * D - r * r, 1e-4 * D * D));
  vPoint = center.xyz + 2.0 * halfSide * (position.x * ex + position.y * ey);
  vCenter = center.xyz;
  vRadius = r;
  gl_Position = projectionMatrix * vec4(vPoint, 1.0);
}`;

const FRAGMENT = /* glsl */ `
uniform mat4 projectionMatrix;
uniform vec3 lightDirection;
uniform float ambient;
uniform float diffuse;
uniform float specular;
uniform float shininess;
varying vec3 vColor;
varying vec3 vCenter;
varying vec3 vPoint;
varying float vRadius;
void main() {
  // the eye ray t·u (u unit) meets |x − c| = r where t² − 2t(u·c) + |c|² − r² = 0
  vec3 u = normalize(vPoint);
  float b = dot(u, vCenter);
  float h = b * b - dot(vCenter, vCenter) + vRadius * vRadius;
  if (h < 0.0) discard;
  vec3 hit = (b - sqrt(h)) * u;
  vec3 n = (hit - vCenter) / vRadius;
  vec3 halfway = normalize(lightDirection - u);
  float lambert = max(dot(n, lightDirection), 0.0);
  float highlight = lambert > 0.0 ? pow(max(dot(n, halfway), 0.0), shininess) : 0.0;
  gl_FragColor = vec4(vColor * (ambient + diffuse * lambert) + specular * highlight, 1.0);
  #include <colorspace_fragment>
  vec4 clip = projectionMatrix * vec4(hit, 1.0);
  gl_FragDepth = 0.5 * clip.z / clip.w + 0.5;
}`;

/**
 * The impostors' material, lit as the meshes' MeshPhongMaterial is: the ambient and key light of scene.ts (intensities
 * 1.1 and 2.2, Lambert's 1/π), the key light's direction in eye space, and a faint Blinn–Phong highlight.
 */
export function impostorMaterial(lightDirection: Vector3 = new Vector3(0.6, 0.9, 2).normalize()): ShaderMaterial {
  return new ShaderMaterial({
    vertexShader: VERTEX,
    fragmentShader: FRAGMENT,
    uniforms: {
      lightDirection: { value: lightDirection },
      ambient: { value: 1.1 / Math.PI },
      diffuse: { value: 2.2 / Math.PI },
      specular: { value: 0.08 },
      shininess: { value: 40 },
    },
  });
}
