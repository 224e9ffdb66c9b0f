#!/usr/bin/env bash
# Workbooks Mizan writes, read by another program: openpyxl (PyPI, in the notebooks' venv) opens
# the forecast and shortage list written with --out X.xlsx and finds every cell of the CSV twin,
# numbers as numbers and codes as text.
set -euo pipefail
cd "$(dirname "$0")/.."
VENV=${MIZAN_NOTEBOOK_VENV:-.venv-notebooks}
"$VENV/bin/python" -c 'import openpyxl' 2>/dev/null || "$VENV/bin/pip" install -q --disable-pip-version-check openpyxl
MIZAN=${MIZAN_BIN:-.build/debug/mizan}
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
for cmd in forecast shortages; do
  for ext in csv xlsx; do "$MIZAN" $cmd --panel Datasets/tunisia/panel.csv --horizon 3 --out "$tmp/$cmd.$ext" 2>/dev/null >/dev/null; done
done
"$VENV/bin/python" - "$tmp" <<'PY'
import csv, math, os, sys
import openpyxl
tmp = sys.argv[1]
for name in ["forecast", "shortages"]:
    want = list(csv.reader(open(os.path.join(tmp, name + ".csv"), encoding="utf-8")))
    ws = openpyxl.load_workbook(os.path.join(tmp, name + ".xlsx"), read_only=True).active
    got = [[c for c in row] for row in ws.iter_rows(values_only=True)]
    assert len(got) == len(want), (name, len(got), len(want))
    numbers = 0
    for r, (g, w) in enumerate(zip(got, want)):
        g = list(g) + [None] * (len(w) - len(g))
        for c, (x, y) in enumerate(zip(g, w)):
            if y == "":
                assert x in (None, ""), (name, r, c, x)
            elif isinstance(x, (int, float)) and not isinstance(x, bool):
                numbers += 1
                assert math.isclose(x, float(y), rel_tol=1e-12, abs_tol=1e-12), (name, r, c, x, y)
            else:
                assert str(x) == y, (name, r, c, x, y)
    header = want[0]
    for code in ("region", "isco"):
        if code in header:
            k = header.index(code)
            assert all(isinstance(row[k], str) for row in got[1:]), (name, code, "codes must stay text")
    assert numbers > 0, name
    print(f"xlsx ok: {name}: {len(got)} rows, {numbers} numeric cells, same as the CSV (read by openpyxl {openpyxl.__version__})")
PY
