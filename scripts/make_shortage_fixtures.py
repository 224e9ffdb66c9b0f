#!/usr/bin/env python3
"""Reference fit for Mizan's penalised logistic regression (Tests/ShortageTests/Fixtures).

scikit-learn's LogisticRegression (l2 penalty, C = 1/λ, lbfgs, unpenalised intercept, tight
tolerance) on a fixed synthetic data set: 300 labelled cells with four standardised indicators.
Writes logit_data.csv (x1..x4,y) and logit_sklearn.csv (lambda,intercept,b1..b4).

Usage: ../shared/peers/.venv/bin/python scripts/make_shortage_fixtures.py
"""
import os
import numpy as np
from sklearn.linear_model import LogisticRegression

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "Tests", "ShortageTests", "Fixtures")
os.makedirs(OUT, exist_ok=True)
rng = np.random.default_rng(20251123)
X = rng.standard_normal((300, 4))
logit = -0.8 + X @ np.array([1.2, 0.6, -0.4, 0.0])
y = (rng.random(300) < 1 / (1 + np.exp(-logit))).astype(int)
with open(os.path.join(OUT, "logit_data.csv"), "w") as f:
    f.write("x1,x2,x3,x4,y\n")
    for row, label in zip(X, y):
        f.write(",".join(f"{v:.17g}" for v in row) + f",{label}\n")
with open(os.path.join(OUT, "logit_sklearn.csv"), "w") as f:
    f.write("lambda,intercept,b1,b2,b3,b4\n")
    for lam in (0.1, 1.0, 10.0):
        m = LogisticRegression(C=1 / lam, tol=1e-14, max_iter=100000).fit(X, y)
        f.write(",".join(f"{v:.17g}" for v in [lam, m.intercept_[0], *m.coef_[0]]) + "\n")
print("written", OUT)
