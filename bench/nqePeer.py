"""Peer for bench/nonlinear.ts: the quartic and cubic modes with scipy's nonlinear CG (scipy.optimize.minimize, method='CG')
on the same pairs (separations x_ij and coefficients A1..A4 written by the bench), from the same psi, with the contractions
written here in numpy; and scipy.sparse.linalg.cg solving H x = b on the same Hessian (Matrix Market) as a reference for
the cost of one CG step. E4 = (M:zz)^2 / U4::zzzz and E3 = (M:zz)^3 / (U3:zzz)^2 are degree 0, so no normalization is needed.
Usage: python3 nqePeer.py DIR -> one JSON line."""
import json
import sys
import time

import numpy as np
import scipy.io
import scipy.optimize as so
import scipy.sparse.linalg as sla

d = sys.argv[1]
meta = json.load(open(f"{d}/meta.json"))
n, dim, tol = meta["n"], meta["dim"], meta["tolerance"]
first = np.fromfile(f"{d}/first.bin", dtype=np.int32)
second = np.fromfile(f"{d}/second.bin", dtype=np.int32)
x = np.fromfile(f"{d}/sep.bin").reshape(-1, dim)
A = np.fromfile(f"{d}/coef.bin").reshape(-1, 4)
psi = np.fromfile(f"{d}/psi.bin")
a1, a2, a3, a4 = A.T


def project(v):
    v = v.reshape(n, dim)
    return (v - v.mean(axis=0)).ravel()


def fields(z):
    z = z.reshape(n, dim)
    w = z[second] - z[first]
    p = np.einsum("ij,ij->i", x, w)
    b = np.einsum("ij,ij->i", w, w)
    M = np.sum(a2 * p * p + a1 * b)
    U3 = np.sum(p * (a3 * p * p + 3 * a2 * b))
    U4 = np.sum(a4 * p**4 + 6 * a3 * p * p * b + 3 * a2 * b * b)
    out = []
    for cx, cw in ((a2 * p, a1), (a3 * p * p + a2 * b, 2 * a2 * p), (p * (a4 * p * p + 3 * a3 * b), 3 * a3 * p * p + 3 * a2 * b)):
        g = cx[:, None] * x + cw[:, None] * w
        f = np.zeros((n, dim))
        np.add.at(f, second, g)
        np.add.at(f, first, -g)
        out.append(f.ravel())
    return M, U3, U4, out  # M.z, U3:zz, U4:.zzz


def cost(order):
    def f(y):
        z = project(y)
        M, U3, U4, (mz, tz, uz) = fields(z)
        if order == "quartic":
            return M * M / U4, project(4 * M * mz / U4 - 4 * M * M * uz / U4**2)
        return M**3 / U3**2, project(6 * M * M * mz / U3**2 - 6 * M**3 * tz / U3**3)
    return f


def summary(order, y, seconds, cpu, res):
    z = project(y)
    z /= np.linalg.norm(z)
    M, U3, U4, (mz, tz, uz) = fields(z)
    r = mz - (M / U4) * uz if order == "quartic" else mz - (M / U3) * tz
    s = (z.reshape(n, dim) ** 2).sum(axis=1)
    return z, {"kappa": M, "tau": -abs(U3), "chi": U4, "e": s.sum() ** 2 / (n * (s * s).sum()), "residual": float(np.linalg.norm(r) / np.linalg.norm(mz)),
               "iterations": int(res.nit), "evaluations": int(res.nfev), "seconds": seconds, "cpu": cpu}


out = {}
start = psi
for order in ("quartic", "cubic"):
    f = cost(order)
    g0 = np.linalg.norm(f(start)[1])
    t0, c0 = time.perf_counter(), time.process_time()
    res = so.minimize(f, start, jac=True, method="CG", options={"gtol": tol * g0, "maxiter": 20000})
    z, out[order] = summary(order, res.x, time.perf_counter() - t0, time.process_time() - c0, res)
    z.tofile(f"{d}/{order}_peer.bin")
    start = z
H = scipy.io.mmread(f"{d}/H.mtx").tocsr()
rng = np.random.default_rng(1)
b = project(rng.standard_normal(n * dim))
t0, c0 = time.perf_counter(), time.process_time()
steps = [0]
count = lambda _: steps.__setitem__(0, steps[0] + 1)  # noqa: E731
try:
    xsol, info = sla.cg(H, b, rtol=1e-8, maxiter=100000, callback=count)
except TypeError:  # scipy < 1.12 names it tol
    xsol, info = sla.cg(H, b, tol=1e-8, maxiter=100000, callback=count)
out["sparseCg"] = {"steps": steps[0], "info": int(info), "seconds": time.perf_counter() - t0, "cpu": time.process_time() - c0, "rows": H.shape[0], "nnz": int(H.nnz)}
print(json.dumps(out))
