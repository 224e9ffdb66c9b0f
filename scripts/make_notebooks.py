#!/usr/bin/env python3
"""Writes Notebooks/*.ipynb (no outputs) from the cell sources below, so the notebooks are
reviewed as plain Python here and stay byte-stable. `scripts/run-notebooks.sh` executes them."""
import json, pathlib

SETUP = '''import json, os, pathlib, tempfile
import pandas as pd
import matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt
import mizan                      # pip install ./python: DataFrames in, DataFrames out, the binary underneath

ROOT = pathlib.Path(os.environ.get("MIZAN_ROOT", "..")).resolve()
SHARED = pathlib.Path(os.environ.get("MIZAN_SHARED", ROOT.parent / "shared"))
WORK = pathlib.Path(tempfile.mkdtemp(prefix="mizan-nb-"))
print(mizan.find_binary())'''

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
("code", '''panel = pd.read_csv(ROOT / "Datasets/morocco/panel.csv", dtype={"isco": str})
region = panel[panel.region == "MA-04"]
print(f"{region.isco.nunique()} occupations, years {region.year.min()}–{region.year.max()}")
region.groupby("year").employment.sum().plot(title="Employment, Rabat-Salé-Kénitra", ylabel="persons");'''),
("markdown", "## Forecast with reconciliation"),
("code", '''fc = mizan.forecast(region, horizon=5, reconcile="mint-shrink", nonnegative=True)
fc.head()'''),
("markdown", "The same table in statsforecast's long format, to sit beside its models:"),
("code", '''fc.to_statsforecast().head()'''),
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
("code", '''bt = mizan.backtest(region, horizon=3, origins=3, models=["naive", "drift", "ses", "holt", "damped", "theta"])
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
("code", '''sh = mizan.shortages(ROOT / "Datasets/morocco/panel.csv", horizon=5, paths=100, lang="en")
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
("markdown", """How much of the national list reads as short. Morocco's unemployment is 13 % (youth 36 %) and
new supply nearly matches openings nationally, so most unit groups must not be short; before school
leavers were counted and the series had real year-to-year dispersion, 59 % were (issue 26)."""),
("code", '''national = sh[(sh.region == "TOTAL") & (sh.isco.str.len() == 4)]
share = (national.p_shortage > 0.5).mean()
print(f"national unit groups with p_shortage > 0.5: {share:.3f} of {len(national)}")
assert len(national) == 433 and 0.35 <= share <= 0.50, share'''),
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
sh = mizan.shortages(ROOT / "Datasets/morocco/panel.csv", horizon=5, paths=100)
profiles = [json.loads(l) for l in (ROOT / "Datasets/profiles/sample.jsonl").read_text().splitlines() if l.strip()]
catalogue = ROOT / "Datasets/training/catalogue.csv"
one = mizan.recommend(profiles[1], sh, esco=esco, catalogue=catalogue)     # one profile, as a dict
one[["rank", "kind", "isco", "title", "region", "p_shortage", "coverage", "coverage_after", "hours"]]'''),
("markdown", "## The whole register at once"),
("code", '''rec = mizan.recommend(profiles, sh, esco=esco, catalogue=catalogue)
placed = rec[rec["rank"] == 1]
print(f"{placed.profile_id.nunique()} of {len(profiles)} profiles get at least one destination")
placed[["profile_id", "isco", "title", "coverage", "coverage_after", "hours", "modules"]].head(10)'''),
("code", '''modules = rec.modules.dropna().str.split("|").explode().value_counts().head(15)
modules.iloc[::-1].plot.barh(title="Modules most often recommended (all ranks)");
assert (rec.dropna(subset=["rank"]).coverage_after >= rec.dropna(subset=["rank"]).coverage - 1e-9).all()'''),
],
"04_scenario_against_the_baseline.ipynb": [
("markdown", """
# A scenario against the baseline: an automotive plant in Kénitra

Planners ask conditional questions: *a plant adds 7,000 jobs in Rabat-Salé-Kénitra and its
suppliers 3,000 more by 2028 — which trades run short, and what should OFPPT train?* A scenario
file (`Datasets/morocco/scenarios/kenitra_plant.toml`) states the shocks; Mizan applies them to
the baseline's reconciled sample paths and forward balance, and shows every difference with its
band, the drivers shock by shock, and the lists that change. The figures are illustrative.
"""),
("code", SETUP),
("code", '''config = ROOT / "Datasets/morocco/outlook.toml"
baseline = mizan.outlook(config, out=WORK / "outlook")           # the yearly outlook, with its sample paths
s = mizan.scenario(config, ROOT / "Datasets/morocco/scenarios/kenitra_plant.toml", baseline=baseline, out=WORK / "scenario")
print((ROOT / "Datasets/morocco/scenarios/kenitra_plant.toml").read_text())'''),
("markdown", "Employment in Rabat-Salé-Kénitra, baseline and scenario: the shocks are level changes from 2027 and 2028."),
("code", '''cmp = s.scenario_vs_baseline
emp = cmp[(cmp.region == "MA-04") & (cmp.isco == "TOTAL") & (cmp.measure == "employment")].set_index("year")
ax = emp[["baseline", "scenario"]].plot(marker="o", title="Employment, MA-04")
ax.set_ylabel("persons")
emp[["baseline", "scenario", "difference"]]'''),
("markdown", "Which trades move most, and how sure is the imbalance's change (80 % band, draw by draw)?"),
("code", '''target = int(cmp[cmp.measure == "p_shortage"].year.max())
cells = cmp[(cmp.region == "MA-04") & (cmp.year == target) & (cmp.isco.str.len() == 4)]
imb = cells[cells.measure == "imbalance"].set_index("isco")
p = cells[cells.measure == "p_shortage"].set_index("isco")
top = p.difference.abs().sort_values(ascending=False).head(10).index
pd.DataFrame({"p_shortage before": p.baseline[top], "after": p.scenario[top],
              "imbalance change": imb.difference[top], "lo80": imb.difference_lo80[top], "hi80": imb.difference_hi80[top]})'''),
("markdown", "The drivers: each shock alone, then their interaction; they add up to the difference."),
("code", '''d = s.drivers
total = d[(d.region == "MA-04") & (d.isco == "TOTAL") & (d.measure == "openings")]
print(total[["shock", "difference"]].to_string(index=False))
both = cmp[(cmp.region == "MA-04") & (cmp.isco == "TOTAL") & (cmp.measure == "openings")].difference.iloc[0]
assert abs(total.difference.sum() - both) < 1e-3 * max(1, abs(both))'''),
("markdown", "The printed top-10 lists the scenario changes:"),
("code", '''changes = s.shortage_list_changes
assert {"enters", "leaves"} & set(changes.change)
changes'''),
],
}

here = pathlib.Path(__file__).resolve().parent.parent / "Notebooks"
here.mkdir(exist_ok=True)
for name, cells in NOTEBOOKS.items():
    (here / name).write_text(json.dumps(nb(name[:2], cells), indent=1, ensure_ascii=False) + "\n")
print("wrote", ", ".join(NOTEBOOKS))
