"""MkDocs hook: keep citation footnotes out of the search index.

Footnotes repeat each cited source's title, outlet and quote on every page that cites it,
about a third of a record page's text; the source's own page holds the same words once.
Material's search skips any element marked `data-search-exclude`, which Markdown cannot
add here (attr_list is off: record text must not set attributes), so this hook marks the
footnote block that Python-Markdown writes. Only search is affected: without the hook
(e.g. under Zensical, which ignores hooks) the site is the same, with a larger index.
Kept beside the templates so that every copy of the site inputs carries it; MkDocs never
copies .py files from the theme folder into the site.
"""

from __future__ import annotations

from typing import Any

FOOTNOTES = '<div class="footnote">'


def on_page_content(html: str, **_: Any) -> str:
    return html.replace(FOOTNOTES, '<div class="footnote" data-search-exclude>', 1)
