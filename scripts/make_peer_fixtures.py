#!/usr/bin/env python3
"""Make the peer reference fixtures the Forecasting tests compare against.

Runs Nixtla statsforecast and hierarchicalforecast (the versions pinned in
../shared/peers/requirements.lock.txt) on the peer kit's *tiny* synthetic panel (3 regions × 30
real ISCO-08 unit groups × 12 years, made by ../shared/peers/gen_panel.py) and writes, under
Tests/ForecastingTests/Fixtures/:
  tiny_panel.csv            the input panel (synthetic, generated; not a copy of shared data)
  sf_forecasts.csv          unique_id,year,model,mean  (AutoETS, ETS_AAdN, Theta, RWD, Naive; h=5)
  hf_base.csv               unique_id,year,mean        AutoETS base forecasts on every node
  hf_residuals.csv          unique_id,year,residual    in-sample y − fitted of those models
  hf_reconciled.csv         unique_id,year,method,mean BottomUp and MinTrace ols/wls_struct/wls_var/mint_shrink
  sm_arima.csv              unique_id,p,q,loglik,loglik_exact_ar1,mean,ar1,ar2,ma1,ma2  statsmodels ARIMA
                            exact ML on the first differences of 20 series (ARMA(p,q) with a mean =
                            ARIMA(p,1,q) with drift), plus an independent exact AR(1) maximum
  small_panel.csv           the peer kit's *small* panel (4 regions × 100 unit groups × 15 years)
  sf_backtest.csv           model,horizon,MASE,sMAPE,n  peer (f), statsforecast cross_validation on it:
                            5 origins × h 5, AutoETS, ETS_AAdN, Theta, RWD, Naive (the accuracy
                            table of Benchmarks/RESULTS.md, asserted by BacktestPeerTests)

Usage: ../shared/peers/.venv/bin/python scripts/make_peer_fixtures.py [--backtest-only]
"""
import os, shutil, subprocess, sys, tempfile
import numpy as np
import pandas as pd

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PEERS = os.path.join(ROOT, "..", "shared", "peers")
OUT = os.path.join(ROOT, "Tests", "ForecastingTests", "Fixtures")

def exact_ar1_loglik(w):
    """Maximum of the exact Gaussian AR(1)-with-mean log-likelihood, by a tight Nelder–Mead on
    well-scaled parameters from three starts: an independent check where statsmodels' optimiser
    stops short (its parameters differ in scale by 10⁴)."""
    from scipy.optimize import minimize
    def negll(x):
        mu, phi = x[0] * w.std() + w.mean(), x[1]
        if abs(phi) >= 1:
            return 1e10
        n = len(w); u = w - mu
        s2 = ((1 - phi ** 2) * u[0] ** 2 + np.sum((u[1:] - phi * u[:-1]) ** 2)) / n
        return -(-n / 2 * np.log(2 * np.pi * s2) + 0.5 * np.log(1 - phi ** 2) - n / 2)
    return max(-minimize(negll, [0, s0], method="Nelder-Mead",
                         options={"xatol": 1e-12, "fatol": 1e-12, "maxiter": 20000}).fun for s0 in (-0.5, 0, 0.5))


