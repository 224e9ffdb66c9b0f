#!/usr/bin/env python3
"""Check that the bundled panels match the real margins they are calibrated to.

Morocco: national employment per year (ILOSTAT 2010-2011, HCP 2018/2019/2022/2023/2024) and the
2014 ISCO-08 major-group structure (ILOSTAT census figures) within 0.05%, registered job seekers
against HCP's unemployed (2018 from its rate, 2019, 2022, 2023, 2024) within 0.05%, HCP's regional shares of
the active population within 0.05 points. Tunisia: employed and unemployed (INS anchors in
make_panels.py) within 0.05 %, every year's employment within 3.1-3.6 million, the 2019
ILOSTAT sub-major structure within 0.05 points. Exits non-zero
with a message on the first mismatch.
"""
import csv, os, sys, importlib.util
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
spec = importlib.util.spec_from_file_location("mp", os.path.join(ROOT, "scripts", "make_panels.py"))
mp = importlib.util.module_from_spec(spec); spec.loader.exec_module(mp)
shared = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "..", "shared")
ds = os.path.join(shared, "datasets")
fail = []

def load(path):
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))

ma = load(os.path.join(ROOT, "Datasets", "morocco", "panel.csv"))
nat = {}
for r in ma:
    nat[int(r["year"])] = nat.get(int(r["year"]), 0) + int(r["employment"])
ilo = {(r["classif1"], int(r["time"])): float(r["emp_temp_sex_ocu_nb"]) for r in mp.read_csv(os.path.join(ds, "ilostat", "emp_temp_sex_ocu_nb_mar_sex_t.csv"))}
hcp = mp.read_csv(os.path.join(ds, "hcp", "morocco_labour_facts.csv"))
anchors = {2010: ilo[("ocu_isco88_total", 2010)] * 1e3, 2011: ilo[("ocu_isco88_total", 2011)] * 1e3}
for r in hcp:
    if r["scope"] == "national" and r["indicator"] == "employed" and r["category"] == "total":
        anchors[int(r["period"])] = float(r["value"])
anchors[2023] = sum(float(r["value"]) for r in hcp if r["period"] == "2023" and r["indicator"] == "employed_by_sector")
for y, v in sorted(anchors.items()):
    if abs(nat[y] / v - 1) > 5e-4:
        fail.append(f"Morocco {y}: panel employment {nat[y]} vs anchor {v:.0f}")
# Job seekers: HCP's unemployed (2019, 2022, 2023; 2024 as the mean of Q1 and Q3; 2018 from its
# 10.0 % rate on the 2018 employed).
def fact(period, ind):
    return next(float(r["value"]) for r in hcp if r["period"] == period and r["indicator"] == ind and r["scope"] == "national" and r["category"] == "total")
js = {}
for r in ma:
    js[int(r["year"])] = js.get(int(r["year"]), 0) + int(r["jobseekers"])
u_anchor = {2018: anchors[2018] * 0.10 / 0.90, 2019: fact("2019", "unemployed"), 2022: fact("2022", "unemployed"),
            2023: fact("2023", "unemployed"), 2024: (fact("2024-Q1", "unemployed") + fact("2024-Q3", "unemployed")) / 2}
for y, v in sorted(u_anchor.items()):
    if abs(js[y] / v - 1) > 5e-4:
        fail.append(f"Morocco {y}: panel job seekers {js[y]} vs HCP unemployed {v:.0f}")
# Female share of employment: HCP 23.2 % (2018) and 22.7 % (2019).
for y in (2018, 2019):
    fem = sum(int(r["employment_female"]) for r in ma if r["year"] == str(y))
    want = fact(str(y), "employed_share_female") / 100
    if abs(fem / nat[y] - want) > 5e-4:
        fail.append(f"Morocco {y}: female share {fem / nat[y]:.4f} vs HCP {want:.4f}")
