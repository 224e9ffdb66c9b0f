#!/usr/bin/env python3
"""Writes Notebooks/*.ipynb (no outputs) from the cell sources below, so the notebooks are
reviewed as plain Python here and stay byte-stable. `scripts/run-notebooks.sh` executes them."""
import json, pathlib

SETUP = '''import os, pathlib, subprocess, tempfile
import pandas as pd
import matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt

ROOT = pathlib.Path(os.environ.get("MIZAN_ROOT", "..")).resolve()
MIZAN = os.environ.get("MIZAN_BIN") or next(str(ROOT / p) for p in (".build/release/mizan", ".build/debug/mizan") if (ROOT / p).exists())
SHARED = pathlib.Path(os.environ.get("MIZAN_SHARED", ROOT.parent / "shared"))
WORK = pathlib.Path(tempfile.mkdtemp(prefix="mizan-nb-"))

def mizan(*args):
    """Runs the mizan binary; a failure shows its diagnostics and stops the notebook."""
    r = subprocess.run([MIZAN, *map(str, args)], capture_output=True, text=True)
    if r.returncode != 0:
        raise RuntimeError(f"mizan {args[0]} exited {r.returncode}:\\n{r.stderr}")
    return r.stdout + r.stderr
print(MIZAN)'''

def nb(stem, cells):
    out = []
    for i, (kind, src) in enumerate(cells):
        c = {"cell_type": kind, "id": f"{stem}-{i:02d}", "metadata": {}, "source": src.strip("\n").splitlines(keepends=True)}
        if kind == "code":
            c.update(execution_count=None, outputs=[])
        out.append(c)
    return {"cells": out, "metadata": {"kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"},
                                       "language_info": {"name": "python"}},
            "nbformat": 4, "nbformat_minor": 5}

