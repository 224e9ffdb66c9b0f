#!/usr/bin/env python3
"""Build the staffing matrices (employment by region x ISIC Rev.4 section x ISCO-08 code) that
turn a scenario's sector shocks into occupations.

Real: ILOSTAT's employment by economic activity x occupation (EMP_TEMP_ECO_OCU_NB,
../shared/datasets/ilostat/emp_temp_eco_ocu_nb_mar_tun.csv): ISIC Rev.4 sections x ISCO-08 major
groups, Morocco 2014 and Tunisia 2019, the only clean years (NOTES-sector.md); unclassified
activity (section X) left out. Within each major group the section shares are matched exactly
(before rounding to whole persons; cells under half a person are left out).

Modelled (an assumption, shown as such in Datasets/*/README.md):
  - below the major group: each unit group (Morocco) or sub-major group (Tunisia) divides over
    the sections like its major group, except that its "home" sections below (a farm worker in
    agriculture, a bricklayer in construction, a nurse in health) weigh HOME_WEIGHT times more;
    the split is raked so that the unit groups keep their national employment and the major
    group keeps ILOSTAT's section shares;
  - every region uses the national split of each code (regions differ through their mix of
    occupations, not through a different sector mix within an occupation);
  - the year is the panel's last year (2024), its employment the panel's; the section mix is
    the 2014 (Morocco) / 2019 (Tunisia) one, held (no second clean year to measure a trend).

Writes Datasets/morocco/staffing.csv and Datasets/tunisia/staffing.csv
(year,region,sector,isco,employment), deterministically. Standard library only.
Usage: python3 scripts/make_staffing.py [--shared ../shared] [--out Datasets]
"""
import argparse, csv, os, importlib.util

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
spec = importlib.util.spec_from_file_location("mp", os.path.join(ROOT, "scripts", "make_panels.py"))
mp = importlib.util.module_from_spec(spec); spec.loader.exec_module(mp)

SOURCE_YEAR = {"mar": 2014, "tun": 2019}
HOME_WEIGHT = 30.0
# ISCO-08 prefix -> ISIC Rev.4 sections where that work is mostly done (longest prefix wins).
HOME = {
    "0": "O", "11": "O", "111": "O", "242": "O", "335": "O", "54": "O",
    "61": "A", "62": "A", "63": "A", "92": "A",
    "71": "F", "711": "F", "712": "F", "713": "F", "931": "F", "9311": "B", "811": "B", "2146": "B",
    "72": "C", "73": "C", "75": "C", "81": "C", "82": "C", "932": "C", "214": "M", "2142": "F",
    "741": "F", "742": "C", "3113": "D", "2151": "D",
    "83": "H", "933": "H", "432": "H", "511": "H", "315": "H",
    "512": "I", "513": "I", "941": "I", "1411": "I", "1412": "I", "4224": "I",
    "52": "G", "95": "G", "1420": "G", "332": "G", "723": "G",
    "911": "T", "5152": "T", "531": "T",
    "22": "Q", "32": "Q", "53": "Q", "134": "Q", "263": "Q",
    "23": "P", "1345": "P",
    "25": "J", "35": "J", "264": "J", "265": "R", "343": "R",
    "241": "K", "331": "K", "421": "K", "1346": "K",
    "261": "M", "2411": "M", "216": "M", "243": "M", "3314": "M", "412": "N", "962": "N", "541": "N", "4222": "N",
    "516": "S", "514": "S", "2636": "S",
}


def home(code):
    best = None
    for p, s in HOME.items():
        if code.startswith(p) and (best is None or len(p) > len(best[0])):
            best = (p, s)
    return best[1] if best else None


def section_shares(shared, country):
    """ILOSTAT's section x major group (thousands) for the clean year: {major: {section: value}}."""
    out = {}
    path = os.path.join(shared, "datasets", "ilostat", "emp_temp_eco_ocu_nb_mar_tun.csv")
    for r in mp.read_csv(path):
        if r["ref_area"] != country or int(r["time"]) != SOURCE_YEAR[country]:
            continue
        c1, c2 = r["classif1"], r["classif2"]
        if not c1.startswith("eco_isic4_") or not c2.startswith("ocu_isco08_"):
            continue
        sec, grp = c1[len("eco_isic4_"):], c2[len("ocu_isco08_"):]
        if len(sec) != 1 or sec == "x" or not grp.isdigit():
            continue
        v = float(r["value"])
        if v > 0:
            out.setdefault(grp, {})[sec.upper()] = v
    return out


def build(shared, panel_path, country):
    rows = mp.read_csv(panel_path)
    last = max(int(r["year"]) for r in rows)
    emp = {(r["region"], r["isco"]): float(r["employment"]) for r in rows if int(r["year"]) == last and r["employment"] not in ("", "NA")}
    shares = section_shares(shared, country)
    national = {}
    for (reg, code), e in emp.items():
        national[code] = national.get(code, 0.0) + e
    split = {}   # code -> {section: share}
    for grp in sorted({c[0] for c in national}):
        codes = sorted(c for c in national if c[0] == grp and national[c] > 0)
        secs = shares.get(grp)
        if not codes or not secs:
            continue
        total_ilo = sum(secs.values())
        total = sum(national[c] for c in codes)
        cells = {}
        for c in codes:
            h = home(c)
            for s, v in secs.items():
                cells[(c, s)] = v / total_ilo * (HOME_WEIGHT if s == h else 1.0)
        col = {s: total * v / total_ilo for s, v in secs.items()}
        mp.rake(cells, {c: national[c] for c in codes}, col, iterations=200)
        for (c, s), v in cells.items():
            split.setdefault(c, {})[s] = v / national[c]
    out = []
    for (reg, code) in sorted(emp):
        e = emp[(reg, code)]
        for s in sorted(split.get(code, {})):
            v = round(e * split[code][s])
            if v > 0:
                out.append([last, reg, s, code, str(v)])
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", default=os.path.join(ROOT, "..", "shared"))
    ap.add_argument("--out", default=os.path.join(ROOT, "Datasets"))
    a = ap.parse_args()
    for folder, country in [("morocco", "mar"), ("tunisia", "tun")]:
        rows = build(a.shared, os.path.join(a.out, folder, "panel.csv"), country)
        mp.write(os.path.join(a.out, folder, "staffing.csv"), ["year", "region", "sector", "isco", "employment"], rows)


if __name__ == "__main__":
    main()
