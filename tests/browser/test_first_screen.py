"""The answer on the first screen: each incident page's lead box shows its first figure,
with claimant and outlet, inside the first viewport on a phone and on a desktop."""

from __future__ import annotations

from typing import Any

import pytest

from factsheet.factbase import link
from factsheet.load.collect import collect

from .conftest import REPO, local_page

SCREENS = {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1280, "height": 800}}
# Incidents with figures: the lead box then opens with a figure, its claimant and outlet.
WITH_FIGURES = sorted(
    incident_id for incident_id, groups in link(collect(REPO)).measures.items() if groups
)

# The bottom edge, in the first viewport, of the lead box's first figure line, claimant
# link and "reported by" words (all on its first paragraph).
_FIRST_LINE = """() => {
  const box = document.querySelector('article .admonition.abstract');
  if (!box) return null;
  const first = box.querySelector('p:not(.admonition-title)');
  const figure = first.querySelector('strong');
  const claimant = first.querySelector('a');
  const range = document.createRange();
  range.selectNodeContents(first);
  const outlet = [...range.getClientRects()].pop();
  return {
    text: first.innerText,
    figure: figure.getBoundingClientRect().bottom,
    claimant: claimant ? claimant.getBoundingClientRect().bottom : 0,
    outlet: outlet.bottom,
    height: window.innerHeight,
  };
}"""


@pytest.mark.parametrize("screen", list(SCREENS))
@pytest.mark.parametrize("incident_id", WITH_FIGURES)
def test_the_first_figure_its_claimant_and_outlet_are_on_the_first_screen(
    browser: Any, base_url: str, foreign_requests: list[str], screen: str, incident_id: str
) -> None:
    with local_page(browser, foreign_requests, viewport=SCREENS[screen]) as page:
        page.goto(f"{base_url}incidents/{incident_id}/", wait_until="load")
        found = page.evaluate(_FIRST_LINE)
    assert found is not None, "no lead box"
    assert "reported by" in found["text"] and ("according to" in found["text"]
                                               or "no one named" in found["text"])
    for part in ("figure", "claimant", "outlet"):
        assert 0 < found[part] <= found["height"], (part, found)
