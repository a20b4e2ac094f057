"""factsheet.site.sitecheck on a real built site, with active content planted in its HTML."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from helpers import build_mkdocs, built_base, clone

from factsheet.site import sitecheck
from factsheet.site.sitecheck import scan_site, url_scheme

PAGE = "incidents/market-strike/index.html"
ARTICLE = '<article class="md-content__inner md-typeset">'


@pytest.fixture
def site(tmp_path: Path) -> Path:
    copy = tmp_path / "site"
    shutil.copytree(built_base() / "site", copy)
    return copy


@pytest.fixture
def one_page_site(site: Path) -> Path:
    """The built site with PAGE as its only generated page (the home and 404 pages stay):
    where a case is planted, without scanning pages that test_the_built_site_is_clean
    already holds clean."""
    for page in sitecheck.pages_to_scan(site):
        if page not in (site / "index.html", site / PAGE):
            page.unlink()
    return site


def _plant(site: Path, where: str, html: str, page: str = PAGE) -> None:
    path = site / page
    text = path.read_text(encoding="utf-8")
    anchor = {"article": ARTICLE, "head": "</head>", "footer": "</footer>"}[where]
    assert anchor in text, anchor
    replacement = anchor + html if where == "article" else html + anchor
    path.write_text(text.replace(anchor, replacement, 1), encoding="utf-8")


def test_the_built_site_is_clean(site: Path) -> None:
    assert scan_site(site) == []
    assert sitecheck.main([str(site)]) == 0


def test_every_generated_page_is_scanned(site: Path) -> None:
    pages = {p.relative_to(site).as_posix() for p in sitecheck.pages_to_scan(site)}
    assert "index.html" in pages and PAGE in pages
    assert "sources/wire-story/index.html" in pages and "actors/index.html" in pages
    assert "404.html" not in pages


def test_theme_scripts_are_learnt_from_the_404_page(site: Path) -> None:
    theme = sitecheck.learn_theme(site)
    assert theme is not None
    assert theme.script_paths and all(
        p.startswith("assets/javascripts/") for p in theme.script_paths
    )
    assert len(theme.inline_scripts) >= 2


FLAGGED = {
    "inline-script": ("article", "<script>alert(1)</script>", "<script>"),
    "uppercase-script": ("article", "<SCRIPT>alert(1)</SCRIPT>", "<script>"),
    "external-script": ("head", '<script src="https://evil.example/x.js"></script>',
                        "<script>"),
    "script-from-our-assets-not-the-theme": (
        "footer", '<script src="../../assets/javascripts/evil.js"></script>', "<script>"),
    "theme-script-inside-article": (
        "article", "<script>var target=document.getElementById(location.hash.slice(1));"
        'target&&target.name&&(target.checked=target.name.startsWith("__tabbed_"))</script>',
        "<script>"),
    "altered-theme-script": (
        "head", "<script>var target=document.getElementById(location.hash.slice(1));"
        "alert(1)</script>", "<script>"),
    "json-config-script": (
        "head", '<script id="__config" type="application/json">{"search": '
        '"https://evil.example/worker.js"}</script>', "<script>"),
    "module-script": ("footer", '<script type="module">import("https://evil.example")</script>',
                      "<script>"),
    "self-closing-script": ("head", '<script src="data:,alert(1)"/>', "<script>"),
    "script-in-attribute-value": ("article", '<a title="<script>alert(1)</script>">x</a>',
                                  "<script"),
    "onerror": ("article", "<img src=x onerror=alert(1)>", "onerror"),
    "onload-outside-article": ("footer", '<div onload="alert(1)">x</div>', "onload"),
    "uppercase-onclick": ("article", '<p ONCLICK="alert(1)">x</p>', "onclick"),
    "javascript-href": ("article", '<a href="javascript:alert(1)">x</a>', "javascript"),
    "mixed-case-javascript": ("article", '<a href="JaVaScRiPt:alert(1)">x</a>', "javascript"),
    "entity-javascript": ("article", '<a href="&#106;avascript&#58;alert(1)">x</a>',
                          "javascript"),
    "hex-entity-javascript": ("article", '<a href="&#x6A;avascript&colon;alert(1)">x</a>',
                              "javascript"),
    "tab-in-scheme": ("article", '<a href="java&#9;script:alert(1)">x</a>', "javascript"),
    "newline-in-scheme": ("article", '<a href="java\nscript:alert(1)">x</a>', "javascript"),
    "leading-controls": ("article", '<a href=" &#1;&#31;javascript:alert(1)">x</a>',
                         "javascript"),
    "data-href": ("article", '<a href="data:text/html,x">x</a>', "data"),
    "vbscript-href": ("article", '<a href="vbscript:msgbox(1)">x</a>', "vbscript"),
    "data-src": ("article", '<img src="data:image/svg+xml,x">', "data"),
    "srcset": ("article", '<img srcset="a.png 1x, data:image/svg+xml,x 2x">', "data"),
    "xlink-href": ("article", '<svg><a xlink:href="javascript:alert(1)">x</a></svg>',
                   "javascript"),
    "form-action": ("head", '<form action="javascript:alert(1)"></form>', "javascript"),
    "formaction": ("footer", "<button formaction=javascript:alert(1)>x</button>", "javascript"),
    "link-in-head": ("head", '<link rel="stylesheet" href="javascript:x">', "javascript"),
    "iframe": ("footer", '<iframe src="https://evil.example/"></iframe>', "<iframe>"),
    "object": ("footer", '<object data="x.swf"></object>', "<object>"),
    "embed": ("footer", '<embed src="x.swf">', "<embed>"),
    "base": ("head", '<base href="https://evil.example/">', "<base>"),
    "form-outside-article": ("footer", '<form action="https://evil.example/"></form>', "<form>"),
    "form-in-article": ("article", "<form></form>", "<form>"),
    "meta-refresh": ("head", '<meta http-equiv="Refresh" content="0;url=https://evil.example">',
                     "http-equiv"),
    # A refresh is allowed only to a page of this site by a relative path (renamed records).
    "refresh-absolute-path": (
        "head", '<meta http-equiv="refresh" content="0; url=/incidents/air-campaign/">',
        "http-equiv"),
    "refresh-scheme-relative": (
        "head", '<meta http-equiv="refresh" content="0; url=//evil.example/">', "http-equiv"),
    "refresh-entity-scheme": (
        "head", '<meta http-equiv="refresh" content="0; url=https&#58;//evil.example/">',
        "http-equiv"),
    "refresh-to-missing-page": (
        "head", '<meta http-equiv="refresh" content="0; url=../nowhere/">', "http-equiv"),
    "refresh-climbing-out-of-the-site": (
        "head", '<meta http-equiv="refresh" content="0; url=../../../../x/">', "http-equiv"),
    "refresh-with-query": (
        "head", '<meta http-equiv="refresh" content="0; url=../air-campaign/?next=x">',
        "http-equiv"),
    "refresh-delayed": (
        "head", '<meta http-equiv="refresh" content="5; url=../air-campaign/">', "http-equiv"),
    "same-site-refresh-in-article": (
        "article", '<meta http-equiv="refresh" content="0; url=../air-campaign/">', "<meta>"),
    "style-element-in-article": ("article", "<style>body{display:none}</style>", "<style>"),
    "style-attribute-in-article": ("article", '<p style="position:fixed">x</p>', "style="),
    "svg-in-article": ("article", "<svg></svg>", "<svg>"),
    # The range chart's <svg> is allowed with shapes and text only.
    "chart-foreign-object": (
        "article", '<svg class="range-chart"><foreignObject></foreignObject></svg>',
        "<foreignobject> element inside a range chart"),
    "chart-link": ("article", '<svg class="range-chart"><a href="https://e.example/">x</a></svg>',
                   "inside a range chart"),
    "chart-use": ("article", '<svg class="range-chart"><use href="#x"></use></svg>',
                  "inside a range chart"),
    "chart-fill-attribute": (
        "article", '<svg class="range-chart"><rect fill="url(#x)"></rect></svg>',
        "fill= attribute"),
    "chart-event": ("article", '<svg class="range-chart"><rect onclick="x()"></rect></svg>',
                    "onclick"),
    "nested-svg-in-chart": ("article", '<svg class="range-chart"><svg></svg></svg>', "<svg>"),
}

CLEAN = {
    "range-chart": ("article", '<figure class="range-figure"><svg class="range-chart" role="img" '
                    'viewBox="0 0 360 80" aria-labelledby="a b"><title id="a">t</title>'
                    '<desc id="b">d</desc><rect class="bar" x="4" y="4" width="9" height="12">'
                    '</rect><line class="axis" x1="4" y1="1" x2="9" y2="1"></line>'
                    '<text x="4" y="20" text-anchor="end">49</text></svg></figure>'),
    "https-link": ("article", '<a href="https://example.org/a?b=c#d">x</a>'),
    "http-link": ("article", '<a href="http://example.org/">x</a>'),
    "mailto-link": ("article", '<a href="mailto:someone@example.org">x</a>'),
    "relative-link": ("article", '<a href="../other/#x">x</a> <a href="#frag">y</a>'),
    "scheme-relative-link": ("article", '<a href="//example.org/">x</a>'),
    "colon-later-in-path": ("article", '<a href="./javascript:x">x</a>'),
    "text-that-looks-like-html": ("article", "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>"),
    "style-attribute-outside-article": ("footer", '<div style="color:red">x</div>'),
    "same-site-refresh": (
        "head", '<meta http-equiv="refresh" content="0; url=../air-campaign/">'),
}


@pytest.mark.parametrize("name", list(FLAGGED))
def test_planted_active_content_is_found(one_page_site: Path, name: str) -> None:
    site = one_page_site
    where, html, expected = FLAGGED[name]
    _plant(site, where, html)
    findings = scan_site(site)
    assert findings, f"{name} was not found"
    assert all(f.startswith((site / PAGE).as_posix() + ":") for f in findings), findings
    assert any(expected.lower() in f.lower() for f in findings), findings


def test_the_command_fails_on_a_finding(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert sitecheck.main([str(site)]) == 0
    _plant(site, "article", "<script>alert(1)</script>")
    assert sitecheck.main([str(site)]) == 1
    out, err = capsys.readouterr()
    assert f"{(site / PAGE).as_posix()}:" in out and "1 finding in the built site." in err


@pytest.mark.parametrize("name", list(CLEAN))
def test_harmless_markup_is_not_flagged(site: Path, name: str) -> None:
    """On the whole site: a same-site link must lead to a page that is there."""
    where, html = CLEAN[name]
    _plant(site, where, html)
    assert scan_site(site) == []


def test_the_home_page_is_scanned(site: Path) -> None:
    _plant(site, "article", "<script>alert(1)</script>", page="index.html")
    assert [f for f in scan_site(site) if "/index.html:" in f]


def test_a_missing_404_page_is_reported(site: Path) -> None:
    (site / "404.html").unlink()
    findings = scan_site(site)
    assert findings and "404.html" in findings[0]


def test_a_missing_site_is_reported(tmp_path: Path) -> None:
    assert scan_site(tmp_path / "nowhere")
    assert sitecheck.main([str(tmp_path / "nowhere")]) == 1
    assert sitecheck.main([]) == 2


@pytest.mark.parametrize(
    ("url", "scheme"),
    [
        ("javascript:x", "javascript"),
        (" \x01\x1fJaVa\tScRi\npt:x", "javascript"),
        ("https://example.org", "https"),
        ("../x", None),
        ("/x:y", None),
        ("#x", None),
        ("//example.org", None),
        ("", None),
        ("1x:y", None),
    ],
)
def test_url_scheme_reads_urls_as_browsers_do(url: str, scheme: str | None) -> None:
    assert url_scheme(url) == scheme


def test_a_site_served_from_a_sub_path_is_clean(tmp_path: Path) -> None:
    """site_url with a path makes the 404 page's theme paths /sub/assets/...: still learnt."""
    root = clone(built_base(), tmp_path / "project")
    config = root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    env_line = "\nsite_url: !ENV [FACTSHEET_SITE_URL, null]\n"  # what the deployment fills in
    assert env_line in text
    config.write_text(text.replace(env_line, "\nsite_url: https://factsheet.example.org/sub/dir/\n"),
                      encoding="utf-8")
    made = build_mkdocs(root)
    assert made.returncode == 0, made.stderr
    assert '"/sub/dir/assets/javascripts/' in (root / "site" / "404.html").read_text()
    assert scan_site(root / "site") == []


def test_the_theme_bundle_from_another_path_is_flagged(site: Path) -> None:
    theme = sitecheck.learn_theme(site)
    assert theme is not None
    bundle = sorted(theme.script_paths)[0]
    _plant(site, "footer", f'<script src="/elsewhere/{bundle}"></script>')
    _plant(site, "head", f'<script src="../../{bundle}"></script>')  # the real one, again: fine
    findings = scan_site(site)
    assert len(findings) == 1 and "/elsewhere/" in findings[0], findings
