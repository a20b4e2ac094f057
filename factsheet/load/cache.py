"""Remember what each record file parsed to, by the hash of its bytes, between builds.

Parsing YAML is most of a build's load time (the strict loader, the invisible-character
scan and the schema check). For a file whose bytes, folder (kind) and our code are exactly
as when it last passed all three, the result is the same, so a rebuild after one edit
parses one file and reads the rest from `.factsheet-cache/records`: one JSON line per
file, keyed by a BLAKE2b digest of its kind and bytes. Only problem-free files are
remembered; a file with any problem is always parsed again, so its messages are fresh.

An edit cannot be missed: any changed byte changes the key. The cache is trusted only
in the checkout that wrote it. It lives in the project folder, where a pull request
could commit a forged one; so the header names the device, inode and change time (in
nanoseconds) of an anchor file we create, which no commit or copy can reproduce: a
clone, a copy or an extracted archive gives the anchor new ones and the cache is
ignored. A damaged file or line is ignored too: at worst a record is parsed again.
JSON, never pickle: even a trusted cache holds only text that cannot run code.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import stat
from pathlib import Path
from typing import Any

from ..config import CACHE_DIR
from ..files import NEW_FILE_FLAGS, cache_folder

RECORDS = "records"
ANCHOR = "anchor"
FORMAT = 1


def _key(kind: str, raw: bytes) -> str:
    digest = hashlib.blake2b(digest_size=32)
    digest.update(kind.encode("ascii") + b"\0")
    digest.update(raw)
    return digest.hexdigest()


def _identity(path: Path) -> list[int] | None:
    """The anchor's device, inode and change time; None unless it is a regular file."""
    try:
        info = os.lstat(path)
    except OSError:
        return None
    if not stat.S_ISREG(info.st_mode):
        return None
    return [info.st_dev, info.st_ino, info.st_ctime_ns]


class ParseCache:
    """Parsed data of problem-free record files, as JSON text by key."""

    def __init__(self, code: str, entries: dict[str, str] | None = None) -> None:
        self.code = code  # digest of our code and schemas: another version parses afresh
        self._entries = entries or {}
        self._used: dict[str, str] = {}  # what this build saw: the next cache holds only these
        self._staged: Path | None = None

    @classmethod
    def open(cls, root: Path, code: str) -> ParseCache:
        """The cache this checkout wrote for this code, or an empty one."""
        folder = root / CACHE_DIR
        try:
            if folder.is_symlink() or (folder / RECORDS).is_symlink():
                return cls(code)
            with open(folder / RECORDS, encoding="ascii") as stream:
                header = json.loads(stream.readline())
                if header != {
                    "format": FORMAT,
                    "code": code,
                    "anchor": _identity(folder / ANCHOR),
                } or header["anchor"] is None:
                    return cls(code)
                entries: dict[str, str] = {}
                for line in stream:
                    key, _, text = line.rstrip("\n").partition(" ")
                    entries[key] = text
                return cls(code, entries)
        except (OSError, ValueError, TypeError, KeyError):
            return cls(code)  # absent, unreadable or damaged: parse everything

    def lookup(self, kind: str, raw: bytes) -> dict[str, Any] | None:
        """The data a problem-free file of these bytes parsed to, if remembered."""
        key = _key(kind, raw)
        text = self._entries.get(key)
        if text is None:
            return None
        try:
            data = json.loads(text)
        except ValueError:
            return None
        if not isinstance(data, dict):
            return None
        self._used[key] = text
        return data

    def remember(self, kind: str, raw: bytes, data: dict[str, Any]) -> None:
        """Note a file that passed every per-file check, with the data it parsed to."""
        # ASCII-only JSON has no raw line break or control character: one entry a line.
        self._used[_key(kind, raw)] = json.dumps(data, ensure_ascii=True, separators=(",", ":"))

    def stage(self, root: Path) -> None:
        """Write this build's entries beside the cache and let go of them (memory).

        commit() then puts them in place, or discard() drops them: a build that fails
        later leaves the cache as it was. Failing to write only costs speed next time.
        """
        unchanged = self._used == self._entries  # same keys, same texts
        used, self._used, self._entries = self._used, {}, {}
        try:
            folder = cache_folder(root)
            if folder is None:
                return
            anchor = _identity(folder / ANCHOR)
            if anchor is not None and unchanged:
                return  # every file was known and none has gone: nothing new to remember
            if anchor is None:
                anchor = _new_anchor(folder / ANCHOR)
            header = {"format": FORMAT, "code": self.code, "anchor": anchor}
            temp = folder / f"{RECORDS}.tmp"
            if os.path.lexists(temp):
                os.unlink(temp)  # left by a build that was killed
            with open(temp, "x", encoding="ascii") as stream:
                self._staged = temp  # from here on, a failure removes it
                stream.write(json.dumps(header) + "\n")
                for key in sorted(used):
                    stream.write(f"{key} {used[key]}\n")
        except OSError:
            self.discard()

    def commit(self) -> None:
        if self._staged is not None:
            with contextlib.suppress(OSError):
                os.replace(self._staged, self._staged.with_name(RECORDS))
            self._staged = None

    def discard(self) -> None:
        if self._staged is not None:
            with contextlib.suppress(OSError):
                os.unlink(self._staged)
            self._staged = None


def checkout_identity(root: Path, create: bool = False) -> list[int] | None:
    """This checkout's anchor identity (made when `create`); None when there is none.

    The build manifest uses it too: a manifest or cache is only trusted beside the
    anchor that was there when it was written.
    """
    folder = root / CACHE_DIR
    if folder.is_symlink():
        return None
    identity = _identity(folder / ANCHOR)
    if identity is None and create:
        folder.mkdir(exist_ok=True)
        identity = _new_anchor(folder / ANCHOR)
    return identity


def _new_anchor(path: Path) -> list[int]:
    """A fresh file whose identity only this checkout has (a copy gets another)."""
    if os.path.lexists(path):
        os.unlink(path)  # a link or anything else found there is never trusted or followed
    os.close(os.open(path, NEW_FILE_FLAGS, 0o644))
    identity = _identity(path)
    if identity is None:
        raise OSError(f"{path} could not be created")
    return identity
