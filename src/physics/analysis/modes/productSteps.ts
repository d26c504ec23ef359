// The Krylov solvers are written once for any Hessian product: a solver is a generator that yields each product H v it needs
// as a request {v, out} and is resumed once out holds H v. A driver answers the requests with the operator at hand — the
// float64 CPU product synchronously (runSteps), or an asynchronous one such as the GPU's (runStepsAsync, src/gpu/hessianProduct.ts).
import type { HessianOperator } from '../../hessian/pairHessian.ts';

export interface ProductRequest {
  readonly v: Float64Array;
  readonly out: Float64Array;
}

export type ProductSteps<T> = Generator<ProductRequest, T, void>;

/** An operator built from products of H (a filter polynomial p(H), −H, P H P …): out ← f(H) v, asking for each H v. */
export type SteppedOperator = (v: Float64Array, out: Float64Array) => ProductSteps<void>;

/** A Hessian product that completes later (the GPU's): resolves once out holds H v. */
export type AsyncHessianOperator = (v: Float64Array, out: Float64Array) => Promise<void>;

/** H itself: one request. */
export function* hessianSteps(v: Float64Array, out: Float64Array): ProductSteps<void> {
  yield { v, out };
}

/** Runs the solver to its end, answering every request with `apply` (synchronous). */
export function runSteps<T>(steps: ProductSteps<T>, apply: HessianOperator): T {
  for (let r = steps.next(); ; r = steps.next()) {
    if (r.done) return r.value;
    apply(r.value.v, r.value.out);
  }
}

/** Runs the solver to its end, awaiting `apply` for every request. */
export async function runStepsAsync<T>(steps: ProductSteps<T>, apply: AsyncHessianOperator): Promise<T> {
  for (let r = steps.next(); ; r = steps.next()) {
    if (r.done) return r.value;
    await apply(r.value.v, r.value.out);
  }
}