by_major = {}
for r in ma:
    if r["year"] == "2014":
        by_major[r["isco"][0]] = by_major.get(r["isco"][0], 0) + int(r["employment"])
t14 = sum(ilo[("ocu_isco08_" + g, 2014)] for g in "123456789")
for g in "123456789":
    want = ilo[("ocu_isco08_" + g, 2014)] / t14
    got = by_major[g] / nat[2014]
    if abs(got - want) > 5e-4:
        fail.append(f"Morocco 2014 major group {g}: share {got:.4f} vs ILOSTAT {want:.4f}")
reg = {}
for r in ma:
    if r["year"] == "2022":
        reg[r["region"]] = reg.get(r["region"], 0) + int(r["employment"])
named = {}
for r in hcp:
    if r["indicator"] == "share_of_active_population":
        named.setdefault(r["category"].split()[0], []).append(float(r["value"]))
for c, v in named.items():
    want = sum(v) / len(v) / 100
    if abs(reg[c] / nat[2022] - want) > 5e-4:
        fail.append(f"Morocco {c}: employment share {reg[c] / nat[2022]:.4f} vs HCP {want:.4f}")

tn = load(os.path.join(ROOT, "Datasets", "tunisia", "panel.csv"))
tnat = {}
for r in tn:
    tnat[int(r["year"])] = tnat.get(int(r["year"]), 0) + int(r["employment"])
tjs = {}
for r in tn:
    tjs[int(r["year"])] = tjs.get(int(r["year"]), 0) + int(r["jobseekers"])
for y, v in sorted(mp.TN_INS_EMPLOYED.items()):
    if abs(tnat[y] / v - 1) > 5e-4:
        fail.append(f"Tunisia {y}: panel employment {tnat[y]} vs INS {v:.0f}")
for y, v in sorted(mp.TN_INS_UNEMPLOYED.items()):
    if abs(tjs[y] / v - 1) > 5e-4:
        fail.append(f"Tunisia {y}: panel job seekers {tjs[y]} vs INS unemployed {v:.0f}")
# Every year within 3.1-3.6 million: no drift like the 2.2 -> 4.5 million of the old extrapolation.
for y, v in sorted(tnat.items()):
    if not 3.1e6 <= v <= 3.6e6:
        fail.append(f"Tunisia {y}: panel employment {v} outside 3.1-3.6 million")
# Women's shares of the employed and the unemployed (INS 2019-Q4, 2023-Q4), within 0.1 point
# (whole persons per cell).
for y in (2019, 2023):
    fe = sum(int(r["employment_female"]) for r in tn if r["year"] == str(y)) / tnat[y]
    fj = sum(int(r["jobseekers_female"]) for r in tn if r["year"] == str(y)) / tjs[y]
    if abs(fe - mp.TN_INS_FEMALE_EMPLOYED_SHARE[y]) > 1e-3:
        fail.append(f"Tunisia {y}: female share of employment {fe:.4f} vs INS {mp.TN_INS_FEMALE_EMPLOYED_SHARE[y]:.4f}")
    if abs(fj - mp.TN_INS_FEMALE_UNEMPLOYED_SHARE[y]) > 1e-3:
        fail.append(f"Tunisia {y}: female share of job seekers {fj:.4f} vs INS {mp.TN_INS_FEMALE_UNEMPLOYED_SHARE[y]:.4f}")
# The occupational structure: ILOSTAT's 2019 sub-major shares.
tilo = mp.read_csv(os.path.join(ds, "ilostat", "emp_temp_sex_oc2_nb_tun.csv"))
t19 = {r["classif1"].split("_")[-1]: float(r["emp_temp_sex_oc2_nb"]) for r in tilo if r["sex"] == "sex_t" and r["time"] == "2019" and r["classif1"].split("_")[-1].isdigit()}
sub = {}
for r in tn:
    if r["year"] == "2019":
        sub[r["isco"]] = sub.get(r["isco"], 0) + int(r["employment"])
