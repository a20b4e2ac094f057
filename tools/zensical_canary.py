"""Compare a Zensical build of the site with the MkDocs build of the same pages.

Zensical, by the makers of Material for MkDocs, reads the same mkdocs.yml and templates.
This canary checks the two things a reader would notice if a move to it went wrong: the
same record pages exist (every incident, actor and source), and each says the same (the
text of the article from its title down, tags left out: Material puts them above the
title, Zensical below the text). Theme markup, scripts and search may differ.

    python -m tools.zensical_canary --mkdocs site-mkdocs --zensical site-zensical

prints a Markdown report and exits 1 when a record page is missing or says something else.
tests/test_zensical.py builds both and runs the same comparison.
"""

from __future__ import annotations

import argparse
import html
import re
import sys
from collections.abc import Sequence
from pathlib import Path

RECORD_FOLDERS = ("incidents", "actors", "sources")
_ARTICLE = re.compile(r"<article\b[^>]*>(.*?)</article>", re.DOTALL)
_TAGS = re.compile(r'<nav class="md-tags"[^>]*>.*?</nav>', re.DOTALL)
_SCRIPT = re.compile(r"<(script|style)\b[^>]*>.*?</\1>", re.DOTALL)
_TAG = re.compile(r"<[^>]+>")


def record_pages(site: Path) -> dict[str, Path]:
    """{address: file} of every record page of a built site (directory URLs)."""
    pages: dict[str, Path] = {}
    for folder in RECORD_FOLDERS:
        for path in sorted((site / folder).glob("*/index.html")):
            if path.parent.name.startswith("page_"):
                continue  # later pages of a list, not records
            pages[f"{folder}/{path.parent.name}/"] = path
    return pages


def record_text(page: str) -> str | None:
    """The words a reader sees in the article of PAGE, from its title on, or None."""
    match = _ARTICLE.search(page)
    if match is None:
        return None
    article = _TAGS.sub(" ", match.group(1))
    start = article.find("<h1")
    article = article[start:] if start >= 0 else article
    words = _TAG.sub(" ", _SCRIPT.sub(" ", article))
    return " ".join(html.unescape(words).split())


def _moved_page(text: str) -> bool:
    return '<meta http-equiv="refresh"' in text or "<h1>This page has moved</h1>" in text


def compare(mkdocs_site: Path, zensical_site: Path) -> list[str]:
    """What differs between the two builds' record pages; empty when nothing does."""
    ours = record_pages(mkdocs_site)
    theirs = record_pages(zensical_site)
    problems = [f"only in the MkDocs build: {a}" for a in sorted(ours.keys() - theirs.keys())]
    problems += [f"only in the Zensical build: {a}" for a in sorted(theirs.keys() - ours.keys())]
    for address in sorted(ours.keys() & theirs.keys()):
        mine = ours[address].read_text(encoding="utf-8")
        other = theirs[address].read_text(encoding="utf-8")
        if _moved_page(mine) or _moved_page(other):
            if _moved_page(mine) != _moved_page(other):
                problems.append(f"{address}: a moved-page notice in one build only")
            continue
        a, b = record_text(mine), record_text(other)
        if a is None or b is None:
            which = "MkDocs" if a is None else "Zensical"
            problems.append(f"{address}: no article in the {which} build")
        elif a != b:
            at = next((i for i, (x, y) in enumerate(zip(a, b, strict=False)) if x != y),
                      min(len(a), len(b)))
            problems.append(f"{address}: the text differs from “{a[max(0, at - 40):at + 60]}” "
                            f"(MkDocs) / “{b[max(0, at - 40):at + 60]}” (Zensical)")
    if not ours:
        problems.append(f"no record pages in {mkdocs_site}")
    return problems


def report(mkdocs_site: Path, zensical_site: Path, version: str) -> tuple[str, bool]:
    problems = compare(mkdocs_site, zensical_site)
    count = len(record_pages(mkdocs_site))
    lines = [f"## Zensical {version} compared with MkDocs", ""]
    if problems:
        lines += [f"{len(problems)} differences in {count} record pages:", ""]
        lines += [f"- {p}" for p in problems]
    else:
        lines.append(f"The same {count} record pages, each with the same text.")
    return "\n".join(lines) + "\n", not problems


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.zensical_canary",
                                     description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--mkdocs", type=Path, required=True, help="the MkDocs build")
    parser.add_argument("--zensical", type=Path, required=True, help="the Zensical build")
    parser.add_argument("--version", default="(version unknown)", help="Zensical's version")
    args = parser.parse_args(argv)
    text, same = report(args.mkdocs, args.zensical, args.version)
    sys.stdout.write(text)
    return 0 if same else 1


if __name__ == "__main__":
    raise SystemExit(main())
