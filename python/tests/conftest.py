import os
import pathlib
import subprocess

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
SMALL_PANEL = ROOT / "Tests" / "ForecastingTests" / "Fixtures" / "small_panel.csv"
SHORTAGES = ROOT / "Tests" / "MizanCLITests" / "Fixtures" / "shortages.csv"
SHARED = pathlib.Path(os.environ.get("MIZAN_SHARED", ROOT.parent / "shared"))
ESCO = SHARED / "datasets" / "esco"


@pytest.fixture(scope="session")
def binary():
    import mizan
    return mizan.find_binary()


@pytest.fixture
def cli(binary, tmp_path):
    """Runs the binary the way a user would, for the reference CSVs."""
    def run(*args):
        r = subprocess.run([binary, *map(str, args)], capture_output=True, text=True, cwd=ROOT)
        assert r.returncode == 0, r.stderr
        return r
    return run
