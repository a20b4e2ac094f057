"""The one build path: load -> check -> link -> render and write, for every caller.

`build.py build`, `serve`, `site`, the benchmark and the tests all run `build()`; `check()`
is its first half (nothing written), used by `check` and `verify`. Callers see the stages
through the `progress` callback, which is also how the benchmark times them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING

from .config import DOCS_DIR, PUBLISHED_FILE
from .load.cache import ParseCache
from .output import buildcache
from .output.write import WriteReport, replace_file, write_pages
from .problems import Problem, sort_problems, split_warnings

# The stages that check and render records (and the validators they load) are imported
# when they run: importing them was most of a build that has nothing to do.
if TYPE_CHECKING:
    from .factbase import FactBase
    from .load.collect import Collection


class Stage(StrEnum):
    """The stages in the order they run; the value is what a terminal shows."""

    LOAD = "loading records"
    VALIDATE = "checking records"
    VERIFY = "checking quotes"
    LINK = "linking records"
    WRITE = "rendering and writing pages"
    DONE = "done"


Progress = Callable[[Stage], None]


def quiet(_: Stage) -> None:
    pass


@dataclass
class Outcome:
    problems: list[Problem]
    base: FactBase | None = None
    locks: dict[str, str] = field(default_factory=dict)  # lock file texts, from verify
    report: WriteReport | None = None  # what build() wrote; None when it wrote nothing
    unchanged: int | None = None  # set when the manifest showed the pages current
    # Reported but not failing (a quote not yet verified); shown with the problems too.
    warnings: list[Problem] = field(default_factory=list)


def _checked(
    root: Path, archive: Path | None, progress: Progress, cache: ParseCache | None
) -> tuple[Collection, list[Problem], dict[str, str]]:
    from .check.published import published_problems
    from .check.rules import validate
    from .check.verify import check_locks, verify_archive
    from .load.collect import collect

    progress(Stage.LOAD)
    facts = collect(root, cache)
    progress(Stage.VALIDATE)
    problems = facts.problems + validate(facts) + published_problems(facts, root)
    locks: dict[str, str] = {}
    progress(Stage.VERIFY)
    if archive is not None:
        archive_problems, locks = verify_archive(facts, root, archive)
        problems += archive_problems
    else:
        problems += check_locks(facts, root)
    return facts, problems, locks


def check(
    root: Path,
    archive: Path | None = None,
    progress: Progress = quiet,
    cache: ParseCache | None = None,
) -> Outcome:
    """Load and validate every record (against the archive when given, else the lock files).

    With a parse cache, files it knows are not parsed again (see load/cache.py).
    """
    from .check.verify import quote_statuses
    from .factbase import link

    facts, found, locks = _checked(root, archive, progress, cache)
    problems, warnings = split_warnings(found)
    if problems:
        return Outcome(sort_problems(problems), warnings=sort_problems(warnings))
    progress(Stage.LINK)
    base = link(facts, quote_statuses(facts, root))
    return Outcome([], base, locks=locks, warnings=sort_problems(warnings))


def build(
    root: Path,
    archive: Path | None = None,
    progress: Progress = quiet,
    caches: bool = True,
) -> Outcome:
    """Check, then render and write every page into root/docs/, one page at a time.

    With `caches` (the default), a build whose inputs and outputs match the last one's
    manifest does nothing, and the parse cache spares parsing unchanged files; the benchmark
    turns them off to time the whole work. The manifest is not used with --archive, whose
    texts are not part of its digest. The caller holds the project lock (output/lock.py).
    """
    use_manifest = caches and archive is None
    code = buildcache.code_digest()
    digest = buildcache.input_digest(root, code) if use_manifest else ""
    if use_manifest:
        current = buildcache.is_fresh(root, digest)
        if current is not None:
            progress(Stage.DONE)
            return Outcome([], unchanged=current)
    parsed = ParseCache.open(root, code) if caches else None
    outcome = check(root, archive, progress, parsed)
    if outcome.base is None:
        progress(Stage.DONE)
        return outcome
    from .render import iter_pages

    progress(Stage.WRITE)
    try:
        if parsed is not None:
            parsed.stage(root)  # in place only once the pages are: a failed build changes nothing
        # Rendered and staged one page at a time: the whole site is never in memory.
        outcome.report = write_pages(root / DOCS_DIR, iter_pages(outcome.base))
        if parsed is not None:
            parsed.commit()
        listed = _record_published(root, outcome.base)
    finally:
        if parsed is not None:
            parsed.discard()  # when the pages were not written; a no-op once committed
    if use_manifest:
        if listed:  # the list is an input of the next check: digest it as it is now
            digest = buildcache.input_digest(root, code)
        report = outcome.report
        buildcache.record(root, digest, len(report.written) + report.unchanged)
    progress(Stage.DONE)
    return outcome


def _record_published(root: Path, base: FactBase) -> bool:
    """Write published-ids.txt, the addresses check keeps alive; True when it changed."""
    from .check.published import addresses, published_text

    current = addresses(base.records(), base.withdrawn.values())
    return replace_file(root / PUBLISHED_FILE, published_text(current))
