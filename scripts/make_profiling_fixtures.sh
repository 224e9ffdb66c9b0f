#!/usr/bin/env bash
# The fixtures the Profiling tests read (Tests/ProfilingTests/Fixtures/):
#   morocco_shortages_2024.csv  region,isco,p_shortage,tension_ratio of `mizan shortages` on the bundled Morocco
#                               panel for 2024 (horizon 5): the occupation outlook a registry is
#                               scored with (the test cannot afford the 45 s a debug run takes)
#   statsmodels_logit.csv       statsmodels' Logit on the registry (scripts/peer_profile_logit.py)
# Usage: scripts/make_profiling_fixtures.sh   (after `swift build`; needs ../shared/peers/.venv)
set -euo pipefail
cd "$(dirname "$0")/.."
BIN="${MIZAN_BIN:-.build/debug/mizan}"
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
"$BIN" shortages --panel Datasets/morocco/panel.csv --year 2024 --out "$tmp/s.csv" >/dev/null
python3 - "$tmp/s.csv" Tests/ProfilingTests/Fixtures/morocco_shortages_2024.csv <<'PY'
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1], newline="")))
with open(sys.argv[2], "w", newline="") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(["region", "isco", "p_shortage", "tension_ratio"])
    for r in sorted(rows, key=lambda r: (r["region"], r["isco"])):
        w.writerow([r["region"], r["isco"], r["p_shortage"], r["tension_ratio"]])
PY
../shared/peers/.venv/bin/python scripts/peer_profile_logit.py
