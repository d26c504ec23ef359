// Text with powers written as carets ("W ∝ t^−1.7", "x_cut^EQ") shown as superscripts, so no card reads a literal caret.
import { Fragment } from 'react';

/** Splits text at each ^power (a minus sign, digits, letters, a point): [text, power, text, power, …, text]. */
export function splitPowers(text: string): string[] {
  return text.split(/\^([−-]?[\p{L}\d.]*[\p{L}\d])/u);
}

export function SuperscriptPowers({ text }: { text: string }) {
  const parts = splitPowers(text);
  return <>{parts.map((s, k) => (k % 2 === 1 ? <sup key={k}>{s}</sup> : <Fragment key={k}>{s}</Fragment>))}</>;
}