for c, v in t19.items():
    if abs(sub[c] / tnat[2019] - v / sum(t19.values())) > 5e-4:
        fail.append(f"Tunisia 2019 sub-major group {c}: share {sub[c] / tnat[2019]:.4f} vs ILOSTAT {v / sum(t19.values()):.4f}")

# Tunisia's graduates (MESRS anchors) and returnees (the documented assumption), within rounding.
tgrad, tret = {}, {}
for r in tn:
    tgrad[int(r["year"])] = tgrad.get(int(r["year"]), 0) + int(r["graduates"])
    tret[int(r["year"])] = tret.get(int(r["year"]), 0) + int(r["returnees"])
for y, v in sorted(mp.TN_GRADUATES.items()):
    if abs(tgrad[y] - v) > 0.01 * v:
        fail.append(f"Tunisia {y}: panel graduates {tgrad[y]} vs MESRS {v:.0f}")
g21 = sum(int(r["graduates"]) for r in tn if r["year"] == "2017" and r["isco"] == "21")
if abs(g21 / tgrad[2017] - mp.TN_GRADUATE_FIELDS["21"]) > 0.005:
    fail.append(f"Tunisia 2017: engineers' share of graduates {g21 / tgrad[2017]:.4f} vs {mp.TN_GRADUATE_FIELDS['21']:.4f}")
ict = sum(int(r["graduates"]) for r in tn if r["year"] == "2017" and r["isco"] in ("25", "35"))
if abs(ict / tgrad[2017] - (mp.TN_GRADUATE_FIELDS["25"] + mp.TN_GRADUATE_FIELDS["35"])) > 0.005:
    fail.append(f"Tunisia 2017: ICT share of graduates {ict / tgrad[2017]:.4f} vs {mp.TN_GRADUATE_FIELDS['25'] + mp.TN_GRADUATE_FIELDS['35']:.4f}")
for y in tret:
    if abs(tret[y] - mp.TN_RETURNEES_PER_YEAR) > 0.02 * mp.TN_RETURNEES_PER_YEAR:
        fail.append(f"Tunisia {y}: panel returnees {tret[y]} vs {mp.TN_RETURNEES_PER_YEAR:.0f} a year")
# Young job seekers: the national share each ILOSTAT year, within 0.2 point (rounding, capped cells).
youth = mp.tunisia_youth_share(shared)
for y, v in sorted(youth.items()):
    jy = sum(int(r["jobseekers_15_24"]) for r in tn if int(r["year"]) == y)
    if abs(jy / tjs[y] - v) > 0.002:
        fail.append(f"Tunisia {y}: share of job seekers aged 15-24 {jy / tjs[y]:.4f} vs ILOSTAT {v:.4f}")
# The staffing matrices: every region x code keeps the panel's employment of the year (within the
# rounding of each section's cell), and nationally each ISCO-08 major group divides over ISIC Rev.4
# sections as ILOSTAT's clean year says (Morocco 2014, Tunisia 2019), within 0.5 point.
sms = importlib.util.spec_from_file_location("ms", os.path.join(ROOT, "scripts", "make_staffing.py"))
ms = importlib.util.module_from_spec(sms); sms.loader.exec_module(ms)
staffing_checks = 0
for folder, country, panel in [("morocco", "mar", ma), ("tunisia", "tun", tn)]:
    st = load(os.path.join(ROOT, "Datasets", folder, "staffing.csv"))
    year = max(int(r["year"]) for r in panel)
    emp = {(r["region"], r["isco"]): int(r["employment"]) for r in panel if int(r["year"]) == year}
    byCell, nsec, bySecGroup = {}, {}, {}
    for r in st:
        key = (r["region"], r["isco"])
        byCell[key] = byCell.get(key, 0) + int(r["employment"])
        nsec[key] = nsec.get(key, 0) + 1
        g = r["isco"][0]
        bySecGroup.setdefault(g, {})[r["sector"]] = bySecGroup.setdefault(g, {}).get(r["sector"], 0) + int(r["employment"])
    for key, e in emp.items():
        if abs(byCell.get(key, 0) - e) > 0.5 * max(1, len(ms.section_shares(shared, country).get(key[1][0], {}))):
            fail.append(f"{folder} staffing {key}: sectors sum to {byCell.get(key, 0)}, panel {year} has {e}")
            break
    for g, secs in sorted(ms.section_shares(shared, country).items()):
        if g not in bySecGroup:
            continue
        tot_ilo, tot = sum(secs.values()), sum(bySecGroup[g].values())
        for sec, v in secs.items():
            staffing_checks += 1
            if abs(bySecGroup[g].get(sec.upper(), 0) / tot - v / tot_ilo) > 0.005:
                fail.append(f"{folder} staffing: ISCO {g} in section {sec}: share {bySecGroup[g].get(sec.upper(), 0) / tot:.4f} vs ILOSTAT {v / tot_ilo:.4f}")

