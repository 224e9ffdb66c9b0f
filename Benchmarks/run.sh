#!/usr/bin/env bash
# make bench: build is done by the Makefile; this runs every side-by-side case and records them.
set -euo pipefail
cd "$(dirname "$0")/.."
python3 Benchmarks/run.py --write-results "$@"
