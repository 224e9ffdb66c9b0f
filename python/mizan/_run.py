"""Running the binary: arguments as a list (never a shell string), data through files in a
temporary folder readable by its owner only and removed after the call, exit codes as exceptions."""
import contextlib
import os
import re
import shutil
import subprocess
import tempfile

from ._binary import find_binary


class MizanError(RuntimeError):
    """The binary failed; `exit_code` and `stderr` say how."""

    def __init__(self, message, exit_code=None, stderr=""):
        super().__init__(message)
        self.exit_code = exit_code
        self.stderr = stderr


class InputError(MizanError):
    """Bad input (exit 65). `problems` lists (file, line, column, message) as the CLI reported them."""

    def __init__(self, message, exit_code=65, stderr="", problems=()):
        super().__init__(message, exit_code, stderr)
        self.problems = list(problems)


class UsageError(MizanError):
    """An option the command does not take, or a value out of its range (exit 64)."""


class MissingFileError(MizanError):
    """An input file does not exist or cannot be read (exit 66)."""


DIAGNOSTIC = re.compile(r"^(.*?):(\d+):(\d+): (.*)$")


def problems(stderr):
    """The `file:line:column: message` lines of the CLI's standard error, as tuples."""
    out = []
    for line in stderr.splitlines():
        m = DIAGNOSTIC.match(line)
        if m:
            out.append((m.group(1), int(m.group(2)), int(m.group(3)), m.group(4)))
    return out


@contextlib.contextmanager
def workspace():
    """A temporary folder only its owner can read (profiles and registries are personal data),
    removed with everything in it when the call ends, whatever happens."""
    folder = tempfile.mkdtemp(prefix="mizan-", dir=os.environ.get("MIZAN_TMPDIR"))
    os.chmod(folder, 0o700)
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def private_file(folder, name):
    """A path in `folder` for a file that must be readable by its owner only (created so)."""
    path = os.path.join(folder, name)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    os.close(fd)
    return path


def run(args, progress=None):
    """Runs `mizan args…`; returns its standard output. `progress(line)` receives each line of
    standard error as it comes (long runs report their stages there)."""
    binary = find_binary()
    argv = [binary, *map(str, args)]
    if progress is None:
        r = subprocess.run(argv, capture_output=True, text=True)
        stdout, stderr, code = r.stdout, r.stderr, r.returncode
    else:
        p = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, bufsize=1)
        lines = []
        for line in p.stderr:
            lines.append(line)
            progress(line.rstrip("\n"))
        stdout = p.stdout.read()
        code = p.wait()
        stderr = "".join(lines)
    if code == 0:
        return stdout
    message = f"mizan {args[0]} exited {code}: " + (stderr.strip() or "(no message)")
    if code == 65:
        raise InputError(message, code, stderr, problems(stderr))
    if code == 64:
        raise UsageError(message, code, stderr)
    if code == 66:
        raise MissingFileError(message, code, stderr)
    raise MizanError(message, code, stderr)