# Demographic supply. The two ingredients reproduce the published labour force: population by age
# (UN WPP 2019) x ILOSTAT's activity rates by sex and age band gives the 2022 active population
# within 3 % of HCP's (employed + unemployed) and INS's (2022-Q4 active). Every year, graduates +
# school leavers = the entrants of the net-entry method (within 0.5 %: whole persons per cell).
# Over the outlook's horizon (2024 -> 2029) the entrants move by under 6 %, so the last three
# years' mean the balance projects with stays close to the cohorts WPP projects.
lf_checks = {"MA": fact("2022", "employed") + fact("2022", "unemployed"), "TN": 4124.2e3}
for country, published in lf_checks.items():
    got = mp.labour_force(country, 2022)
    if abs(got / published - 1) > 0.03:
        fail.append(f"{country} 2022: population x activity rates {got:.0f} vs published labour force {published:.0f}")
entrant_drift = {}
for country, panel in (("MA", ma), ("TN", tn)):
    entrants = mp.labour_force_entrants(country, list(range(2010, 2030)))
    for y in range(2010, 2025):
        got = sum(int(r["graduates"]) + int(r["school_leavers"]) for r in panel if int(r["year"]) == y)
        if abs(got / entrants[y] - 1) > 0.005:
            fail.append(f"{country} {y}: graduates + school leavers {got} vs entrants from demography {entrants[y]:.0f}")
    entrant_drift[country] = entrants[2029] / entrants[2024] - 1
    if abs(entrant_drift[country]) > 0.06:
        fail.append(f"{country}: entrants move {100 * entrant_drift[country]:.1f} % from 2024 to 2029")

# Year-to-year dispersion of occupation series, as real 2-digit series have it: the median over
# years of the median absolute yearly change of log employment shares of the 2-digit groups of
# 10,000 workers or more, against ILOSTAT's only consecutive clean 2-digit years (Tunisia, ISIC
# divisions, 2022 -> 2023), within 0.012. Smooth trends gave 0.009 (Morocco) and persistent
# +/-5 %/yr drifts 0.043 (Tunisia) before.
import math, statistics
def share_changes(by_year, minsize):
    """Yearly changes of log shares, one dict per pair of consecutive years, for the groups of at
    least `minsize` workers in the first year of the pair."""
    years = sorted(by_year)
    out = []
    for y0, y1 in zip(years, years[1:]):
        a, b = by_year[y0], by_year[y1]
        ta, tb = sum(a.values()), sum(b.values())
        out.append({k: math.log((b[k] / tb) / (a[k] / ta)) for k in a if a[k] >= minsize and b.get(k, 0) > 0})
    return out
def median_abs_change(by_year, minsize):
    return statistics.median(statistics.median(abs(v) for v in c.values()) for c in share_changes(by_year, minsize))
