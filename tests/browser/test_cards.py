"""On a phone the who-said-what table is one card per report; on a desktop it is a table."""

from __future__ import annotations

from typing import Any

import pytest

from .conftest import local_page

_CELL = """() => {
  const cell = document.querySelector('article table:has(th:nth-child(6)) td:nth-child(2)');
  return [getComputedStyle(cell).display, getComputedStyle(cell, '::before').content,
          document.documentElement.scrollWidth, window.innerWidth];
}"""


@pytest.mark.parametrize(
    ("width", "display", "label"),
    [(390, "block", '"According to"'), (1280, "table-cell", "none")],
)
def test_reports_are_cards_on_a_phone_and_a_table_on_a_desktop(
    browser: Any, base_url: str, foreign_requests: list[str], width: int, display: str,
    label: str,
) -> None:
    with local_page(browser, foreign_requests, viewport={"width": width, "height": 800}) as page:
        page.goto(base_url + "incidents/ariha-market-strike/", wait_until="load")
        shown, before, scroll_width, screen = page.evaluate(_CELL)
    assert (shown, before) == (display, label)
    assert scroll_width <= screen
