// The particle view: discs (2D) or spheres (3D) coloured by species, defects, D²min, displacement or speed,
// with optional displacement arrows and a legend. Three.js does the drawing (scene.ts); this component wires
// props to the scene so that each kind of change does only its own work, and renders only on change.
import { type CSSProperties, useEffect, useMemo, useRef, useState } from 'react';
import { sameRange } from './autoRange.ts';
import { BondLayer, bondRange, type BondSet } from './bonds.ts';
import { type ColorInfo, type ColorMode, fillColors } from './coloring.ts';
import { BondLegend, Legend, MissingNotice } from './legend.tsx';
import { DEFAULT_STYLE, ParticleScene } from './scene.ts';

export type { ColorMode } from './coloring.ts';

export interface ParticleViewProps {
  dim: 2 | 3;
  box: number[]; // side lengths, periodic box [0, L)
  diameters: Float64Array; // d_i, sizes the discs/spheres (radius d_i/2)
  species: Uint8Array; // 0/1 for Kob–Andersen, all 0 otherwise
  positions: Float32Array | Float64Array; // N·D current positions (wrapped for display)
  reference?: Float32Array | Float64Array; // N·D initial positions r(0), for displacement colouring and arrows
  colorMode: ColorMode;
  values?: ArrayLike<number>; // per-particle scalar for the mode: φ_i (defects), D²min_i, |v_i| (speed)
  range?: [number, number] | null; // colour range for continuous modes; null/undefined = auto (2nd–98th percentile)
  onAutoRange?: (r: [number, number]) => void; // the auto range used (for the parent's range inputs)
  arrows?: { show: boolean; magnification: number }; // displacement arrows r(0) → r(0) + M·Δr, minimum image
  /** Where the arrows end instead of `positions` (a normal mode's field drawn at rest while the particles move). */
  arrowTips?: ArrayLike<number>;
  /** The legend's name for `values` instead of the colour mode's (a normal mode's |e_i|). */
  valueLabel?: string;
  large?: boolean; // lecture mode: thicker lines, bigger legend type
  /** What an empty mode says instead of its default notice (e.g. why a stopped run has no defects). */
  missingMessage?: string;
  /** A line under the legend's scale. */
  legendNote?: string;
  // ---- optional extras ----
  /** Log colour scale (d2min, speed; values ≤ 0 get the lowest colour). */
  logScale?: boolean;
  /** Bump when positions/values/diameters were changed in place (same array objects). */
  revision?: number;
  /** Clear colour of the canvas (CSS colour). */
  background?: string;
  /** Called after each frame with the CPU time renderer.render() took, in ms. */
  onRender?: (ms: number) => void;
  className?: string;
  style?: CSSProperties;
  /** Pairs drawn as bonds coloured by a pair value over its 2nd–98th percentile (./bonds.ts: κ_ij of 004 Fig. 2). */
  bonds?: BondSet | null;
}

const MEASURED_MODES: ReadonlySet<ColorMode> = new Set(['d2min', 'displacement', 'speed']);

function sameInfo(a: ColorInfo | null, b: ColorInfo | null): boolean {
  if (!a || !b || a.kind !== b.kind || a.label !== b.label) return a === b;
  if (a.kind === 'continuous' && b.kind === 'continuous') return a.table === b.table && a.log === b.log && a.auto === b.auto && sameRange(a.range, b.range, 1e-4);
  if (a.kind === 'categorical' && b.kind === 'categorical') return a.categories.map((c) => c.label + c.color).join() === b.categories.map((c) => c.label + c.color).join();
  if (a.kind === 'missing' && b.kind === 'missing') return a.message === b.message;
  return false;
}

