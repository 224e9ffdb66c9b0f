#!/usr/bin/env python3
"""Solves the non-negative MinT problems written by NonnegativeReconciliationTests (with
MIZAN_WRITE_QP=1) with the peer kit's QP solver, Clarabel through qpsolvers, and writes the
solutions as test fixtures. The primal problem: min ½ bᵀHb − cᵀb, b ≥ 0, with H = G⁻¹ and
c = H b* (G = (SᵀW⁻¹S)⁻¹ and the unconstrained solution b* come from Mizan's structured solver).

    ../shared/peers/.venv/bin/python scripts/peer_nonnegative_qp.py
"""
import os
import numpy as np
import qpsolvers

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
for name in ["tourism", "declining-panel"]:
    src = f"/tmp/mizan-qp/{name}"
    G = np.loadtxt(os.path.join(src, "G.csv"), delimiter=",")
    rows = np.atleast_2d(np.loadtxt(os.path.join(src, "bstar.csv"), delimiter=","))
    H = np.linalg.inv(G)
    H = (H + H.T) / 2
    out = ["column,bottom,value"]
    for row in rows:
        col, bstar = int(row[0]), row[1:]
        scale = np.abs(bstar).max()
        # Scaled to unit size so Clarabel's absolute tolerances mean relative ones.
        c = H @ (bstar / scale)
        b = qpsolvers.solve_qp(H, -c, lb=np.zeros(len(bstar)), solver="clarabel",
                               tol_gap_abs=1e-12, tol_gap_rel=1e-12, tol_feas=1e-12, max_iter=500)
        b = np.maximum(b, 0) * scale
        # Polish, as OSQP does: an interior-point solution leaves the bottoms it holds at zero
        # slightly positive; re-solve exactly with those held (the dual system on the held set),
        # and keep the polished solution when it is feasible and optimal.
        best, objective = b, 0.5 * b @ H @ b - (c * scale) @ b
        for threshold in [1e-8, 1e-7, 1e-6, 1e-5, 1e-4]:
            held = np.where(b <= threshold * scale)[0]
            if not len(held):
                continue
            lam = np.linalg.solve(G[np.ix_(held, held)], -bstar[held])
            polished = bstar + G[:, held] @ lam
            polished[held] = 0
            if lam.min() >= 0 and polished.min() >= -1e-9 * scale:
                polished = np.maximum(polished, 0)
                value = 0.5 * polished @ H @ polished - (c * scale) @ polished
                if value <= objective:
                    best, objective = polished, value
        b = best
        out += [f"{col},{j},{v:.12g}" for j, v in enumerate(b)]
    path = os.path.join(ROOT, "Tests", "ForecastingTests", "Fixtures", f"qp_{name}.csv")
    open(path, "w").write("\n".join(out) + "\n")
    print(f"{name}: {len(rows)} columns with negatives → {path}")
