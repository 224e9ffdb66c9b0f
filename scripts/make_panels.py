#!/usr/bin/env python3
"""Build Mizan's bundled, *calibrated* panels from the real figures in ../shared/datasets.

No Moroccan or Tunisian occupation x region x year series is public in machine-readable form, so
these panels are calibrated, not observed: every margin that a real source publishes is matched
exactly (before rounding to whole persons); everything below those margins is modelled. The
README next to each panel lists which is which.

Writes, deterministically (fixed seed, fixed iteration order, same input -> same bytes):
  Datasets/morocco/panel.csv   12 regions x 433 ISCO-08 unit groups x 2010-2024
  Datasets/morocco/planted.csv the occupations given planted shortage pressure (isco, factor)
  Datasets/tunisia/panel.csv   24 governorates x ISCO-08 sub-major groups x 2010-2024

Usage: python3 scripts/make_panels.py [--shared ../shared] [--out Datasets]
Standard library only.
"""
import argparse, csv, functools, hashlib, math, os, random

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
YEARS = list(range(2010, 2025))
SEED = 20251123


def stable_uniform(*key):
    """A uniform(0,1) number fixed by its key, independent of call order."""
    h = hashlib.sha256("|".join(map(str, key)).encode()).digest()
    return (int.from_bytes(h[:8], "big") + 0.5) / 2**64


def stable_normal(*key):
    u1, u2 = stable_uniform(*key, "a"), stable_uniform(*key, "b")
    return math.sqrt(-2 * math.log(u1)) * math.cos(2 * math.pi * u2)


def loglinear(anchors, years):
    """Log-linear interpolation between (year, value) anchors; outside them, the growth of the
    nearest segment continues."""
    pts = sorted(anchors.items())
    out = {}
    for y in years:
        if y <= pts[0][0]:
            k = 0
        elif y >= pts[-1][0]:
            k = len(pts) - 2
        else:
            k = max(i for i in range(len(pts) - 1) if pts[i][0] <= y)
        (y0, v0), (y1, v1) = pts[k], pts[k + 1]
        out[y] = v0 * math.exp(math.log(v1 / v0) / (y1 - y0) * (y - y0))
    return out


def rake(cells, row_targets, col_targets, iterations=60):
    """Iterative proportional fitting of a dict {(r, c): value} to row and column totals."""
    for _ in range(iterations):
        rs = {}
        for (r, c), v in cells.items():
            rs[r] = rs.get(r, 0.0) + v
        for key in cells:
            cells[key] *= row_targets[key[0]] / rs[key[0]]
        cs = {}
        for (r, c), v in cells.items():
            cs[c] = cs.get(c, 0.0) + v
        for key in cells:
            cells[key] *= col_targets[key[1]] / cs[key[1]]
    return cells


def read_csv(path):
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


# ---------------------------------------------------------------------------------------------
# Documented constants (not in shared/datasets). Each is a modelling assumption named in the
# README; change them here, rerun, and the panel changes accordingly.

MA_REGIONS = ["MA-%02d" % i for i in range(1, 13)]
# Census 2014 (RGPH) population in thousands, rounded; used only to split the share of the active
# population that HCP's notes leave unnamed among the smaller regions.
MA_POP_2014 = {"MA-01": 3557, "MA-02": 2314, "MA-03": 4237, "MA-04": 4581, "MA-05": 2521, "MA-06": 6862,
               "MA-07": 4521, "MA-08": 1635, "MA-09": 2677, "MA-10": 434, "MA-11": 368, "MA-12": 143}
# Urbanisation index (0 rural .. 1 metropolitan): tilts the occupational mix of each region.
MA_URBAN = {"MA-01": 0.6, "MA-02": 0.65, "MA-03": 0.6, "MA-04": 0.7, "MA-05": 0.5, "MA-06": 0.75,
            "MA-07": 0.43, "MA-08": 0.35, "MA-09": 0.56, "MA-10": 0.65, "MA-11": 0.93, "MA-12": 0.7}
# How strongly each ISCO major group follows urbanisation (log-odds per unit of the index).
MAJOR_URBAN_TILT = {"1": 1.5, "2": 1.8, "3": 1.5, "4": 1.8, "5": 0.6, "6": -3.0, "7": 0.4, "8": 0.9, "9": -0.6}
# Registered-job-seeker propensity by major group (relative to employment).
MAJOR_JOBSEEKER = {"1": 0.3, "2": 0.8, "3": 1.0, "4": 1.6, "5": 1.3, "6": 0.3, "7": 1.1, "8": 1.0, "9": 1.4}
# Monthly median wage in MAD, 2010, by major group.
MAJOR_WAGE_2010 = {"1": 11000, "2": 8500, "3": 5800, "4": 4000, "5": 2900, "6": 2100, "7": 3000, "8": 3200, "9": 2400}
# Share of the yearly training output (OFPPT and universities) by major group, per 1,000 employed.
MAJOR_GRADUATES = {"1": 2, "2": 40, "3": 45, "4": 30, "5": 12, "6": 1, "7": 18, "8": 8, "9": 0.5}
# Occupations with documented recruitment difficulties in Morocco (ANAPEC/press): higher vacancy
# rates, fewer job seekers, faster wage growth. Prefix match on ISCO codes.
SHORTAGE_PREFIXES = {"2511": 3.0, "2512": 3.0, "2513": 2.5, "2514": 2.5, "2521": 2.0, "2522": 2.0, "2523": 2.0,
                     "2211": 2.5, "2212": 3.0, "2221": 3.0, "2222": 2.5, "2240": 2.0, "3221": 2.5,
                     "2141": 2.0, "2142": 1.8, "2144": 2.0, "2151": 2.0, "7212": 3.0, "7411": 2.5, "7412": 2.0,
                     "7231": 2.0, "7233": 2.0, "8332": 2.5, "8331": 2.0, "7112": 1.8, "7115": 1.8, "7126": 2.0,
                     "5120": 1.8, "5131": 1.5, "4222": 2.0, "8153": 1.6, "5322": 2.2, "3434": 1.6, "7512": 1.5}
