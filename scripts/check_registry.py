#!/usr/bin/env python3
"""Asserts every figure Datasets/morocco/README.md claims about the synthetic registry.

Each is the published HCP figure the generator was calibrated to, within the stated margin.
Usage: python3 scripts/check_registry.py   (exit 1 and a message on the first failure)
"""
import csv, os, sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def main():
    rows = list(csv.DictReader(open(os.path.join(ROOT, "Datasets", "morocco", "registry.csv"), newline="")))
    labelled = [r for r in rows if r["ltu_12m"] != ""]
    share = lambda rs, f: sum(1 for r in rs if f(r)) / len(rs)
    ltu = lambda rs: sum(int(r["ltu_12m"]) for r in rs) / len(rs)
    edu = lambda r: int(r["education_isced"])
    checks = [
        ("spells", len(rows), 36000, 0),
        ("cohorts 2016-2023 labelled, 2024 not", len(labelled), 32000, 0),
        ("LTU share of labelled spells (HCP 2023: 66 % unemployed a year or more)", ltu(labelled), 0.66, 0.015),
        ("women among registrants (HCP 2023: 31.1 %)", share(rows, lambda r: r["sex"] == "F"), 0.311, 0.01),
        ("with a diploma, ISCED 2+ (HCP 2023: 82.6 %)", share(rows, lambda r: edu(r) >= 2), 0.826, 0.01),
        ("first-time job seekers, no prior spell (HCP 2023: 51.2 %)", share(rows, lambda r: r["prior_spells"] == "0"), 0.512, 0.01),
        ("under 35 (HCP 2023: 75.7 % of urban unemployed)", share(rows, lambda r: int(r["age"]) < 35), 0.757, 0.01),
        ("foreign nationals (planted)", share(rows, lambda r: r["nationality"] != "MA"), 0.05, 0.005),
    ]
    ok = True
    for name, value, target, margin in checks:
        good = abs(value - target) <= margin
        ok &= good
        print(f"{'ok ' if good else 'BAD'} {name}: {value:.4f} (target {target} ± {margin})")
    # Orderings HCP's mean durations imply (23.6 < 34.1 < 40.2 months; women 39.1 against 32.3 overall).
    none, middle, higher = (ltu([r for r in labelled if lo <= edu(r) <= hi]) for lo, hi in ((0, 1), (2, 4), (5, 8)))
    women, men = ltu([r for r in labelled if r["sex"] == "F"]), ltu([r for r in labelled if r["sex"] == "M"])
    foreign, national = ltu([r for r in labelled if r["nationality"] != "MA"]), ltu([r for r in labelled if r["nationality"] == "MA"])
    for name, good in [(f"LTU rises with education: {none:.3f} < {middle:.3f} < {higher:.3f}", none < middle < higher),
                       (f"women's spells longer: {women:.3f} > {men:.3f}", women > men),
                       (f"planted disparity: foreign {foreign:.3f} > national {national:.3f} + 0.10", foreign > national + 0.10)]:
        ok &= good
        print(f"{'ok ' if good else 'BAD'} {name}")
    if not ok:
        sys.exit("error: Datasets/morocco/registry.csv does not match what its README claims")
    print("registry ok")


if __name__ == "__main__":
    main()
