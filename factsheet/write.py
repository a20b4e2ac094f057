"""Writing generated files: only what changed, stale files removed, all or nothing.

Every changed file is first written in full to a temporary file beside its
target. Only when all are on disk are they moved into place, each old file
kept aside until the end, so a failure at any point puts the previous files
back. Unchanged files keep their timestamps, which keeps `mkdocs serve` and
`mkdocs build --dirty` quick. Links are never followed: a symbolic link
planted among the generated folders could otherwise aim a write elsewhere.
"""

from __future__ import annotations

import contextlib
import os
import stat
from dataclasses import dataclass, field
from pathlib import Path

GENERATED_DIRS = ("incidents", "actors", "sources", "data")
GENERATED_FILES = ("index.md", "timeline.md", "differences.md", "data.md", "feed.xml")
TEMP_PREFIX = ".factsheet-tmp-"
BACKUP_PREFIX = ".factsheet-old-"


class UnsafeOutput(OSError):
    """The output folder holds something that writing could be tricked by (a link)."""


@dataclass
class WriteReport:
    written: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    unchanged: int = 0


def _is_generated(relative: str) -> bool:
    return relative in GENERATED_FILES or relative.split("/", 1)[0] in GENERATED_DIRS


def _refuse_links(*folders: Path) -> None:
    for folder in folders:
        if folder.is_symlink():
            raise UnsafeOutput(f"{folder} is a symbolic link; remove it and build again")


def _files_below(folder: Path) -> list[Path]:
    """Every file and link below a folder, without following links."""
    found: list[Path] = []
    for current, dirs, files in os.walk(folder, followlinks=False):
        for name in files + [d for d in dirs if (Path(current) / d).is_symlink()]:
            found.append(Path(current) / name)
    return found


def _existing_generated(docs: Path) -> set[str]:
    _refuse_links(docs, *(docs / name for name in GENERATED_DIRS))
    found = {name for name in GENERATED_FILES if os.path.lexists(docs / name)}
    for folder in GENERATED_DIRS:
        if (docs / folder).is_dir():
            found.update(p.relative_to(docs).as_posix() for p in _files_below(docs / folder))
    return found


def _same_bytes(target: Path, data: bytes) -> bool:
    try:
        info = os.lstat(target)
    except FileNotFoundError:
        return False
    return (
        stat.S_ISREG(info.st_mode) and info.st_size == len(data) and (target.read_bytes() == data)
    )


def _stage(target: Path, data: bytes) -> Path:
    """Write data to a fresh temporary file beside target (never through a link)."""
    temp = target.with_name(TEMP_PREFIX + target.name)
    if os.path.lexists(temp):
        os.unlink(temp)  # a leftover from an interrupted run, or a planted link
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
    handle = os.open(temp, flags, 0o644)
    try:
        os.write(handle, data)
        os.fsync(handle)
    finally:
        os.close(handle)
    return temp


def _make_dirs(base: Path, relatives: list[str], created: list[Path]) -> None:
    """Create the folders the files need, remembering new ones so a failure can remove them."""
    for relative in relatives:
        missing = []
        parent = (base / relative).parent
        while not parent.exists():
            missing.append(parent)
            parent = parent.parent
        for folder in reversed(missing):
            folder.mkdir()
            created.append(folder)


def write_pages(docs: Path, pages: dict[str, str]) -> WriteReport:
    """Bring docs/'s generated files to exactly `pages`, touching only what changed."""
    for relative in pages:
        if not _is_generated(relative) or ".." in relative.split("/") or relative.startswith("/"):
            raise ValueError(f"refusing to write outside the generated folders: {relative}")
    return _sync(docs, pages, _existing_generated(docs))


def write_locks(folder: Path, locks: dict[str, str]) -> WriteReport:
    """Bring the verification folder to exactly `locks` ({source id: JSON text})."""
    _refuse_links(folder)
    existing = {p.name for p in folder.iterdir()} if folder.is_dir() else set()
    return _sync(folder, {f"{source_id}.json": text for source_id, text in locks.items()}, existing)


def _sync(base: Path, files: dict[str, str], existing: set[str]) -> WriteReport:
    """Stage every changed file, move all into place, then remove the stale ones."""
    report = WriteReport()
    changed = {r: t.encode("utf-8") for r, t in sorted(files.items())}
    changed = {r: d for r, d in changed.items() if not _same_bytes(base / r, d)}
    report.unchanged = len(files) - len(changed)
    created: list[Path] = []
    staged: dict[str, Path] = {}
    moved: list[tuple[Path, Path | None]] = []  # (target, backup of the old file or None)
    try:
        _make_dirs(base, list(changed), created)
        for relative, data in changed.items():
            staged[relative] = _stage(base / relative, data)
        for relative, temp in staged.items():
            target = base / relative
            backup = None
            if os.path.lexists(target):
                backup = target.with_name(BACKUP_PREFIX + target.name)
                os.replace(target, backup)
            moved.append((target, backup))
            os.replace(temp, target)
    except BaseException:
        _roll_back(moved, staged, created)
        raise
    for _, backup in moved:
        if backup is not None:
            os.unlink(backup)
    report.written = list(changed)
    for stale in sorted(existing - set(files)):
        stale_path = base / stale
        if os.path.lexists(stale_path):
            os.unlink(stale_path)  # unlinking a link removes the link, never its target
            report.removed.append(stale)
    return report


def _roll_back(
    moved: list[tuple[Path, Path | None]], staged: dict[str, Path], created: list[Path]
) -> None:
    """Put every old file back and remove what this run added.

    Best effort: one step failing (the disk that failed the build may fail again)
    must not stop the others, and the error that caused the roll-back is the one reported.
    """
    for target, backup in reversed(moved):
        with contextlib.suppress(OSError):
            if backup is not None:
                os.replace(backup, target)
            elif os.path.lexists(target):
                os.unlink(target)
    for temp in staged.values():
        with contextlib.suppress(OSError):
            if os.path.lexists(temp):
                os.unlink(temp)
    for folder in reversed(created):
        with contextlib.suppress(OSError):
            folder.rmdir()