NOTEBOOKS = {
"01_forecast_and_backtest.ipynb": [
("markdown", """
# Forecasting and backtesting one measure

Employment by occupation (ISCO-08) × region × year, forecast five years ahead with prediction
intervals, reconciled so that the national total equals the sum of regions and of occupations
(MinT with shrinkage). Then the same models are backtested on rolling origins to see which one
to trust. To keep the notebook quick we work on one region (Rabat-Salé-Kénitra, MA-04) of the
bundled Morocco panel; the commands are the same for the full panel.
"""),
("code", SETUP),
("code", '''panel = pd.read_csv(ROOT / "Datasets/morocco/panel.csv")
region = panel[panel.region == "MA-04"]
region.to_csv(WORK / "ma04.csv", index=False)
print(f"{region.isco.nunique()} occupations, years {region.year.min()}–{region.year.max()}")
region.groupby("year").employment.sum().plot(title="Employment, Rabat-Salé-Kénitra", ylabel="persons");'''),
("markdown", "## Forecast with reconciliation"),
("code", '''print(mizan("forecast", "--panel", WORK / "ma04.csv", "--horizon", 5, "--reconcile", "mint-shrink",
            "--nonnegative", "--out", WORK / "forecast.csv"))
fc = pd.read_csv(WORK / "forecast.csv")
fc.head()'''),
("markdown", "Coherence: the region total must equal the sum of the occupations, year by year."),
("code", '''detail = fc[(fc.region == "MA-04") & (fc.isco.astype(str).str.len() == 4)].groupby("year")["mean"].sum()
total = fc[(fc.region == "MA-04") & (fc.isco == "TOTAL")].set_index("year")["mean"]
gap = (detail - total).abs().max()
print(f"largest incoherence: {gap:.6f} persons")
assert gap < 1e-3 * total.max()'''),
("code", '''hist = region.groupby("year").employment.sum()
t = fc[(fc.region == "MA-04") & (fc.isco == "TOTAL")]
ax = hist.plot(label="observed", color="black")
ax.fill_between(t.year, t.lo95, t.hi95, alpha=.2, label="95 %")
ax.fill_between(t.year, t.lo80, t.hi80, alpha=.35, label="80 %")
ax.plot(t.year, t["mean"], label="forecast")
ax.legend(); ax.set_title("Employment, MA-04: forecast with intervals");'''),
("markdown", "## Backtest on rolling origins"),
("code", '''mizan("backtest", "--panel", WORK / "ma04.csv", "--horizon", 3, "--origins", 3,
      "--models", "naive,drift,ses,holt,damped,theta", "--out", WORK / "backtest.csv")
bt = pd.read_csv(WORK / "backtest.csv")
print(bt.columns.tolist())
score = [c for c in ("mase", "MASE") if c in bt.columns][0]
summary = bt.groupby("model")[score].median().sort_values()
summary'''),
("code", '''summary.plot.barh(title="Median MASE by model (lower is better)");
assert summary.notna().all() and len(summary) >= 3'''),
],
"02_shortages_for_a_region.ipynb": [
("markdown", """
# Ranking shortage occupations for one region, and explaining the ranking

`p_shortage` is the probability that demand exceeds supply in the target year. The bundled
panel has no past shortage lists to calibrate it on, so here it is the forward probability
(`p_basis` says so): the share of forecast paths × rate draws in which openings (expansion +
replacement of leavers, with cohort ageing) exceed new supply (graduates, job seekers,
returnees, immigrants, each with an entry rate) by more than 2 % of employment. The list is
sorted by a score that also reads the registry (tension ratio, its change, the job-seeker rate)
and market growth, on one national scale. Each row carries its reasons and an interval on its rank.
"""),
("code", SETUP),
("code", '''mizan("shortages", "--panel", ROOT / "Datasets/morocco/panel.csv", "--horizon", 5, "--paths", 100,
      "--lang", "en", "--out", WORK / "shortages.csv")
sh = pd.read_csv(WORK / "shortages.csv", dtype={"isco": str})
casa = sh[sh.region == "MA-06"].sort_values("rank").head(15)
casa[["rank", "rank_lo", "rank_hi", "rank_national", "isco", "title", "p_shortage", "p_basis", "tension_ratio", "openings", "new_supply"]]'''),
("markdown", "Why is each occupation ranked where it is? The `reasons` column says it in words:"),
("code", '''for _, r in casa.head(5).iterrows():
    print(f"{int(r['rank']):>2}. {r.title} ({r.isco}): {r.reasons}")'''),
("code", '''ax = casa.iloc[::-1].plot.barh(x="title", y="imbalance", xerr=[casa.iloc[::-1].imbalance - casa.iloc[::-1].imbalance_lo,
                                                                casa.iloc[::-1].imbalance_hi - casa.iloc[::-1].imbalance],
                                 legend=False, figsize=(7, 6))
ax.set_xlabel("openings − new supply, share of employment, by the horizon (95 % band)")
ax.set_title("Casablanca-Settat: forward imbalance");'''),
("markdown", "Ranks are uncertain: the rank interval comes from the forecast sample paths."),
("code", '''assert (casa.rank_lo <= casa["rank"]).all() and (casa["rank"] <= casa.rank_hi).all()
assert casa.reasons.notna().all()
assert casa.p_basis.str.startswith("forward balance").all()
print("top 15 rows have rank intervals, reasons and a forward p_shortage")'''),
],
"03_recommend_training_paths.ipynb": [
("markdown", """
# Training paths for one migrant profile and for a batch

A counsellor enters a profile (occupation held abroad, skills, certificates, education,
languages, region); Mizan ranks target occupations in shortage that the person can reach, with
the training modules that close the skills gap. The profile here is synthetic (the bundled
`Datasets/profiles/sample.jsonl`): real profiles are personal data and are never logged.
"""),
("code", SETUP),
("code", '''esco = SHARED / "datasets/esco"
assert esco.exists(), f"ESCO not found at {esco}: set MIZAN_SHARED"
mizan("shortages", "--panel", ROOT / "Datasets/morocco/panel.csv", "--horizon", 5, "--paths", 100,
      "--out", WORK / "shortages.csv")
profiles = [l for l in (ROOT / "Datasets/profiles/sample.jsonl").read_text().splitlines() if l.strip()]
(WORK / "one.json").write_text(profiles[1])
print(mizan("recommend", "--profile", WORK / "one.json", "--shortages", WORK / "shortages.csv",
            "--catalogue", ROOT / "Datasets/training/catalogue.csv", "--esco", esco, "--lang", "en"))'''),
("markdown", "## The whole register at once"),
("code", '''mizan("recommend", "--profiles", ROOT / "Datasets/profiles/sample.jsonl", "--shortages", WORK / "shortages.csv",
      "--catalogue", ROOT / "Datasets/training/catalogue.csv", "--esco", esco, "--lang", "en",
      "--out", WORK / "recommendations.csv")
rec = pd.read_csv(WORK / "recommendations.csv", dtype={"isco": str})
placed = rec[rec["rank"] == 1]
print(f"{placed.profile_id.nunique()} of {len(profiles)} profiles get at least one destination")
placed[["profile_id", "isco", "title", "coverage", "coverage_after", "hours", "modules"]].head(10)'''),
("code", '''modules = rec.modules.dropna().str.split("|").explode().value_counts().head(15)
modules.iloc[::-1].plot.barh(title="Modules most often recommended (all ranks)");
assert (rec.dropna(subset=["rank"]).coverage_after >= rec.dropna(subset=["rank"]).coverage - 1e-9).all()'''),
],
}

here = pathlib.Path(__file__).resolve().parent.parent / "Notebooks"
here.mkdir(exist_ok=True)
for name, cells in NOTEBOOKS.items():
    (here / name).write_text(json.dumps(nb(name[:2], cells), indent=1, ensure_ascii=False) + "\n")
print("wrote", ", ".join(NOTEBOOKS))