# Unit groups with a known structural trend (per year, log points).
UNIT_TRENDS = {"25": 0.05, "2221": 0.03, "2222": 0.03, "5322": 0.04, "4222": 0.05, "8332": 0.02,
               "61": -0.02, "62": -0.01, "7531": -0.03, "7318": -0.02, "4131": -0.05, "9211": -0.015}
# Female share of employment by prefix (national 2018-2019 level is matched by scaling).
FEMALE_SHARE = {"2221": 0.7, "2222": 0.8, "2330": 0.45, "2341": 0.5, "4": 0.45, "7531": 0.65, "8153": 0.7,
                "5141": 0.7, "5322": 0.8, "9111": 0.75, "6": 0.3, "92": 0.35, "83": 0.02, "71": 0.01,
                "72": 0.03, "2": 0.35, "3": 0.3, "5": 0.2, "7": 0.08, "8": 0.12, "9": 0.2, "1": 0.15}
# Age structure of employment (15-24, 25-54, 55-64, 65+), national defaults and tilts.
AGE_BASE = [0.08, 0.72, 0.14, 0.06]
AGE_TILT = {"6": [0.09, 0.58, 0.20, 0.13], "92": [0.14, 0.66, 0.13, 0.07], "25": [0.10, 0.86, 0.035, 0.005],
            "2": [0.04, 0.80, 0.13, 0.03], "1": [0.01, 0.70, 0.22, 0.07], "5": [0.12, 0.74, 0.10, 0.04]}
# Regions of emigration (returnees) and of immigrant settlement (Amuddu targets RSK and CS).
RETURNEE_REGION = {"MA-01": 2.0, "MA-02": 2.0, "MA-05": 2.2, "MA-09": 1.5, "MA-06": 1.0, "MA-04": 0.9}
IMMIGRANT_REGION = {"MA-06": 3.0, "MA-04": 2.5, "MA-01": 1.5, "MA-02": 1.5, "MA-07": 1.0}


# ---------------------------------------------------------------------------------------------
# Entrants from demography (Cedefop's and COPS's way): the people who join the labour force each
# year are the cohorts of young ages times the rise of the activity rate between one age and the
# next (the net-entry method): entrants(y) = sum over sex and age a of population(a, y) x
# max(0, act(a) - the highest act below a). Population by single age: UN WPP 2019 medium variant
# (Datasets/demography/population.csv, scripts/extract_demography.py). Activity rates by sex and
# age band: ILOSTAT EAP_DWAP_SEX_AGE_RT (Datasets/demography/activity_rates.csv), a band's rate
# at its middle age, 0 at 14, linear between; the two profile years below interpolated linearly,
# held outside. Entrants counted by `graduates` (the panels' training and higher-education
# outputs) are taken off: the rest, `school_leavers`, are young people who enter work from
# school, without a diploma or with one the panel's graduates do not count.
DEMOGRAPHY = os.path.join(ROOT, "Datasets", "demography")
ENTRY_PROFILE_YEARS = {"MA": (2012, 2022), "TN": (2019, 2022)}
# Share of each major group's young workers without a higher-education diploma (modelled from
# ISCO-08's skill levels: group 2 is skill level 4, 1 levels 3-4, 3 level 3, 4-8 level 2, 9 level
# 1): where school leavers find work, with the young workers of each cell.
NONTERTIARY = {"1": 0.3, "2": 0.05, "3": 0.5, "4": 0.8, "5": 0.95, "6": 1.0, "7": 1.0, "8": 1.0, "9": 1.0}


@functools.lru_cache(maxsize=None)
def demography(country):
    """(population by (year, sex, age), activity rates by (year, sex) as [(from, to, rate)])."""
    pop = {}
    for r in read_csv(os.path.join(DEMOGRAPHY, "population.csv")):
        if r["country"] == country:
            pop[(int(r["year"]), r["sex"], int(r["age"]))] = float(r["population"])
    rates = {}
    for r in read_csv(os.path.join(DEMOGRAPHY, "activity_rates.csv")):
        if r["country"] == country:
            rates.setdefault((int(r["year"]), r["sex"]), []).append((int(r["age_from"]), int(r["age_to"]), float(r["rate"]) / 100))
    return pop, rates


def entry_profile(bands):
    """Activity rate by single age 14-44 from bands (middle age of each band; 0 at 14)."""
    pts = [(14.0, 0.0)] + sorted(((a + b) / 2 + 0.5, r) for a, b, r in bands if b <= 44)
    out = {}
    for age in range(14, 45):
        if age >= pts[-1][0]:
            out[age] = pts[-1][1]
            continue
        for (x0, y0), (x1, y1) in zip(pts, pts[1:]):
            if x0 <= age <= x1:
                out[age] = y0 + (y1 - y0) * (age - x0) / (x1 - x0)
                break
    return out


