"""A pull request cannot forge verification: lock entries it adds or changes are flagged.

In a temporary git repository, a branch changes a quote to invented text and appends a
matching lock entry. `check` alone cannot tell (it trusts the lock files); `check
--against main`, which the pull request workflow runs, must name the forged entry.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import FIXTURE, copy_project, run_cli

LOCK = "verification/wire-story.json"
RECORD = "facts/incidents/market-strike.yaml"
INVENTED = "200 civilians were killed"


def _git(root: Path, *args: str) -> None:
    subprocess.run(["git", "-C", str(root), *args], check=True, capture_output=True,
                   env={"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org",
                        "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org",
                        "PATH": "/usr/bin:/bin", "HOME": str(root)})


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    root = copy_project(FIXTURE, tmp_path / "repo")
    _git(root, "init", "-q", "-b", "main")
    _git(root, "add", "facts", "verification")
    _git(root, "commit", "-q", "-m", "base")
    _git(root, "checkout", "-q", "-b", "pull-request")
    return root


def _forge(root: Path) -> None:
    record = root / RECORD
    record.write_text(record.read_text("utf-8").replace("49 civilians were killed", INVENTED),
                      "utf-8")
    lock = json.loads((root / LOCK).read_text("utf-8"))
    lock["quotes"].append({"quote": INVENTED, "verified": "2026-11-28"})
    (root / LOCK).write_text(json.dumps(lock, indent=2) + "\n", "utf-8")
    _git(root, "commit", "-q", "-am", "a quote changed, with a lock entry typed by hand")


def test_a_forged_lock_entry_passes_check_but_not_check_against_base(repo: Path) -> None:
    _forge(repo)
    assert run_cli(repo, "check").code == 0  # the lock file alone cannot tell
    run = run_cli(repo, "check", "--against", "main")
    assert run.code == 1
    line = next(i for i, text in enumerate((repo / LOCK).read_text("utf-8").splitlines(), 1)
                if INVENTED in text)
    assert (f"{LOCK}:{line}:1: quotes[3]: needs maintainer verification: a lock entry was "
            f'added for the quote "{INVENTED}"') in run.err
    assert "quotes-verified" in run.err
    github = run_cli(repo, "check", "--against", "main", "--format", "github")
    assert github.code == 1 and f"::error file={LOCK},line={line}" in github.err


def test_an_editors_new_quote_passes_the_pull_request_as_a_warning(repo: Path) -> None:
    """A web editor changes a quote and leaves verification/ alone: the check passes, says the
    quote awaits a maintainer, and the page shows it as not yet checked."""
    record = repo / RECORD
    record.write_text(record.read_text("utf-8").replace("49 civilians were killed", INVENTED),
                      "utf-8")
    _git(repo, "commit", "-q", "-am", "an editor changes a quote")
    github = run_cli(repo, "check", "--against", "main", "--format", "github")
    assert github.code == 0, github.err
    assert f"::warning file={RECORD}," in github.err
    assert "this quote is not yet verified" in github.err and "::error" not in github.err
    text = run_cli(repo, "check", "--against", "main")
    assert text.code == 0 and "No lock entry in verification/ was added or changed" in text.out
    assert run_cli(repo, "build").code == 0
    page = (repo / "docs" / "incidents" / "market-strike.md").read_text("utf-8")
    assert f"“{INVENTED}” (not yet checked against our archived copy of the article)" in page


def test_a_changed_pinned_hash_is_flagged_too(repo: Path) -> None:
    lock = json.loads((repo / LOCK).read_text("utf-8"))
    lock["sha256"] = "0" * 64
    (repo / LOCK).write_text(json.dumps(lock, indent=2) + "\n", "utf-8")
    run = run_cli(repo, "check", "--against", "main")
    assert run.code == 1
    assert "sha256: needs maintainer verification: the sha256 was changed" in run.err


def test_a_branch_that_leaves_the_locks_alone_passes(repo: Path) -> None:
    record = repo / RECORD
    record.write_text(record.read_text("utf-8").replace("a busy market", "a crowded market"),
                      "utf-8")
    run = run_cli(repo, "check", "--against", "main")
    assert run.code == 0, run.err
    assert "No lock entry in verification/ was added or changed since main." in run.out


def test_a_branch_cannot_drop_a_published_address_on_its_own(repo: Path) -> None:
    assert run_cli(repo, "build").code == 0  # writes published-ids.txt
    _git(repo, "checkout", "-q", "main")
    _git(repo, "add", "published-ids.txt")
    _git(repo, "commit", "-q", "-m", "the published addresses")
    _git(repo, "checkout", "-q", "-b", "drops-a-page")
    (repo / RECORD).unlink()
    assert run_cli(repo, "check").code == 1  # the address is still listed
    listed = repo / "published-ids.txt"
    listed.write_text(listed.read_text("utf-8").replace("incidents/market-strike\n", ""),
                      "utf-8")
    assert run_cli(repo, "check").code == 0, "the list alone cannot tell"
    run = run_cli(repo, "check", "--against", "main")
    assert run.code == 1
    assert ("published-ids.txt:1:1: needs a maintainer: the published address "
            "incidents/market-strike was removed from the list") in run.err


def test_an_unknown_base_is_an_error_not_a_pass(repo: Path) -> None:
    run = run_cli(repo, "check", "--against", "no-such-branch")
    assert run.code == 1
    assert "cannot compare verification/ with no-such-branch" in run.err
