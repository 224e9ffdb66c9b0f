#!/usr/bin/env bash
# Installs the system libraries Mizan links against when they are missing: OpenBLAS (CBLAS and
# LAPACK), netlib LAPACKE, SQLite (the vintages store, through GRDB), libdeflate (large workbooks), python3-venv (for the notebooks and checks)
# and, with --test, Chromium (make test renders the outlook report headless). As root it runs apt-get; otherwise it prints the exact command.
set -euo pipefail
PACKAGES="libopenblas-dev liblapack-dev liblapacke-dev pkg-config libsqlite3-dev libdeflate-dev python3-venv"
# `ensure-deps.sh --test` (make test) also wants the browser the report check renders with.
WANT_BROWSER=0
if [ "${1:-}" = "--test" ]; then PACKAGES="$PACKAGES chromium"; WANT_BROWSER=1; fi
# `ensure-deps.sh --bench` (make bench) also wants wrk, the load generator of the workspace benchmark.
WANT_WRK=0
if [ "${1:-}" = "--bench" ]; then PACKAGES="$PACKAGES wrk"; WANT_WRK=1; fi

have_headers() {
  [ -e /usr/include/lapacke.h ] && [ -e /usr/include/sqlite3.h ] && [ -e /usr/include/libdeflate.h ] && { [ -e /usr/include/x86_64-linux-gnu/cblas.h ] || [ -e /usr/include/cblas.h ] \
    || ls /usr/include/*/openblas*/cblas.h >/dev/null 2>&1 || ls /usr/include/*/cblas.h >/dev/null 2>&1; } \
    && command -v pkg-config >/dev/null 2>&1 \
    && python3 -c "import ensurepip, venv" 2>/dev/null \
    && { [ "$WANT_BROWSER" = 0 ] || command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1; } \
    && { [ "$WANT_WRK" = 0 ] || command -v wrk >/dev/null 2>&1; }
}

if have_headers; then exit 0; fi

if ! command -v swift >/dev/null 2>&1; then
  echo "error: swift is not on PATH; install Swift 6 from https://www.swift.org/install/" >&2
  exit 1
fi

if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "installing system libraries: $PACKAGES"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq $PACKAGES >/dev/null
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null && command -v apt-get >/dev/null 2>&1; then
  echo "installing system libraries with sudo: $PACKAGES"
  sudo -n apt-get update -qq
  sudo -n DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $PACKAGES >/dev/null
else
  echo "error: OpenBLAS/LAPACKE headers are missing. Install them with:" >&2
  echo "  sudo apt-get install -y $PACKAGES" >&2
  exit 1
fi
have_headers || { echo "error: the libraries are still missing after installing $PACKAGES" >&2; exit 1; }
