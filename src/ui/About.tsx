// What GlassLab is, under the lab: the three steps of the experiment, the models, and the same engine headless.
import { MODELS, MODEL_NAMES } from '../physics/models.ts';
import { SuperscriptPowers } from './controls/SuperscriptPowers.tsx';

const steps = [
  ['Equilibrate', 'Swap Monte Carlo prepares equilibrium liquids down to deeply supercooled temperatures.'],
  ['Quench', 'Steepest descent, a dynamics in physical time, follows the system to its inherent structure; FIRE and conjugate gradient are there to compare.'],
  ['Watch the relaxation', 'The mean particle speed ⟨|v(t)|⟩ decays as a power law t^−β; the fitted β and the rearrangement defects tell how rugged the landscape is.'],
] as const;

export function About() {
  return (
    <details className="about">
      <summary>About GlassLab, its models and the command line</summary>
      <section className="steps">
        {steps.map(([title, text]) => (
          <article key={title}>
            <h2>{title}</h2>
            <p><SuperscriptPowers text={text} /></p>
          </article>
        ))}
      </section>
      <h2>Models</h2>
      <ul data-testid="model-list">
        {MODEL_NAMES.map((name) => (
          <li key={name}><code>{name}</code> — {MODELS[name].label} ({MODELS[name].source})</li>
        ))}
      </ul>
      <h2>The same engines headless</h2>
      <pre>{`npx glasslab equilibrate --model soft2d --n 1000 --temperature 0.8 --sweeps 1000 --seed 1 --out eq.xyz
npx glasslab quench --in eq.xyz --algorithm sd --t-max 100 --engine auto --out is.xyz --json
npx glasslab ensemble --model harmonic2d --n 1000 --temperature inf --samples 20 --json`}</pre>
    </details>
  );
}
