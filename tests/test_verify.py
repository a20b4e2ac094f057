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
    assert run_cli(root, "check").code == 1  # archived source, never verified
    first = run_cli(root, "verify", "--archive", str(ARCHIVE), env=PINNED_DAY)
    assert first.code == 0, first.err
    lock = _lock(root)
    assert lock["sha256"] == "d859fe331afc4c58f7d404ec6e88fc80c7a32999c54193da28b11ce596580b0b"
    assert {"quote": "49 civilians were killed", "verified": "2023-11-14"} in lock["quotes"]
    again = run_cli(root, "verify", "--archive", str(ARCHIVE))
    assert "0 lock files updated" in again.out
    assert _lock(root) == lock  # unchanged quotes keep their first verification date
    assert run_cli(root, "check").code == 0


def test_check_without_archive_catches_an_edited_quote(project: Path) -> None:
    record = project / "facts" / "incidents" / "market-strike.yaml"
    text = record.read_text(encoding="utf-8")
    line = text.splitlines().index("        quote: 49 civilians were killed") + 1
    record.write_text(text.replace("49 civilians were killed", "49 civilians were kiled"),
                      encoding="utf-8")
    result = run_cli(project, "check")
    assert result.code == 1
    assert f"facts/incidents/market-strike.yaml:{line}:16: figures[0].citations[0].quote: " \
           "this quote was changed or added since the quotes were last verified" in result.err
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
    source = (project / "docs" / "sources" / "wire-story.md").read_text(encoding="utf-8")
    assert "d859fe331afc4c58f7d404ec6e88fc80c7a32999c54193da28b11ce596580b0b" in source


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
        for args in (("check",), ("check", "--archive", str(archive))):
            result = run_cli(root, *args)
            assert result.code == 1
            assert f"facts/incidents/homs-basement-strike.yaml:{at + 1}:" in result.err
    else:
        article = sorted(archive.glob("*.txt"))[1]
        article.write_bytes(article.read_bytes().replace(b"e", b"E", 1))
        result = run_cli(root, "verify", "--archive", str(archive))
        assert result.code == 1
        assert "does not match the pinned hash" in result.err
