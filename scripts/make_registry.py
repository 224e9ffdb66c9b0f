#!/usr/bin/env python3
"""Synthetic job-seeker registry for profiling (NOT real people): Datasets/morocco/registry.csv.

One row per registration spell at the employment service, 2016-2024, 4,000 a year, with the
columns `mizan profile-risk` reads (id,year,region,isco_sought,age,sex,nationality,education_isced,
returnee,months_abroad,prior_spells,months_unemployed_before,languages,ltu_12m) and one declared
extra column, months_registered (months on the register, censored at 12 or at the extraction date,
1 January 2025; it feeds the discrete-time hazard model). ltu_12m = still registered 12 months
later; empty for the 2024 cohort, not yet followed for a year.

Calibrated to published HCP figures (see Datasets/morocco/README.md, checked by check_registry.py):
  - 66 % of the unemployed have been so for a year or more (HCP 2023 note on the active population,
    press: libe.ma); with durations close to memoryless the share of spells lasting 12 months
    equals the stock share, so the labelled LTU rate is calibrated to 0.66;
  - women are 31.1 % of the unemployed, 82.6 % hold a diploma, 51.2 % seek a first job, 75.7 %
    of urban unemployed are under 35 (same note);
  - mean durations 23.6 months without a diploma, 34.1 at middle level, 40.2 for higher education
    and 39.1 months for women (HCP, press: lavieeco.com 2012): LTU shares exp(-12/D) = 0.60,
    0.70, 0.74 order the education effects; women's longer spells give a female effect;
  - regional effects from HCP regional unemployment rates (2024-Q1, ../shared/datasets/hcp);
  - occupation sought drawn in proportion to the panel's job seekers of that region and year;
    tighter occupations (vacancies per job seeker in the panel) shorten spells.
Planted (no published figure): 5 % foreign nationals, 6 % of nationals returnees, languages, and a
disparity: foreign nationals' log-odds of LTU +0.8 beyond everything recorded (as if employers
hired them less), which a model without nationality cannot see; the fairness audit must find it.
The true probability of every spell goes to Datasets/morocco/registry_truth.csv (id,p_true).
Fixed seed: same bytes every run.  Usage: python3 scripts/make_registry.py [--out Datasets/morocco]
"""
import argparse, csv, math, os, random

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
YEARS = list(range(2016, 2025))
PER_YEAR = 4000
TARGET_LTU = 0.66
FOREIGN = ["SN", "CI", "CM", "GN", "ML", "CD", "SY"]
# HCP 2024-Q1 regional unemployment rates (%), South = MA-10..12; national 13.7.
REGION_RATE = {"MA-01": 10.9, "MA-02": 21.4, "MA-03": 15.9, "MA-04": 13.7, "MA-05": 9.4, "MA-06": 15.4,
               "MA-07": 8.2, "MA-08": 11.3, "MA-09": 13.7, "MA-10": 20.4, "MA-11": 20.4, "MA-12": 20.4}
# National unemployment rate by year (HCP; 2016-2018 from notes, 2019-2024 as in the facts file).
YEAR_RATE = {2016: 9.9, 2017: 10.2, 2018: 9.8, 2019: 9.2, 2020: 11.9, 2021: 12.3, 2022: 11.8, 2023: 13.0, 2024: 13.3}
EDU_EFFECT = {"none": -0.40, "middle": -0.05, "higher": 0.15}
AGE_BANDS = [((15, 24), 0.30, -0.25), ((25, 34), 0.46, 0.0), ((35, 44), 0.15, 0.2), ((45, 60), 0.09, 0.55)]
EXIT_QUARTER = [0.36, 0.28, 0.21, 0.15]  # when non-LTU spells end


