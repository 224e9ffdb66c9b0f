"""Finding the mizan binary, and saying what is missing when it cannot run."""
import os
import pathlib
import shutil
import subprocess
import warnings

#: Shared libraries the binary links and the Debian packages that provide them.
APT_PACKAGES = {
    "libopenblas": "libopenblas0",
    "liblapacke": "liblapacke",
    "liblapack": "liblapack3",
    "libsqlite3": "libsqlite3-0",
    "libdeflate": "libdeflate0",
    "libcblas": "libopenblas0",
}


class MizanNotFoundError(RuntimeError):
    """No mizan binary where the package looked; the message lists the places."""


def _candidates():
    if os.environ.get("MIZAN_BIN"):
        yield "MIZAN_BIN", pathlib.Path(os.environ["MIZAN_BIN"])
    here = pathlib.Path(__file__).resolve().parent
    yield "the binary inside this wheel", here / "bin" / "mizan"
    # The checkout's release build: the package installed from ./python of a checkout, or run from it.
    for start in (here, pathlib.Path.cwd()):
        for folder in (start, *start.parents):
            yield "the checkout's release build", folder / ".build" / "release" / "mizan"
    found = shutil.which("mizan")
    yield "PATH", pathlib.Path(found) if found else None


def find_binary():
    """The binary to run: MIZAN_BIN, the wheel's own, the checkout's release build, then PATH."""
    looked = []
    for where, path in _candidates():
        if path is not None and path.is_file() and os.access(path, os.X_OK):
            return str(path)
        if where not in [w for w, _ in looked]:
            looked.append((where, path))
    places = "; ".join(f"{w}" + (f" ({p})" if p is not None and w != "the checkout's release build" else "") for w, p in looked)
    raise MizanNotFoundError(
        "no mizan binary found. Looked at: " + places + ". Build one in the checkout (swift build -c release --product mizan), "
        "install a wheel made by `make wheel`, or set MIZAN_BIN=/path/to/mizan.")


def missing_packages(binary):
    """Debian packages whose libraries the binary needs and the system lacks (from ldd)."""
    try:
        out = subprocess.run(["ldd", binary], capture_output=True, text=True, timeout=10).stdout
    except (OSError, subprocess.SubprocessError):
        return []
    missing = []
    for line in out.splitlines():
        if "not found" in line:
            lib = line.strip().split()[0]
            pkg = next((p for prefix, p in APT_PACKAGES.items() if lib.startswith(prefix)), lib)
            if pkg not in missing:
                missing.append(pkg)
    return missing


def check_on_import():
    """Warns, once, when the binary is found but its system libraries are not installed."""
    try:
        binary = find_binary()
    except MizanNotFoundError:
        return
    missing = missing_packages(binary)
    if missing:
        warnings.warn(f"mizan needs system libraries that are not installed: sudo apt-get install {' '.join(missing)}", stacklevel=3)
