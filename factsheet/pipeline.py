"""load -> validate -> link -> render, as calls that never write."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from .check.published import published_problems
from .check.rules import validate
from .check.verify import check_locks, quote_statuses, verify_archive
from .factbase import FactBase, link
from .load.cache import ParseCache
from .load.collect import Collection, collect
from .problems import Problem, sort_problems, split_warnings
from .render import render_site


@dataclass
class Outcome:
    problems: list[Problem]
    base: FactBase | None = None
    pages: dict[str, str] | None = None
    locks: dict[str, str] = field(default_factory=dict)  # lock file texts, from verify
    # Reported but not failing (a quote not yet verified); shown with the problems too.
    warnings: list[Problem] = field(default_factory=list)


Progress = Callable[[str], None]


def _quiet(_: str) -> None:
    pass


def _checked(
    root: Path, archive: Path | None, progress: Progress, cache: ParseCache | None
) -> tuple[Collection, list[Problem], dict[str, str]]:
    progress("loading records")
    facts = collect(root, cache)
    progress(f"checking {len(facts.files)} records")
    problems = facts.problems + validate(facts) + published_problems(facts, root)
    locks: dict[str, str] = {}
    if archive is not None:
        progress("checking quotes against the archive")
        archive_problems, locks = verify_archive(facts, root, archive)
        problems += archive_problems
    else:
        problems += check_locks(facts, root)
    return facts, problems, locks


def check(
    root: Path,
    archive: Path | None = None,
    progress: Progress = _quiet,
    cache: ParseCache | None = None,
) -> Outcome:
    """Load and validate every record (against the archive when given, else the lock files).

    With a parse cache, files it knows are not parsed again (see parsecache).
    """
    facts, found, locks = _checked(root, archive, progress, cache)
    problems, warnings = split_warnings(found)
    if problems:
        return Outcome(sort_problems(problems), warnings=sort_problems(warnings))
    progress("linking records")
    base = link(facts, quote_statuses(facts, root))
    return Outcome([], base, locks=locks, warnings=sort_problems(warnings))


def build(root: Path, archive: Path | None = None, progress: Progress = _quiet) -> Outcome:
    """Check, then render every page in memory (nothing is written here)."""
    outcome = check(root, archive, progress)
    if outcome.base is not None:
        progress("rendering pages")
        outcome.pages = render_site(outcome.base)
    return outcome
