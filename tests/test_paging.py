"""Long lists are split into pages: every entry once, in order, and every page reachable.

The split sizes are made small here so that a corpus of 40 incidents spans many pages;
the same corpus built with the real sizes (one page each) is the reference.
"""

from __future__ import annotations

import posixpath
import re
import shutil
from pathlib import Path

import pytest
from conftest import mkdocs_build, run_cli

from bench import synthetic
from factsheet.render import differences, lists, timeline

LISTS = ("timeline.md", "differences.md", "incidents/index.md", "actors/index.md",
         "sources/index.md")
LINK = re.compile(r"\]\(([^)#]+\.md)(?:#[^)]*)?\)")
PAGE_NAME = re.compile(r"page_[0-9]+\.md")


def _build(root: Path) -> None:
    run = run_cli(root)
    assert run.code == 0, run.err


def _pages_of(docs: Path, first: str) -> list[str]:
    """The list's pages in order: the first, then page_2.md, page_3.md, ..."""
    folder = posixpath.dirname(first) or posixpath.splitext(first)[0]
    later = sorted(
        (p for p in (docs / folder).glob("page_*.md")), key=lambda p: int(p.stem[5:])
    ) if (docs / folder).is_dir() else []
    return [first, *(p.relative_to(docs).as_posix() for p in later)]


def _rows(docs: Path, first: str) -> list[str]:
    """Every entry of a list across its pages: table rows, or incident headings on the
    differences page; links as seen from docs/ (pages in a subfolder add ../)."""
    found = []
    for name in _pages_of(docs, first):
        text = (docs / name).read_text("utf-8")
        if posixpath.dirname(name) != posixpath.dirname(first):
            text = text.replace("](../", "](")  # a later page of a page in docs/ itself
        for line in text.splitlines():
            is_row = line.startswith("| ") and not line.startswith(("| Date |", "| Name |",
                                                                    "| Title |"))
            # timeline entries are list items: dated ones, undated incidents and claims
            is_item = line.lstrip().startswith(("- **", "- Incident:", "- Claim:"))
            heading = (first == "differences.md" and line.startswith("## ")
                       and line != "## Sources cited on this page")
            if ((is_row or is_item) and first != "differences.md") or heading:
                found.append(line.strip())
    return found


@pytest.fixture(scope="module")
def corpora(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The same 40 incidents built with one page a list and with many."""
    whole = tmp_path_factory.mktemp("whole")
    synthetic.generate(whole, 40)
    split = tmp_path_factory.mktemp("split")
    shutil.copytree(whole, split, dirs_exist_ok=True)
    _build(whole)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(timeline, "PER_PAGE", 7)
        patch.setattr(differences, "PER_PAGE", 3)
        patch.setattr(lists, "INCIDENTS_PER_PAGE", 6)
        patch.setattr(lists, "OTHERS_PER_PAGE", 3)
        _build(split)
    return whole / "docs", split / "docs"


@pytest.mark.parametrize("first", LISTS)
def test_every_entry_is_on_exactly_one_page_in_order(
    first: str, corpora: tuple[Path, Path]
) -> None:
    whole, split = corpora
    assert _pages_of(whole, first) == [first]
    assert len(_pages_of(split, first)) > 2
    expected = _rows(whole, first)
    assert len(expected) > 6
    assert _rows(split, first) == expected


@pytest.mark.parametrize("first", LISTS)
def test_each_page_says_which_entries_it_holds_and_links_the_others(
    first: str, corpora: tuple[Path, Path]
) -> None:
    _, split = corpora
    pages = _pages_of(split, first)
    for number, name in enumerate(pages, start=1):
        text = (split / name).read_text("utf-8")
        assert f"Page {number} of {len(pages)}: " in text
        assert f"page {number} of {len(pages)}" in text.split("\n---\n", 1)[0]  # the title
        here = posixpath.dirname(name)
        targets = {posixpath.normpath(posixpath.join(here, t)) for t in LINK.findall(text)}
        neighbours = {pages[n] for n in (number - 2, number) if 0 <= n < len(pages)}
        assert neighbours <= targets, name
        for target in targets:
            assert (split / target).is_file(), f"{name} links to {target}, which is not there"
    index = (split / first).read_text("utf-8")
    assert index.count("- [Page ") == len(pages)  # the first page lists every page


def test_one_page_lists_have_no_page_links(corpora: tuple[Path, Path]) -> None:
    whole, _ = corpora
    for first in LISTS:
        text = (whole / first).read_text("utf-8")
        assert "Page 1 of" not in text
        assert not PAGE_NAME.search(text)


def test_a_list_that_shrinks_leaves_no_old_page_behind(
    corpora: tuple[Path, Path], tmp_path: Path
) -> None:
    _, split = corpora
    root = tmp_path / "project"
    shutil.copytree(split.parent, root)
    _build(root)  # the real sizes: one page each
    for first in LISTS:
        assert _pages_of(root / "docs", first) == [first]


@pytest.mark.slow  # MkDocs over the split lists
def test_the_split_site_builds_strictly(corpora: tuple[Path, Path]) -> None:
    """MkDocs resolves every link between the pages and to the records (--strict)."""
    _, split = corpora
    result = mkdocs_build(split.parent)
    assert result.returncode == 0, result.stderr[-3000:]
    assert (split.parent / "site" / "timeline" / "page_2" / "index.html").is_file()
