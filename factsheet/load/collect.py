"""Find the record files under facts/, load each strictly, check its shape, build typed records.

Records whose file fails to load or to match its schema are left out of the
result, but every problem is collected so the editor sees all of them at once.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from ..config import FACTS_DIR, RESERVED_IDS
from ..domain.model import BUILDERS, Actor, Incident, Record, Source, Withdrawn, build_withdrawn
from ..domain.vocab import KIND_OF_FOLDER, RecordKind
from ..problems import ERROR, FieldPath, Problem, problem_at
from .cache import ParseCache
from .characters import invisible_character_problems
from .schema import check_shape
from .strict_yaml import LoadedFile, known_file, load_yaml_bytes, read_record_bytes

ID_PATTERN = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")  # always used with fullmatch
IGNORED_NAMES = (".gitkeep", ".DS_Store")
RECORD_SUFFIX = ".yaml"


@dataclass
class Collection:
    """All records that loaded and matched their schema, with their parsed files."""

    sources: dict[str, Source] = field(default_factory=dict)
    actors: dict[str, Actor] = field(default_factory=dict)
    incidents: dict[str, Incident] = field(default_factory=dict)
    withdrawn: dict[str, Withdrawn] = field(default_factory=dict)  # tombstones, any kind
    files: dict[str, LoadedFile] = field(default_factory=dict)  # by record id
    problems: list[Problem] = field(default_factory=list)

    def records(self) -> list[Record]:
        """Every record: sources, then actors, then incidents."""
        return [*self.sources.values(), *self.actors.values(), *self.incidents.values()]

    def add(self, record: Record | Withdrawn, loaded: LoadedFile) -> None:
        if isinstance(record, Withdrawn):
            self.withdrawn[record.id] = record
        elif isinstance(record, Source):
            self.sources[record.id] = record
        elif isinstance(record, Actor):
            self.actors[record.id] = record
        else:
            self.incidents[record.id] = record
        self.files[record.id] = loaded

    def problem_at(
        self,
        record_id: str,
        path: FieldPath,
        message: str,
        hint: str = "",
        *,
        severity: str = ERROR,
    ) -> Problem:
        """A problem with the field at `path` of the record `record_id`."""
        return problem_at(self.files[record_id], path, message, hint, severity=severity)


def display_path(path: Path, root: Path) -> str:
    """The path as editors see it in the repository: facts/incidents/x.yaml."""
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()


def _file_problem(display: str, message: str, hint: str) -> Problem:
    return Problem(display, 1, 1, "", message, hint)


def _record_files(
    facts: Path, root: Path, problems: list[Problem]
) -> list[tuple[RecordKind, Path]]:
    """(kind, path) for every record file, sorted so builds do not depend on directory order."""
    found: list[tuple[RecordKind, Path]] = []
    if not facts.is_dir() or facts.is_symlink():
        problems.append(
            _file_problem(
                display_path(facts, root),
                "the facts folder is missing",
                "create facts/sources, facts/actors and facts/incidents",
            )
        )
        return found
    for entry in _entries(Path(facts), root, problems):
        shown = display_path(Path(entry.path), root)
        if entry.name.startswith(".") or entry.name == "README.md":
            continue
        kind = KIND_OF_FOLDER.get(entry.name)
        if kind is None or entry.is_symlink() or not entry.is_dir(follow_symlinks=False):
            problems.append(
                _file_problem(
                    shown,
                    "is not one of the record folders",
                    "records go in facts/sources/, facts/actors/ or facts/incidents/",
                )
            )
            continue
        for item in _entries(Path(entry.path), root, problems):
            if item.name in IGNORED_NAMES:
                continue
            found.append((kind, Path(item.path)))
    return found


def _entries(folder: Path, root: Path, problems: list[Problem]) -> list[os.DirEntry[str]]:
    """A folder's entries by name; none, with a problem, when it cannot be read."""
    try:
        with os.scandir(folder) as found:
            return sorted(found, key=lambda e: e.name)
    except OSError as error:
        problems.append(
            _file_problem(
                display_path(folder, root),
                f"the folder cannot be read ({error.strerror or error})",
                "check that it exists and that you may read it (ls -ld; chmod u+rx)",
            )
        )
        return []


def _check_file_name(path: Path, display: str) -> Problem | None:
    if path.suffix != RECORD_SUFFIX:
        return _file_problem(
            display,
            "is not a record file",
            f"record files end in {RECORD_SUFFIX}; rename it or move it out of facts/",
        )
    stem = path.name[: -len(RECORD_SUFFIX)]
    if stem in RESERVED_IDS:
        return _file_problem(
            display,
            f"'{stem}' is a reserved name and cannot be a record id",
            f"choose a more specific id, e.g. {stem}-something{RECORD_SUFFIX}",
        )
    if not ID_PATTERN.fullmatch(stem) or len(stem) > 80:
        suggestion = re.sub(r"[^a-z0-9]+", "-", stem.lower()).strip("-") or "a-new-id"
        return _file_problem(
            display,
            "the file name is not a valid id",
            f"use lowercase letters, digits and single hyphens, e.g. {suggestion}{RECORD_SUFFIX}",
        )
    return None


def collect(root: Path, cache: ParseCache | None = None) -> Collection:
    """Load and shape-check every record under root/facts.

    With a cache, files it knows are taken from it, and every file that passes is noted in it.
    """
    result = Collection()
    first_file: dict[str, str] = {}  # id -> the file that took it first
    for kind, path in _record_files(root / FACTS_DIR, root, result.problems):
        display = display_path(path, root)
        name_problem = _check_file_name(path, display)
        if name_problem:
            result.problems.append(name_problem)
            continue
        record_id = path.name[: -len(RECORD_SUFFIX)]
        if record_id in first_file:
            # Ids are shared by all kinds: links and pages could not tell the two apart.
            for here, other in ((display, first_file[record_id]), (first_file[record_id], display)):
                result.problems.append(
                    _file_problem(
                        here,
                        f"the id '{record_id}' is also used by {other}",
                        "ids are shared by all record kinds; rename one of the files",
                    )
                )
            continue
        first_file[record_id] = display
        loaded = _load_checked(kind, path, display, cache, result.problems)
        if loaded is None:
            continue
        data = loaded.data()
        if "withdrawn" in data:  # the schema allowed only a tombstone's fields then
            result.add(build_withdrawn(kind, record_id, display, data), loaded)
        else:
            result.add(BUILDERS[kind](record_id, display, data), loaded)
        loaded.keep_text_only()
    return result


def _load_checked(
    kind: RecordKind, path: Path, display: str, cache: ParseCache | None, problems: list[Problem]
) -> LoadedFile | None:
    """A record file loaded and shape-checked, or None with its problems added."""
    raw = read_record_bytes(path, display)
    if isinstance(raw, Problem):
        problems.append(raw)
        return None
    known = cache.lookup(kind, raw) if cache else None
    if known is not None:
        loaded = known_file(path, display, raw, known)
        if loaded is not None:
            return loaded  # these bytes passed every check below before
    loaded, load_problems = load_yaml_bytes(raw, display, path)
    problems.extend(load_problems)
    if loaded is None:
        return None
    shape_problems = invisible_character_problems(loaded) + check_shape(kind, loaded)
    problems.extend(shape_problems)
    if shape_problems:
        return None
    if cache:
        cache.remember(kind, raw, loaded.data())
    return loaded
