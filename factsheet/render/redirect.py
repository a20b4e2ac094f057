"""Pages at the old addresses of renamed records, sending readers on to the new page.

A record that lists `renamed_from` keeps each old id's page alive. The page uses
overrides/redirect.html, which writes the meta refresh, the canonical link and a plain
link. The target is never taken from record text: the template builds it from the
record's id, which the schema limits to lowercase letters, digits and hyphens, and
validation makes sure no old id is the id of any record or an old id of another.
"""

from __future__ import annotations

import json

from ..link import FactBase
from ..model import Record, display_name, folder_of
from .text import link, md


def render_redirect(record: Record) -> str:
    """The Markdown page for one old address of `record` (in the same folder)."""
    title = md(display_name(record))
    front = [
        "title: " + json.dumps(f"Moved: {title}", ensure_ascii=False),
        "template: redirect.html",
        f"redirect_id: {json.dumps(record.id)}",
        f"redirect_folder: {json.dumps(folder_of(record))}",
        "redirect_name: " + json.dumps(title, ensure_ascii=False),
        # A moved page is not content: keep it out of the search index.
        "search:",
        "  exclude: true",
    ]
    body = (
        f"# Moved\n\nThis page has a new address: {link(title, f'{record.id}.md')}.\n"
    )
    return "---\n" + "\n".join(front) + "\n---\n\n" + body


def redirect_pages(base: FactBase) -> dict[str, str]:
    """{docs path of an old address: page} for every renamed record."""
    pages: dict[str, str] = {}
    for record in base.records():
        for old in record.renamed_from:
            pages[f"{folder_of(record)}/{old}.md"] = render_redirect(record)
    return pages
