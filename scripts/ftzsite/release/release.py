"""Replace a release folder all at once, or not at all.

`mkdocs build` empties its site folder before it writes, and a zip opened for
writing is empty until it is closed: building in place, an interrupted or failed
run destroyed the previous good release. So ftz-publish builds the whole new
release in a staging folder beside `--out` (same file system) and only then
swaps it in with one rename:

    with staging(out) as stage:
        ...write everything into stage...
        swap_in(stage, out)

On any failure or signal (Ctrl-C, SIGTERM, SIGHUP) the staging folder is removed
and `out` is left as it was. SIGKILL cannot be caught: what it leaves is a
staging folder named after its dead process, which the next run removes.
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import errno
import os
import re
import shutil
import signal
import tempfile
from pathlib import Path

_SIGNALS = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)


class Interrupted(Exception):
    """A signal asked the run to stop."""

    def __init__(self, signum: int):
        super().__init__(signal.Signals(signum).name)
        self.signum = signum


def _raise(signum, _frame):
    raise Interrupted(signum)


@contextlib.contextmanager
def signals_raise():
    """SIGTERM and SIGHUP raise Interrupted like Ctrl-C does, so every `finally` runs."""
    previous = {s: signal.signal(s, _raise) for s in _SIGNALS}
    try:
        yield
    finally:
        for s, handler in previous.items():
            signal.signal(s, handler)


def _prefix(out: Path) -> str:
    return f".{out.name}.publish-"


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def remove_stale(out: Path) -> list[Path]:
    """Remove the staging folders that killed runs left beside `out` (their process is gone)."""
    removed = []
    pattern = re.compile(re.escape(_prefix(out)) + r"(\d+)-")
    for folder in out.parent.glob(_prefix(out) + "*"):
        match = pattern.match(folder.name)
        if match and folder.is_dir() and not _alive(int(match[1])):
            shutil.rmtree(folder, ignore_errors=True)
            removed.append(folder)
    return removed


@contextlib.contextmanager
def staging(out: Path):
    """A new folder beside `out`, removed when the block ends unless swap_in moved it."""
    out.parent.mkdir(parents=True, exist_ok=True)
    remove_stale(out)
    stage = Path(tempfile.mkdtemp(prefix=f"{_prefix(out)}{os.getpid()}-", dir=out.parent))
    umask = os.umask(0)
    os.umask(umask)
    stage.chmod(0o777 & ~umask)  # mkdtemp's folder is private (0700); a release is read by the web server's user
    try:
        yield stage
    finally:
        # A second Ctrl-C must not interrupt the clean-up.
        with _blocked():
            shutil.rmtree(stage, ignore_errors=True)


@contextlib.contextmanager
def _blocked():
    old = signal.pthread_sigmask(signal.SIG_BLOCK, _SIGNALS)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, old)


def _exchange(a: Path, b: Path) -> bool:
    """Swap two paths in one step (Linux renameat2 RENAME_EXCHANGE); False where the system cannot."""
    libc_name = ctypes.util.find_library("c")
    if not libc_name:
        return False
    libc = ctypes.CDLL(libc_name, use_errno=True)
    renameat2 = getattr(libc, "renameat2", None)
    if renameat2 is None:
        return False
    at_fdcwd, rename_exchange = -100, 2
    if renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange) == 0:
        return True
    if ctypes.get_errno() in (errno.ENOSYS, errno.EINVAL, errno.EOPNOTSUPP):
        return False
    raise OSError(ctypes.get_errno(), os.strerror(ctypes.get_errno()), str(a))


def swap_in(stage: Path, out: Path) -> None:
    """Make `stage` the folder `out`; the previous `out` ends up in `stage` (removed by staging())."""
    with _blocked():  # no signal between the steps of the fallback
        if not out.exists():
            os.rename(stage, out)
            stage.mkdir()  # staging() removes it
        elif not _exchange(stage, out):
            # Two renames: for an instant `out` does not exist, but it is never half-written.
            old = stage.with_name(stage.name + "-old")
            os.rename(out, old)
            os.rename(stage, out)
            os.rename(old, stage)
