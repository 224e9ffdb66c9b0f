#!/usr/bin/env bash
# The yearly outlook for several countries on Slurm, one array task each (Morocco and Tunisia
# bundled): every outlook is published atomically by mizan, so a failed or killed task leaves
# the previous one in place.
#   CONFIGS="Datasets/morocco/outlook.toml Datasets/tunisia/outlook.toml" scripts/slurm/outlooks.sh
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
# ---- what a site sets ----------------------------------------------------------------------
export MIZAN=${MIZAN:-mizan}
export CONFIGS=${CONFIGS:-Datasets/morocco/outlook.toml Datasets/tunisia/outlook.toml}
export OUT=${OUT:-out/slurm-outlooks}            # outlook-<country>/, logs/
MEM=${MEM:-4G}; TIME=${TIME:-01:00:00}; CPUS=${CPUS:-2}; PARTITION=${PARTITION:-}
# ----------------------------------------------------------------------------------------------
read -r -a list <<< "$CONFIGS"
mkdir -p "$OUT/logs"
part=${PARTITION:+--partition=$PARTITION}
if ! sbatch --parsable --wait $part --job-name=mizan-outlooks --array=0-$((${#list[@]} - 1)) --mem="$MEM" --time="$TIME" \
        --cpus-per-task="$CPUS" --output="$OUT/logs/outlook-%a.log" --export=ALL "$HERE/outlook-task.sbatch" >/dev/null; then
    echo "outlooks.sh: an outlook failed (logs in $OUT/logs); the others are published, the failed one's previous outlook is untouched" >&2
    exit 1
fi
echo "outlooks.sh: ${#list[@]} outlooks in $OUT"
