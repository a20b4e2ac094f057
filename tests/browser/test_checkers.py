"""The built site under outside checkers: axe-core in chromium (WCAG 2.2 AA), the Nu Html
Checker (vnu-jar) over every page, and a walk of every internal link and anchor."""

from __future__ import annotations

import json
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urljoin, urlsplit

import pytest

from browser.conftest import missing

# One page of every kind the site has.
PAGE_KINDS = {
    "home": "",
    "incident": "incidents/ariha-market-strike/",
    "actor": "actors/anna-neistat/",
    "source": "sources/rfi-russia-airstrikes-syria-war-crimes/",
    "incident list": "incidents/",
    "actor list": "actors/",
    "source list": "sources/",
    "timeline": "timeline/",
    "differences": "differences/",
    "data": "data/",
    "methodology": "methodology/",
    "corrections": "corrections/",
    "tags": "tags/",
    "about": "about/",
    # http.server has no custom 404: the site's page for a missing address, by name.
    "not found": "404.html",
}
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


@pytest.mark.parametrize("path", list(PAGE_KINDS.values()), ids=list(PAGE_KINDS))
def test_axe_finds_no_serious_violation(
    page: Any, base_url: str, npm_tools: Path, path: str
) -> None:
    page.goto(base_url + path)
    page.add_script_tag(path=str(npm_tools / "axe-core" / "axe.min.js"))
    results = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", AXE_TAGS
    )
    serious = [
        f"{v['id']} ({v['impact']}): {v['help']} at "
        + "; ".join(" ".join(node["target"]) for node in v["nodes"][:5])
        for v in results["violations"]
        if v["impact"] in ("serious", "critical")
    ]
    assert serious == [], "\n".join(serious)
    assert results["passes"], "axe ran its checks"


# Errors from Material's own markup that our templates cannot change. Matched exactly, and
# only these: an error from our content is never filtered.
THEME_ERRORS = frozenset({
    # Material's drawer and search toggles are <input type="checkbox" autocomplete="off">
    # (partials/header.html, base.html): autocomplete is kept there so that browsers do not
    # restore a toggled state on back/forward.
    "Attribute \u201cautocomplete\u201d is only allowed when the input type is \u201ccolor\u201d,"
    " \u201cdate\u201d, \u201cdatetime-local\u201d, \u201cemail\u201d, \u201chidden\u201d,"
    " \u201cmonth\u201d, \u201cnumber\u201d, \u201cpassword\u201d, \u201crange\u201d,"
    " \u201csearch\u201d, \u201ctel\u201d, \u201ctext\u201d, \u201ctime\u201d,"
    " \u201curl\u201d, or \u201cweek\u201d.",
    # Material's table of contents (partials/toc.html) has <label for="__toc">; the __toc
    # checkbox is written only by the nav for pages listed in it, and record pages are not.
    "The value of the \u201cfor\u201d attribute of the \u201clabel\u201d element must be the"
    " ID of a non-hidden form control.",
})


def test_every_page_is_valid_html(site_dir: Path, npm_tools: Path) -> None:
    java = shutil.which("java")
    if java is None:
        missing("java")
    pages = sorted(str(p) for p in site_dir.rglob("*.html"))
    assert len(pages) > 20
    result = subprocess.run(
        [java, "-jar", str(npm_tools / "vnu-jar" / "build" / "dist" / "vnu.jar"),
         "--errors-only", "--format", "json", *pages],
        capture_output=True, text=True, check=False, timeout=600,
    )
    report = json.loads(result.stderr or result.stdout)
    errors = [
        f"{Path(urlsplit(m.get('url', '')).path).relative_to(site_dir)}:"
        f"{m.get('lastLine', '?')}: {m['message']}"
        for m in report["messages"]
        if m.get("type") in ("error", "non-document-error") and m["message"] not in THEME_ERRORS
    ]
    assert errors == [], "\n".join(errors)


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        for key in ("id", "name") if tag == "a" else ("id",):
            if values.get(key):
                self.ids.add(str(values[key]))
        for key in ("href", "src"):
            value = values.get(key)
            if value is not None and not (tag == "link" and values.get("rel") == "canonical"):
                self.links.append(value)


def _target(site: Path, url: str) -> Path | None:
    """The file in SITE a site-internal URL path names (directory URLs name index.html)."""
    path = unquote(urlsplit(url).path).lstrip("/")
    candidate = site / path
    if candidate.is_dir():
        candidate = candidate / "index.html"
    return candidate if candidate.is_file() else None


def broken_links(site: Path) -> list[str]:
    """Every internal href/src in SITE's pages that names no file, or an #anchor with no
    matching id on its page. External URLs (with a scheme or host) are not fetched."""
    parsed: dict[Path, _Links] = {}
    for html in sorted(site.rglob("*.html")):
        links = _Links()
        links.feed(html.read_text(encoding="utf-8"))
        parsed[html] = links
    problems = []
    for html, links in parsed.items():
        here = "http://site/" + html.relative_to(site).as_posix()
        for link in links.links:
            parts = urlsplit(link)
            if parts.scheme or parts.netloc:  # external: not fetched
                continue
            absolute = urljoin(here, link)
            if urlsplit(absolute).netloc != "site":
                continue
            target = _target(site, absolute)
            where = f"{html.relative_to(site)}: {link}"
            if target is None:
                problems.append(f"{where}: no such file")
                continue
            fragment = unquote(urlsplit(absolute).fragment)
            if fragment and not fragment.startswith(":~:") and target.suffix == ".html":
                if target not in parsed:
                    continue
                if fragment not in parsed[target].ids:
                    problems.append(f"{where}: no id {fragment!r} on the page")
    return problems


def test_no_broken_internal_link_or_anchor(site_dir: Path) -> None:
    assert broken_links(site_dir) == []


def test_the_link_walk_finds_a_broken_link(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "index.html").write_text('<p id="x"><a href="#x">ok</a>', encoding="utf-8")
    (tmp_path / "index.html").write_text(
        '<a href="a/">ok</a><a href="a/#x">ok</a><a href="https://example.org/">out</a>'
        '<a href="a/#y">bad anchor</a><a href="b/">bad page</a>',
        encoding="utf-8",
    )
    assert broken_links(tmp_path) == [
        "index.html: a/#y: no id 'y' on the page",
        "index.html: b/: no such file",
    ]
