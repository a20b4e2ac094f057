"""End-to-end paths a reader takes through the served site, in chromium.

Every page opened here goes through the `page` fixture, which fails the test when any
request goes to a host other than 127.0.0.1/localhost: the site makes no third-party request.
"""

from __future__ import annotations

import re
from typing import Any


def _main_text(page: Any) -> str:
    return str(page.locator("article").first.inner_text())


def test_home_incident_citation_source_search_timeline(page: Any, base_url: str) -> None:
    page.goto(base_url)
    assert "Who said what" in page.locator("h1").first.inner_text()

    # The incidents list, then one incident from it.
    page.locator("nav.md-tabs, nav.md-nav").get_by_role("link", name="Incidents").first.click()
    page.wait_for_url(re.compile(r"/incidents/$"))
    page.locator("article").get_by_role("link", name="Missile strike on a market in Ariha").click()
    page.wait_for_url(re.compile(r"/incidents/ariha-market-strike/$"))
    assert "Ariha" in page.locator("h1").first.inner_text()

    # A citation: the footnote reference jumps to the footnote, whose link opens the source.
    page.locator("article sup[id^='fnref'] a").first.click()
    page.wait_for_url(re.compile(r"#fn:\d+$"))
    footnote_id = page.url.rsplit("#", 1)[1]
    footnote = page.locator(f"[id='{footnote_id}']")
    assert footnote.is_visible()
    footnote.locator("a[href*='/sources/']").first.click()
    page.wait_for_url(re.compile(r"/sources/[a-z0-9-]+/$"))
    assert "What it is cited for" in _main_text(page)

    # Search for an actor and open the hit.
    search = page.locator("input.md-search__input")
    search.click()
    # The index loads in a web worker; typed too early, the query would be lost.
    meta = page.locator(".md-search-result__meta")
    page.wait_for_function(
        "() => !/Initializing/i.test(document.querySelector('.md-search-result__meta')"
        "?.textContent ?? 'Initializing')"
    )
    assert meta.count() == 1
    search.press_sequentially("Neistat")  # the theme reacts to key presses, not to fill()
    hit = page.locator(".md-search-result__item a").first
    hit.wait_for(state="visible")
    hit.click()
    page.wait_for_url(re.compile(r"/actors/anna-neistat/"))
    assert "Anna Neistat" in page.locator("h1").first.inner_text()

    # On to the timeline.
    page.locator("nav.md-nav").get_by_role("link", name="Timeline").first.click()
    page.wait_for_url(re.compile(r"/timeline/$"))
    assert "Timeline" in page.locator("h1").first.inner_text()


def test_home_to_a_quoted_passage_in_three_clicks(page: Any, base_url: str) -> None:
    """Home -> incident (key figures) -> citation -> its source, where the quote is listed."""
    page.goto(base_url)
    article = page.locator("article")
    article.get_by_role("link", name="Missile strike on a market in Ariha").first.click()  # 1
    page.wait_for_url(re.compile(r"/incidents/ariha-market-strike/$"))
    page.locator("article sup[id^='fnref'] a").first.click()  # 2
    page.wait_for_url(re.compile(r"#fn:\d+$"))
    footnote = page.locator(f"[id='{page.url.rsplit('#', 1)[1]}']")
    quote = re.search(r"“([^”]+)”", footnote.inner_text())
    assert quote is not None, "the citation shows the quoted passage"
    footnote.locator("a[href*='/sources/']").first.click()  # 3
    page.wait_for_url(re.compile(r"/sources/[a-z0-9-]+/$"))
    assert quote.group(1) in _main_text(page)


def test_record_page_has_its_content_without_javascript(
    browser: Any, base_url: str, foreign_requests: list[str]
) -> None:
    from browser.conftest import local_page

    with local_page(browser, foreign_requests, java_script_enabled=False) as page:
        page.goto(base_url + "incidents/ariha-market-strike/")
        text = _main_text(page)
    assert "three missiles were fired at a busy market" in text.lower()
    assert "civilians killed" in text.lower()
    assert foreign_requests == []


def test_print_keeps_the_citations(page: Any, base_url: str) -> None:
    page.goto(base_url + "incidents/ariha-market-strike/")
    page.emulate_media(media="print")
    footnotes = page.locator("article .footnote")
    assert footnotes.is_visible()
    assert footnotes.bounding_box()["height"] > 50
    # External links in footnotes print their address (only when the data holds one).
    sidebar = page.locator(".md-sidebar--primary")
    assert not sidebar.is_visible()
