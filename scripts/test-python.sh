#!/usr/bin/env bash
# The Python package's tests (python/tests, pytest) in a local virtual environment from PyPI
# (.venv-python, git-ignored, made on first use), against the binary make test built.
set -euo pipefail
cd "$(dirname "$0")/.."
VENV=${MIZAN_PYTHON_VENV:-.venv-python}
if [[ ! -x "$VENV/bin/python" ]] || ! "$VENV/bin/python" -c 'import pandas, pytest, setuptools, wheel' 2>/dev/null; then
  echo "python: creating $VENV (pandas, pytest from PyPI)"
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install -q --disable-pip-version-check pandas pytest setuptools wheel
fi
[[ "${1:-}" == --venv-only ]] && exit 0
"$VENV/bin/pip" install -q --disable-pip-version-check --no-deps --force-reinstall ./python
export MIZAN_SHARED=${MIZAN_SHARED:-$(cd .. && pwd)/shared}
cd python && "../$VENV/bin/python" -m pytest -q tests
