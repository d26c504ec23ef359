// The elastic analysis of the soft-spot source (004): G with its Born and non-affine parts, the dipole stiffness κ_ij over the
// measured pairs (mean, median, count), the κ_ij bonds toggle and where the κ_i colour mode is. Shown in the Soft spots
// section and (G, κ only) in the run facts (ElasticRunFacts).
import { useLandscapeSettingsStore } from '../../state/landscapeSettingsStore.ts';
import { useSoftSpotStore } from '../../state/softSpotStore.ts';

export function ElasticFacts() {
  const s = useSoftSpotStore();
  const r = s.elastic.result;
  if (!r) return null;
  return (
    <div className="softspot-elastic">
      <dl className="facts landscape-facts" data-testid="softspot-elastic-facts">
        <dt>G</dt><dd data-testid="softspot-g">{r.shearModulus.toPrecision(4)} = {r.born.toPrecision(4)} (Born) − {r.nonaffine.toPrecision(4)} (non-affine)</dd>
        <dt>κ<sub>ij</sub></dt><dd data-testid="softspot-kappa">mean {r.dipole.mean.toPrecision(4)}, median {r.dipole.median.toPrecision(4)} over {r.dipole.count} pairs</dd>
        <dt>max |f<sub>i</sub>|</dt><dd>{r.maxForce.toExponential(1)}; {r.rattlers} rattlers left out; {r.seconds.toFixed(1)} s</dd>
      </dl>
      <label title="the measured pairs drawn as bonds coloured by κ_ij (004 Fig. 2)">
        <input type="checkbox" data-testid="softspot-bonds" checked={s.bonds} onChange={(e) => { s.set({ bonds: e.target.checked }); useLandscapeSettingsStore.getState().set({ softSpotBonds: e.target.checked }); }} /> bonds coloured by κ<sub>ij</sub>
      </label>
      <p className="field-hint">Colour the particles by κ<sub>i</sub> (the mean κ<sub>ij</sub> of each particle's pairs): colour mode “local stiffness κ<sub>i</sub>”.</p>
    </div>
  );
}

/** G and κ for the run facts, when the elastic analysis belongs to this run. */
export function ElasticRunFacts({ runId }: { runId: string | null }) {
  const r = useSoftSpotStore((s) => (s.source && s.source.runId === runId ? s.elastic.result : null));
  if (!r) return null;
  return (
    <>
      <dt>G</dt><dd data-testid="run-facts-g">{r.shearModulus.toPrecision(4)} (Born {r.born.toPrecision(4)} − non-affine {r.nonaffine.toPrecision(4)})</dd>
      <dt>κ<sub>ij</sub></dt><dd data-testid="run-facts-kappa">mean {r.dipole.mean.toPrecision(4)}, median {r.dipole.median.toPrecision(4)} ({r.dipole.count} pairs)</dd>
    </>
  );
}
