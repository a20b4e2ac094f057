"""A last look at the built site: no active content in the pages made from records.

Defence in depth, independent of the escaping in factsheet.render: even if record text
slipped through unescaped, this check finds what it would have become in the HTML that
MkDocs wrote. `python -m factsheet.site.sitecheck site/` prints one line per finding and exits 1
when there is any.

The theme and our template overrides are trusted (they are reviewed code, not record
content): what they emit on the 404 page is the allowed set of scripts and forms.

What is flagged in site/index.html and every page under the GENERATED_DIRS folders:

- a <script> that is not the theme's. The theme's scripts are learnt from the 404 page,
  which holds no record text: its external scripts (by their path inside the site) and its
  inline scripts (by their exact text, with only the relative base path allowed to differ
  from page to page). Any script inside <article> is flagged, whatever it is. The one other
  script allowed is our linked data, <script type="application/ld+json"> in the head, and
  only when its text is valid JSON holding no "<" (so it cannot close the element early);
  browsers never run it.
- any on* event-handler attribute;
- any URL attribute (href, src, action, formaction, srcset, xlink:href, ...) whose scheme is
  not http, https or mailto. Relative URLs have no scheme. The value is read as browsers
  read it: entities decoded, leading and trailing controls and spaces stripped, tabs and
  line breaks removed anywhere, scheme compared case-insensitively;
- <iframe>, <frame>, <frameset>, <object>, <embed>, <applet>, <portal>, <base>, and a
  <form> that is not the theme's search form;
- <meta http-equiv> but content-type, -language, -security-policy and x-ua-compatible
  (refresh can redirect anywhere). The one refresh allowed is the old address of a renamed
  record (overrides/redirect.html): exactly `0; url=PATH` outside <article>, where PATH is
  relative (letters, digits, `._~/-` only: no scheme, host, query or fragment), stays inside
  the site and names a page the site has;
- inside <article>, the record content area: <style>, style= attributes, and elements that
  record content has no use for and that can carry active content or restyle the page
  (<link>, <meta>, <svg>, <math>, <template>, <noscript>, form controls).
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path, PurePosixPath

from ..config import GENERATED_DIRS

JSON_LD = (("type", "application/ld+json"),)
REFERENCE_PAGE = "404.html"  # made by the theme alone: no record text
THEME_SCRIPT_DIR = "assets/javascripts/"

ALLOWED_SCHEMES = frozenset({"http", "https", "mailto"})
URL_ATTRIBUTES = frozenset(
    {
        "href",
        "src",
        "action",
        "formaction",
        "srcset",
        "imagesrcset",
        "xlink:href",
        "poster",
        "background",
        "cite",
        "data",
        "codebase",
        "longdesc",
        "manifest",
        "ping",
        "lowsrc",
        "dynsrc",
        "icon",
        "archive",
        "classid",
        "profile",
        "usemap",
    }
)
FORBIDDEN_ELEMENTS = frozenset(
    {"iframe", "frame", "frameset", "object", "embed", "applet", "portal", "base"}
)
FORBIDDEN_IN_ARTICLE = frozenset(
    {
        "style",
        "link",
        "meta",
        "svg",
        "math",
        "template",
        "noscript",
        "form",
        "input",
        "button",
        "textarea",
        "select",
        "option",
        "script",
    }
)
# The one SVG allowed in record content: the range chart build.py draws (render/chart.py).
# Shapes and text only, with layout attributes: nothing that links, loads, animates or styles.
CHART_CLASS = "range-chart"
CHART_ELEMENTS = frozenset({"g", "rect", "line", "text", "title", "desc"})
CHART_ATTRIBUTES = frozenset(
    {
        "class",
        "viewbox",
        "role",
        "aria-labelledby",
        "aria-hidden",
        "id",
        "xmlns",
        "x",
        "y",
        "width",
        "height",
        "x1",
        "y1",
        "x2",
        "y2",
        "text-anchor",
        "focusable",
    }
)
HARMLESS_HTTP_EQUIV = frozenset(
    {"content-type", "content-language", "content-security-policy", "x-ua-compatible"}
)

# Browsers strip C0 controls and spaces around a URL and drop tabs and line breaks inside it.
_URL_EDGES = "".join(chr(c) for c in range(0x21))
_URL_INNER = re.compile("[\t\n\r]")
_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.\-]*):")
# The only parts of the theme's inline scripts that differ between pages: the path to the
# site root, relative ("." "..", "../..") or, on the 404 page, absolute ("/", "/sub/"), as a
# whole string or in front of assets/. Never a scheme or a host.
_BASE_STRING = re.compile(r'"(?:\.|\.\.(?:/\.\.)*|/(?:[\w.~-]+/)*)"')
_BASE_PREFIX = re.compile(r'"(?:(?:\.\./)*|/(?:[\w.~-]+/)*)assets/')
_RAW_SCRIPT = re.compile(r"<script\b", re.IGNORECASE)
# The exact refresh overrides/redirect.html writes: a relative path of plain characters.
_SAME_SITE_REFRESH = re.compile(r"0; url=((?!/)[A-Za-z0-9._~/-]+)")


def url_scheme(value: str) -> str | None:
    """The lowercase scheme of a URL as a browser parses it, or None for a relative URL."""
    cleaned = _URL_INNER.sub("", value.strip(_URL_EDGES))
    match = _SCHEME.match(cleaned)
    return match.group(1).lower() if match else None


def _srcset_urls(value: str) -> list[str]:
    """Every URL a srcset could name: each comma-separated candidate's first word (and, as
    URLs may hold commas, the first word of the whole value)."""
    urls = [part.split()[0] for part in value.split(",") if part.split()]
    if value.split():
        urls.append(value.split()[0])
    return urls


def _normal_inline(text: str) -> str:
    return _BASE_PREFIX.sub('"BASE/assets/', _BASE_STRING.sub('"BASE"', text))


Attrs = tuple[tuple[str, str], ...]


@dataclass
class ThemeSignature:
    """What the theme itself puts on every page, learnt from a page without record text."""

    script_paths: frozenset[str] = frozenset()  # site-relative: assets/javascripts/x.js
    inline_scripts: frozenset[tuple[Attrs, str]] = frozenset()  # (attributes, normal text)
    forms: frozenset[Attrs] = frozenset()


def _attrs(pairs: Sequence[tuple[str, str | None]]) -> Attrs:
    return tuple(sorted((name, value or "") for name, value in pairs))


def _site_path(page: PurePosixPath, src: str, absolute: bool = False) -> str | None:
    """The path inside the site that a relative script src on `page` names, if it is one.

    With absolute=True (reading the 404 page, whose paths MkDocs makes absolute from
    site_url), an absolute path is cut to what follows its last assets/javascripts/, so that
    a site served from a sub-path is read the same way. Other pages use relative paths.
    """
    if url_scheme(src) is not None or src.startswith("//") or "?" in src or "#" in src:
        return None
    if src.startswith("/"):
        if not absolute or THEME_SCRIPT_DIR not in src:
            return None
        return THEME_SCRIPT_DIR + src.rsplit(THEME_SCRIPT_DIR, 1)[1]
    joined = page.parent / src
    parts: list[str] = []
    for part in joined.parts:
        if part == "..":
            if not parts:
                return None
            parts.pop()
        elif part not in (".", ""):
            parts.append(part)
    return "/".join(parts)


@dataclass
class _Script:
    line: int
    column: int
    attrs: Attrs
    in_article: bool
    text: list[str] = field(default_factory=list)


class _PageScanner(HTMLParser):
    def __init__(self, page: PurePosixPath, shown: str, theme: ThemeSignature | None) -> None:
        super().__init__(convert_charrefs=True)
        self.page = page
        self.shown = shown
        self.theme = theme
        self.site: Path | None = None  # set to check that a refresh names a page of the site
        self.findings: list[str] = []
        self.article_depth = 0
        self.chart_depth = 0  # inside the range chart's <svg>
        self.script: _Script | None = None
        self.scripts_seen = 0
        # For learning a theme signature from a reference page:
        self.script_paths: set[str] = set()
        self.inline_scripts: set[tuple[Attrs, str]] = set()
        self.forms: set[Attrs] = set()

    def flag(self, what: str, position: tuple[int, int] | None = None) -> None:
        line, column = position or self.getpos()
        self.findings.append(f"{self.shown}:{line}:{column + 1}: {what}")

    # --- elements ----------------------------------------------------------------

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in ("script", "article"):
            return
        self.handle_endtag(tag)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        in_article = self.article_depth > 0
        self._check_attributes(tag, attrs, in_article)
        if tag == "article":
            self.article_depth += 1
        elif tag == "script":
            self.scripts_seen += 1
            line, column = self.getpos()
            self.script = _Script(line, column, _attrs(attrs), in_article)
            return
        if self._chart_element(tag, attrs, in_article):
            return
        if tag in FORBIDDEN_ELEMENTS:
            self.flag(f"<{tag}> element")
        elif in_article and tag in FORBIDDEN_IN_ARTICLE:
            self.flag(f"<{tag}> element inside the record content (<article>)")
        elif tag == "form":
            self.forms.add(_attrs(attrs))
            if self.theme is not None and _attrs(attrs) not in self.theme.forms:
                self.flag("<form> that is not the theme's search form")
        elif tag == "meta":
            equiv = dict(attrs).get("http-equiv")
            if equiv is None or equiv.strip().lower() in HARMLESS_HTTP_EQUIV:
                return
            if not (
                equiv == "refresh"
                and not in_article
                and self._same_site_refresh(dict(attrs).get("content") or "")
            ):
                self.flag(f'<meta http-equiv="{equiv}">')

    def _chart_element(self, tag: str, attrs: list[tuple[str, str | None]], inside: bool) -> bool:
        """True for the range chart's <svg> and its shapes; flags anything else inside it."""
        chart_svg = tag == "svg" and inside and dict(attrs).get("class") == CHART_CLASS
        if not (chart_svg or self.chart_depth):
            return False
        if not chart_svg and tag not in CHART_ELEMENTS:
            self.flag(f"<{tag}> element inside a range chart")
        for name, _ in attrs:
            if name not in CHART_ATTRIBUTES:
                self.flag(f"{name}= attribute on <{tag}> inside a range chart")
        if tag == "svg":
            self.chart_depth += 1
        return True

    def handle_endtag(self, tag: str) -> None:
        if tag == "svg" and self.chart_depth:
            self.chart_depth -= 1
        if tag == "article" and self.article_depth > 0:
            self.article_depth -= 1
        elif tag == "script" and self.script is not None:
            self._check_script(self.script)
            self.script = None

    def handle_data(self, data: str) -> None:
        if self.script is not None:
            self.script.text.append(data)

    def close(self) -> None:
        super().close()
        if self.script is not None:  # an unclosed script runs to the end of the page
            self._check_script(self.script)
            self.script = None

    # --- checks -------------------------------------------------------------------

    def _same_site_refresh(self, content: str) -> bool:
        """A refresh to a page of this site, by a relative path, and nothing else."""
        match = _SAME_SITE_REFRESH.fullmatch(content)
        if match is None or self.site is None:
            return False
        target = _site_path(self.page, match.group(1))
        if target is None:  # climbs above the site root
            return False
        found = self.site / target
        page = found if target.endswith(".html") else found / "index.html"
        return page.is_file() and not page.is_symlink()

    def _check_attributes(
        self, tag: str, attrs: list[tuple[str, str | None]], in_article: bool
    ) -> None:
        for name, value in attrs:
            if name.startswith("on"):
                self.flag(f"event-handler attribute {name}= on <{tag}>")
            elif name == "style" and in_article:
                self.flag(f"style= attribute on <{tag}> inside the record content (<article>)")
            if name in URL_ATTRIBUTES and value:
                urls = _srcset_urls(value) if name.endswith("srcset") else [value]
                if name == "ping":
                    urls = value.split()
                for address in urls:
                    scheme = url_scheme(address)
                    if scheme is not None and scheme not in ALLOWED_SCHEMES:
                        self.flag(f"{name}= on <{tag}> uses the {scheme}: scheme: {address!r:.80}")

    def _check_script(self, script: _Script) -> None:
        position = (script.line, script.column)
        text = "".join(script.text)
        attrs = dict(script.attrs)
        src = attrs.get("src")
        if src is not None:
            path = _site_path(self.page, src, absolute=self.theme is None)
            if path is not None and set(attrs) == {"src"} and not text.strip():
                if path.startswith(THEME_SCRIPT_DIR):
                    self.script_paths.add(path)
                if (
                    self.theme is not None
                    and path in self.theme.script_paths
                    and not script.in_article
                ):
                    return
        elif script.attrs == JSON_LD and not script.in_article:
            if _inert_json(text):
                return
            if self.theme is not None:
                self.flag("JSON-LD block that is not valid JSON or holds '<'", position)
            return
        else:
            key = (script.attrs, _normal_inline(text))
            self.inline_scripts.add(key)
            if (
                self.theme is not None
                and key in self.theme.inline_scripts
                and not script.in_article
            ):
                return
        if self.theme is None:
            return
        where = " inside the record content (<article>)" if script.in_article else ""
        what = f"src={src!r:.80}" if src is not None else f"inline: {text.strip()!r:.60}"
        self.flag(f"<script> that is not the theme's{where}: {what}", position)


