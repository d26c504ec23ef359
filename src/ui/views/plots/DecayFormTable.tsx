// Under a temperature sweep: at each T, whether ⟨|v|⟩ decays as a power law or exponentially over the window, and the
// bracket on T_SF this gives (000 Fig. 1; src/physics/analysis/decayForm.ts).
import type { SweepPoint } from '../../../engine/lab/protocol.ts';
import { decayFormTest, stateFollowingBracket, type DecayFormTest } from '../../../physics/analysis/decayForm.ts';

export function DecayFormTable({ points, window }: { points: readonly SweepPoint[]; window: { tMin: number; tMax: number } }) {
  const rows = [...points].sort((a, b) => b.temperature - a.temperature).map((p) => {
    let test: DecayFormTest | string;
    try { test = decayFormTest(p.t, p.meanSpeed, window); } catch (e) { test = (e as Error).message; }
    return { temperature: p.temperature, test };
  });
  const decided = rows.flatMap((r) => (typeof r.test === 'string' ? [] : [{ temperature: r.temperature, form: r.test.form }]));
  const bracket = stateFollowingBracket(decided);
  return (
    <div className="decay-forms" data-testid="decay-forms">
      <table>
        <caption>power law or exponential over t ∈ [{window.tMin}, {window.tMax}] (RMS residual of ln⟨|v|⟩ about each line)</caption>
        <thead><tr><th>T</th><th>decay</th><th>power law: β, residual</th><th>exponential: 1/τ, residual</th></tr></thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.temperature} data-testid="decay-form-row">
              <td>{Number.isFinite(r.temperature) ? r.temperature : '∞'}</td>
              {typeof r.test === 'string' ? <td colSpan={3}>{r.test}</td> : (
                <>
                  <td>{r.test.form}</td>
                  <td>{r.test.beta.toFixed(3)}, {r.test.powerLawResidual.toExponential(1)}</td>
                  <td>{r.test.rate.toPrecision(3)}, {r.test.exponentialResidual.toExponential(1)}</td>
                </>
              )}
            </tr>
          ))}
        </tbody>
      </table>
      <p data-testid="tsf-bracket">{bracket ? `T_SF between ${bracket[0]} and ${bracket[1]}` : 'no single crossover from exponential (low T) to power law (high T) in these temperatures'}</p>
    </div>
  );
}
