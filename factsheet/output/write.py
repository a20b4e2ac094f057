"""Writing generated files: only what changed, stale files removed, all or nothing.

Every changed file is first written in full to a temporary file beside its target.
Only when all are on disk does a journal (`.factsheet-journal` in the folder written to)
list every file to move into place and every stale file to remove; that journal is the
commit point. The moves and removals follow, then the journal goes. A run killed at any
moment (`kill -9`, a power cut) is completed by the next one, which calls `recover()`
before anything else: with a committed journal it finishes the moves and removals (roll
forward); with a journal still in its staging state it deletes the temporary files (roll
back). Either way the folder then holds the old files or the new ones, never a mix.

The staged files reach the disk with one `sync` before the journal is committed, not an
fsync each: on these machines 17,000 fsyncs took 20 s, the one sync 0.3 s. Unchanged files
keep their timestamps, which keeps `mkdocs serve` and `mkdocs build --dirty` quick. Links
are never followed: a symbolic link planted among the generated folders could otherwise
aim a write elsewhere.
"""

from __future__ import annotations

import contextlib
import json
import os
import stat
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from ..config import GENERATED_DIRS, GENERATED_FILES
from ..files import NEW_FILE_FLAGS
from ..problems import EditorError
from . import faults

TEMP_PREFIX = ".factsheet-tmp-"
BACKUP_PREFIX = ".factsheet-old-"  # left by builds before the journal; removed when found
OUR_PREFIX = ".factsheet-"  # every name this module adds beside the files it writes
JOURNAL = ".factsheet-journal"
STAGING = "staging"
COMMITTED = "committed"


class UnsafeOutput(EditorError, OSError):
    """The output folder holds something that writing could be tricked by (a link).

    An OSError too, so that it fails a write the way a full disk does: nothing changes.
    """


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
    _remove_root_leftovers(docs)
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


def replace_file(target: Path, text: str) -> bool:
    """Put text in target at once (a temporary file beside it, then a rename); a reader or
    a killed build sees the old file or the new one. False when it held that text already."""
    data = text.encode("utf-8")
    if _same_bytes(target, data):
        return False
    temp = _stage(target, [data])
    os.replace(temp, target)
    return True


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
    recover(docs)
    return _sync(docs, _checked_paths(_items(pages)), _existing_generated(docs))


def replace_pages(docs: Path, pages: Files) -> WriteReport:
    """Replace only the given generated pages (all or nothing); every other file stays."""
    recover(docs)
    _refuse_links(docs, *(docs / name for name in GENERATED_DIRS))
    return _sync(docs, _checked_paths(_items(pages)), set())


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
    recover(folder)
    existing = (
        {p.name for p in folder.iterdir() if not p.name.startswith(OUR_PREFIX)}
        if folder.is_dir()
        else set()
    )
    return _sync(folder, ((f"{s}.json", text) for s, text in locks.items()), existing)


def _sync(base: Path, files: Iterable[tuple[str, Content]], existing: set[str]) -> WriteReport:
    """Stage every changed file as it comes, commit the journal, then move and remove.

    Any failure before the commit, including one raised while the files are still being
    produced, puts everything back as it was; after it, the change is completed.
    """
    run = _Run(base)
    names: set[str] = set()
    unchanged = 0
    try:
        for relative, content in files:
            if relative in names:
                raise ValueError(f"two generated files have the same path: {relative}")
            names.add(relative)
            unchanged += 0 if run.stage_if_changed(relative, content) else 1
            faults.point()
        stale = sorted(r for r in existing - names if os.path.lexists(base / r))
        moves = sorted(run.staged)
        if moves or stale:
            if moves:
                os.sync()  # the new bytes are on disk before the journal points at them
                faults.point()
            _write_journal(base, {"state": COMMITTED, "moves": moves, "removes": stale})
            faults.point()
    except BaseException:
        run.roll_back()
        raise
    if moves or stale:
        _roll_forward(base, moves, stale)
    elif run.begun:
        os.unlink(base / JOURNAL)  # every staged stream matched its file: nothing to commit
    return WriteReport(written=moves, removed=stale, unchanged=unchanged)


