"""Every quote in facts/ is in its archived article, and a changed quote or text is caught."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import REPO, require_seeds, run_cli

from factsheet.quotes import find_quote, normalise


def test_normalisation_folds_typography() -> None:
    curly = "\u201cIt\u2019s  here\u201d \u2014 now"
    assert normalise(curly) == "\"It's here\" - now"


@pytest.mark.parametrize(
    ("quote", "found"),
    [("quick brown", True), ("quick [...] lazy dog", True), ("quick ... dog", True),
     ("lazy [...] quick", False), ("quick  brown\nfox", True), ("slow fox", False)],
)
def test_find_quote_parts_in_order(quote: str, found: bool) -> None:
    assert find_quote(quote, "The quick brown fox jumps over the lazy dog.") is found


def test_every_shipped_quote_is_in_its_archived_article() -> None:
    seeds = require_seeds()
    result = run_cli(REPO, "check", "--archive", str(seeds))
    assert result.code == 0, result.err


@pytest.fixture
def seeded_copy(tmp_path: Path) -> tuple[Path, Path]:
    seeds = require_seeds()
    root = tmp_path / "project"
    shutil.copytree(REPO / "facts", root / "facts")
    (root / "docs").mkdir()
    archive = tmp_path / "archive"
    shutil.copytree(seeds, archive)
    return root, archive


def test_one_changed_character_in_a_quote_is_caught(seeded_copy: tuple[Path, Path]) -> None:
    root, archive = seeded_copy
    record = root / "facts" / "incidents" / "ariha-market-strike.yaml"
    lines = record.read_text(encoding="utf-8").splitlines(keepends=True)
    line_no = next(i for i, line in enumerate(lines) if "quote:" in line and "49 civilians" in line)
    lines[line_no] = lines[line_no].replace("49 civilians", "48 civilians", 1)
    record.write_text("".join(lines), encoding="utf-8")
    result = run_cli(root, "check", "--archive", str(archive))
    assert result.code == 1
    assert f"facts/incidents/ariha-market-strike.yaml:{line_no + 1}:" in result.err
    assert "is not in the archived text" in result.err
    assert "closest passage" in result.err


def test_a_changed_archived_text_is_caught(seeded_copy: tuple[Path, Path]) -> None:
    root, archive = seeded_copy
    article = sorted(archive.glob("*.txt"))[0]
    article.write_text(article.read_text(encoding="utf-8") + "x", encoding="utf-8")
    result = run_cli(root, "check", "--archive", str(archive))
    assert result.code == 1
    assert "the archived text has changed since it was pinned" in result.err
