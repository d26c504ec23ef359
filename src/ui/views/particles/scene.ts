// The Three.js side of the particle view: one InstancedMesh (discs in 2D, spheres in 3D), a box outline and
// displacement arrows (fat line segments), rendered on demand. No React here.
import { isSoftwareAdapter } from '../../../engine/softwareAdapter.ts';
import {
  AmbientLight,
  BufferGeometry,
  Color,
  DirectionalLight,
  DynamicDrawUsage,
  InstancedBufferAttribute,
  InstancedInterleavedBuffer,
  InstancedMesh,
  InterleavedBufferAttribute,
  type Material,
  type Object3D,
  MeshPhongMaterial,
  MOUSE,
  OrthographicCamera,
  PerspectiveCamera,
  PlaneGeometry,
  Scene,
  TOUCH,
  ShaderMaterial,
  SphereGeometry,
  Vector3,
  WebGLRenderer,
} from 'three';
import { OrbitControls } from 'three/examples/jsm/controls/OrbitControls.js';
import { LineMaterial } from 'three/examples/jsm/lines/LineMaterial.js';
import { LineSegments2 } from 'three/examples/jsm/lines/LineSegments2.js';
import { LineSegmentsGeometry } from 'three/examples/jsm/lines/LineSegmentsGeometry.js';
import { fillArrows, segmentsPerArrow } from './arrows.ts';
import { fillInstanceMatrices } from './instances.ts';
import { chooseSpheres, ImpostorSpheres, impostorMaterial, impostorOverride, probeRendererName, webglRendererName } from './impostors.ts';

export interface SceneStyle {
  background: string;
  boxColor: string;
  /** Arrows: a light core over a dark halo, readable on any particle colour. */
  arrowColor: string;
  arrowHalo: string;
  /** Lecture mode: thicker lines. */
  large: boolean;
}

export const DEFAULT_STYLE: SceneStyle = { background: '#0f172a', boxColor: '#94a3b8', arrowColor: '#f8fafc', arrowHalo: '#0b0f1a', large: false };

/** Sphere tessellation by particle count: smooth for a few hundred, low-poly for tens of thousands; on a software renderer
 * always low-poly (32×20 segments for 1000 spheres took seconds a frame on SwiftShader and froze the page, issue 13). */
export function sphereSegments(N: number, software = false): [number, number] {
  if (software) return N <= 2000 ? [12, 8] : [8, 5];
  if (N <= 2000) return [32, 20];
  if (N <= 8000) return [20, 12];
  if (N <= 16000) return [14, 9];
  return [10, 7];
}

// Discs as antialiased impostors on one quad each, with a darker rim (as in the paper's figures).
const DISC_VERTEX = /* glsl */ `
varying vec2 vUv;
varying vec3 vColor;
void main() {
  vUv = uv * 2.0 - 1.0;
#ifdef USE_INSTANCING_COLOR
  vColor = instanceColor;
#else
  vColor = vec3(1.0);
#endif
  gl_Position = projectionMatrix * modelViewMatrix * instanceMatrix * vec4(position, 1.0);
}`;
const DISC_FRAGMENT = /* glsl */ `
uniform float rimWidth;
uniform float rimDarkness;
varying vec2 vUv;
varying vec3 vColor;
void main() {
  float r = length(vUv);
  float aa = max(fwidth(r), 1e-4);
  float alpha = 1.0 - smoothstep(1.0 - aa, 1.0, r);
  if (alpha <= 0.0) discard;
  float rw = max(rimWidth, 1.2 * aa);
  float edge = smoothstep(1.0 - rw - aa, 1.0 - rw, r);
  // fade the rim out for discs only a few pixels wide, so that they keep their colour
  float k = 1.0 - rimDarkness * edge * (1.0 - smoothstep(0.12, 0.45, aa));
  gl_FragColor = vec4(vColor * k, alpha);
  #include <colorspace_fragment>
}`;

export class ParticleScene {
  readonly canvas: HTMLCanvasElement;
  readonly renderer: WebGLRenderer;
  readonly dim: 2 | 3;
  private readonly scene = new Scene();
  private readonly camera: OrthographicCamera | PerspectiveCamera;
  private readonly controls: OrbitControls;
  private style: SceneStyle = { ...DEFAULT_STYLE };
  private width = 1;
  private height = 1;