def labour_force_entrants(country, years):
    """National entrants to the labour force each year (persons), by the net-entry method."""
    pop, rates = demography(country)
    y0, y1 = ENTRY_PROFILE_YEARS[country]
    out = {}
    for y in years:
        w = min(1.0, max(0.0, (y - y0) / (y1 - y0)))
        total = 0.0
        for sex in ("male", "female"):
            p0, p1 = entry_profile(rates[(y0, sex)]), entry_profile(rates[(y1, sex)])
            act = {a: (1 - w) * p0[a] + w * p1[a] for a in p0}
            reached = act[14]
            for a in range(15, 45):
                total += pop[(y, sex, a)] * max(0.0, act[a] - reached)
                reached = max(reached, act[a])
        out[y] = total
    return out


def labour_force(country, year):
    """Labour force 15+ of a profile year: population x that year's activity rate by band."""
    pop, rates = demography(country)
    return sum(pop[(year, sex, a)] * r for (ry, sex), bands in rates.items() if ry == year
               for lo, hi, r in bands for a in range(lo, hi + 1))


# Year-to-year dispersion of occupation series. ILOSTAT's only consecutive clean years of 2-digit
# series (Tunisia, employment by ISIC Rev.4 division, 2022 -> 2023,
# ../shared/datasets/ilostat/emp_temp_sex_ec2_nb_tun.csv; the 2-digit occupation series have no
# consecutive years) move their log shares by a median 0.046 a year across divisions of 10,000
# workers or more, and a year's moves correlate -0.18 with the year before's (2021 -> 2022 ->
# 2023): shocks that fade over a few years (an AR(1) with persistence rho gives -(1 - rho) / 2,
# rho = 0.6), not noise gone the next year (-0.5) nor one trend repeated (+1). Series drawn from
# smooth trends move by 0.009 a year and forecast as one shape scaled. Each occupation's national
# level therefore gets an AR(1) deviation (log) whose yearly changes have the standard deviation
# sqrt(2) x DISPERSION_SD x (DISPERSION_SIZE / size) ** DISPERSION_POWER, zero in the years a
# structure is anchored to; scripts/check_panels.py measures both figures on the panels.
DISPERSION_SD, DISPERSION_SIZE, DISPERSION_POWER, DISPERSION_RHO = 0.055, 30000.0, 0.15, 0.6


def dispersion_sd(size):
    return DISPERSION_SD * (DISPERSION_SIZE / max(size, 1000.0)) ** DISPERSION_POWER


def deviation(key, year, sd):
    """An AR(1) deviation (log) with persistence DISPERSION_RHO whose yearly changes have the
    standard deviation an independent deviation of `sd` would give them (sqrt 2 x sd): shocks
    that fade over a few years, as real series' do, rather than noise gone the next year."""
    level = sd / math.sqrt(1 - DISPERSION_RHO)
    d = level * stable_normal(key, YEARS[0])
    for y in YEARS[1:]:
        if y > year:
            break
        d = DISPERSION_RHO * d + math.sqrt(1 - DISPERSION_RHO ** 2) * level * stable_normal(key, y)
    return d


def by_prefix(table, code, default):
    for k in range(len(code), 0, -1):
        if code[:k] in table:
            return table[code[:k]]
    return default


# ---------------------------------------------------------------------------------------------

