"""scipy.sparse.linalg.cg on the same Hessian (Matrix Market) and right-hand sides as GlassLab's elastic solver: the
non-affine terms Xi.M+.Xi of the shear planes and the dipole stiffnesses kappa = (d.z)/(z.z), M z = d (004 App. A).
Right-hand sides are raw float64 files (N*D values each); rattler rows of H are zero and the right-hand sides vanish there,
so CG from 0 stays in the range of H (translations removed by projecting each solution).
Usage: python3 elasticPeer.py H.mtx DIM TOL MASK.bin kind:file [kind:file ...] -> one JSON line."""
import json
import sys
import time

import numpy as np
import scipy.io
import scipy.sparse.linalg as sla

path, dim, tol, mask_path = sys.argv[1], int(sys.argv[2]), float(sys.argv[3]), sys.argv[4]
H = scipy.io.mmread(path).tocsr()
kept = np.fromfile(mask_path, dtype=np.uint8) == 0
out = {"rows": H.shape[0], "nnz": int(H.nnz), "results": []}


def project(v):
    w = v.reshape(-1, dim).copy()
    w[~kept] = 0
    w[kept] -= w[kept].mean(axis=0)
    return w.ravel()


for item in sys.argv[5:]:
    kind, f = item.split(":", 1)
    b = project(np.fromfile(f, dtype=np.float64))
    iterations = [0]

    def count(_x):
        iterations[0] += 1

    t0, c0 = time.perf_counter(), time.process_time()
    z, info = sla.cg(H, b, tol=tol, atol=0.0, maxiter=20 * H.shape[0], callback=count)
    seconds, cpu = time.perf_counter() - t0, time.process_time() - c0
    z = project(z)
    value = float(b @ z) if kind == "xi" else float((b @ z) / (z @ z))
    out["results"].append({"kind": kind, "value": value, "seconds": seconds, "cpu": cpu, "iterations": iterations[0], "info": int(info)})
print(json.dumps(out))
