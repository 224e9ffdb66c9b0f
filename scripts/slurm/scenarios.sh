#!/usr/bin/env bash
# A scenario ensemble on Slurm: the baseline outlook once, one scenario per array task (each
# reusing the baseline's forecast and paths, --baseline), then one job that merges every
# scenario's comparison with the baseline into one table, published atomically.
#   CONFIG=Datasets/morocco/outlook.toml SCENARIOS="a.toml b.toml c.toml" scripts/slurm/scenarios.sh
# Give BASELINE=out/outlook to reuse an outlook already made with the same configuration.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
export MIZAN_SLURM_SCRIPTS=$HERE
# ---- what a site sets ----------------------------------------------------------------------
export MIZAN=${MIZAN:-mizan}
export CONFIG=${CONFIG:-Datasets/morocco/outlook.toml}
export SCENARIOS=${SCENARIOS:-$(ls Datasets/morocco/scenarios/*.toml | tr '\n' ' ')}
export OUT=${OUT:-out/slurm-scenarios}           # baseline/, scenario-<i>/, logs/, scenarios_vs_baseline.csv
export BASELINE=${BASELINE:-}
MEM=${MEM:-4G}; TIME=${TIME:-01:00:00}; CPUS=${CPUS:-2}; PARTITION=${PARTITION:-}
# ----------------------------------------------------------------------------------------------
read -r -a list <<< "$SCENARIOS"
n=${#list[@]}
[ "$n" -ge 1 ] || { echo "scenarios.sh: SCENARIOS names no scenario file" >&2; exit 64; }
mkdir -p "$OUT/logs"
part=${PARTITION:+--partition=$PARTITION}
common=(--parsable $part --mem="$MEM" --time="$TIME" --cpus-per-task="$CPUS" --export=ALL)
dep=()
if [ -z "$BASELINE" ]; then
    export BASELINE="$OUT/baseline"
    base=$(sbatch "${common[@]}" --job-name=mizan-baseline --output="$OUT/logs/baseline.log" \
           --wrap "\"\$MIZAN\" outlook --config \"\$CONFIG\" --out \"\$BASELINE\" --no-record")
    dep=(--dependency=afterok:"$base" --kill-on-invalid-dep=yes)
fi
array=$(sbatch "${common[@]}" "${dep[@]}" --job-name=mizan-scenarios --array=0-$((n - 1)) \
        --output="$OUT/logs/scenario-%a.log" "$HERE/scenario-task.sbatch")
rm -f "$OUT/logs/merge.log"
sbatch "${common[@]}" --wait --job-name=mizan-scenario-merge --dependency=afterok:"$array" --kill-on-invalid-dep=yes \
    --output="$OUT/logs/merge.log" "$HERE/scenarios-merge.sbatch" >/dev/null || true
if ! grep -q "^merged $n scenarios" "$OUT/logs/merge.log" 2>/dev/null; then
    echo "scenarios.sh: a scenario task failed (logs in $OUT/logs); nothing was merged or published" >&2
    exit 1
fi
echo "scenarios.sh: $n scenarios against one baseline in $OUT/scenarios_vs_baseline.csv"
