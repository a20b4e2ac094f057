"""Citation footnotes a reader can follow: outlet, date, original, archive, quoted passage."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from conftest import run_cli

ARCHIVE_TEXT = (
    "Rights Watchers said 49 civilians were killed on 29 November at the market. "
    "The so-called precision strike, a witness said, hit stalls & shops. "
    "Rescuers worked through the night to pull survivors from the rubble of the "
    "covered market hall while the smoke still rose over the town.\n"
)

INCIDENT = """\
title: Quotes of every shape
kind: airstrike
summary:
  text: A fictional incident whose citations quote the archived text in different ways.
  citations:
    - source: wire-story
      quote: "The so-called precision strike, a witness said, hit stalls & shops"
    - source: wire-story
      quote: "Rescuers worked through the night to pull survivors from the rubble
        of the covered market hall"
    - source: wire-story
      quote: "49 civilians [...] at the market"
    - source: unsigned-page
"""


def _page(project: Path, tmp_path: Path) -> str:
    archive = tmp_path / "archive"
    archive.mkdir()
    (archive / "wire-story.txt").write_text(ARCHIVE_TEXT, encoding="utf-8")
    source = project / "facts" / "sources" / "wire-story.yaml"
    text = source.read_text(encoding="utf-8")
    # A new archived text with more to quote: pin its hash, verify the quotes against it.
    digest = hashlib.sha256(ARCHIVE_TEXT.encode("utf-8")).hexdigest()
    text = re.sub(r"sha256: [0-9a-f]+", f"sha256: {digest}", text)
    source.write_text(text, encoding="utf-8")
    (project / "facts" / "incidents" / "quote-shapes.yaml").write_text(INCIDENT, encoding="utf-8")
    result = run_cli(project, "build", "--archive", str(archive))
    assert result.code == 0, result.out + result.err
    return (project / "docs" / "incidents" / "quote-shapes.md").read_text(encoding="utf-8")


def _note(page: str, number: int) -> str:
    return next(line for line in page.splitlines() if line.startswith(f"[^{number}]: "))


def test_footnote_names_outlet_date_original_and_archive(project: Path, tmp_path: Path) -> None:
    page = _page(project, tmp_path)
    note = _note(page, 1)
    assert note.startswith("[^1]: Daily Courier, [Rights group says strikes hit a market]")
    # date and addresses once, in the list of sources the page cites, not in every note
    cited = page.split("## Sources cited on this page", 1)[1].split("\n\n", 2)[1]
    entry = next(line for line in cited.splitlines() if "wire-story.md" in line)
    assert "](../sources/wire-story.md), published 23 December 2015" in entry
    assert ", [original](<https://news.example.org/2015/market-strike>)" in entry
    assert ", [archived copy](<https://archive.example.org/2015/market-strike>)" in entry
    assert "published" not in note


def test_text_fragment_encodes_directive_characters(project: Path, tmp_path: Path) -> None:
    note = _note(_page(project, tmp_path), 1)
    # Eleven words: matched by the first and last four; `-`, `,` and `&` percent-encoded.
    assert (
        "[find the passage in the original](<https://news.example.org/2015/market-strike"
        "#:~:text=The%20so%2Dcalled%20precision%20strike%2C,hit%20stalls%20%26%20shops>)"
    ) in note


def test_long_quote_uses_start_and_end_terms(project: Path, tmp_path: Path) -> None:
    note = _note(_page(project, tmp_path), 2)
    assert "#:~:text=Rescuers%20worked%20through%20the,the%20covered%20market%20hall>)" in note


def test_quote_with_gap_links_its_first_part(project: Path, tmp_path: Path) -> None:
    note = _note(_page(project, tmp_path), 3)
    assert "#:~:text=49%20civilians>)" in note


def test_source_without_address_or_publisher(project: Path, tmp_path: Path) -> None:
    page = _page(project, tmp_path)
    note = _note(page, 4)
    assert note.startswith("[^4]: Unknown publisher, [")
    assert "original" not in note and ":~:" not in note
    entry = next(line for line in page.splitlines() if line.startswith("- Unknown publisher"))
    assert ", published December 2015. No web address recorded." in entry