def _inert_json(text: str) -> bool:
    if "<" in text:
        return False
    try:
        json.loads(text)
    except ValueError:
        return False
    return True


def _scan_page(
    site: Path, path: Path, theme: ThemeSignature | None
) -> tuple[list[str], _PageScanner]:
    relative = PurePosixPath(path.relative_to(site).as_posix())
    shown = (site / relative).as_posix()
    raw = path.read_text(encoding="utf-8", errors="replace")
    scanner = _PageScanner(relative, shown, theme)
    scanner.site = site
    scanner.feed(raw)
    scanner.close()
    findings = scanner.findings
    raw_scripts = len(_RAW_SCRIPT.findall(raw))
    if theme is not None and raw_scripts > scanner.scripts_seen:
        # html.parser and a browser may disagree on malformed markup: count the raw tags too.
        findings.append(
            f"{shown}:1:1: {raw_scripts - scanner.scripts_seen} '<script' in the page "
            "that the parser did not read as a script element"
        )
    return findings, scanner


def learn_theme(site: Path, reference: str = REFERENCE_PAGE) -> ThemeSignature | None:
    """The theme's scripts and forms as they appear on a page that holds no record text."""
    page = site / reference
    if not page.is_file():
        return None
    _, scanner = _scan_page(site, page, None)
    return ThemeSignature(
        frozenset(scanner.script_paths),
        frozenset(scanner.inline_scripts),
        frozenset(scanner.forms),
    )


