"""Quote verification against archived texts, and the lock files that remember it.

Archived article texts are not redistributed, so `build.py verify --archive DIR`
records what it checked in `verification/<source-id>.json` (committed): the
pinned SHA-256, and one entry per quote with the date it was verified. Without
the archive, `check` compares the records with these files: a quote that was
changed or added since it was verified is a warning, not an error, so that an
editor's pull request can pass; its page says the quote is not yet checked until
a maintainer runs verify and commits the result. A lock file that cannot be read,
or that was verified against another pinned hash, stays an error.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..config import LOCK_DIR, today
from ..domain.model import Record, all_citations
from ..domain.quotes import closest_passage, find_quote, sha256_of
from ..load.collect import Collection
from ..problems import WARNING, Problem

LOCK_VERSION = 1


@dataclass(frozen=True)
class QuoteStatus:
    """What is known about one quote: verified on a date, or not (yet)."""

    verified_on: str | None  # YYYY-MM-DD
    # The source has an archived copy: an unverified quote is waiting for a maintainer's
    # verify, not out of reach of any check.
    archived: bool = False


def lock_path(root: Path, source_id: str) -> Path:
    return root / LOCK_DIR / f"{source_id}.json"


def read_lock(root: Path, source_id: str) -> dict[str, Any] | None:
    return _read_lock(root, source_id)[0]


def _read_lock(root: Path, source_id: str) -> tuple[dict[str, Any] | None, str | None]:
    """The lock file's data, or None with why it could not be read (None when absent)."""
    path = lock_path(root, source_id)
    try:
        if path.is_symlink() or not path.is_file():
            return None, None
        text = path.read_text(encoding="utf-8")
    except OSError as error:
        return None, error.strerror or str(error)
    except ValueError:
        return None, "it is not UTF-8 text"
    try:
        data = json.loads(text)
    except ValueError:
        return None, None
    valid = isinstance(data, dict) and data.get("version") == LOCK_VERSION
    return (data if valid else None), None


def _lock_quotes(lock: dict[str, Any] | None) -> dict[str, str]:
    """{quote text: date verified} from a lock file."""
    if not lock:
        return {}
    entries = lock.get("quotes", [])
    return {
        e["quote"]: e["verified"]
        for e in entries
        if isinstance(e, dict)
        and isinstance(e.get("quote"), str)
        and isinstance(e.get("verified"), str)
    }


def _quotes_by_source(facts: Collection) -> dict[str, list[tuple[Record, Any]]]:
    found: dict[str, list[tuple[Record, Any]]] = {}
    records: list[Record] = [*facts.actors.values(), *facts.incidents.values()]
    for record in records:
        for citation in all_citations(record):
            if citation.quote is not None:
                found.setdefault(citation.source, []).append((record, citation))
    return found


PENDING_HINT = (
    "nothing to do in your pull request: the page says the quote is not yet checked "
    "until a maintainer with the archive runs `python build.py verify --archive DIR` "
    "and commits what it writes"
)