def persistence(by_year, minsize):
    """Median correlation, across groups, of one year's changes with the next year's."""
    c = share_changes(by_year, minsize)
    return statistics.median(statistics.correlation([c0[k] for k in c0 if k in c1], [c1[k] for k in c0 if k in c1])
                             for c0, c1 in zip(c, c[1:]))
ec2 = {}
for r in mp.read_csv(os.path.join(ds, "ilostat", "emp_temp_sex_ec2_nb_tun.csv")):
    if r["sex"] == "sex_t" and r["classif1"].startswith("ec2_isic4_") and r["classif1"][-1].isdigit():
        ec2.setdefault(int(r["time"]), {})[r["classif1"]] = float(r["value"]) * 1e3
real_dispersion = median_abs_change({y: ec2[y] for y in (2022, 2023)}, 10000)
# Divisions of 10,000 or more in all three years, shares among them.
big = [k for k in ec2[2021] if all(ec2[y].get(k, 0) >= 10000 for y in (2021, 2022, 2023))]
real_persistence = persistence({y: {k: ec2[y][k] for k in big} for y in (2021, 2022, 2023)}, 10000)
panel_dispersion, panel_persistence = {}, {}
for name, panel in (("Morocco", ma), ("Tunisia", tn)):
    by_year = {}
    for r in panel:
        d = by_year.setdefault(int(r["year"]), {})
        d[r["isco"][:2]] = d.get(r["isco"][:2], 0) + int(r["employment"])
    panel_dispersion[name] = median_abs_change(by_year, 10000)
    # ... and the moves are shocks that fade, not one trend repeated: a year's changes correlate
    # with the year before's across groups as ILOSTAT's divisions do 2021 -> 2022 -> 2023 (within
    # 0.15; 2021 is another source's level, its shares are used). Tunisia's old drifts gave 1.00,
    # Morocco's smooth series 0.48; noise gone the next year gives -0.5.
    panel_persistence[name] = persistence(by_year, 10000)
    if abs(panel_persistence[name] - real_persistence) > 0.15:
        fail.append(f"{name}: a year's 2-digit changes correlate {panel_persistence[name]:.2f} with the year before's, ILOSTAT's {real_persistence:.2f}")
    if abs(panel_dispersion[name] - real_dispersion) > 0.012:
        fail.append(f"{name}: 2-digit series move by {panel_dispersion[name]:.4f} a year (median absolute log-share change), ILOSTAT's by {real_dispersion:.4f}")

if fail:
    print("calibration check failed:\n  " + "\n  ".join(fail), file=sys.stderr)
    sys.exit(1)
print(f"calibration ok: Morocco {len(anchors)} national employment anchors, {len(u_anchor)} job-seeker anchors, 2 female shares, 9 major-group shares, {len(named)} regional shares; Tunisia {len(mp.TN_INS_EMPLOYED)} employment and {len(mp.TN_INS_UNEMPLOYED)} unemployment anchors (INS), 4 female shares, {len(t19)} sub-major shares, {len(mp.TN_GRADUATES)} graduate totals (MESRS), returnees, {len(youth)} youth shares of job seekers (ILOSTAT); staffing: {staffing_checks} section shares within major groups (ILOSTAT) and every region x code's employment; demography: labour force 2022 within 3 % (MA, TN), graduates + school leavers = entrants every year, entrants 2024 -> 2029 {100 * entrant_drift['MA']:+.1f} % (MA), {100 * entrant_drift['TN']:+.1f} % (TN); 2-digit series move {panel_dispersion['Morocco']:.3f} (MA) and {panel_dispersion['Tunisia']:.3f} (TN) a year against ILOSTAT's {real_dispersion:.3f}, consecutive years' moves correlate {panel_persistence['Morocco']:.2f} (MA) and {panel_persistence['Tunisia']:.2f} (TN) against ILOSTAT's {real_persistence:.2f}")
