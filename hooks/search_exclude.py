"""MkDocs hook: keep citation footnotes and folded blocks out of the search index.

Folded blocks (the rule traces, the citation lines to copy, our notes on a source) repeat
what the page already says in full, or are for checking rather than finding. Footnotes
repeat each cited source's title, outlet and quote on every page that cites it; the
source's own page holds the same words once. Material's search skips any element marked
`data-search-exclude`, which Markdown cannot add here (attr_list is off: record text must
not set attributes), so this hook marks those blocks in the HTML Python-Markdown writes.
Only search is affected: without the hook (e.g. under Zensical, which runs no MkDocs hooks)
the site is the same, with a larger index. Kept in hooks/, outside the theme folder
(overrides/), whose files a theme engine may copy into the site as they are.
"""

from __future__ import annotations

from typing import Any

FOOTNOTES = '<div class="footnote">'
FOLDED = ('<details class="note">', '<details class="quote">')  # pymdownx.details blocks


def on_page_content(html: str, **_: Any) -> str:
    html = html.replace(FOOTNOTES, '<div class="footnote" data-search-exclude>', 1)
    for opening in FOLDED:
        html = html.replace(opening, opening[:-1] + " data-search-exclude>")
    return html