def check_locks(facts: Collection, root: Path) -> list[Problem]:
    """Without the archive: every quote of an archived source must match its lock entry.

    A quote without one (new, changed, or its source never verified) is a warning; an
    unreadable lock file or one verified against another pinned hash is an error.
    """
    problems: list[Problem] = []
    quotes = _quotes_by_source(facts)
    for source in facts.sources.values():
        if not source.archive_file:
            continue
        lock, unreadable = _read_lock(root, source.id)
        shown = f"{LOCK_DIR}/{source.id}.json"
        if unreadable is not None:
            problems.append(
                facts.problem_at(
                    source.id,
                    ("archive",),
                    f"its verification file {shown} cannot be read ({unreadable})",
                    f"check that {LOCK_DIR}/ and the file exist and that you may read them "
                    "(ls -l; chmod u+r)",
                )
            )
            continue
        if lock is None:
            problems.append(
                facts.problem_at(
                    source.id,
                    ("archive",),
                    f"its quotes are not yet verified ({shown} is missing); "
                    "a maintainer will verify them",
                    PENDING_HINT,
                    severity=WARNING,
                )
            )
            continue
        if lock.get("sha256") != source.archive_sha256:
            problems.append(
                facts.problem_at(
                    source.id,
                    ("archive", "sha256"),
                    f"the pinned hash differs from the one verified in {shown}",
                    "run verify again against the archived text, or restore the pinned hash",
                )
            )
        known = _lock_quotes(lock)
        for record, citation in quotes.get(source.id, []):
            if citation.quote not in known:
                problems.append(
                    facts.problem_at(
                        record.id,
                        (*citation.path, "quote"),
                        "this quote is not yet verified (it was added or changed since the "
                        "last verification); a maintainer will verify it",
                        PENDING_HINT,
                        severity=WARNING,
                    )
                )
    return problems


def verify_archive(
    facts: Collection, root: Path, archive: Path
) -> tuple[list[Problem], dict[str, str]]:
    """Check hashes and quotes against the archive; return problems and the new lock texts.

    Lock entries keep their original date while the quote is unchanged, so
    re-running verify on unchanged data rewrites nothing.
    """
    problems: list[Problem] = []
    locks: dict[str, str] = {}
    quotes = _quotes_by_source(facts)
    for source in facts.sources.values():
        if not source.archive_file:
            continue
        path = archive / source.archive_file
        if not path.is_file() or path.is_symlink():
            problems.append(
                facts.problem_at(
                    source.id,
                    ("archive", "file"),
                    f"the archived text {source.archive_file} is not in {archive}",
                    "check the file name and the --archive folder",
                )
            )
            continue
        digest = sha256_of(path)
        if digest != source.archive_sha256:
            problems.append(
                facts.problem_at(
                    source.id,
                    ("archive", "sha256"),
                    "the archived text does not match the pinned hash"
                    if source.archive_sha256
                    else "the archived text has no pinned hash",
                    f"its SHA-256 is {digest}; check the text, then pin it as archive.sha256",
                )
            )
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        previous = _lock_quotes(read_lock(root, source.id))
        entries: dict[str, str] = {}
        for record, citation in quotes.get(source.id, []):
            if not find_quote(citation.quote, text):
                problems.append(
                    facts.problem_at(
                        record.id,
                        (*citation.path, "quote"),
                        f"this quote is not in the archived text of {source.id}",
                        f'closest passage: "{closest_passage(citation.quote, text)}"',
                    )
                )
                continue
            entries[citation.quote] = previous.get(citation.quote, today())
        locks[source.id] = _lock_text(source.id, source.archive_file, digest, entries)
    return problems, locks


def _lock_text(source_id: str, file: str, digest: str, entries: dict[str, str]) -> str:
    body = {
        "version": LOCK_VERSION,
        "source": source_id,
        "archive_file": file,
        "sha256": digest,
        "quotes": [{"quote": q, "verified": d} for q, d in sorted(entries.items())],
    }
    return json.dumps(body, indent=2, ensure_ascii=False) + "\n"


def quote_statuses(facts: Collection, root: Path) -> dict[tuple[str, str], QuoteStatus]:
    """{(source id, quote): status} for the pages: verified on a date, or not."""
    statuses: dict[tuple[str, str], QuoteStatus] = {}
    for source_id, uses in _quotes_by_source(facts).items():
        source = facts.sources.get(source_id)
        lock = read_lock(root, source_id) if source and source.archive_file else None
        valid = (
            lock is not None and source is not None and lock.get("sha256") == source.archive_sha256
        )
        known = _lock_quotes(lock) if valid else {}
        archived = source is not None and source.archive_file is not None
        for _, citation in uses:
            statuses[(source_id, citation.quote)] = QuoteStatus(
                known.get(citation.quote), archived
            )
    return statuses