def logistic(x):
    return 1 / (1 + math.exp(-x))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", default=os.path.join(ROOT, "Datasets", "morocco"))
    ap.add_argument("--per-year", type=int, default=PER_YEAR, help="spells a year (the benchmark uses 111,112: a million)")
    a = ap.parse_args()
    panel = os.path.join(ROOT, "Datasets", "morocco", "panel.csv")
    js, vac = {}, {}
    with open(panel, newline="") as f:
        for r in csv.DictReader(f):
            y = int(r["year"])
            if y in YEARS:
                js[(y, r["region"], r["isco"])] = int(r["jobseekers"])
                vac[(y, r["region"], r["isco"])] = int(r["vacancies"])
    # An occupation's tightness in a region: vacancies per job seeker over the whole period
    # (structural, as a shortage list sees it), not one year's noise.
    tot_v, tot_j = {}, {}
    for (y, reg, isco), j in js.items():
        tot_v[(reg, isco)] = tot_v.get((reg, isco), 0) + vac[(y, reg, isco)]
        tot_j[(reg, isco)] = tot_j.get((reg, isco), 0) + j
    tight = {k: math.log((tot_v[k[1:]] + 1) / (tot_j[k[1:]] + 1)) for k in js}
    mu = sum(tight.values()) / len(tight)
    sd = (sum((t - mu) ** 2 for t in tight.values()) / len(tight)) ** 0.5
    rng = random.Random(20261130)
    spells = []
    for y in YEARS:
        cells = sorted(k for k in js if k[0] == y and js[k] > 0)
        weights = [js[k] for k in cells]
        for i in range(a.per_year):
            _, region, isco = rng.choices(cells, weights=weights)[0]
            female = rng.random() < 0.311
            band = rng.choices(AGE_BANDS, weights=[b[1] for b in AGE_BANDS])[0]
            age = rng.randint(*band[0])
            u = rng.random()
            edu = "none" if u < 0.174 else ("middle" if u < 0.174 + 0.50 else "higher")
            isced = {"none": rng.choice([0, 1]), "middle": rng.choice([2, 3, 3, 4]), "higher": rng.choice([5, 6, 6, 7])}[edu]
            foreign = rng.random() < 0.05
            nationality = rng.choice(FOREIGN) if foreign else "MA"
            returnee = (not foreign) and rng.random() < 0.06
            abroad = int(math.exp(rng.uniform(math.log(6), math.log(180)))) if returnee else 0
            prior = 0 if rng.random() < 0.512 else 1 + min(7, int(rng.expovariate(0.9)))
            before = min(120, int(rng.expovariate(1 / 9)))
            if foreign:
                langs = ["ar", "en"] if nationality == "SY" else (["fr"] + (["en"] if rng.random() < 0.35 else []))
            else:
                langs = ["ar"] + (["fr"] if rng.random() < 0.7 else []) + (["en"] if rng.random() < 0.25 else []) \
                    + (["es"] if rng.random() < 0.08 else [])
            eta = (EDU_EFFECT[edu] + band[2] + 0.45 * math.log1p(before) + 0.12 * min(prior, 5)
                   + 0.15 * female + 0.045 * (REGION_RATE[region] - 13.7) - 0.35 * (tight[(y, region, isco)] - mu) / sd
                   + 0.30 * returnee - 0.05 * math.log1p(abroad) - 0.20 * (len(langs) - 1)
                   + 0.06 * (YEAR_RATE[y] - 11.0) + 0.8 * foreign)
            spells.append(dict(year=y, region=region, isco=isco, age=age, female=female, nationality=nationality,
                               isced=isced, returnee=returnee, abroad=abroad, prior=prior, before=before,
                               langs=";".join(langs), eta=eta, u=rng.random(), uq=rng.random(), um=rng.random(),
                               regmonth=rng.randint(1, 12), id="%012x" % rng.getrandbits(48)))
    # The intercept that gives the labelled cohorts an LTU rate of TARGET_LTU (in expectation).
    labelled = [s for s in spells if s["year"] < 2024]
    lo, hi = -5.0, 5.0
    for _ in range(60):
        mid = (lo + hi) / 2
        rate = sum(logistic(mid + s["eta"]) for s in labelled) / len(labelled)
        lo, hi = (mid, hi) if rate < TARGET_LTU else (lo, mid)
    alpha = round((lo + hi) / 2, 6)
    os.makedirs(a.out, exist_ok=True)
    header = ["id", "year", "region", "isco_sought", "age", "sex", "nationality", "education_isced", "returnee",
              "months_abroad", "prior_spells", "months_unemployed_before", "languages", "ltu_12m", "months_registered"]
    with open(os.path.join(a.out, "registry.csv"), "w", newline="") as f, \
            open(os.path.join(a.out, "registry_truth.csv"), "w", newline="") as g:
        w = csv.writer(f, lineterminator="\n")
        t = csv.writer(g, lineterminator="\n")
        w.writerow(header)
        t.writerow(["id", "p_true"])
        for s in spells:
            p = logistic(alpha + s["eta"])
            ltu = s["u"] < p
            # Months on the register: 12 for a long spell, else the exit month within its quarter.
            q = [i for i, c in enumerate(_cumulative(EXIT_QUARTER)) if s["uq"] < c][0]
            months = 12 if ltu else 3 * q + 1 + int(s["um"] * 3)
            if s["year"] == 2024:
                observed = 13 - s["regmonth"]  # extraction on 1 January 2025
                label, months = "", min(months, observed)
            else:
                label = "1" if ltu else "0"
            w.writerow([s["id"], s["year"], s["region"], s["isco"], s["age"], "F" if s["female"] else "M", s["nationality"],
                        s["isced"], int(s["returnee"]), s["abroad"], s["prior"], s["before"], s["langs"], label, months])
            t.writerow([s["id"], "%.6f" % p])


def _cumulative(ps):
    out, c = [], 0.0
    for p in ps:
        c += p
        out.append(c)
    out[-1] = 1.0 + 1e-9
    return out


if __name__ == "__main__":
    main()
