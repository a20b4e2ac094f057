"""Writing generated files: only what changed, stale files removed, all or nothing.

Every changed file is first written in full to a temporary file beside its
target. Only when all are on disk are they moved into place, each old file
kept aside until the end, so a failure at any point puts the previous files
back. The staged files reach the disk with one `sync` before the first is moved
into place, not an fsync each: on these machines 17,000 fsyncs took 20 s, the one
sync 0.3 s. Unchanged files keep their timestamps, which keeps `mkdocs serve` and
`mkdocs build --dirty` quick. Links are never followed: a symbolic link
planted among the generated folders could otherwise aim a write elsewhere.
"""

from __future__ import annotations

import contextlib
import os
import stat
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

# timeline/ and differences/ hold the second and later pages of timeline.md and differences.md.
GENERATED_DIRS = ("incidents", "actors", "sources", "data", "timeline", "differences")
GENERATED_FILES = ("index.md", "timeline.md", "differences.md", "data.md", "feed.xml")
TEMP_PREFIX = ".factsheet-tmp-"
# Open a file that must not exist yet, never through a link planted at its name.
NEW_FILE_FLAGS = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
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


def _regular_of_size(target: Path, size: int) -> bool:
    """Whether target is a regular file (not a link) of exactly `size` bytes."""
    try:
        info = os.lstat(target)
    except FileNotFoundError:
        return False
    return stat.S_ISREG(info.st_mode) and info.st_size == size


def _same_bytes(target: Path, data: bytes) -> bool:
    return _regular_of_size(target, len(data)) and target.read_bytes() == data


def _same_file(target: Path, temp: Path) -> bool:
    """Whether target holds the same bytes as temp, compared a block at a time."""
    if not _regular_of_size(target, os.lstat(temp).st_size):
        return False
    with open(target, "rb") as old, open(temp, "rb") as new:
        while block := new.read(1 << 20):
            if old.read(len(block)) != block:
                return False
    return True


def _stage(target: Path, chunks: Iterable[bytes]) -> Path:
    """Write the chunks to a fresh temporary file beside target (never through a link)."""
    temp = target.with_name(TEMP_PREFIX + target.name)
    if os.path.lexists(temp):
        os.unlink(temp)  # a leftover from an interrupted run, or a planted link
    handle = os.open(temp, NEW_FILE_FLAGS, 0o644)
    try:
        with os.fdopen(handle, "wb", closefd=False) as stream:
            stream.writelines(chunks)  # a stream's producer may fail half-way
    except BaseException:
        os.close(handle)
        os.unlink(temp)
        raise
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


# A file's content: text, its UTF-8 bytes, or a stream of UTF-8 chunks (a large download
# is made a record at a time and written as it comes: it is never whole in memory).
Content = str | bytes | Iterator[bytes]
Files = Mapping[str, Content] | Iterable[tuple[str, Content]]


def write_pages(docs: Path, pages: Files) -> WriteReport:
    """Bring docs/'s generated files to exactly `pages`, touching only what changed.

    `pages` may be a stream of (path, text): each page is staged as it comes, so a build
    never holds every page in memory at once.
    """
    return _sync(docs, _checked_paths(_items(pages)), _existing_generated(docs))


def _items(files: Files) -> Iterable[tuple[str, Content]]:
    return files.items() if isinstance(files, Mapping) else files


def _checked_paths(pages: Iterable[tuple[str, Content]]) -> Iterator[tuple[str, Content]]:
    for relative, text in pages:
        if not _is_generated(relative) or ".." in relative.split("/") or relative.startswith("/"):
            raise ValueError(f"refusing to write outside the generated folders: {relative}")
        yield relative, text


def write_locks(folder: Path, locks: dict[str, str]) -> WriteReport:
    """Bring the verification folder to exactly `locks` ({source id: JSON text})."""
    _refuse_links(folder)
    existing = {p.name for p in folder.iterdir()} if folder.is_dir() else set()
    return _sync(folder, ((f"{s}.json", text) for s, text in locks.items()), existing)


def _sync(base: Path, files: Iterable[tuple[str, Content]], existing: set[str]) -> WriteReport:
    """Stage every changed file as it comes, move all into place, then remove the stale ones.

    Any failure, including one raised while the files are still being produced, puts
    everything back as it was.
    """
    report = WriteReport()
    names: set[str] = set()
    created: list[Path] = []
    staged: dict[str, Path] = {}
    moved: list[tuple[Path, Path | None]] = []  # (target, backup of the old file or None)
    try:
        for relative, content in files:
            if relative in names:
                raise ValueError(f"two generated files have the same path: {relative}")
            names.add(relative)
            target = base / relative
            if isinstance(content, str | bytes):
                data = content.encode("utf-8") if isinstance(content, str) else content
                if _same_bytes(target, data):
                    report.unchanged += 1
                    continue
                _make_dirs(base, [relative], created)
                staged[relative] = _stage(target, [data])
            else:  # a stream: staged first, then compared on disk
                _make_dirs(base, [relative], created)
                staged[relative] = _stage(target, content)
                if _same_file(target, staged[relative]):
                    os.unlink(staged.pop(relative))
                    report.unchanged += 1
        if staged:
            os.sync()  # the new bytes are on disk before any name points at them
        for relative in sorted(staged):
            target = base / relative
            backup = None
            if os.path.lexists(target):
                backup = target.with_name(BACKUP_PREFIX + target.name)
                os.replace(target, backup)
            moved.append((target, backup))
            os.replace(staged[relative], target)
    except BaseException:
        _roll_back(moved, staged, created)
        raise
    for _, backup in moved:
        if backup is not None:
            os.unlink(backup)
    report.written = sorted(staged)
    for stale in sorted(existing - names):
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
