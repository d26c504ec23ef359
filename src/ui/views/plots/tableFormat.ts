// Numbers and names of the minimizer comparison table.

const ALGORITHM_LABELS: Record<string, string> = { sd: 'SD', fire: 'FIRE', cg: 'CG' };

/** 'sd' → 'SD', 'fire' → 'FIRE', 'cg' → 'CG'; anything else as given. */
export function algorithmLabel(name: string): string {
  return ALGORITHM_LABELS[name] ?? name;
}

/** An inherent-structure distance (units of d̄): three significant digits, "4.20 × 10⁻⁴" below 10⁻³, "0" for identical. */
export function formatDistance(d: number): string {
  if (!Number.isFinite(d)) return '—';
  if (d === 0) return '0';
  if (Math.abs(d) >= 1e-3) return d.toPrecision(3);
  const [mantissa, exponent] = d.toExponential(2).split('e');
  return `${mantissa} × 10${superscript(exponent)}`;
}

const SUPERSCRIPTS: Record<string, string> = { '-': '⁻', '+': '', '0': '⁰', '1': '¹', '2': '²', '3': '³', '4': '⁴', '5': '⁵', '6': '⁶', '7': '⁷', '8': '⁸', '9': '⁹' };

/** "-4" → "⁻⁴" */
export function superscript(text: string): string {
  return Array.from(text, (c) => SUPERSCRIPTS[c] ?? c).join('');
}

/** E/N to five decimals: the minimizers' inherent structures differ in the 3rd–5th. */
export function formatEnergy(e: number): string {
  return Number.isFinite(e) ? e.toFixed(5).replace('-', '−') : '—';
}
