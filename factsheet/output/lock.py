"""One build at a time per project: an advisory lock on `.factsheet-cache/lock`.

`build`, `serve` (for each rebuild), `verify` and `site` (for the whole MkDocs build)
take it before they touch docs/, verification/ or site/. A second one waits up to
FACTSHEET_LOCK_WAIT seconds (default 10) for the first to finish, then stops with
exit status 1 and a message naming the process that holds the lock. The lock is
`flock`'s: the kernel releases it when its holder exits, even after `kill -9`, so a
crashed build never leaves a stale lock behind. Nothing is ever written into the file:
the holder is found through /proc/locks (its pid) and /proc/PID/cmdline (its command).
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import sys
import time
from collections.abc import Iterator
from pathlib import Path

from ..config import CACHE_DIR
from ..problems import FactsheetError

LOCK_FILE = "lock"
WAIT_ENV = "FACTSHEET_LOCK_WAIT"
DEFAULT_WAIT = 10.0
_held: dict[Path, int] = {}  # project -> how many nested holders in this process


class Busy(FactsheetError):
    """Another process holds the project's lock (or the lock file cannot be used)."""


def _wait_seconds() -> float:
    try:
        return max(0.0, float(os.environ.get(WAIT_ENV, DEFAULT_WAIT)))
    except ValueError:
        return DEFAULT_WAIT


def _open(root: Path) -> int:
    folder = root / CACHE_DIR
    shown = f"{CACHE_DIR}/{LOCK_FILE}"
    try:
        if folder.is_symlink():
            raise Busy(f"{CACHE_DIR} is a symbolic link; remove it and build again")
        folder.mkdir(exist_ok=True)
        return os.open(folder / LOCK_FILE, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW, 0o644)
    except OSError as error:
        raise Busy(
            f"the build lock {shown} cannot be opened ({error.strerror or error}); "
            f"make the folder {CACHE_DIR} writable, or delete it (it is only a cache)"
        ) from error


def _holder(handle: int) -> str:
    """The process holding the lock on this file, as "pid N (command)", from /proc."""
    inode = os.fstat(handle).st_ino
    try:
        lines = Path("/proc/locks").read_text(encoding="ascii", errors="replace").splitlines()
    except OSError:
        lines = []
    for line in lines:
        fields = line.split()
        if len(fields) > 5 and fields[1] == "FLOCK" and fields[5].endswith(f":{inode}"):
            return f"pid {fields[4]} ({_command_of(fields[4])})"
    return "another process"


def _command_of(pid: str) -> str:
    try:
        raw = Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return "command unknown"
    words = [os.fsdecode(word) for word in raw.split(b"\0") if word]
    return " ".join(Path(w).name if i == 0 else w for i, w in enumerate(words))[:200]


def _acquire(handle: int, command: str) -> None:
    deadline = time.monotonic() + _wait_seconds()
    told = False
    while True:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return
        except BlockingIOError:
            holder = _holder(handle)
            if time.monotonic() >= deadline:
                raise Busy(
                    f"another build of this project is running: {holder}. "
                    f"{command} waited {_wait_seconds():g} s and stopped without changing "
                    "anything; run it again when that one has finished, or stop it"
                ) from None
            if not told:
                sys.stderr.write(f"waiting for another build of this project: {holder}\n")
                told = True
            time.sleep(0.1)


@contextlib.contextmanager
def project_lock(root: Path, command: str) -> Iterator[None]:
    """Hold the project's build lock; nested use in one process is allowed."""
    root = root.resolve()
    if _held.get(root):
        _held[root] += 1
        try:
            yield
        finally:
            _held[root] -= 1
        return
    handle = _open(root)
    try:
        _acquire(handle, command)
        _held[root] = 1
        try:
            yield
        finally:
            _held.pop(root, None)
    finally:
        os.close(handle)  # closing releases the lock
