// The landing page until the lab page lands: what GlassLab is and what already works (the headless engine).
import { MODELS, MODEL_NAMES } from '../physics/models.ts';

const steps = [
  ['Equilibrate', 'Swap Monte Carlo prepares equilibrium liquids down to deeply supercooled temperatures.'],
  ['Quench', 'Steepest descent, a dynamics in physical time, follows the system to its inherent structure; FIRE and conjugate gradient are there to compare.'],
  ['Watch the relaxation', 'The mean particle speed ⟨|v(t)|⟩ decays as a power law t^−β; the fitted β and the rearrangement defects tell how rugged the landscape is.'],
] as const;

export function About() {
  return (
    <main className="about">
      <header>
        <h1>GlassLab</h1>
        <p className="tagline">A lab for the energy landscape of glasses: equilibrate a glass-forming liquid, quench it, and watch how it relaxes.</p>
      </header>
      <section className="steps">
        {steps.map(([title, text]) => (
          <article key={title}>
            <h2>{title}</h2>
            <p>{text}</p>
          </article>
        ))}
      </section>
      <section>
        <h2>Models</h2>
        <ul data-testid="model-list">
          {MODEL_NAMES.map((name) => (
            <li key={name}>
              <code>{name}</code> — {MODELS[name].label}
            </li>
          ))}
        </ul>
      </section>
      <section>
        <h2>Available now: the float64 engine, headless</h2>
        <p>The interactive lab page is being built. The reference engine already runs every experiment from the command line:</p>
        <pre>{`npx glasslab equilibrate --model soft2d --n 1000 --temperature 0.8 --sweeps 1000 --seed 1 --out eq.xyz
npx glasslab quench --in eq.xyz --algorithm sd --t-max 100 --out is.xyz --json
npx glasslab ensemble --model harmonic2d --n 1000 --temperature inf --samples 20 --json`}</pre>
      </section>
    </main>
  );
}
