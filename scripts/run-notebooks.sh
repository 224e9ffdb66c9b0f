#!/usr/bin/env bash
# Executes every notebook in Notebooks/ headless (nbclient), so they never rot. The Python tools
# come from PyPI into a local virtual environment (.venv-notebooks, git-ignored), made on first
# use. The notebooks use `import mizan` (python/, installed here), which runs the binary (MIZAN_BIN) and
# write only to temporary directories; the committed notebooks stay without outputs.
set -euo pipefail
cd "$(dirname "$0")/.."
VENV=${MIZAN_NOTEBOOK_VENV:-.venv-notebooks}
if [[ ! -x "$VENV/bin/python" ]] || ! "$VENV/bin/python" -c 'import nbclient, ipykernel, pandas, matplotlib, openpyxl' 2>/dev/null; then
  echo "notebooks: creating $VENV (nbclient, ipykernel, pandas, matplotlib from PyPI)"
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install -q --disable-pip-version-check nbclient nbformat ipykernel pandas matplotlib openpyxl
fi
# The notebooks use the Python package of this checkout (python/): installed fresh every run.
"$VENV/bin/pip" install -q --disable-pip-version-check --no-deps --force-reinstall ./python
export MIZAN_ROOT=$PWD
export MIZAN_SHARED=${MIZAN_SHARED:-$(cd .. && pwd)/shared}
"$VENV/bin/python" - "$@" <<'PY'
import pathlib, sys, time
import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError
names = sys.argv[1:] or sorted(str(p) for p in pathlib.Path("Notebooks").glob("*.ipynb"))
failed = 0
for name in names:
    nb = nbformat.read(name, as_version=4)
    t = time.time()
    try:
        NotebookClient(nb, timeout=600, kernel_name="python3", resources={"metadata": {"path": "Notebooks"}}).execute()
        print(f"notebooks: {name} ran in {time.time() - t:.1f} s")
    except CellExecutionError as e:
        failed += 1
        print(f"notebooks: {name} FAILED\n{e}", file=sys.stderr)
sys.exit(1 if failed else 0)
PY