@dataclass
class _Run:
    """The files one write has staged so far, and the folders it created for them."""

    base: Path
    staged: dict[str, Path] = field(default_factory=dict)
    created: list[Path] = field(default_factory=list)
    begun: bool = False

    def stage_if_changed(self, relative: str, content: Content) -> bool:
        """Stage the file unless the target already holds these bytes; True when staged."""
        target = self.base / relative
        if isinstance(content, str | bytes):
            data = content.encode("utf-8") if isinstance(content, str) else content
            if _same_bytes(target, data):
                return False
            self._begin(relative)
            self.staged[relative] = _stage(target, [data])
            return True
        self._begin(relative)  # a stream: staged first, then compared on disk
        self.staged[relative] = _stage(target, content)
        if _same_file(target, self.staged[relative]):
            os.unlink(self.staged.pop(relative))
            return False
        return True

    def _begin(self, relative: str) -> None:
        """Before the first temporary file: a journal that says to delete them after a crash."""
        if not self.begun:
            if not self.base.exists():
                self.base.mkdir(parents=True)
                self.created.append(self.base)
            _write_journal(self.base, {"state": STAGING})
            self.begun = True
            faults.point()
        _make_dirs(self.base, [relative], self.created)

    def roll_back(self) -> None:
        """Remove what this run staged and created; the old files were never touched.

        Best effort: one step failing (the disk that failed the build may fail again) must
        not stop the others, and the error that caused the roll-back is the one reported.
        """
        if not self.begun:
            return
        with contextlib.suppress(OSError):
            _write_journal(self.base, {"state": STAGING})  # in case it was committed
        for temp in self.staged.values():
            with contextlib.suppress(OSError):
                if os.path.lexists(temp):
                    os.unlink(temp)
        with contextlib.suppress(OSError):
            os.unlink(self.base / JOURNAL)
        for folder in reversed(self.created):
            with contextlib.suppress(OSError):
                folder.rmdir()


def _temp_of(target: Path) -> Path:
    return target.with_name(TEMP_PREFIX + target.name)


def _roll_forward(base: Path, moves: list[str], removes: list[str]) -> None:
    """Finish a committed change: every staged file into place, every stale one gone.

    Safe to repeat: a file already moved has no temporary file any more.
    """
    for relative in moves:
        target = base / relative
        temp = _temp_of(target)
        if os.path.lexists(temp):
            os.replace(temp, target)
            faults.point()
    for relative in removes:
        stale = base / relative
        if os.path.lexists(stale):
            os.unlink(stale)  # unlinking a link removes the link, never its target
            faults.point()
    os.unlink(base / JOURNAL)
    faults.point()


def _write_journal(base: Path, body: dict[str, object]) -> None:
    """Replace the journal in one step: a reader sees the old one or the new one."""
    temp = base / f"{JOURNAL}.tmp"
    if os.path.lexists(temp):
        os.unlink(temp)
    handle = os.open(temp, NEW_FILE_FLAGS, 0o644)
    try:
        os.write(handle, json.dumps(body, ensure_ascii=True).encode("ascii"))
        os.fsync(handle)
    finally:
        os.close(handle)
    os.replace(temp, base / JOURNAL)


def _safe_relative(value: object) -> str | None:
    if not isinstance(value, str) or "\0" in value or value.startswith("/"):
        return None
    parts = value.split("/")
    return None if any(part in ("", ".", "..") for part in parts) else value


def _read_journal(base: Path) -> tuple[list[str], list[str]] | None:
    """(moves, removes) of a committed journal; None for a staging or damaged one."""
    path = base / JOURNAL
    if path.is_symlink() or not path.is_file():
        raise UnsafeOutput(f"{path} is not a regular file; remove it and build again")
    try:
        body = json.loads(path.read_text(encoding="ascii"))
    except (ValueError, UnicodeDecodeError):
        return None
    if not isinstance(body, dict) or body.get("state") != COMMITTED:
        return None
    moves, removes = _paths(body.get("moves")), _paths(body.get("removes"))
    return None if moves is None or removes is None else (moves, removes)


def _paths(items: object) -> list[str] | None:
    """A journal's list of relative paths; None unless every one is safe."""
    if not isinstance(items, list):
        return None
    checked = [_safe_relative(item) for item in items]
    return None if None in checked else [item for item in checked if item is not None]


def recover(base: Path) -> bool:
    """Complete or undo a write that was stopped half-way; True when there was one.

    Called before anything else reads or writes the folder. A committed journal is rolled
    forward (the new files); any other is rolled back (the old files stay).
    """
    if not os.path.lexists(base / JOURNAL):
        return False
    _refuse_links(base)
    committed = _read_journal(base)
    if committed is not None:
        _roll_forward(base, *committed)
        return True
    for current, _dirs, files in os.walk(base, followlinks=False):
        for name in files:
            if name.startswith((TEMP_PREFIX, BACKUP_PREFIX)):
                os.unlink(Path(current) / name)
    os.unlink(base / JOURNAL)
    return True


def _remove_root_leftovers(docs: Path) -> None:
    """Temporary and backup files of the top-level pages, left by an older build's crash."""
    for name in GENERATED_FILES:
        for prefix in (TEMP_PREFIX, BACKUP_PREFIX):
            leftover = docs / (prefix + name)
            if os.path.lexists(leftover):
                os.unlink(leftover)
