"""The page of one source: what it is, who published it, and every fact that cites it."""

from __future__ import annotations

from ..link import FactBase
from ..model import UNKNOWN, Source
from .currency import currency_blocks
from .linked import source_meta
from .notes import Footnotes
from .refs import actor_link, label
from .text import date_text, external_link, link, md, page, table

PREFIX = "../"


def _metadata(base: FactBase, source: Source) -> str:
    publisher = actor_link(base, source.publisher, PREFIX)
    if source.publisher == UNKNOWN:
        publisher = "**unknown**: the text does not name its publisher"
    if source.publisher_note:
        publisher += f" — {md(source.publisher_note)}"
    published = date_text(source.published)
    if source.published_note:
        published += f" — {md(source.published_note)}"
    rows = [
        ["Kind", label(source.kind)],
        ["Publisher", publisher],
        ["Published", published],
        ["Language", md(source.language)],
        [
            "Original address",
            external_link(md(source.url), source.url) if source.url else "not recorded",
        ],
        [
            "Archived copy",
            external_link(md(source.archive_url), source.archive_url)
            if source.archive_url
            else "no public archive recorded",
        ],
    ]
    if source.authors:
        rows.append(["Authors", ", ".join(md(a) for a in source.authors)])
    if source.accessed:
        rows.append(["Read on", date_text(source.accessed)])
    if source.archive_file:
        pinned = f"`{source.archive_sha256}`" if source.archive_sha256 else "not pinned"
        rows.append(["Archived text (kept outside the site)", f"SHA-256 {pinned}"])
    if source.derived_from:
        origins = []
        for origin in source.derived_from:
            if origin in base.sources:
                origins.append(link(md(base.sources[origin].title), f"{origin}.md"))
            else:
                origins.append(actor_link(base, origin, PREFIX))
        note = f" — {md(source.derived_from_note)}" if source.derived_from_note else ""
        rows.append(["Relays material from", ", ".join(origins) + note])
    return table(["Field", "Value"], rows)


def _uses(base: FactBase, source: Source) -> str:
    uses = base.uses.get(source.id, [])
    if not uses:
        return "No fact cites this source yet."
    rows = []
    for use in uses:
        if use.record_kind == "incident":
            where = link(
                md(base.incidents[use.record_id].title), f"{PREFIX}incidents/{use.record_id}.md"
            )
        else:
            where = actor_link(base, use.record_id, PREFIX)
        quote = f"“{md(use.citation.quote)}”" if use.citation.quote else ""
        rows.append([where, md(use.part), quote])
    return f"## Facts that cite this source ({len(uses)})\n\n" + table(
        ["Record", "What", "Quote"], rows
    )


def render_source(base: FactBase, source: Source) -> str:
    notes = Footnotes(base, PREFIX)  # only a change's citations become footnotes here
    body = [
        f"# {md(source.title)}",
        *currency_blocks(source, notes, PREFIX),
        _metadata(base, source),
        ("## Notes\n\n" + md(source.notes)) if source.notes else "",
        _uses(base, source),
        f"*Record: `{source.file}`*",
        notes.definitions(sources_section=False),
    ]
    return page(source.title, body, source_meta(base, source))
