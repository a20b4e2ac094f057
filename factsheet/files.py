"""Reading and creating files safely: the base layer under loading, caching and writing.

Record files come from strangers in pull requests, so reading one never follows a symbolic
link, never blocks on a pipe and never reads more than MAX_FILE_BYTES; decoding accepts
strict UTF-8 only. Every refusal is a `Problem` located in the file, never an exception.
Files we create are opened with NEW_FILE_FLAGS, which never write through a planted link.
"""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path

from .config import CACHE_DIR
from .problems import Problem

MAX_FILE_BYTES = 1_000_000
# Open a file that must not exist yet, never through a link planted at its name.
NEW_FILE_FLAGS = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)


def _at_start(display: str, message: str, hint: str) -> Problem:
    return Problem(display, 1, 1, "", message, hint)


# ---------------------------------------------------------------------- reading bytes


def read_regular_file(path: Path, display: str) -> bytes | Problem:
    """The file's bytes, refusing symlinks, non-regular files and oversize files unread."""
    try:
        info = os.lstat(path)
    except OSError as error:
        return _unreadable(display, error)
    if stat.S_ISLNK(info.st_mode):
        # Never follow it: a link could point at any file on the machine running the build.
        return _at_start(
            display,
            "the file is a symbolic link, which records may not be",
            "replace the link with a real file holding the record",
        )
    if not stat.S_ISREG(info.st_mode):
        return _at_start(
            display, "is not a regular file", "records must be plain text files ending in .yaml"
        )
    if info.st_size > MAX_FILE_BYTES:
        return too_big(display)
    try:
        return _read_opened(path, info, display)
    except OSError as error:
        return _unreadable(display, error)


def _read_opened(path: Path, info: os.stat_result, display: str) -> bytes | Problem:
    # O_NOFOLLOW and the fstat comparison close the gap between lstat and open, where the
    # file could be swapped for a link or a pipe; O_NONBLOCK keeps a swapped-in pipe from
    # blocking the build.
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    fd = os.open(path, flags)
    with os.fdopen(fd, "rb") as handle:
        opened = os.fstat(handle.fileno())
        same = (opened.st_dev, opened.st_ino) == (info.st_dev, info.st_ino)
        if not same or not stat.S_ISREG(opened.st_mode):
            return _at_start(
                display, "the file changed while it was being read", "run the check again"
            )
        data = handle.read(MAX_FILE_BYTES + 1)
    if len(data) > MAX_FILE_BYTES:
        return too_big(display)
    return data


def _unreadable(display: str, error: OSError) -> Problem:
    return _at_start(
        display,
        f"the file cannot be read ({error.strerror})",
        "check that the file exists and that you may read it",
    )


def too_big(display: str) -> Problem:
    return _at_start(
        display,
        f"the file is larger than {MAX_FILE_BYTES:,} bytes",
        "a record is a few kilobytes: split it into several records or remove pasted text",
    )


# ----------------------------------------------------------------- decoding to text

_UTF8_BOM = b"\xef\xbb\xbf"
_WIDE_BOMS = (
    (b"\xff\xfe\x00\x00", "UTF-32"),
    (b"\x00\x00\xfe\xff", "UTF-32"),
    (b"\xff\xfe", "UTF-16"),
    (b"\xfe\xff", "UTF-16"),
)
_SAVE_AS_UTF8 = "save the file again with the encoding set to UTF-8"
_BREAK = re.compile(r"\r\n|\r|\n")


def decode_text(data: bytes, display: str) -> str | Problem:
    """Strict UTF-8 text without a leading byte-order mark."""
    for bom, name in _WIDE_BOMS:
        if data.startswith(bom):
            return _at_start(display, f"the file is saved as {name}, not UTF-8", _SAVE_AS_UTF8)
    if data.startswith(_UTF8_BOM):
        data = data[len(_UTF8_BOM) :]
    # UTF-16/32 without a mark: plain-ASCII text then is at least a quarter NUL bytes.
    if data.count(b"\x00") * 4 >= len(data) > 0:
        return _at_start(
            display, "the file is saved as UTF-16 or UTF-32, not UTF-8", _SAVE_AS_UTF8
        )
    try:
        return data.decode("utf-8", errors="strict")
    except UnicodeDecodeError as error:
        valid = data[: error.start].decode("utf-8")
        bad = data[error.start : error.start + 1].hex().upper()
        # The position just after the valid text, counting line breaks as YAML and editors do.
        breaks = list(_BREAK.finditer(valid))
        line_start = breaks[-1].end() if breaks else 0
        return Problem(
            display,
            len(breaks) + 1,
            len(valid) - line_start + 1,
            "",
            f"the file is not valid UTF-8 text (byte 0x{bad} here)",
            _SAVE_AS_UTF8 + "; it was probably saved as Latin-1 or Windows-1252",
        )


def cache_folder(root: Path) -> Path | None:
    """The project's cache folder, made if missing; None when it is a symbolic link, which a
    build never writes through (it could lead out of the project). OSError when it cannot be
    made: a cache is only for speed, so callers carry on without it."""
    folder = root / CACHE_DIR
    if folder.is_symlink():
        return None
    folder.mkdir(exist_ok=True)
    return folder