def pages_to_scan(site: Path, generated: Iterable[str] = GENERATED_DIRS) -> list[Path]:
    pages = [site / "index.html"] if (site / "index.html").is_file() else []
    for folder in generated:
        base = site / folder
        if base.is_dir() and not base.is_symlink():
            pages.extend(sorted(p for p in base.rglob("*.html") if p.is_file()))
    return pages


def scan_site(site: Path, generated: Iterable[str] = GENERATED_DIRS) -> list[str]:
    """One message per finding, as "site/x/index.html:LINE:COL: what", in page order."""
    site = Path(site)
    if not site.is_dir():
        return [f"{site.as_posix()}: the site folder does not exist; build it first"]
    theme = learn_theme(site)
    findings: list[str] = []
    if theme is None:
        findings.append(
            f"{(site / REFERENCE_PAGE).as_posix()}: missing, so the theme's own scripts "
            "cannot be told apart from others; every script is flagged"
        )
        theme = ThemeSignature()
    pages = pages_to_scan(site, generated)
    if not pages:
        findings.append(f"{site.as_posix()}: no generated pages to check")
    for page in pages:
        found, _ = _scan_page(site, page, theme)
        findings.extend(found)
    return findings


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if len(args) != 1 or args[0].startswith("-"):
        sys.stderr.write("usage: python -m factsheet.site.sitecheck SITE_DIR\n")
        return 2
    findings = scan_site(Path(args[0]))
    for finding in findings:
        print(finding)
    if findings:
        print(
            f"{len(findings)} finding{'s' if len(findings) != 1 else ''} in the built site.",
            file=sys.stderr,
        )
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
