"""Times scipy.sparse.linalg.eigsh on a Matrix Market Hessian: the lowest k + D eigenvalues (the D translations are zeros
of H, dropped here), once with which='SA' (ARPACK implicit restart on H itself, the method GlassLab's Lanczos matches) and
once in shift-invert mode about sigma < 0 (sparse LU of H - sigma I, then the largest of (H - sigma I)^-1).
Usage: python3 eigshPeer.py FILE k D [skip-sa]  -> one JSON line."""
import json
import sys
import time

import scipy.io
import scipy.sparse.linalg as sla

path, k, dim = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
H = scipy.io.mmread(path).tocsr()
out = {"rows": H.shape[0], "nnz": int(H.nnz)}
if len(sys.argv) < 5:
    t0, c0 = time.perf_counter(), time.process_time()
    vals = sla.eigsh(H, k=k + dim, which="SA", return_eigenvectors=False)
    out["saSeconds"], out["saCpu"] = time.perf_counter() - t0, time.process_time() - c0
    out["sa"] = sorted(float(v) for v in vals)[dim:]
t0, c0 = time.perf_counter(), time.process_time()
vals = sla.eigsh(H, k=k + dim, sigma=-1e-3, which="LM", return_eigenvectors=False)
out["shiftInvertSeconds"], out["shiftInvertCpu"] = time.perf_counter() - t0, time.process_time() - c0
out["shiftInvert"] = sorted(float(v) for v in vals)[dim:]
print(json.dumps(out))
