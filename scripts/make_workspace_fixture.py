#!/usr/bin/env python3
"""A small outlook bundle for the workspace tests (Tests/WorkspaceTests/Fixtures/bundle/), cut
from a real `make outlook` bundle: the national list and two regions (Rabat-Salé-Kénitra,
Casablanca-Settat), twelve unit groups, every list (target and now, everyone, women, men), their
forecasts and the accuracy table, and the panel rows those cells need.

Usage: python3 scripts/make_workspace_fixture.py [--bundle out/outlook]
"""
import argparse, csv, json, os, shutil

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
REGIONS = {"TOTAL", "MA-04", "MA-06"}
ISCO = {"7212", "8332", "2512", "2221", "5120", "7411", "7115", "5131", "9211", "2511", "3512", "4222"}


def cut(src, dst, keep):
    with open(src, newline="") as f, open(dst, "w", newline="") as g:
        r = csv.reader(f)
        w = csv.writer(g, lineterminator="\n")
        header = next(r)
        w.writerow(header)
        for row in r:
            d = dict(zip(header, row))
            if keep(d):
                w.writerow(row)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bundle", default=os.path.join(ROOT, "out", "outlook"))
    a = ap.parse_args()
    out = os.path.join(ROOT, "Tests", "WorkspaceTests", "Fixtures", "bundle")
    shutil.rmtree(out, ignore_errors=True)
    os.makedirs(out)
    for name in ["shortages.csv", "shortages_now.csv", "shortages_female.csv", "shortages_male.csv",
                 "shortages_now_female.csv", "shortages_now_male.csv"]:
        cut(os.path.join(a.bundle, name), os.path.join(out, name), lambda d: d["region"] in REGIONS and d["isco"] in ISCO)
    cut(os.path.join(a.bundle, "forecasts.csv"), os.path.join(out, "forecasts.csv"),
        lambda d: d["region"] in REGIONS and d["isco"] in ISCO and d["measure"] == "employment")
    shutil.copy(os.path.join(a.bundle, "forecast_accuracy.csv"), out)
    m = json.load(open(os.path.join(a.bundle, "manifest.json")))
    keep = {k: m[k] for k in ["year", "horizon", "target_year", "mizan_version", "seed", "reconciliation", "input_sha256"] if k in m}
    keep["config"] = "# fixture cut from a Morocco outlook bundle by scripts/make_workspace_fixture.py\n"
    keep["tables"] = sorted(os.listdir(out))
    with open(os.path.join(out, "manifest.json"), "w") as f:
        json.dump(keep, f, indent=2, sort_keys=True)
        f.write("\n")
    cut(os.path.join(ROOT, "Datasets", "morocco", "panel.csv"), os.path.join(os.path.dirname(out), "panel.csv"),
        lambda d: d["region"] in REGIONS and d["isco"] in ISCO)
    print(f"wrote {out}")


if __name__ == "__main__":
    main()