export function ParticleView(props: ParticleViewProps) {
  const { dim, box, diameters, species, positions, reference, colorMode, values, range, arrows, large = false, logScale = false, revision = 0 } = props;
  const hostRef = useRef<HTMLDivElement>(null);
  const [scene, setScene] = useState<ParticleScene | null>(null);
  const [glError, setGlError] = useState<string | null>(null);
  const [info, setInfo] = useState<ColorInfo | null>(null);
  const onAutoRange = useRef(props.onAutoRange);
  onAutoRange.current = props.onAutoRange;
  const onRender = useRef(props.onRender);
  onRender.current = props.onRender;
  const reported = useRef<{ mode: ColorMode; log: boolean; range: [number, number] } | null>(null);

  // One scene (renderer, camera, controls, canvas) per dimension; everything is disposed on unmount.
  useEffect(() => {
    const host = hostRef.current!;
    const canvas = document.createElement('canvas');
    canvas.setAttribute('data-testid', 'particles');
    Object.assign(canvas.style, { display: 'block', width: '100%', height: '100%', touchAction: 'none', outline: 'none' });
    host.prepend(canvas);
    let s: ParticleScene;
    try {
      s = new ParticleScene(canvas, dim);
    } catch (e) {
      setGlError(`WebGL is not available: ${e instanceof Error ? e.message : String(e)}`);
      return () => canvas.remove();
    }
    setGlError(null);
    s.onRender = (ms) => onRender.current?.(ms);
    const fit = () => s.resize(host.clientWidth || 300, host.clientHeight || 300);
    fit();
    let ro: ResizeObserver | null = null;
    if (typeof ResizeObserver !== 'undefined') {
      ro = new ResizeObserver(fit);
      ro.observe(host);
    } else window.addEventListener('resize', fit);
    setScene(s);
    return () => {
      ro?.disconnect();
      window.removeEventListener('resize', fit);
      s.dispose();
      canvas.remove();
      setScene(null);
    };
  }, [dim]);

  const boxKey = box.join(',');
  useEffect(() => {
    scene?.setBox(box);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [scene, boxKey]);

  useEffect(() => {
    scene?.setStyle({ large, background: props.background ?? DEFAULT_STYLE.background });
  }, [scene, large, props.background]);

  // Positions / diameters → instance matrices only.
  useEffect(() => {
    scene?.setParticles(positions, diameters);
  }, [scene, positions, diameters, boxKey, revision]);

  // Colour inputs → instance colours only (displacement colouring also follows the positions).
  const rangeKey = range ? `${range[0]},${range[1]}` : '';
  const posForColor = colorMode === 'displacement' ? positions : null;
  const refForColor = colorMode === 'displacement' ? reference : null;
  useEffect(() => {
    if (!scene) return;
    const N = diameters.length;
    const out = scene.colorBuffer(N);
    const res = fillColors(out, { dim, box, diameters, species, positions, reference, colorMode, values, range, logScale, label: props.valueLabel });
    scene.commitColors();
    setInfo((prev) => (sameInfo(prev, res) ? prev : res));
    // report an auto range once per (mode, scale, range), so that the parent's range inputs can follow it
    const last = reported.current;
    if (res.kind === 'continuous' && res.auto && MEASURED_MODES.has(colorMode) && !(last && last.mode === colorMode && last.log === res.log && sameRange(last.range, res.range, 1e-4))) {
      reported.current = { mode: colorMode, log: res.log, range: res.range };
      onAutoRange.current?.([res.range[0], res.range[1]]);
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [scene, colorMode, values, rangeKey, logScale, species, diameters, posForColor, refForColor, boxKey, revision, props.valueLabel]);

  // Arrows r(0) → r(0) + M·Δr.
  const showArrows = !!arrows?.show && !!reference && reference.length >= diameters.length * dim;
  const magnification = arrows?.magnification ?? 1;
  const arrowTips = props.arrowTips;
  useEffect(() => {
    if (!scene) return;
    scene.setArrows(showArrows ? { reference: reference!, positions: arrowTips ?? positions, diameters, magnification } : null);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [scene, showArrows, magnification, reference, arrowTips ?? positions, diameters, boxKey, arrowTips ? 0 : revision]);

  // Bonds between pairs (κ_ij), following the drawn positions.
  const bonds = props.bonds ?? null;
  const [bondLayer, setBondLayer] = useState<BondLayer | null>(null);
  useEffect(() => {
    if (!scene || !bonds) return;
    const layer = new BondLayer();
    scene.addOverlay(layer.object);
    setBondLayer(layer);
    return () => { scene.removeOverlay(layer.object); layer.dispose(); setBondLayer(null); };
  }, [scene, bonds]);
  const bondColorRange = useMemo(() => (bonds ? bondRange(bonds.values) : null), [bonds]);
  useEffect(() => {
    if (!scene || !bondLayer || !bonds || !bondColorRange) return;
    bondLayer.update(positions, box, dim, bonds, bondColorRange);
    scene.requestRender();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [scene, bondLayer, bonds, bondColorRange, positions, boxKey, dim, revision]);

  const arrowsWanted = !!arrows?.show && !showArrows;
  return (
    <div
      ref={hostRef}
      className={props.className}
      data-testid="particles-view"
      style={{ position: 'relative', width: '100%', height: '100%', minHeight: 200, overflow: 'hidden', background: props.background ?? DEFAULT_STYLE.background, ...props.style }}
    >
      <Legend info={info} large={large} note={props.legendNote} />
      {bonds && bondColorRange ? <BondLegend range={bondColorRange} large={large} /> : null}
      {info?.kind === 'missing' ? <MissingNotice message={props.missingMessage ?? info.message} large={large} /> : null}
      {arrowsWanted && info?.kind !== 'missing' ? <MissingNotice message="arrows need the initial configuration r(0)" large={large} /> : null}
      {glError ? <MissingNotice message={glError} large={large} /> : null}
    </div>
  );
}