def morocco(shared):
    ds = os.path.join(shared, "datasets")
    ilo = read_csv(os.path.join(ds, "ilostat", "emp_temp_sex_ocu_nb_mar_sex_t.csv"))
    hcp = read_csv(os.path.join(ds, "hcp", "morocco_labour_facts.csv"))
    isco = read_csv(os.path.join(ds, "isco08", "isco08_en_fr_DERIVED.csv"))
    units = sorted(r["code"] for r in isco if r["level"] == "4" and not r["code"].startswith("0"))
    assert len(units) == 433

    # National employment (thousands): ILOSTAT LFS totals 2010-2011, HCP 2018/2019/2022,
    # 2023 = sum of HCP's sector figures, 2024 = from HCP's unemployed and unemployment rates.
    series = {(r["classif1"], int(r["time"])): float(r["emp_temp_sex_ocu_nb"]) for r in ilo}
    def fact(period, indicator, category="total"):
        for r in hcp:
            if r["period"] == period and r["indicator"] == indicator and r["category"] == category:
                return float(r["value"])
        raise KeyError((period, indicator, category))
    sectors2023 = sum(float(r["value"]) for r in hcp if r["period"] == "2023" and r["indicator"] == "employed_by_sector")
    u24 = (fact("2024-Q1", "unemployed") + fact("2024-Q3", "unemployed")) / 2
    r24 = (fact("2024-Q1", "unemployment_rate") + fact("2024-Q3", "unemployment_rate")) / 200
    anchors = {2010: series[("ocu_isco88_total", 2010)] * 1e3, 2011: series[("ocu_isco88_total", 2011)] * 1e3,
               2018: fact("2018", "employed"), 2019: fact("2019", "employed"), 2022: fact("2022", "employed"),
               2023: sectors2023, 2024: u24 * (1 - r24) / r24}
    total = loglinear(anchors, YEARS)

    # Major-group structure: ISCO-08 shares of the 2014 census (ILOSTAT), with each group's drift
    # taken from its ISCO-88 log-share slope 2004-2011 (ILOSTAT LFS), halved and capped at 2%/yr.
    majors = [str(g) for g in range(1, 10)]
    s2014 = {g: series[("ocu_isco08_" + g, 2014)] for g in majors}
    tot14 = sum(s2014.values())
    drift = {}
    for g in majors:
        a, b = series[("ocu_isco88_" + g, 2004)] / series[("ocu_isco88_total", 2004)], \
            series[("ocu_isco88_" + g, 2011)] / series[("ocu_isco88_total", 2011)]
        drift[g] = max(-0.02, min(0.02, 0.5 * math.log(b / a) / 7))
    major_emp = {}
    for y in YEARS:
        w = {g: s2014[g] / tot14 * math.exp(drift[g] * (y - 2014)) for g in majors}
        sw = sum(w.values())
        for g in majors:
            major_emp[(g, y)] = total[y] * w[g] / sw

    # Unit groups: a fixed lognormal size within the major group and a structural trend (their
    # smooth level, which registrations and vacancies follow), then the yearly dispersion of real
    # employment series: a deviation of each sub-major group and of each unit group
    # (dispersion_sd of its size), normalised within the major group, whose share stays exact.
    unit_emp, unit_smooth = {}, {}
    for y in YEARS:
        for g in majors:
            members = [u for u in units if u[0] == g]
            w = {u: math.exp(0.9 * stable_normal("size", u) + by_prefix(UNIT_TRENDS, u, 0.0) * (y - 2017)
                             + 0.015 * stable_normal("wiggle", u, y)) for u in members}
            sw = sum(w.values())
            smooth = {u: major_emp[(g, y)] * w[u] / sw for u in members}
            for u in members:
                unit_smooth[(u, y)] = smooth[u]
            sub = {}
            for u in members:
                sub[u[:2]] = sub.get(u[:2], 0.0) + smooth[u]
            w = {u: smooth[u] * math.exp(deviation(("disp2", u[:2]), y, dispersion_sd(sub[u[:2]]))
                                         + deviation(("disp4", u), y, dispersion_sd(smooth[u]))) for u in members}
            sw = sum(w.values())
            for u in members:
                unit_emp[(u, y)] = major_emp[(g, y)] * w[u] / sw

    # Regions: HCP's shares of the active population (mean of the quarters reported) for the
    # regions it names; the rest split by 2014 population.
    named = {}
    for r in hcp:
        if r["indicator"] == "share_of_active_population":
            code = r["category"].split()[0]
            named.setdefault(code, []).append(float(r["value"]))
    share = {c: sum(v) / len(v) / 100 for c, v in named.items()}
    rest = 1 - sum(share.values())
    others = [c for c in MA_REGIONS if c not in share]
    pop = sum(MA_POP_2014[c] for c in others)
    for c in others:
        share[c] = rest * MA_POP_2014[c] / pop
    mean_urban = sum(MA_URBAN[c] * share[c] for c in MA_REGIONS)

    # Cells: region share x unit x urban tilt x persistent noise x small yearly noise, raked each
    # year to both margins (region totals, national unit-group totals): once for employment, once
    # for the smooth level that job seekers (registrations) and vacancies follow, which a labour
    # force survey's sampling error and an occupation's passing shocks do not move.
    def regional(units_by_year):
        out = {}
        for y in YEARS:
            cells = {}
            for r in MA_REGIONS:
                for u in units:
                    tilt = math.exp(MAJOR_URBAN_TILT[u[0]] * (MA_URBAN[r] - mean_urban))
                    noise = math.exp(0.35 * stable_normal("cell", r, u) + 0.03 * stable_normal("year", r, u, y))
                    cells[(r, u)] = share[r] * units_by_year[(u, y)] * tilt * noise
            rake(cells, {r: total[y] * share[r] for r in MA_REGIONS}, {u: units_by_year[(u, y)] for u in units})
            for k, v in cells.items():
                out[(k[0], k[1], y)] = v
        return out
    employment, structural = regional(unit_emp), regional(unit_smooth)

    # Job seekers: HCP's national unemployed (2019, 2022-2024; 2018 from its rate; earlier years
    # keep the 2018 unemployed/employed ratio), allocated by occupational propensity, with fewer
    # job seekers where recruitment is hard, and HCP's regional unemployment rates.
    u_anchor = {2018: anchors[2018] * 0.10 / 0.90, 2019: fact("2019", "unemployed"),
                2022: fact("2022", "unemployed"), 2023: fact("2023", "unemployed"), 2024: u24}
    ratio = {y: u_anchor[y] / total[y] for y in u_anchor}
    ratio = loglinear(ratio, YEARS)
    for y in YEARS:
        if y < 2018:
            ratio[y] = u_anchor[2018] / total[2018]
    reg_rate = {}
    for r in hcp:
        if r["indicator"] == "unemployment_rate" and r["scope"] == "regional":
            codes = [c for c in MA_REGIONS if c in r["category"]]
            for c in codes:
                reg_rate.setdefault(c, []).append(float(r["value"]))
    nat_rate = 12.5
    reg_factor = {c: (sum(reg_rate[c]) / len(reg_rate[c]) / nat_rate if c in reg_rate else 1.0) for c in MA_REGIONS}

    rows = []
    wage_noise = {}
    for r in MA_REGIONS:
        for u in units:
            pressure = by_prefix(SHORTAGE_PREFIXES, u, 1.0)
            for y in YEARS:
                e, level = employment[(r, u, y)], structural[(r, u, y)]
                t = (y - 2010) / 14
                js = level * ratio[y] * MAJOR_JOBSEEKER[u[0]] * reg_factor[r] / (pressure ** (0.5 + 0.5 * t)) \
                    * math.exp(0.15 * stable_normal("js", r, u, y))
                vac = level * 0.012 * pressure ** (0.6 + 0.8 * t) * math.exp(0.25 * stable_normal("vac", r, u, y) + 0.3 * stable_normal("vacr", r, u))
                w0 = MAJOR_WAGE_2010[u[0]] * math.exp(0.15 * stable_normal("wage", u)) * (1 + 0.25 * (MA_URBAN[r] - mean_urban))
                wage = w0 * math.exp((0.025 + 0.01 * (pressure - 1)) * (y - 2010) + 0.02 * stable_normal("w", r, u, y))
                grads = e / 1000 * MAJOR_GRADUATES[u[0]] * math.exp(0.2 * stable_normal("grad", r, u, y))
                ret = e * 0.0012 * RETURNEE_REGION.get(r, 0.6) * (1.5 if u[0] in "5789" else 0.6) * math.exp(0.3 * stable_normal("ret", r, u, y))
                imm = e * 0.0006 * IMMIGRANT_REGION.get(r, 0.3) * (1.6 if u[0] in "59" else 0.7) * math.exp(0.3 * stable_normal("imm", r, u, y))
                fem = by_prefix(FEMALE_SHARE, u, 0.22) * (1 + 0.1 * (MA_URBAN[r] - mean_urban))
                ages = next((AGE_TILT[u[:k]] for k in (2, 1) if u[:k] in AGE_TILT), AGE_BASE)
                rows.append([y, r, u, e, js, vac, wage, grads, ret, imm, fem, ages])

    # Scale each year's job seekers to the national unemployed total (HCP anchors in 2018-2019
    # and 2022-2024, the interpolated ratio in between): the occupational and regional pattern
    # above decides the split, the anchors decide the level.
    for y in YEARS:
        cur = sum(row[4] for row in rows if row[0] == y)
        want = total[y] * ratio[y]
        for row in rows:
            if row[0] == y:
                row[4] *= want / cur

    # Match HCP's national female share of employment (23.2% 2018, 22.7% 2019; held outside).
    fem_anchor = {2018: fact("2018", "employed_share_female") / 100, 2019: fact("2019", "employed_share_female") / 100}
    for y in YEARS:
        target = fem_anchor.get(y, fem_anchor[2018] if y < 2018 else fem_anchor[2019])
        cur = sum(row[3] * row[10] for row in rows if row[0] == y) / total[y]
        for row in rows:
            if row[0] == y:
                row[10] = min(0.95, row[10] * target / cur)

    # School leavers: the year's entrants from demography less its graduates, over cells by their
    # young workers (employment x the 15-24 share) without a higher-education diploma.
    entrants = labour_force_entrants("MA", YEARS)
    for y in YEARS:
        year_rows = [row for row in rows if row[0] == y]
        left = max(0.0, entrants[y] - sum(row[7] for row in year_rows))
        weights = [row[3] * row[11][0] * NONTERTIARY[row[2][0]] for row in year_rows]
        for row, w in zip(year_rows, weights):
            row.append(left * w / sum(weights))

    header = ["year", "region", "isco", "employment", "jobseekers", "vacancies", "median_wage", "graduates",
              "school_leavers", "returnees", "immigrants", "employment_female", "employment_male",
              "employment_15_24", "employment_25_54", "employment_55_64", "employment_65_plus"]
    out = []
    for y, r, u, e, js, vac, wage, grads, ret, imm, fem, ages, leavers in sorted(rows, key=lambda x: (x[1], x[2], x[0])):
        E = max(1, round(e))
        F = min(E, round(E * fem))
        bands = [round(E * a) for a in ages]
        bands[1] = E - bands[0] - bands[2] - bands[3]
        out.append([y, r, u, E, round(js), round(vac), round(wage), round(grads), round(leavers), round(ret), round(imm), F, E - F] + bands)
    return header, out


