"""Times scipy.sparse.linalg.eigsh on a Matrix Market Hessian: the lowest k + Z eigenvalues (Z known zeros of H: the D
translations and D per left-out rattler, dropped here), once with which='SA' (ARPACK implicit restart on H itself, the method GlassLab's Lanczos matches) and
once in shift-invert mode about sigma < 0 (sparse LU of H - sigma I, then the largest of (H - sigma I)^-1).
Usage: python3 eigshPeer.py FILE k Z [sa|skip-sa] [si|skip-si]  -> one JSON line."""
import json
import sys
import time

import scipy.io
import scipy.sparse.linalg as sla

path, k, zeros = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
H = scipy.io.mmread(path).tocsr()
out = {"rows": H.shape[0], "nnz": int(H.nnz)}
flags = sys.argv[4:]
if "skip-sa" not in flags:
    t0, c0 = time.perf_counter(), time.process_time()
    vals = sla.eigsh(H, k=k + zeros, which="SA", return_eigenvectors=False)
    out["saSeconds"], out["saCpu"] = time.perf_counter() - t0, time.process_time() - c0
    out["sa"] = sorted(float(v) for v in vals)[zeros:]
if "skip-si" not in flags:
    t0, c0 = time.perf_counter(), time.process_time()
    vals = sla.eigsh(H, k=k + zeros, sigma=-1e-3, which="LM", return_eigenvectors=False)
    out["shiftInvertSeconds"], out["shiftInvertCpu"] = time.perf_counter() - t0, time.process_time() - c0
    out["shiftInvert"] = sorted(float(v) for v in vals)[zeros:]
print(json.dumps(out))
