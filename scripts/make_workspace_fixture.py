#!/usr/bin/env python3
"""Small real inputs for the tests, cut from the Morocco data: the panel the workspace tests run
an outlook on (Tests/WorkspaceTests/Fixtures/panel.csv: Rabat-Salé-Kénitra and Casablanca-Settat,
twelve unit groups; the tests make their bundle from it with OutlookRunner), and a published list
the CLI tests read as `--shortages` (Tests/MizanCLITests/Fixtures/shortages.csv: the national list
and the two regions, those twelve unit groups, cut from a `make outlook` bundle).

Usage: python3 scripts/make_workspace_fixture.py [--bundle out/outlook]
"""
import argparse, csv, os

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
    cli = os.path.join(ROOT, "Tests", "MizanCLITests", "Fixtures")
    os.makedirs(cli, exist_ok=True)
    cut(os.path.join(a.bundle, "shortages.csv"), os.path.join(cli, "shortages.csv"),
        lambda d: d["region"] in REGIONS and d["isco"] in ISCO)
    out = os.path.join(ROOT, "Tests", "WorkspaceTests", "Fixtures")
    cut(os.path.join(ROOT, "Datasets", "morocco", "panel.csv"), os.path.join(out, "panel.csv"),
        lambda d: d["region"] in REGIONS and d["isco"] in ISCO)
    print(f"wrote {out}")


if __name__ == "__main__":
    main()