def main():
    from statsforecast import StatsForecast
    from statsforecast.models import AutoETS, Naive, RandomWalkWithDrift, Theta
    from hierarchicalforecast.core import HierarchicalReconciliation
    from hierarchicalforecast.methods import BottomUp, MinTrace
    from hierarchicalforecast.utils import aggregate

    os.makedirs(OUT, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run([sys.executable, os.path.join(PEERS, "gen_panel.py"), "--size", "tiny", "--only", "panel",
                        "--out", tmp], check=True, capture_output=True)
        panel = pd.read_csv(os.path.join(tmp, "panel.csv"), dtype={"region": str, "isco": str})
    panel.to_csv(os.path.join(OUT, "tiny_panel.csv"), index=False)

    df = pd.DataFrame({"unique_id": panel["region"] + "/" + panel["isco"], "ds": panel["year"].astype("int64"),
                       "y": panel["employment"].astype("float64")})
    models = [AutoETS(season_length=1, model="ZZZ", alias="AutoETS"),
              AutoETS(season_length=1, model="AAN", damped=True, alias="ETS_AAdN"),
              Theta(season_length=1, alias="Theta"), RandomWalkWithDrift(alias="RWD"), Naive(alias="Naive")]
    fc = StatsForecast(models=models, freq=1).forecast(df=df, h=5)
    long = fc.melt(id_vars=["unique_id", "ds"], var_name="model", value_name="mean").rename(columns={"ds": "year"})
    long.sort_values(["unique_id", "model", "year"]).to_csv(os.path.join(OUT, "sf_forecasts.csv"), index=False, float_format="%.12g")

    hdf = pd.DataFrame({"nat": "NAT", "region": panel["region"], "isco1": panel["isco"].str[:1],
                        "isco2": panel["isco"].str[:2], "isco3": panel["isco"].str[:3], "isco4": panel["isco"],
                        "ds": panel["year"].astype("int64"), "y": panel["employment"].astype("float64")})
    geo = [["nat"], ["nat", "region"]]
    occ = [[], ["isco1"], ["isco1", "isco2"], ["isco1", "isco2", "isco3"], ["isco1", "isco2", "isco3", "isco4"]]
    Y_df, S_df, tags = aggregate(hdf, [g + o for g in geo for o in occ])
    sf = StatsForecast(models=[AutoETS(season_length=1, model="ZZZ", alias="AutoETS")], freq=1, fallback_model=Naive())
    Y_hat = sf.forecast(df=Y_df, h=5, fitted=True)
    Y_fit = sf.forecast_fitted_values()
    Y_hat[["unique_id", "ds", "AutoETS"]].rename(columns={"ds": "year", "AutoETS": "mean"}).to_csv(
        os.path.join(OUT, "hf_base.csv"), index=False, float_format="%.17g")
    res = pd.DataFrame({"unique_id": Y_fit["unique_id"], "year": Y_fit["ds"], "residual": Y_fit["y"] - Y_fit["AutoETS"]})
    res.to_csv(os.path.join(OUT, "hf_residuals.csv"), index=False, float_format="%.17g")
    parts = []
    for name, rec in [("bottom-up", BottomUp()), ("ols", MinTrace(method="ols")), ("wls-struct", MinTrace(method="wls_struct")),
                      ("wls-var", MinTrace(method="wls_var")), ("mint-shrink", MinTrace(method="mint_shrink"))]:
        r = HierarchicalReconciliation(reconcilers=[rec]).reconcile(Y_hat_df=Y_hat, S_df=S_df, tags=tags, Y_df=Y_fit)
        col = [c for c in r.columns if c.startswith("AutoETS/")][0]
        parts.append(pd.DataFrame({"unique_id": r["unique_id"], "year": r["ds"], "method": name, "mean": r[col]}))
    pd.concat(parts).to_csv(os.path.join(OUT, "hf_reconciled.csv"), index=False, float_format="%.17g")
    import warnings
    from statsmodels.tsa.arima.model import ARIMA as SMARIMA
    rows = []
    ids = sorted(df["unique_id"].unique())[:20]
    for uid in ids:
        y = df.loc[df.unique_id == uid, "y"].to_numpy()
        w = np.diff(y)
        for (p, q) in [(1, 0), (0, 1), (1, 1), (2, 0)]:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                # concentrate_scale: with σ² as a free parameter (scale ~1e6) the optimiser stops early.
                r = SMARIMA(w, order=(p, 0, q), trend="c", concentrate_scale=True).fit(method_kwargs={"maxiter": 2000})
            par = dict(zip(r.model.param_names, r.params))
            exact = exact_ar1_loglik(w) if (p, q) == (1, 0) else float("nan")
            rows.append({"unique_id": uid, "p": p, "q": q, "loglik": r.llf, "loglik_exact_ar1": exact, "mean": par["const"],
                         "ar1": par.get("ar.L1", 0.0), "ar2": par.get("ar.L2", 0.0),
                         "ma1": par.get("ma.L1", 0.0), "ma2": par.get("ma.L2", 0.0)})
    pd.DataFrame(rows).to_csv(os.path.join(OUT, "sm_arima.csv"), index=False, float_format="%.12g")
    backtest_fixtures()
    print("fixtures written to", OUT)


def backtest_fixtures():
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run([sys.executable, os.path.join(PEERS, "gen_panel.py"), "--size", "small", "--only", "panel",
                        "--out", tmp], check=True, capture_output=True)
        subprocess.run([sys.executable, "peer_rolling_backtest.py", "--data", tmp, "--out", os.path.join(tmp, "f"),
                        "--timings", ""], check=True, capture_output=True, cwd=PEERS)
        shutil.copyfile(os.path.join(tmp, "panel.csv"), os.path.join(OUT, "small_panel.csv"))   # the bytes the peer read
        pd.read_csv(os.path.join(tmp, "f", "metrics.csv")).to_csv(os.path.join(OUT, "sf_backtest.csv"), index=False,
                                                                   float_format="%.6f")

if __name__ == "__main__":
    backtest_fixtures() if sys.argv[1:] == ["--backtest-only"] else main()