# INS (Institut National de la Statistique), Enquête nationale sur la population et l'emploi, as
# published in its quarterly notes and reported by the press (thousands; annual anchor = mean of
# the quarters found):
#   2010: May 2010, active 3,769 at 13.0 % unemployment -> employed 3,279, unemployed 491
#         (INS, ENPE 2011-Q2 presentation; espacemanager.com, "Tunisie: des chiffres alarmants sur
#         l'emploi selon une étude de l'INS")
#   2011: May 2011, employed 3,139, unemployed 704 (same source)
#   2019: Q3 employed 3,543.6 unemployed 628.3; Q4 employed 3,566.4 unemployed 623.9
#         (africanmanager.com, 2020-02, INS ENPE 2019-Q4)
#   2020: Q4 unemployed 725.1, employed "plus de 3,43 millions" -> 3,430 (businessnews.com.tn,
#         2021-02, INS ENPE 2020-Q4)
#   2022: Q4 active 4,124.2 at 15.2 % -> employed 3,497.3, unemployed 626.9 (tunisienumerique.com;
#         kapitalis.com, INS ENPE 2023-Q1 and 2023-Q4 notes)
#   2023: Q1 active 4,078.1 at 16.1 % (employed 3,421.5, unemployed 656.6); Q3 employed 3,394.1,
#         unemployed 638.1; Q4 employed 3,416.2, unemployed 667.5 (africanmanager.com, 2024-02)
TN_INS_EMPLOYED = {2010: 3279.0e3, 2011: 3139.0e3, 2019: (3543.6e3 + 3566.4e3) / 2, 2020: 3430.0e3,
                   2022: 4124.2e3 * (1 - 0.152), 2023: (4078.1e3 * (1 - 0.161) + 3394.1e3 + 3416.2e3) / 3}
TN_INS_UNEMPLOYED = {2010: 491.0e3, 2011: 704.0e3, 2019: (628.3e3 + 623.9e3) / 2, 2020: 725.1e3,
                     2022: 4124.2e3 * 0.152, 2023: (4078.1e3 * 0.161 + 638.1e3 + 667.5e3) / 3}
