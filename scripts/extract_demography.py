#!/usr/bin/env python3
"""Extract the population by single year of age that Mizan's demographic supply needs.

Source: UN World Population Prospects 2019, medium variant, as the DDF dataset
open-numbers/ddf--unpop--wpp_population (commit 2eee2208f2e4fd902eb10753d44718ebc1080a49),
files population--by--geo--time--age1yearinterval--gender/ddf--datapoints--population--by--
country-{504,788}--time--age1yearinterval--gender.csv (thousands; gender 1 male, 2 female).

Writes Datasets/demography/population.csv: country (ISO 3166-1), year, sex, age, population
(persons), for Morocco (504) and Tunisia (788), ages 14-100 (100: 100 and over), years 2005-2035 (estimates to 2019,
projections after). The extract is committed (the source is not in ../shared); rerun with the
repository checked out to reproduce it byte for byte:

    python3 scripts/extract_demography.py --wpp /path/to/ddf--unpop--wpp_population
"""
import argparse, csv, io, os, subprocess

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
COUNTRIES = {"504": "MA", "788": "TN"}
AGES = range(14, 101)
YEARS = range(2005, 2036)
SEX = {"1": "male", "2": "female"}
FOLDER = "population--by--geo--time--age1yearinterval--gender"


def read(wpp, m49):
    name = f"{FOLDER}/ddf--datapoints--population--by--country-{m49}--time--age1yearinterval--gender.csv"
    path = os.path.join(wpp, name)
    if os.path.exists(path):
        with open(path, encoding="utf-8") as f:
            return f.read()
    # A bare git mirror: read the file from HEAD.
    return subprocess.run(["git", "--git-dir", wpp, "show", "HEAD:" + name], check=True,
                          capture_output=True, text=True).stdout


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--wpp", required=True, help="checkout (or bare git directory) of ddf--unpop--wpp_population")
    ap.add_argument("--out", default=os.path.join(ROOT, "Datasets", "demography", "population.csv"))
    args = ap.parse_args()
    rows = []
    for m49, iso in COUNTRIES.items():
        for r in csv.DictReader(io.StringIO(read(args.wpp, m49))):
            y, a = int(r["time"]), int(r["age1yearinterval"])
            if y in YEARS and a in AGES:
                rows.append([iso, y, SEX[r["gender"]], a, round(float(r["population"]) * 1000)])
    rows.sort(key=lambda r: (r[0], r[1], r[2], r[3]))
    os.makedirs(os.path.dirname(args.out), exist_ok=True)
    with open(args.out, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["country", "year", "sex", "age", "population"])
        w.writerows(rows)


if __name__ == "__main__":
    main()