  private mesh: InstancedMesh | null = null;
  private meshGeometry: BufferGeometry | null = null;
  private readonly meshMaterial: Material;
  /** 3D impostor spheres (impostors.ts), made when first drawn. */
  private impostors: ShaderMaterial | null = null;
  private colorAttr: InstancedBufferAttribute | null = null;
  private capacity = -1;
  private count = 0;

  private readonly boxMaterial: LineMaterial;
  private readonly boxLines: LineSegments2;
  private box: number[] = [];

  private readonly arrowMaterial: LineMaterial;
  private readonly haloMaterial: LineMaterial;
  private arrowLines: LineSegments2 | null = null;
  private haloLines: LineSegments2 | null = null;
  private arrowBuffer: InstancedInterleavedBuffer | null = null;

  private frame = 0;
  private disposed = false;
  /** A software WebGL: low-poly spheres, or impostors. */
  private readonly software: boolean;
  private readonly rendererName: string;
  /** Milliseconds the last renderer.render() call took on the CPU side (onRender gets the time until the GPU drew it). */
  lastRenderMs = 0;
  onRender: ((ms: number) => void) | null = null;

  constructor(canvas: HTMLCanvasElement, dim: 2 | 3, renderer?: WebGLRenderer) {
    this.canvas = canvas;
    this.dim = dim;
    // 2D discs antialias their own edges in the shader; multisampling is only worth its cost for 3D spheres, and not on a
    // software renderer, where it quadruples the fill.
    const antialias = dim === 3 && !isSoftwareAdapter(probeRendererName());
    this.renderer = renderer ?? new WebGLRenderer({ canvas, antialias, preserveDrawingBuffer: true, powerPreference: 'high-performance' });
    this.renderer.setPixelRatio(Math.min(2, globalThis.devicePixelRatio || 1));
    this.renderer.setClearColor(new Color(this.style.background), 1);
    this.rendererName = webglRendererName(this.renderer.getContext());
    this.software = isSoftwareAdapter(this.rendererName);

    if (dim === 2) {
      this.camera = new OrthographicCamera(-1, 1, 1, -1, 0.1, 100);
      this.meshMaterial = new ShaderMaterial({
        vertexShader: DISC_VERTEX,
        fragmentShader: DISC_FRAGMENT,
        uniforms: { rimWidth: { value: 0.12 }, rimDarkness: { value: 0.45 } },
        transparent: true,
        depthTest: false,
        depthWrite: false,
      });
    } else {
      this.camera = new PerspectiveCamera(35, 1, 0.1, 1000);
      this.meshMaterial = new MeshPhongMaterial({ color: 0xffffff, specular: 0x2a2a2a, shininess: 40 });
      this.scene.add(new AmbientLight(0xffffff, 1.1));
      const key = new DirectionalLight(0xffffff, 2.2);
      key.position.set(0.6, 0.9, 1); // relative to the camera: lighting follows the view
      this.camera.add(key);
      key.target.position.set(0, 0, -1);
      this.camera.add(key.target);
      this.scene.add(this.camera);
    }

    this.controls = new OrbitControls(this.camera, canvas);
    this.controls.enableDamping = false; // damping needs a permanent animation loop
    if (dim === 2) {
      this.controls.enableRotate = false;
      this.controls.zoomToCursor = true;
      // left drag pans, the wheel zooms at the cursor
      this.controls.mouseButtons = { LEFT: MOUSE.PAN, MIDDLE: MOUSE.DOLLY, RIGHT: MOUSE.PAN };
      this.controls.touches = { ONE: TOUCH.PAN, TWO: TOUCH.DOLLY_PAN };
      this.controls.minZoom = 0.5;
      this.controls.maxZoom = 200;
    }
    this.controls.addEventListener('change', this.requestRender);
    canvas.addEventListener('dblclick', this.resetView);

    // lines are 'transparent' so that they draw after the (transparent, antialiased) discs, in renderOrder
    this.boxMaterial = new LineMaterial({ color: this.style.boxColor, linewidth: 1.5, transparent: true });
    this.boxLines = new LineSegments2(new LineSegmentsGeometry(), this.boxMaterial);
    this.boxLines.frustumCulled = false;
    this.boxLines.renderOrder = 2;
    this.scene.add(this.boxLines);

    this.arrowMaterial = new LineMaterial({ color: this.style.arrowColor, linewidth: 1.2, depthTest: false, depthWrite: false, transparent: true });
    this.haloMaterial = new LineMaterial({ color: this.style.arrowHalo, linewidth: 3.2, depthTest: false, depthWrite: false, transparent: true });
  }

