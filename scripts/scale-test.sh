#!/usr/bin/env bash
# make scale-test: the Slurm scripts in scripts/slurm run for real on a one-node cluster started
# here, and their merged results are compared byte for byte with one-machine runs:
#   (a) the recommendation batch in 4 shards, shard 2's process killed (SIGKILL) mid-run once and
#       rerun; then shard 3 killed twice: the job fails naming it, and nothing is published;
#   (b) an ensemble of 3 scenarios against one baseline outlook, merged into one table.
# The cluster's daemons are stopped whatever happens. Needs root to install Slurm (like Chromium).
set -euo pipefail
cd "$(dirname "$0")/.."
MIZAN=${MIZAN_BIN:-$PWD/.build/debug/mizan}
SHARED=${MIZAN_SHARED:-../shared}
work=$(mktemp -d /tmp/mizan-scale.XXXXXX)
trap 'scripts/slurm/cluster.sh stop >/dev/null 2>&1 || true; rm -rf "$work"' EXIT
t0=$(date +%s.%N)
lap() { printf "scale-test: %-62s %6.1f s\n" "$1" "$(awk -v a="$t0" -v b="$(date +%s.%N)" 'BEGIN { print b - a }')"; t0=$(date +%s.%N); }
scripts/slurm/cluster.sh start >/dev/null
lap "one-node cluster started (munged, slurmctld, slurmd)"

# (a) Recommendations: 4 shards against one run.
export ESCO="$SHARED/datasets/esco" CATALOGUE=Datasets/training/catalogue.csv
export PROFILES=Datasets/profiles/sample.jsonl SHORTAGES=Tests/MizanCLITests/Fixtures/shortages.csv
"$MIZAN" recommend --profiles "$PROFILES" --shortages "$SHORTAGES" --esco "$ESCO" --catalogue "$CATALOGUE" \
    --out "$work/one-run.csv" 2>/dev/null
lap "(a) one machine: recommendations for 40 profiles"
mkdir -p "$work/rec"; touch "$work/rec/.kill-once-1"
MIZAN=$MIZAN OUT="$work/rec" SHARDS=4 MEM=1G scripts/slurm/recommend.sh >/dev/null
grep -q "shard 2 of 4 (array task 1): attempt 1 failed (exit 137)" "$work/rec/logs/shard-1.log" \
    || { echo "scale-test: shard 2's process was not killed as planned:" >&2; cat "$work/rec/logs/shard-1.log" >&2; exit 1; }
cmp "$work/one-run.csv" "$work/rec/recommendations.csv" \
    || { echo "scale-test: merged recommendations differ from one run" >&2; exit 1; }
lap "(a) Slurm: 4 shards, shard 2 killed once and rerun, merged"

mkdir -p "$work/rec-fail"; touch "$work/rec-fail/.kill-always-2"
if MIZAN=$MIZAN OUT="$work/rec-fail" SHARDS=4 MEM=1G scripts/slurm/recommend.sh 2>"$work/fail.err" >/dev/null; then
    echo "scale-test: a shard that fails twice did not fail the job" >&2; exit 1
fi
grep -q "shard(s) 3 failed twice" "$work/fail.err" || { echo "scale-test: the failure did not name shard 3:" >&2; cat "$work/fail.err" >&2; exit 1; }
[ ! -e "$work/rec-fail/recommendations.csv" ] || { echo "scale-test: a partial table was published" >&2; exit 1; }
lap "(a) Slurm: shard 3 killed twice: job failed naming it, nothing published"

# (b) Three scenarios against one baseline.
mkdir -p "$work/sc"
cat > "$work/sc/outlook.toml" <<TOML
[inputs]
panel = "$PWD/Tests/ForecastingTests/Fixtures/small_panel.csv"
[forecast]
horizon = 3
paths = 40
TOML
printf '[[shock]]\nkind = "occupation_jobs"\nisco = "1120"\nregion = "MA-02"\njobs = { 2026 = 500 }\n' > "$work/sc/jobs.toml"
printf '[[shock]]\nkind = "immigrants"\nregion = "MA-03"\narrivals = { 2025 = 3000 }\n' > "$work/sc/arrivals.toml"
printf '[[shock]]\nkind = "demography"\nretirement = 1.3\nemigration = 2\n' > "$work/sc/exits.toml"
scenarios="$work/sc/jobs.toml $work/sc/arrivals.toml $work/sc/exits.toml"
"$MIZAN" outlook --config "$work/sc/outlook.toml" --out "$work/one/baseline" --no-record 2>/dev/null
i=0
for s in $scenarios; do
    "$MIZAN" scenario --config "$work/sc/outlook.toml" --baseline "$work/one/baseline" --scenario "$s" --out "$work/one/scenario-$i" --no-record 2>/dev/null
    i=$((i + 1))
done
scripts/slurm/merge-scenarios.sh "$work/one/scenarios_vs_baseline.csv" "$work/one" $scenarios
lap "(b) one machine: baseline outlook and 3 scenarios"
MIZAN=$MIZAN CONFIG="$work/sc/outlook.toml" SCENARIOS="$scenarios" OUT="$work/slurm-sc" MEM=1G CPUS=1 scripts/slurm/scenarios.sh >/dev/null
cmp "$work/one/scenarios_vs_baseline.csv" "$work/slurm-sc/scenarios_vs_baseline.csv" \
    || { echo "scale-test: the merged scenario table differs from one run" >&2; exit 1; }
for k in 0 1 2; do
    for f in forecasts.csv shortages.csv drivers.csv; do
        cmp "$work/one/scenario-$k/$f" "$work/slurm-sc/scenario-$k/$f" || { echo "scale-test: scenario $k $f differs" >&2; exit 1; }
    done
done
lap "(b) Slurm: baseline job, 3-task scenario array, merge job"
scripts/slurm/cluster.sh stop
lap "cluster stopped"
echo "scale-test: recommendations (4 shards, one killed and rerun) and 3 scenarios (array + merge) byte-identical to one run"
