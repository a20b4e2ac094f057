"""The preview's error page: while a record has a problem, `serve` shows it in the browser.

Without this, a problem shows only in the terminal while the browser keeps the last good
page, which looks as if the edit had been taken. So when a rebuild in `serve` fails, the
home page and the page of every record with a problem are replaced by a page that lists
the problems (each as `check` prints it: file, line, field, what is wrong, how to fix).
Every other page stays as it was. The next successful build writes the real pages again.
Only `serve` does this: `build` leaves docs/ untouched when a record has a problem.
"""

from __future__ import annotations

import html
import json

from ..config import RESERVED_IDS
from ..domain.vocab import KIND_OF_FOLDER
from ..problems import Problem, clean

TITLE = "The preview is out of date: a record has a problem"


def _page(problems: list[Problem]) -> str:
    items = "\n".join(
        f"<li><pre>{html.escape(problem.as_text())}</pre></li>" for problem in problems
    )
    count = len(problems)
    return (
        "---\n"
        f"title: {json.dumps(TITLE)}\n"
        "search:\n  exclude: true\n"
        "---\n\n"
        f"# {TITLE}\n\n"
        '<div class="admonition failure" markdown="0">\n'
        f'<p class="admonition-title">build.py found {count} problem'
        f'{"s" if count != 1 else ""}; fix {"them" if count != 1 else "it"} and save: '
        "this page comes back by itself.</p>\n"
        f"<ul>\n{items}\n</ul>\n</div>\n"
    )


def _record_page(file: str) -> str | None:
    """docs path of the page of facts/<kind>s/<id>.yaml, when the file is a record's."""
    parts = clean(file).split("/")
    if len(parts) != 3 or parts[0] != "facts" or parts[1] not in KIND_OF_FOLDER:
        return None
    stem, dot, suffix = parts[2].rpartition(".")
    if not dot or suffix != "yaml" or stem in RESERVED_IDS:
        return None
    if not stem or not all(c.isascii() and (c.isalnum() or c == "-") for c in stem):
        return None
    return f"{parts[1]}/{stem.lower()}.md"


def error_pages(problems: list[Problem]) -> dict[str, str]:
    """{docs path: page} for the home page and every page of a record with a problem."""
    page = _page(problems)
    pages = {"index.md": page}
    for problem in problems:
        target = _record_page(problem.file)
        if target is not None:
            pages[target] = page
    return pages