# Women's share of the employed and of the unemployed, INS 2019-Q4 (employed women 952.7 of
# 3,566.4; active women 1,216.4) and 2023-Q4 (970.8 of 3,416.2; active women 1,248.2), same sources.
TN_INS_FEMALE_EMPLOYED_SHARE = {2019: 952.7 / 3566.4, 2023: 970.8 / 3416.2}
TN_INS_FEMALE_UNEMPLOYED_SHARE = {2019: (1216.4 - 952.7) / 623.9, 2023: (1248.2 - 970.8) / 667.5}
# Higher-education graduates a year (public + private), Ministère de l'Enseignement supérieur
# (MESRS) as reported: 2010 public 86,000 + private 1,200 and 2016 public 58,000 + private 7,800
# (challenges.tn, "L'hémorragie des diplômés du supérieur", OTE from MESRS data); 2017 private
# 8,522 = 13.15 % of all graduates -> 64,806 (webmanagercenter.com, 2019-02, MESRS). Log-linear
# between, held at 2017 after (no later total at hand).
TN_GRADUATES = {2010: 86000.0 + 1200.0, 2016: 58000.0 + 7800.0, 2017: 8522.0 / 0.1315}
# By field, as ISCO-08 sub-major groups: engineers 5,200 of 43,943 university graduates (2017,
# allafrica.com 2017-08) -> 11.8 % to 21; ICT 9,568 of 60,613 (2008, webmanagercenter.com 2009-08)
# -> 15.8 % to 25 (70 %) and 35 (30 %). The rest over the other professional, technician and
# clerical groups in proportion to their employment x a higher-education intensity (modelled).
TN_GRADUATE_FIELDS = {"21": 5200.0 / 43943.0, "25": 0.7 * 9568.0 / 60613.0, "35": 0.3 * 9568.0 / 60613.0}
TN_GRADUATE_INTENSITY = {"2": 1.0, "3": 0.6, "4": 0.3}
# Return migrants: 211,000 Tunisians aged 15+ back after at least three months abroad (Observatoire
# National de la Migration, Tunisia-HIMS national survey 2020-21; lecourrierdelatlas.com), 2010-2020
# among the periods of most returns. No yearly flow is published: assumed a third of the stock came
# back in 2010-2020, 211,000 / 3 / 11 = 6,394 a year (planted, documented as such), spread over
# governorates by population tilted to the emigration regions of the south-east and centre-east,
# and over occupations by employment tilted to crafts, construction, services and elementary work.
TN_RETURNEE_STOCK = 211000.0
TN_RETURNEES_PER_YEAR = TN_RETURNEE_STOCK / 3 / 11
TN_RETURNEE_GOVERNORATE = {"TN-81": 1.6, "TN-82": 1.8, "TN-83": 1.4, "TN-61": 1.3, "TN-52": 1.2, "TN-53": 1.2}
TN_RETURNEE_MAJOR = {"1": 0.5, "2": 0.6, "3": 0.7, "4": 0.5, "5": 1.3, "6": 0.6, "7": 1.6, "8": 1.1, "9": 1.5}
# Young job seekers (15-24): their share of the unemployed from ILOSTAT's unemployment rates by
# age (../shared/datasets/ilostat/une_deap_sex_age_rt_tun_sex_t_ythadult.csv: 15-24, 25+ and all
# 15+), s = r_y (r - r_a) / ((r_y - r_a) r); 2021 left out (ILOSTAT's 2021 rates, 6.5 % overall,
# are another source) and years without rates interpolated. Over cells by a relative youth
# propensity per major group (modelled: service, sales and elementary work recruit the young).
TN_YOUTH_PROPENSITY = {"1": 0.2, "2": 0.8, "3": 1.0, "4": 1.1, "5": 1.4, "6": 0.6, "7": 1.1, "8": 0.9, "9": 1.4}


def tunisia_youth_share(shared):
    """The 15-24-year-olds' share of the unemployed by year, from ILOSTAT's rates by age."""
    rows = read_csv(os.path.join(shared, "datasets", "ilostat", "une_deap_sex_age_rt_tun_sex_t_ythadult.csv"))
    rate = {(r["classif1"], int(r["time"])): float(r["une_deap_sex_age_rt"]) for r in rows}
    share = {}
    for y in YEARS:
        ry, ra, r = (rate.get(("age_ythadult_" + band, y)) for band in ("y15_24", "yge25", "yge15"))
        if ry is None or ra is None or r is None or y == 2021:
            continue
        share[y] = ry * (r - ra) / ((ry - ra) * r)
    return share


# Modelled: unemployment propensity by ISCO major group (relative), and by governorate.
TN_UNEMPLOYMENT_PROPENSITY = {"1": 0.4, "2": 1.6, "3": 1.3, "4": 1.2, "5": 1.0, "6": 0.5, "7": 1.0, "8": 0.9, "9": 1.2}
TN_GOVERNORATE_UNEMPLOYMENT = {"TN-41": 1.7, "TN-42": 1.7, "TN-43": 1.7, "TN-71": 1.6, "TN-72": 1.6, "TN-73": 1.6,
                               "TN-81": 1.4, "TN-82": 1.4, "TN-83": 1.4, "TN-31": 1.3, "TN-32": 1.3, "TN-33": 1.3, "TN-34": 1.3}


