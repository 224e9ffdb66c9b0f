#!/usr/bin/env python3
"""Peer check of `mizan profile-risk`: the same features built in pandas from the registry, and
statsmodels' Logit (Newton, unpenalised) on the spells registered up to 2021 with a known outcome.

Writes Tests/ProfilingTests/Fixtures/statsmodels_logit.csv  (term,coef,se)  which the Profiling
tests compare with Mizan's LogitRiskModel at penalty 0 (to 1e-6). The feature definitions here are
written from Sources/Profiling/README.md independently of the Swift encoder, so the check covers
the encoding as well as the fit.

Also the benchmark's peers (`--bench FILE --train-until Y`): statsmodels Logit and scikit-learn
LogisticRegression fitted on the same features, then every later spell scored; prints one JSON
timing line per peer.

Usage: ../shared/peers/.venv/bin/python scripts/peer_profile_logit.py [--bench registry.csv --train-until 2021]
"""
import argparse, json, os, time
import numpy as np
import pandas as pd

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def features(r, reference_region):
    age, edu = r["age"].to_numpy(float), r["education_isced"].to_numpy(float)
    X = pd.DataFrame({
        "age_15_24": ((age >= 15) & (age <= 24)).astype(float),
        "age_35_44": ((age >= 35) & (age <= 44)).astype(float),
        "age_45_plus": (age >= 45).astype(float),
        "education_isced_2_4": ((edu >= 2) & (edu <= 4)).astype(float),
        "education_isced_5_plus": (edu >= 5).astype(float),
        "log1p_months_unemployed_before": np.log1p(r["months_unemployed_before"].to_numpy(float)),
        "prior_spells_capped_5": np.minimum(r["prior_spells"].to_numpy(float), 5),
        "returnee": r["returnee"].to_numpy(float),
        "log1p_months_abroad": np.log1p(r["months_abroad"].to_numpy(float)),
        "languages": r["languages"].fillna("").map(lambda s: len([t for t in s.replace("|", ";").replace(" ", ";").replace("/", ";").split(";") if t])).astype(float),
    })
    for code in sorted(set(r["region"]) - {reference_region}):
        X["region_" + code] = (r["region"] == code).astype(float).to_numpy()
    return X


def reference(r):
    counts = r["region"].value_counts()
    return sorted(counts.index, key=lambda c: (-counts[c], c))[0]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bench")
    ap.add_argument("--train-until", type=int, default=2021)
    a = ap.parse_args()
    import statsmodels.api as sm
    if a.bench:
        t0 = time.perf_counter()
        r = pd.read_csv(a.bench, dtype={"id": str, "isco_sought": str, "region": str})
        t_read = time.perf_counter()
        train = r[(r["year"] <= a.train_until) & r["ltu_12m"].notna()]
        later = r[r["year"] > a.train_until]
        ref = reference(train)
        Xt, Xl = sm.add_constant(features(train, ref)), sm.add_constant(features(later, ref), has_constant="add")
        y = train["ltu_12m"].to_numpy(float)
        t1 = time.perf_counter()
        fit = sm.Logit(y, Xt).fit(disp=0, method="newton", tol=1e-10)
        p = fit.predict(Xl)
        t2 = time.perf_counter()
        print(json.dumps({"peer": "statsmodels Logit", "read_s": t_read - t0, "features_s": t1 - t_read, "fit_score_s": t2 - t1, "total_s": t2 - t0, "mean_p": float(np.mean(p))}))
        from sklearn.linear_model import LogisticRegression
        t3 = time.perf_counter()
        m = LogisticRegression(C=np.inf, tol=1e-8, max_iter=1000).fit(Xt.iloc[:, 1:].to_numpy(), y)
        p2 = m.predict_proba(Xl.iloc[:, 1:].to_numpy())[:, 1]
        t4 = time.perf_counter()
        print(json.dumps({"peer": "scikit-learn LogisticRegression", "fit_score_s": t4 - t3, "total_s": (t_read - t0) + (t1 - t_read) + (t4 - t3), "mean_p": float(np.mean(p2))}))
        return
    r = pd.read_csv(os.path.join(ROOT, "Datasets", "morocco", "registry.csv"), dtype={"id": str, "isco_sought": str})
    train = r[(r["year"] <= 2021) & r["ltu_12m"].notna()].reset_index(drop=True)
    X = sm.add_constant(features(train, reference(train)))
    fit = sm.Logit(train["ltu_12m"].to_numpy(float), X).fit(disp=0, method="newton", tol=1e-12, maxiter=100)
    out = os.path.join(ROOT, "Tests", "ProfilingTests", "Fixtures", "statsmodels_logit.csv")
    os.makedirs(os.path.dirname(out), exist_ok=True)
    names = ["intercept"] + list(X.columns[1:])
    with open(out, "w") as f:
        f.write("term,coef,se\n")
        for n, c, s in zip(names, fit.params.to_numpy(), fit.bse.to_numpy()):
            f.write(f"{n},{float(c)!r},{float(s)!r}\n")
    print(f"wrote {out} ({len(names)} terms, {len(train)} spells)")


if __name__ == "__main__":
    main()
