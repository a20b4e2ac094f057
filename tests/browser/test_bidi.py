"""Right-to-left record text keeps its place: an Arabic place and province, in chromium.

Two right-to-left names separated by a comma would form one right-to-left run, and a
browser would show them swapped ("province ,place"). Each name is isolated (<bdi>), so the
place stays first, to the left, on a left-to-right page.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

from conftest import copy_site_inputs, mkdocs_build, run_cli, serving

from .conftest import _QuietHandler, local_page

PLACE = "أريحا"
PROVINCE = "إدلب"

# The left edge on screen of the first occurrence of `text` inside `selector`.
_LEFT_OF = """([selector, text]) => {
  const root = document.querySelector(selector);
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const at = node.data.indexOf(text);
    if (at >= 0) {
      const range = document.createRange();
      range.setStart(node, at);
      range.setEnd(node, at + text.length);
      return range.getBoundingClientRect().left;
    }
  }
  return null;
}"""


def test_an_arabic_place_stays_before_its_province(
    browser: Any, tmp_path: Path
) -> None:
    root = copy_site_inputs(tmp_path / "project")
    record = root / "facts" / "incidents" / "ariha-market-strike.yaml"
    text = record.read_text(encoding="utf-8")
    text = text.replace("  place: Ariha\n", f"  place: {PLACE}\n")
    text = text.replace("  province: Idlib\n", f"  province: {PROVINCE}\n")
    record.write_text(text, encoding="utf-8")
    result = run_cli(root, "build")
    assert result.code == 0, result.err
    assert mkdocs_build(root).returncode == 0
    handler = functools.partial(_QuietHandler, directory=str(root / "site"))
    foreign: list[str] = []
    with serving(handler) as base_url, local_page(browser, foreign) as page:
        for path, selector in (("timeline/", "article"),
                               ("incidents/ariha-market-strike/", "article")):
            page.goto(base_url + path)
            place = page.evaluate(_LEFT_OF, [selector, PLACE])
            province = page.evaluate(_LEFT_OF, [selector, PROVINCE])
            assert place is not None and province is not None, path
            assert place < province, (path, place, province)