def tunisia(shared):
    ds = os.path.join(shared, "datasets")
    ilo = read_csv(os.path.join(ds, "ilostat", "emp_temp_sex_oc2_nb_tun.csv"))
    val = {(r["sex"], r["classif1"], int(r["time"])): float(r["emp_temp_sex_oc2_nb"]) for r in ilo}
    codes = sorted({r["classif1"].split("_")[-1] for r in ilo if r["time"] == "2019" and r["sex"] == "sex_t"
                    and r["classif1"].split("_")[-1].isdigit()})
    gov = ["TN-11", "TN-12", "TN-13", "TN-14", "TN-21", "TN-22", "TN-23", "TN-31", "TN-32", "TN-33", "TN-34", "TN-41",
           "TN-42", "TN-43", "TN-51", "TN-52", "TN-53", "TN-61", "TN-71", "TN-72", "TN-73", "TN-81", "TN-82", "TN-83"]
    # INS census 2014 population, thousands (rounded).
    pop = dict(zip(gov, [1056, 577, 632, 379, 788, 177, 569, 303, 401, 243, 224, 571, 439, 430, 675, 548, 410, 955,
                         337, 107, 157, 374, 480, 149]))
    urban = dict(zip(gov, [1.0, 0.9, 0.85, 0.75, 0.6, 0.4, 0.6, 0.4, 0.3, 0.45, 0.35, 0.35, 0.4, 0.3, 0.75, 0.7,
                           0.45, 0.65, 0.7, 0.6, 0.5, 0.65, 0.6, 0.6]))
    # Totals: INS's employed and unemployed (Enquête nationale sur la population et l'emploi),
    # TN_INS_EMPLOYED / TN_INS_UNEMPLOYED below; log-linear between anchor years, 2024 held at
    # 2023 (no anchor). ILOSTAT's 2014 figure (2.73 million, census-based) and its 2021 figure
    # (5.44 million, another source) are not levels of the same series: not used.
    total = loglinear(TN_INS_EMPLOYED, YEARS)
    unemployed = loglinear(TN_INS_UNEMPLOYED, YEARS)
    total[2024], unemployed[2024] = total[2023], unemployed[2023]
    base = {c: val[("sex_t", "oc2_isco08_" + c, 2019)] for c in codes}
    early = {c: val.get(("sex_t", "oc2_isco08_" + c, 2014)) for c in codes}
    fshare = {c: val.get(("sex_f", "oc2_isco08_" + c, 2019), 0.0) / base[c] for c in codes}
    sb = sum(base.values())
    ps = sum(pop.values())
    mean_urban = sum(urban[g] * pop[g] for g in gov) / ps
    tilt_major = {"1": 1.2, "2": 1.5, "3": 1.2, "4": 1.5, "5": 0.5, "6": -2.5, "7": 0.3, "8": 0.6, "9": -0.3}
    header = ["year", "region", "isco", "employment", "jobseekers", "jobseekers_female", "jobseekers_male", "jobseekers_15_24",
              "employment_female", "employment_male", "graduates", "school_leavers", "returnees"]
    youth_anchor = tunisia_youth_share(shared)
    youth = {}
    known = sorted(youth_anchor)
    for y in YEARS:   # linear between ILOSTAT years, held outside
        if y in youth_anchor:
            youth[y] = youth_anchor[y]
        elif y < known[0] or y > known[-1]:
            youth[y] = youth_anchor[known[0] if y < known[0] else known[-1]]
        else:
            a = max(k for k in known if k < y); b = min(k for k in known if k > y)
            youth[y] = youth_anchor[a] + (youth_anchor[b] - youth_anchor[a]) * (y - a) / (b - a)
    out = []
    cells_by_year = {}
    for y in YEARS:
        # Sub-major shares: 2019 structure, drifting toward the 2014 one backwards where it exists,
        # at half the log-share slope, capped at 2 %/yr (as Morocco's major groups): the 2014
        # census and the 2019 survey differ by more than five years of change (their log shares
        # differ by 0.80 across groups where consecutive survey years differ by 0.10), most of it
        # a break between sources, which a full slope would extrapolate as a trend.
        w = {}
        for c in codes:
            s19 = base[c] / sb
            if early[c]:
                s14 = early[c] / sum(v for v in early.values() if v)
                g = 0.5 * math.log(s19 / s14) / 5
                w[c] = s19 * math.exp(max(-0.02, min(0.02, g)) * (y - 2019))
            else:
                w[c] = s19
            if y != 2019:
                sd = dispersion_sd(base[c] * 1e3)
                w[c] *= math.exp(deviation(("tn-disp", c), y, sd) - deviation(("tn-disp", c), 2019, sd))
        sw = sum(w.values())
        col = {c: total[y] * w[c] / sw for c in codes}
        cells = {(g, c): pop[g] * col[c] * math.exp(tilt_major[c[0]] * (urban[g] - mean_urban) + 0.3 * stable_normal("tn", g, c))
                 for g in gov for c in codes}
        rake(cells, {g: total[y] * pop[g] / ps for g in gov}, col)
        cells_by_year[y] = cells
    # Job seekers: INS's unemployed each year, split over cells by employment × a propensity by
    # major group (higher-education graduates are far more often unemployed in Tunisia: 23-30 %
    # against 15-16 % overall) × a governorate factor (INS: the interior, Centre-Ouest and
    # Sud-Ouest, at 27-29 % against 13 % nationally in 2011), then scaled to the national total.
    seekers = {}
    for y in YEARS:
        raw = {(g, c): cells_by_year[y][(g, c)] * TN_UNEMPLOYMENT_PROPENSITY[c[0]] * TN_GOVERNORATE_UNEMPLOYMENT.get(g, 1.0)
               for g in gov for c in codes}
        scale = unemployed[y] / sum(raw.values())
        for k, v in raw.items():
            seekers[(k[0], k[1], y)] = v * scale
    # Sex: each sub-major group's female share from ILOSTAT 2019, scaled each year to INS's
    # female share of the employed (2019-Q4 26.7 %, 2023-Q4 28.4 %; linear between, held
    # outside); women's share of the unemployed likewise (2019-Q4 42.3 %, 2023-Q4 41.6 %), split
    # over cells by their female share of employment.
    def held_linear(anchors, y):
        (y0, v0), (y1, v1) = sorted(anchors.items())
        return v0 if y <= y0 else v1 if y >= y1 else v0 + (v1 - v0) * (y - y0) / (y1 - y0)
    fem_emp, fem_js = {}, {}
    for y in YEARS:
        emp = {k: v for k, v in cells_by_year[y].items()}
        cur = sum(v * fshare[k[1]] for k, v in emp.items()) / sum(emp.values())
        scale = held_linear(TN_INS_FEMALE_EMPLOYED_SHARE, y) / cur
        base = {(g, c): min(0.95, fshare[c] * scale) for g in gov for c in codes}
        target = held_linear(TN_INS_FEMALE_UNEMPLOYED_SHARE, y) * unemployed[y]
        k = 1.0
        for _ in range(30):   # the factor that meets the target once cells are capped at all-female
            k *= target / sum(seekers[(g, c, y)] * min(0.95, base[(g, c)] * k) for g in gov for c in codes)
        for g in gov:
            for c in codes:
                fem_emp[(g, c, y)] = base[(g, c)]
                fem_js[(g, c, y)] = min(0.95, base[(g, c)] * k)
    # Graduates: the national total each year, by field to sub-major groups (TN_GRADUATE_FIELDS,
    # the rest by employment x intensity), each group's over governorates by its employment.
    grads_total = loglinear(TN_GRADUATES, YEARS)
    for y in YEARS:
        if y > 2017:
            grads_total[y] = TN_GRADUATES[2017]
    grads, rets = {}, {}
    for y in YEARS:
        cells = cells_by_year[y]
        col = {c: sum(cells[(g, c)] for g in gov) for c in codes}
        rest = [c for c in codes if c not in TN_GRADUATE_FIELDS and c[0] in TN_GRADUATE_INTENSITY]
        wrest = {c: col[c] * TN_GRADUATE_INTENSITY[c[0]] for c in rest}
        share = dict(TN_GRADUATE_FIELDS)
        left = 1.0 - sum(share.values())
        for c in rest:
            share[c] = left * wrest[c] / sum(wrest.values())
        for c in codes:
            n = grads_total[y] * share.get(c, 0.0)
            for g in gov:
                grads[(g, c, y)] = n * cells[(g, c)] / col[c]
        # Returnees: population x emigration tilt for governorates, employment x tilt for groups.
        wr = {(g, c): pop[g] * TN_RETURNEE_GOVERNORATE.get(g, 1.0) * cells[(g, c)] / sum(cells[(g, k)] for k in codes) * TN_RETURNEE_MAJOR[c[0]]
              for g in gov for c in codes}
        sw = sum(wr.values())
        for k, v in wr.items():
            rets[(k[0], k[1], y)] = TN_RETURNEES_PER_YEAR * v / sw
    # The factor per year that gives the national youth share of job seekers.
    youth_scale = {}
    for y in YEARS:
        weighted = sum(seekers[(g, c, y)] * TN_YOUTH_PROPENSITY[c[0]] for g in gov for c in codes)
        youth_scale[y] = youth[y] * unemployed[y] / weighted
    # School leavers: the year's entrants from demography less its graduates, over cells by
    # employment x the youth propensity of the major group x its share without a higher diploma.
    entrants = labour_force_entrants("TN", YEARS)
    leavers = {}
    for y in YEARS:
        left = max(0.0, entrants[y] - grads_total[y])
        w = {(g, c): cells_by_year[y][(g, c)] * TN_YOUTH_PROPENSITY[c[0]] * NONTERTIARY[c[0]] for g in gov for c in codes}
        sw = sum(w.values())
        for (g, c), v in w.items():
            leavers[(g, c, y)] = left * v / sw
    for g in gov:
        for c in codes:
            for y in YEARS:
                E = max(1, round(cells_by_year[y][(g, c)]))
                F = min(E, round(E * fem_emp[(g, c, y)]))
                J = round(seekers[(g, c, y)])
                JF = min(J, round(J * fem_js[(g, c, y)]))
                JY = min(J, round(J * min(0.95, youth_scale[y] * TN_YOUTH_PROPENSITY[c[0]])))
                out.append([y, g, c, E, J, JF, J - JF, JY, F, E - F, round(grads[(g, c, y)]), round(leavers[(g, c, y)]), round(rets[(g, c, y)])])
    return header, out


def write(path, header, rows):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    tmp = path + ".tmp"
    with open(tmp, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        w.writerows(rows)
    os.replace(tmp, path)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", default=os.path.join(ROOT, "..", "shared"))
    ap.add_argument("--out", default=os.path.join(ROOT, "Datasets"))
    args = ap.parse_args()
    random.seed(SEED)
    h, rows = morocco(args.shared)
    write(os.path.join(args.out, "morocco", "panel.csv"), h, rows)
    # The planted hard-to-fill occupations, so that a report on the demo panel can name them.
    write(os.path.join(args.out, "morocco", "planted.csv"), ["isco", "pressure"],
          [[code, f"{factor:g}"] for code, factor in sorted(SHORTAGE_PREFIXES.items())])
    h, rows = tunisia(args.shared)
    write(os.path.join(args.out, "tunisia", "panel.csv"), h, rows)


if __name__ == "__main__":
    main()
