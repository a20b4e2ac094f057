"""The phone layout at 390 px in chromium: no page wider than the screen, no word cut in
two inside a table, and wide tables scroll in their own box with a visible edge shadow."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from browser.test_checkers import PAGE_KINDS

PHONE = {"width": 390, "height": 844}
# Every kind of page, and the campaign and Konashenkov pages, the widest of their kinds.
PAGES = {
    **PAGE_KINDS,
    "campaign": "incidents/russian-air-campaign-syria/",
    "konashenkov": "actors/igor-konashenkov/",
}


@pytest.fixture
def phone(browser: Any, foreign_requests: list[str]) -> Iterator[Any]:
    from browser.conftest import local_page

    with local_page(browser, foreign_requests, viewport=PHONE) as opened:
        yield opened


@pytest.mark.parametrize("path", list(PAGES.values()), ids=list(PAGES))
def test_no_page_is_wider_than_a_phone(phone: Any, base_url: str, path: str) -> None:
    phone.goto(base_url + path, wait_until="load")
    widths = phone.evaluate(
        "() => [document.documentElement.scrollWidth, window.innerWidth]"
    )
    wide = phone.evaluate(
        """() => [...document.querySelectorAll('body *')]
            .filter(e => e.getBoundingClientRect().right > window.innerWidth + 1
                         && !e.closest('.md-typeset__scrollwrap, table, .md-sidebar,'
                                       + ' .md-search, pre'))
            .filter(e => getComputedStyle(e).position !== 'fixed')
            .slice(0, 5).map(e => e.tagName + '.' + e.className)"""
    )
    assert widths[0] <= widths[1], f"{path}: {widths[0]} px wide on a {widths[1]} px screen; {wide}"


def test_table_cells_never_cut_a_word(phone: Any, base_url: str) -> None:
    phone.goto(base_url + "incidents/ariha-market-strike/", wait_until="load")
    styles = phone.evaluate(
        """() => [...document.querySelectorAll('.md-typeset table td, .md-typeset table th,'
                                                + ' .md-typeset table a')]
            .map(e => getComputedStyle(e))
            .map(s => [s.overflowWrap, s.wordBreak, s.hyphens])"""
    )
    assert styles, "the incident page has tables"
    # overflow-wrap: break-word is allowed: unlike `anywhere` it does not narrow a column
    # below its longest word, so in a table it never cuts one.
    cutting = [
        s for s in styles
        if s[0] == "anywhere" or s[1] in ("break-all", "break-word") or s[2] == "auto"
    ]
    assert cutting == []


def test_wide_tables_scroll_in_a_box_that_shows_it(phone: Any, base_url: str) -> None:
    phone.goto(base_url + "incidents/ariha-market-strike/", wait_until="load")
    boxes = phone.evaluate(
        """() => [...document.querySelectorAll('.md-typeset__scrollwrap')]
            .filter(b => b.scrollWidth > b.clientWidth)
            .map(b => [getComputedStyle(b).overflowX, getComputedStyle(b).backgroundImage])"""
    )
    assert boxes, "some table on the incident page is wider than a phone"
    for overflow, background in boxes:
        assert overflow == "auto"
        assert background.count("radial-gradient") == 2, background
