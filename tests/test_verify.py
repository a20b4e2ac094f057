"""`build.py verify` and the lock files that let `check` work without the archive."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from conftest import FIXTURE, REPO, copy_project, require_seeds, run_cli

ARCHIVE = REPO / "tests" / "fixtures" / "archive"
PINNED_DAY = {"SOURCE_DATE_EPOCH": "1700000000"}  # 2023-11-14


def _lock(root: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(
        (root / "verification" / "wire-story.json").read_text(encoding="utf-8"))
    return data


def test_verify_writes_a_lock_and_a_rerun_changes_nothing(tmp_path: Path) -> None:
    root = copy_project(FIXTURE, tmp_path / "p")
    shutil.rmtree(root / "verification")
    never = run_cli(root, "check")  # archived source, never verified: a warning only
    assert never.code == 0, never.err
    assert ("facts/sources/wire-story.yaml:10:3: warning: archive: its quotes are not yet "
            "verified (verification/wire-story.json is missing); a maintainer will verify them"
            ) in never.err
    assert never.err.endswith("1 warning, which does not stop the build.\n")
    first = run_cli(root, "verify", "--archive", str(ARCHIVE), env=PINNED_DAY)
    assert first.code == 0, first.err
    lock = _lock(root)
    assert lock["sha256"] == "d859fe331afc4c58f7d404ec6e88fc80c7a32999c54193da28b11ce596580b0b"
    assert {"quote": "49 civilians were killed", "verified": "2023-11-14"} in lock["quotes"]
    again = run_cli(root, "verify", "--archive", str(ARCHIVE))
    assert "0 lock files updated" in again.out
    assert _lock(root) == lock  # unchanged quotes keep their first verification date
    assert run_cli(root, "check").code == 0


def _edit_quote(project: Path) -> int:
    """Misspell one quote of the archived source; return its line."""
    record = project / "facts" / "incidents" / "market-strike.yaml"
    text = record.read_text(encoding="utf-8")
    line = text.splitlines().index("        quote: 49 civilians were killed") + 1
    record.write_text(text.replace("49 civilians were killed", "49 civilians were kiled"),
                      encoding="utf-8")
    return line


def test_an_edited_quote_is_a_warning_without_the_archive_and_an_error_with_it(
    project: Path,
) -> None:
    line = _edit_quote(project)
    result = run_cli(project, "check")
    assert result.code == 0, result.err  # an editor's pull request passes
    assert (f"facts/incidents/market-strike.yaml:{line}:16: warning: "
            "figures[0].citations[0].quote: this quote is not yet verified (it was added or "
            "changed since the last verification); a maintainer will verify it") in result.err
    assert result.err.endswith("2 warnings, which do not stop the build.\n")  # 2 uses
    github = run_cli(project, "check", "--format", "github")
    assert github.code == 0
    assert github.err.startswith(
        f"::warning file=facts/incidents/market-strike.yaml,line={line},col=16::")
    data = json.loads(run_cli(project, "check", "--format", "json").err)
    assert (data[0]["line"], data[0]["severity"]) == (line, "warning")
    assert {p["severity"] for p in data} == {"warning"}
    verify = run_cli(project, "verify", "--archive", str(ARCHIVE))
    assert verify.code == 1
    assert "is not in the archived text of wire-story" in verify.err
    assert 'closest passage: "49 civilians were killed' in verify.err, verify.err


def test_a_changed_archive_is_refused(project: Path, tmp_path: Path) -> None:
    archive = tmp_path / "archive"
    shutil.copytree(ARCHIVE, archive)
    (archive / "wire-story.txt").write_text("Rights Watchers said 48.\n", encoding="utf-8")
    result = run_cli(project, "verify", "--archive", str(archive))
    assert result.code == 1
    assert "facts/sources/wire-story.yaml:11:11: archive.sha256: the archived text does not " \
           "match the pinned hash" in result.err


def test_verify_needs_an_archive(project: Path) -> None:
    result = run_cli(project, "verify")
    assert result.code == 2 and "--archive" in result.err


def test_pages_say_which_quotes_were_verified(project: Path) -> None:
    assert run_cli(project, "build").code == 0
    page = (project / "docs" / "incidents" / "market-strike.md").read_text(encoding="utf-8")
    assert (
        '“49 civilians were killed” [✓](../methodology.md#quotes-and-summaries '
        '"Quote checked against our archived copy of the article on'
    ) in page
    assert "“fake information” (not checked against an archived copy)" in page
    assert "not yet checked" not in page
    source = (project / "docs" / "sources" / "wire-story.md").read_text(encoding="utf-8")
    assert "d859fe331afc4c58f7d404ec6e88fc80c7a32999c54193da28b11ce596580b0b" in source


def test_an_unverified_quote_reads_as_such_on_its_page(project: Path) -> None:
    _edit_quote(project)
    build = run_cli(project, "build")
    assert build.code == 0, build.err
    assert "warning: figures[0].citations[0].quote: this quote is not yet verified" in build.err
    page = (project / "docs" / "incidents" / "market-strike.md").read_text(encoding="utf-8")
    assert ("“49 civilians were kiled” (not yet checked against our archived copy of the "
            "article)") in page
    data = json.loads((project / "docs" / "data" / "factsheet.json").read_text("utf-8"))
    quotes = {c["quote"]: c["quote_verified_on"] for c in _all_citations(data)}
    assert quotes["49 civilians were kiled"] is None
    assert quotes["Rights Watchers said"] is not None


def _all_citations(node: object) -> list[dict[str, object]]:
    if isinstance(node, dict):
        found = [node] if "quote_verified_on" in node else []
        return found + [c for value in node.values() for c in _all_citations(value)]
    if isinstance(node, list):
        return [c for value in node for c in _all_citations(value)]
    return []


def test_an_unreadable_or_mismatched_lock_is_still_an_error(project: Path) -> None:
    lock = project / "verification" / "wire-story.json"
    data = json.loads(lock.read_text("utf-8"))
    data["sha256"] = "0" * 64
    lock.write_text(json.dumps(data), "utf-8")
    result = run_cli(project, "check")
    assert result.code == 1
    assert "archive.sha256: the pinned hash differs from the one verified in" in result.err


def test_shipped_lock_files_match_the_archive() -> None:
    seeds = require_seeds()
    result = run_cli(REPO, "check", "--archive", str(seeds))
    assert result.code == 0, result.err
    assert run_cli(REPO, "check").code == 0


@pytest.mark.parametrize("kind", ["quote", "archive"])
def test_one_character_changed_in_shipped_data_fails(kind: str, tmp_path: Path) -> None:
    seeds = require_seeds()
    root = tmp_path / "p"
    for name in ("facts", "verification"):
        shutil.copytree(REPO / name, root / name)
    (root / "docs").mkdir()
    archive = tmp_path / "seeds"
    shutil.copytree(seeds, archive)
    if kind == "quote":
        record = root / "facts" / "incidents" / "homs-basement-strike.yaml"
        lines = record.read_text(encoding="utf-8").splitlines(keepends=True)
        at = next(i for i, line in enumerate(lines) if "quote:" in line and "basement" in line)
        lines[at] = lines[at].replace("basement", "basemant")
        record.write_text("".join(lines), encoding="utf-8")
        warned = run_cli(root, "check")  # without the archive: not yet verified, a warning
        assert warned.code == 0, warned.err
        assert f"facts/incidents/homs-basement-strike.yaml:{at + 1}:" in warned.err
        assert "this quote is not yet verified" in warned.err
        result = run_cli(root, "check", "--archive", str(archive))
        assert result.code == 1
        assert f"facts/incidents/homs-basement-strike.yaml:{at + 1}:" in result.err
    else:
        article = sorted(archive.glob("*.txt"))[1]
        article.write_bytes(article.read_bytes().replace(b"e", b"E", 1))
        result = run_cli(root, "verify", "--archive", str(archive))
        assert result.code == 1
        assert "does not match the pinned hash" in result.err
