"""Published addresses never break: every page the site has published keeps an address.

`build.py build` writes the address of every record page it makes (a record's own, and
the old ids in `renamed_from`, which redirect) to `published-ids.txt`, sorted, one
`folder/id` a line, and the file is committed. `check` (and so every build) compares the
records with it: an address that is no longer a record, an old id of one, or a withdrawn
record is an error naming the two fixes. A project without the file has published nothing
yet, and its first build writes it.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from ..config import PUBLISHED_FILE
from ..domain.model import Record, Withdrawn, folder_of
from ..domain.vocab import KIND_OF_FOLDER
from ..load.collect import ID_PATTERN, Collection
from ..problems import Problem

HEADER = (
    "# Every record page address the site has published, one folder/id a line.\n"
    "# Written by `python build.py build`; commit it. `check` fails when one of these\n"
    "# addresses would disappear (see CONTRIBUTING, Renaming or withdrawing a record).\n"
    "# Only a maintainer removes a line, for a page that may not stay even as a notice.\n"
)


def _is_address(line: str) -> bool:
    """`folder/id`: a record kind's folder and a well-formed id."""
    folder, _, record_id = line.partition("/")
    return folder in KIND_OF_FOLDER and ID_PATTERN.fullmatch(record_id) is not None


def addresses(records: Iterable[Record], withdrawn: Iterable[Withdrawn]) -> list[str]:
    """Every record page address, sorted: records, their old ids, withdrawn records."""
    found: set[str] = set()
    for record in records:
        folder = folder_of(record)
        found.update(f"{folder}/{name}" for name in (record.id, *record.renamed_from))
    for gone in withdrawn:
        found.update(f"{gone.folder}/{name}" for name in (gone.id, *gone.renamed_from))
    return sorted(found)


def published_text(current: list[str]) -> str:
    return HEADER + "".join(f"{address}\n" for address in current)


def _read(root: Path) -> tuple[list[tuple[int, str]], list[Problem]]:
    """The file's (line number, address) pairs; none when it is absent."""
    path = root / PUBLISHED_FILE
    try:
        if not path.exists():
            return [], []
        text = path.read_text(encoding="utf-8")
    except (OSError, ValueError) as error:
        why = error.strerror if isinstance(error, OSError) else "it is not UTF-8 text"
        hint = "restore it with git (git checkout -- published-ids.txt), then check again"
        return [], [Problem(PUBLISHED_FILE, 1, 1, "", f"the file cannot be read ({why})", hint)]
    entries: list[tuple[int, str]] = []
    problems: list[Problem] = []
    for number, line in enumerate(text.splitlines(), start=1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        if _is_address(line):
            entries.append((number, line))
        else:
            problems.append(Problem(
                PUBLISHED_FILE, number, 1, "", f"'{line}' is not the address of a record page",
                "this file is written by build.py build: restore it with git "
                "(git checkout -- published-ids.txt)",
            ))
    return entries, problems


def published_problems(facts: Collection, root: Path) -> list[Problem]:
    """Every published address that would disappear, with the two ways to keep it.

    Only once every record has loaded: a record that failed to load is not gone.
    """
    if facts.problems:
        return []
    entries, problems = _read(root)
    current = set(addresses(facts.records(), facts.withdrawn.values()))
    for number, address in entries:
        if address in current:
            continue
        folder, record_id = address.split("/")
        kind = KIND_OF_FOLDER[folder]
        problems.append(Problem(
            PUBLISHED_FILE, number, 1, "",
            f"the page {address} was published, but no {kind} in facts/{folder}/ has the "
            f"id '{record_id}' or lists it in renamed_from",
            f"if the {kind} was renamed, add `renamed_from: [{record_id}]` to the record that "
            f"replaced it in facts/{folder}/; if it was taken off the site, keep "
            f"facts/{folder}/{record_id}.yaml as a withdrawn record: its title (an actor's "
            'name) and `withdrawn:` with `date: "YYYY-MM-DD"` and `reason: ...`, nothing '
            "else",
        ))
    return problems
