// The minimizer comparison (001 SM IV A): distance between the inherent structures each algorithm reached from the same
// start, sqrt((1/N) Σ|r_i^A − r_i^B|²), and the final E/N of each.
import { algorithmLabel, formatDistance, formatEnergy } from './tableFormat.ts';
import './plots.css';

export interface DistanceTableProps {
  algorithms: string[];
  /** distances[a][b] in the row/column order of `algorithms`. */
  distances: number[][];
  energyPerParticle: number[];
  large?: boolean;
  caption?: string;
}

export function DistanceTable({ algorithms, distances, energyPerParticle, large = false, caption }: DistanceTableProps) {
  return (
    <table className={`gl-distance-table${large ? ' gl-large' : ''}`} data-testid="distance-table">
      <caption>{caption ?? 'distance between inherent structures (d̄) and final E/N'}</caption>
      <thead>
        <tr>
          <th scope="col" />
          {algorithms.map((a) => <th key={a} scope="col">{algorithmLabel(a)}</th>)}
          <th scope="col" className="gl-energy">E/N</th>
        </tr>
      </thead>
      <tbody>
        {algorithms.map((a, i) => (
          <tr key={a}>
            <th scope="row">{algorithmLabel(a)}</th>
            {algorithms.map((b, j) => (
              <td key={b} className={i === j ? 'gl-diagonal' : undefined}>{i === j ? '—' : formatDistance(distances[i]?.[j] ?? NaN)}</td>
            ))}
            <td className="gl-energy">{formatEnergy(energyPerParticle[i] ?? NaN)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
