"""Pages at the old addresses of renamed records, sending readers on to the new page.

A record that lists `renamed_from` keeps each old id's page alive. The page uses
overrides/redirect.html, which writes the meta refresh, the canonical link and a plain
link. The target is never taken from record text: the template builds it from the
record's id, which the schema limits to lowercase letters, digits and hyphens, and
validation makes sure no old id is the id of any record or an old id of another.
"""

from __future__ import annotations

import json

from ..domain.model import Record, display_name, folder_of
from ..factbase import FactBase
from .text import link, md


def render_redirect(record: Record) -> str:
    """The Markdown page for one old address of `record` (in the same folder)."""
    return _redirect(display_name(record), record.id, folder_of(record))


def _redirect(name: str, target_id: str, folder: str) -> str:
    title = md(name)
    front = [
        "title: " + json.dumps(f"Moved: {title}", ensure_ascii=False),
        "template: redirect.html",
        f"redirect_id: {json.dumps(target_id)}",
        f"redirect_folder: {json.dumps(folder)}",
        "redirect_name: " + json.dumps(title, ensure_ascii=False),
        # A moved page is not content: keep it out of the search index.
        "search:",
        "  exclude: true",
    ]
    body = (
        f"# Moved\n\nThis page has a new address: {link(title, f'{target_id}.md')}.\n"
    )
    return "---\n" + "\n".join(front) + "\n---\n\n" + body


def redirect_pages(base: FactBase) -> dict[str, str]:
    """{docs path of an old address: page} for every renamed record."""
    pages: dict[str, str] = {}
    for record in base.records():
        for old in record.renamed_from:
            pages[f"{folder_of(record)}/{old}.md"] = render_redirect(record)
    for gone in base.withdrawn.values():  # an old id of a withdrawn record leads to its notice
        for old in gone.renamed_from:
            pages[f"{gone.folder}/{old}.md"] = _redirect(gone.title, gone.id, gone.folder)
    return pages