  /** Schedules one frame (coalesced): the view renders only when something changed. */
  readonly requestRender = (): void => {
    if (this.frame || this.disposed) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      this.render();
    });
  };

  render(): void {
    if (this.disposed) return;
    const t0 = performance.now();
    this.renderer.render(this.scene, this.camera);
    this.lastRenderMs = performance.now() - t0;
    this.reportWhenDrawn(t0);
  }

  private fencePending = false;

  // The GPU finishes a frame long after render() returns (and shares its GPU process with the WebGPU engine): a WebGL2 fence,
  // polled without blocking, reports when the frame was really drawn, so the caller can budget frames by what they cost.
  private reportWhenDrawn(t0: number): void {
    const gl = this.renderer.getContext() as WebGL2RenderingContext;
    if (typeof gl.fenceSync !== 'function' || this.fencePending) { this.onRender?.(this.lastRenderMs); return; }
    const sync = gl.fenceSync(gl.SYNC_GPU_COMMANDS_COMPLETE, 0);
    if (!sync) { this.onRender?.(this.lastRenderMs); return; }
    gl.flush();
    this.fencePending = true;
    const poll = () => {
      if (this.disposed) return;
      if (gl.getSyncParameter(sync, gl.SYNC_STATUS) !== gl.SIGNALED) { setTimeout(poll, 4); return; }
      gl.deleteSync(sync);
      this.fencePending = false;
      this.onRender?.(performance.now() - t0);
    };
    setTimeout(poll, 0);
  }

  setStyle(style: Partial<SceneStyle>): void {
    const s = { ...this.style, ...style };
    if (s.background !== this.style.background) this.renderer.setClearColor(new Color(s.background), 1);
    this.style = s;
    this.boxMaterial.color.set(s.boxColor);
    this.boxMaterial.linewidth = s.large ? 3 : 1.5;
    this.arrowMaterial.color.set(s.arrowColor);
    this.arrowMaterial.linewidth = s.large ? 2.6 : 1.2;
    this.haloMaterial.color.set(s.arrowHalo);
    this.haloMaterial.linewidth = s.large ? 5.2 : 3.2;
    if (this.meshMaterial instanceof ShaderMaterial) this.meshMaterial.uniforms.rimWidth.value = s.large ? 0.16 : 0.12;
    this.requestRender();
  }

  resize(width: number, height: number): void {
    this.width = Math.max(1, Math.round(width));
    this.height = Math.max(1, Math.round(height));
    this.renderer.setPixelRatio(Math.min(2, globalThis.devicePixelRatio || 1));
    this.renderer.setSize(this.width, this.height, false);
    this.boxMaterial.resolution.set(this.width, this.height);
    this.arrowMaterial.resolution.set(this.width, this.height);
    this.haloMaterial.resolution.set(this.width, this.height);
    this.updateProjection();
    this.requestRender();
  }

  /** Sets the periodic box; refits the camera when the box changed. */
  setBox(box: readonly number[]): void {
    const b = [box[0], box[1], this.dim === 3 ? box[2] : 0];
    if (b.every((x, i) => x === this.box[i])) return;
    this.box = b;
    const [X, Y, Z] = b;
    const segs = this.dim === 2
      ? [0, 0, 0, X, 0, 0, X, 0, 0, X, Y, 0, X, Y, 0, 0, Y, 0, 0, Y, 0, 0, 0, 0]
      : boxEdges(X, Y, Z);
    const geo = new LineSegmentsGeometry();
    geo.setPositions(segs);
    this.boxLines.geometry.dispose();
    this.boxLines.geometry = geo;
    this.resetView();
  }

  /** Camera back to the whole box (also on double click). */
  readonly resetView = (): void => {
    const [X, Y, Z] = this.box.length ? this.box : [1, 1, 1];
    const c = new Vector3(X / 2, Y / 2, Z / 2);
    if (this.camera instanceof OrthographicCamera) {
      this.camera.position.set(c.x, c.y, 10);
      this.camera.zoom = 1;
    } else {
      const R = 0.5 * Math.hypot(X, Y, Z);
      const dist = (R / Math.sin((this.camera.fov * Math.PI) / 360)) * 1.02;
      const dir = new Vector3(0.85, 0.55, 1.25).normalize();
      this.camera.position.copy(c).addScaledVector(dir, dist);
      this.camera.near = dist / 100;
      this.camera.far = dist * 10;
    }
    this.controls.target.copy(this.dim === 2 ? new Vector3(c.x, c.y, 0) : c);
    this.updateProjection();
    this.controls.update();
    this.requestRender();
  };

  private updateProjection(): void {
    const aspect = this.width / this.height;
    if (this.camera instanceof OrthographicCamera) {
      const [X, Y] = this.box.length ? this.box : [1, 1];
      const m = 1.04; // a small margin around the box
      let w = X * m;
      let h = Y * m;
      if (w / h > aspect) h = w / aspect;
      else w = h * aspect;
      this.camera.left = -w / 2;
      this.camera.right = w / 2;
      this.camera.top = h / 2;
      this.camera.bottom = -h / 2;
    } else {
      this.camera.aspect = aspect;
      // keep the whole box visible when the view is narrower than tall: widen the vertical field of view
      this.camera.fov = aspect >= 1 ? 35 : (2 * Math.atan(Math.tan((35 * Math.PI) / 360) / aspect) * 180) / Math.PI;
    }
    this.camera.updateProjectionMatrix();
  }

  private ensureCapacity(N: number): void {
    if (N === this.capacity) return;
    if (this.mesh) {
      this.scene.remove(this.mesh);
      this.mesh.dispose();
      this.meshGeometry?.dispose();
    }
    this.capacity = N;
    const spheres = this.dim === 3 ? chooseSpheres(this.rendererName, N, impostorOverride()) : 'discs';
    this.canvas.dataset.spheres = spheres;
    const mesh = spheres === 'impostors'
      ? new ImpostorSpheres(N, (this.impostors ??= impostorMaterial()))
      : new InstancedMesh(this.dim === 2 ? new PlaneGeometry(1, 1) : new SphereGeometry(0.5, ...sphereSegments(N, this.software)), this.meshMaterial, Math.max(N, 1));
    this.meshGeometry = mesh.geometry;
    mesh.instanceMatrix.setUsage(DynamicDrawUsage);
    this.colorAttr = new InstancedBufferAttribute(new Float32Array(Math.max(N, 1) * 3).fill(0.5), 3);
    this.colorAttr.setUsage(DynamicDrawUsage);
    mesh.instanceColor = this.colorAttr;
    mesh.frustumCulled = false; // particles move: a cached bounding sphere would go stale
    mesh.count = N;
    this.mesh = mesh;
    this.scene.add(mesh);
    (mesh.material as Material).needsUpdate = true; // instancing colour define
  }

  /** New positions and/or diameters: refills the instance matrices (the mesh is rebuilt only when N changes). */
  setParticles(positions: ArrayLike<number>, diameters: ArrayLike<number>): void {
    const N = diameters.length;
    this.ensureCapacity(N);
    const mesh = this.mesh!;
    this.count = fillInstanceMatrices(mesh.instanceMatrix.array as Float32Array, positions, diameters, this.box, this.dim);
    mesh.count = this.count;
    mesh.instanceMatrix.clearUpdateRanges();
    mesh.instanceMatrix.addUpdateRange(0, this.count * 16);
    mesh.instanceMatrix.needsUpdate = true;
    this.requestRender();
  }

  /** The colour buffer (N·3 linear RGB) to fill in place; call commitColors() afterwards. */
  colorBuffer(N: number): Float32Array {
    this.ensureCapacity(N);
    return this.colorAttr!.array as Float32Array;
  }

  commitColors(): void {
    if (!this.colorAttr) return;
    this.colorAttr.clearUpdateRanges();
    this.colorAttr.addUpdateRange(0, this.count * 3 || this.colorAttr.count * 3);
    this.colorAttr.needsUpdate = true;
    this.requestRender();
  }

  /** Arrows r(0) → r(0) + M·Δr, or none. */
  setArrows(a: { reference: ArrayLike<number>; positions: ArrayLike<number>; diameters: ArrayLike<number>; magnification: number } | null): void {
    if (!a) {
      if (this.arrowLines?.visible) {
        this.arrowLines.visible = false;
        this.haloLines!.visible = false;
        this.requestRender();
      }
      return;
    }
    const N = a.diameters.length;
    const spa = segmentsPerArrow(this.dim);
    const floats = N * spa * 6;
    if (!this.arrowBuffer || this.arrowBuffer.array.length !== floats) {
      if (this.arrowLines) {
        this.scene.remove(this.arrowLines, this.haloLines!);
        this.arrowLines.geometry.dispose();
      }
      const geo = new LineSegmentsGeometry();
      this.arrowBuffer = new InstancedInterleavedBuffer(new Float32Array(floats), 6, 1);
      this.arrowBuffer.setUsage(DynamicDrawUsage);
      geo.setAttribute('instanceStart', new InterleavedBufferAttribute(this.arrowBuffer, 3, 0));
      geo.setAttribute('instanceEnd', new InterleavedBufferAttribute(this.arrowBuffer, 3, 3));
      this.arrowLines = new LineSegments2(geo, this.arrowMaterial);
      this.arrowLines.frustumCulled = false;
      this.arrowLines.renderOrder = 4;
      this.haloLines = new LineSegments2(geo, this.haloMaterial); // same geometry, drawn first and wider
      this.haloLines.frustumCulled = false;
      this.haloLines.renderOrder = 3;
      this.scene.add(this.haloLines, this.arrowLines);
    }
    const verts = fillArrows(this.arrowBuffer.array as Float32Array, a.reference, a.positions, a.diameters, this.box, this.dim, a.magnification, { z: 0.5 });
    (this.arrowLines!.geometry as LineSegmentsGeometry).instanceCount = verts / 2;
    this.arrowBuffer.needsUpdate = true;
    this.arrowLines!.visible = true;
    this.haloLines!.visible = true;
    this.requestRender();
  }

  /** Draws another object with the particles (e.g. the κ_ij bonds of ./bonds.ts) until removed; the caller disposes it. */
  addOverlay(object: Object3D): void {
    this.scene.add(object);
    this.requestRender();
  }

  removeOverlay(object: Object3D): void {
    this.scene.remove(object);
    this.requestRender();
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    if (this.frame) cancelAnimationFrame(this.frame);
    this.controls.removeEventListener('change', this.requestRender);
    this.canvas.removeEventListener('dblclick', this.resetView);
    this.controls.dispose();
    if (this.mesh) this.mesh.dispose();
    this.meshGeometry?.dispose();
    this.meshMaterial.dispose();
    this.impostors?.dispose();
    this.boxLines.geometry.dispose();
    this.boxMaterial.dispose();
    this.arrowLines?.geometry.dispose();
    this.arrowMaterial.dispose();
    this.haloMaterial.dispose();
    this.renderer.dispose();
    this.renderer.forceContextLoss();
  }
}

function boxEdges(X: number, Y: number, Z: number): number[] {
  const c = [[0, 0, 0], [X, 0, 0], [X, Y, 0], [0, Y, 0], [0, 0, Z], [X, 0, Z], [X, Y, Z], [0, Y, Z]];
  const e = [[0, 1], [1, 2], [2, 3], [3, 0], [4, 5], [5, 6], [6, 7], [7, 4], [0, 4], [1, 5], [2, 6], [3, 7]];
  return e.flatMap(([a, b]) => [...c[a], ...c[b]]);
}
