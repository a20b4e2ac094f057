"""Writing generated pages into docs/: only what changed, stale pages removed, all or nothing.

Every changed page is first written in full to a temporary file beside its
target; only when all are on disk are they renamed into place, so a failure
while writing leaves the previous pages as they were. Unchanged files keep
their timestamps, which keeps `mkdocs serve` and `mkdocs build --dirty` quick.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

GENERATED_DIRS = ("incidents", "actors", "sources")
GENERATED_FILES = ("index.md",)
TEMP_PREFIX = ".factsheet-tmp-"


@dataclass
class WriteReport:
    written: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    unchanged: int = 0


def _is_generated(relative: str) -> bool:
    return relative in GENERATED_FILES or relative.split("/", 1)[0] in GENERATED_DIRS


def _existing_generated(docs: Path) -> set[str]:
    found = {name for name in GENERATED_FILES if (docs / name).is_file()}
    for folder in GENERATED_DIRS:
        base = docs / folder
        if base.is_dir():
            found.update(p.relative_to(docs).as_posix() for p in base.rglob("*") if p.is_file())
    return found


def _stage(target: Path, data: bytes) -> Path:
    target.parent.mkdir(parents=True, exist_ok=True)
    temp = target.with_name(TEMP_PREFIX + target.name)
    with open(temp, "wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())
    return temp


def write_pages(docs: Path, pages: dict[str, str]) -> WriteReport:
    """Bring docs/'s generated files to exactly `pages`, touching only what changed."""
    for relative in pages:
        if not _is_generated(relative) or ".." in relative.split("/") or relative.startswith("/"):
            raise ValueError(f"refusing to write outside the generated folders: {relative}")
    return _sync(docs, pages, _existing_generated(docs))


def write_locks(folder: Path, locks: dict[str, str]) -> WriteReport:
    """Bring the verification folder to exactly `locks` ({source id: JSON text})."""
    existing = {p.name for p in folder.glob("*.json")} if folder.is_dir() else set()
    return _sync(folder, {f"{source_id}.json": text for source_id, text in locks.items()}, existing)


def _sync(base: Path, files: dict[str, str], existing: set[str]) -> WriteReport:
    """Stage every changed file, then rename all into place, then remove the stale ones."""
    report = WriteReport()
    staged: list[tuple[Path, Path, str]] = []
    try:
        for relative, text in sorted(files.items()):
            target = base / relative
            data = text.encode("utf-8")
            if target.is_file() and not target.is_symlink() and target.read_bytes() == data:
                report.unchanged += 1
                continue
            staged.append((_stage(target, data), target, relative))
    except BaseException:
        for temp, _, _ in staged:
            temp.unlink(missing_ok=True)
        raise
    for temp, target, relative in staged:
        os.replace(temp, target)
        report.written.append(relative)
    for stale in sorted(existing - set(files)):
        (base / stale).unlink()
        report.removed.append(stale)
    return report
