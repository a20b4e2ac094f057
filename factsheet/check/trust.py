"""Who may write verification/: lock entries a pull request adds or changes, found by diff.

`check` trusts the lock files: without the archive (which is not redistributable, so CI
does not have it) it cannot tell an entry written by `verify` from one typed by hand, and
no digest in the file could prove otherwise without a secret that a public workflow cannot
keep. So the gate is the change itself: `build.py check --against BASE` lists every lock
entry (a quote, or a file's pinned hash or archive name) that is new or different from the
base branch's as "needs maintainer verification". The pull request workflow fails on any
of them unless a maintainer, who has the archive and has run `verify` on the branch, adds
the label that says so. Removed entries need nothing: an unverified quote is only shown
as not yet checked.

The same gate keeps published addresses: a branch that removes a line from
published-ids.txt (which would let `check` forget a published page) is reported too.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import Any

from ..config import LOCK_DIR, PUBLISHED_FILE
from ..problems import FactsheetError, Problem

LABEL = "quotes-verified"
HINT = (
    "a maintainer with the archive runs `python build.py verify --archive DIR` on this "
    f"branch, commits what it writes, and adds the label '{LABEL}'; lock files are never "
    "edited by hand"
)


class GitError(FactsheetError):
    """git could not answer (no repository, an unknown ref)."""


def _git(root: Path, *args: str) -> str:
    try:
        done = subprocess.run(
            ["git", "-C", str(root), *args], capture_output=True, text=True, check=False
        )
    except OSError as error:
        raise GitError(f"git could not be run: {error}") from error
    if done.returncode != 0:
        raise GitError(done.stderr.strip() or f"git {' '.join(args)} failed")
    return done.stdout


def _base_locks(root: Path, ref: str) -> dict[str, str]:
    """{file name: text} of the lock files at ref."""
    names = _git(root, "ls-tree", "--name-only", f"{ref}:{LOCK_DIR}") if _has_dir(root, ref) else ""
    return {
        name: _git(root, "show", f"{ref}:{LOCK_DIR}/{name}")
        for name in names.splitlines()
        if name.endswith(".json")
    }


def _has_dir(root: Path, ref: str) -> bool:
    _git(root, "rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}")
    try:
        return _git(root, "cat-file", "-t", f"{ref}:{LOCK_DIR}").strip() == "tree"
    except GitError:
        return False


def _parse(text: str) -> dict[str, Any]:
    try:
        data = json.loads(text)
    except ValueError:
        return {}
    return data if isinstance(data, dict) else {}


def _entries(lock: dict[str, Any]) -> dict[str, Any]:
    quotes = lock.get("quotes")
    found: dict[str, Any] = {}
    for entry in quotes if isinstance(quotes, list) else []:
        if isinstance(entry, dict) and isinstance(entry.get("quote"), str):
            found[entry["quote"]] = entry
    return found


def _line_of(text: str, needle: str) -> int:
    for number, line in enumerate(text.splitlines(), start=1):
        if needle in line:
            return number
    return 1


def _file_changes(name: str, text: str, base_text: str | None) -> list[Problem]:
    shown = f"{LOCK_DIR}/{name}"
    now, before = _parse(text), _parse(base_text) if base_text is not None else {}
    problems: list[Problem] = []
    for key in ("sha256", "archive_file"):
        if now.get(key) != before.get(key):
            what = "added" if base_text is None else "changed"
            problems.append(Problem(shown, _line_of(text, f'"{key}"'), 1, key,
                                    f"needs maintainer verification: the {key} was {what}", HINT))
    old_entries = _entries(before)
    for index, (quote, entry) in enumerate(_entries(now).items()):
        if old_entries.get(quote) == entry:
            continue
        what = "added" if quote not in old_entries else "changed"
        needle = json.dumps(quote, ensure_ascii=False)
        problems.append(Problem(
            shown, _line_of(text, needle), 1, f"quotes[{index}]",
            f"needs maintainer verification: a lock entry was {what} for the quote {needle}",
            HINT,
        ))
    return problems


def changed_lock_entries(root: Path, ref: str) -> list[Problem]:
    """Every lock entry added or changed in root's verification/ since ref."""
    base = _base_locks(root, ref)
    folder = root / LOCK_DIR
    problems: list[Problem] = []
    for path in sorted(folder.glob("*.json")) if folder.is_dir() else []:
        text = path.read_text(encoding="utf-8", errors="replace")
        problems += _file_changes(path.name, text, base.get(path.name))
    return problems


def removed_addresses(root: Path, ref: str) -> list[Problem]:
    """Every published address listed at ref that root's published-ids.txt no longer lists."""
    _git(root, "rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}")
    try:
        before = _git(root, "show", f"{ref}:{PUBLISHED_FILE}")
    except GitError:
        return []  # nothing was published at ref
    path = root / PUBLISHED_FILE
    now = path.read_text(encoding="utf-8", errors="replace") if path.is_file() else ""
    kept = {line.strip() for line in now.splitlines()}
    removed = [
        line.strip() for line in before.splitlines()
        if line.strip() and not line.startswith("#") and line.strip() not in kept
    ]
    return [
        Problem(
            PUBLISHED_FILE, 1, 1, "",
            f"needs a maintainer: the published address {address} was removed from the list",
            "a published page keeps its address: give the record that replaced it "
            "`renamed_from`, or keep it as a withdrawn record (CONTRIBUTING, Renaming or "
            "withdrawing a record); only a maintainer removes an address, and then adds "
            f"the label '{LABEL}'",
        )
        for address in removed
    ]
