#!/usr/bin/env bash
# The national recommendation batch on Slurm: a job array of profile shards, then one merge job
# that runs only when every shard succeeded (--dependency=afterok) and publishes the merged table
# atomically. Run from the repository (or a copy of these scripts) on a submit host:
#   SHARDS=16 PROFILES=/data/profiles.jsonl SHORTAGES=/data/outlook/shortages.csv scripts/slurm/recommend.sh
# A shard whose process dies (killed, out of memory, node lost) is run again once inside its task;
# a shard that fails twice fails the array, the merge is cancelled, and nothing is published.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
# ---- what a site sets ----------------------------------------------------------------------
export MIZAN=${MIZAN:-mizan}                                  # the binary every node runs
export PROFILES=${PROFILES:-Datasets/profiles/sample.jsonl}   # JSON Lines, pseudonymous ids
export SHORTAGES=${SHORTAGES:-out/outlook/shortages.csv}      # the outlook's list
export ESCO=${ESCO:-../shared/datasets/esco}
export CATALOGUE=${CATALOGUE:-Datasets/training/catalogue.csv}
export OUT=${OUT:-out/slurm-recommend}                        # parts/, logs/, recommendations.csv
export SHARDS=${SHARDS:-16}
MEM=${MEM:-2G}; TIME=${TIME:-01:00:00}; CPUS=${CPUS:-1}; PARTITION=${PARTITION:-}
# ----------------------------------------------------------------------------------------------
mkdir -p "$OUT/parts" "$OUT/logs"
chmod 700 "$OUT"            # profiles are personal data: the parts are readable by their owner only
rm -f "$OUT"/parts/part-*.csv
part=${PARTITION:+--partition=$PARTITION}
array=$(sbatch --parsable $part --job-name=mizan-shards --array=0-$((SHARDS - 1)) --mem="$MEM" --time="$TIME" \
        --cpus-per-task="$CPUS" --output="$OUT/logs/shard-%a.log" --export=ALL "$HERE/recommend-shard.sbatch")
rm -f "$OUT/logs/merge.log"
# A merge cancelled for a failed dependency never runs, and `sbatch --wait` may still exit 0: the
# merge's own last line is what says it published.
sbatch --parsable --wait $part --job-name=mizan-merge --dependency=afterok:"$array" --kill-on-invalid-dep=yes \
    --mem="$MEM" --time="$TIME" --output="$OUT/logs/merge.log" --export=ALL "$HERE/recommend-merge.sbatch" >/dev/null || true
if ! grep -q "^merged $SHARDS parts" "$OUT/logs/merge.log" 2>/dev/null; then
    failed=$(grep -ho "^shard [0-9]* of [0-9]* (array task [0-9]*) failed twice" "$OUT"/logs/shard-*.log 2>/dev/null | awk '{print $2}' | sort -n | tr '\n' ' ')
    echo "recommend.sh: ${failed:+shard(s) ${failed}failed twice (logs in $OUT/logs); }the merge did not run; nothing was published" >&2
    exit 1
fi
echo "recommend.sh: $SHARDS shards merged into $OUT/recommendations.csv"
