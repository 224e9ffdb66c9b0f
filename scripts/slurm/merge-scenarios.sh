#!/usr/bin/env bash
# merge-scenarios.sh TABLE DIR SCENARIO.toml…: DIR/scenario-<i>/scenario_vs_baseline.csv for
# each scenario i, as one CSV with a first column `scenario` (the file's name without .toml).
# The same script merges a one-machine run, so both give the same bytes.
set -euo pipefail
table=$1 dir=$2; shift 2
tmp="$table.tmp.$$"
trap 'rm -f "$tmp"' EXIT
i=0
for s in "$@"; do
    name=$(basename "$s" .toml)
    src="$dir/scenario-$i/scenario_vs_baseline.csv"
    [ -s "$src" ] || { echo "merge-scenarios.sh: $src is missing: scenario $i ($s) did not finish" >&2; exit 1; }
    if [ "$i" = 0 ]; then head -n 1 "$src" | sed 's/^/scenario,/' > "$tmp"; fi
    tail -n +2 "$src" | sed "s/^/$name,/" >> "$tmp"
    i=$((i + 1))
done
mv -f "$tmp" "$table"
trap - EXIT
