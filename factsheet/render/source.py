"""The page of one source: what it is, who published it, and every fact that cites it."""

from __future__ import annotations

from textwrap import indent

from ..domain.figures import MEASURE_LABELS
from ..domain.model import UNKNOWN, Source
from ..domain.vocab import Measure, RecordKind
from ..factbase import FactBase, Use
from .changes import currency_blocks
from .jsonld import source_meta
from .lead import and_list
from .links import actor_link, label
from .notes import NO_ADDRESS, Footnotes, published_text
from .text import date_text, external_link, first_upper, link, md, page

PREFIX = "../"


def _citation_block(base: FactBase, source: Source) -> str:
    """Who published it, what it is and when, and where to read it: first, in a box."""
    if source.publisher in base.actors:
        publisher = actor_link(base, source.publisher, PREFIX)
    else:  # said plainly, and explained under "About this source"
        publisher = "**Unknown publisher**"
    lines = [
        f"{publisher}, *{md(source.title)}*, {published_text(source)}. "
        f"{first_upper(label(source.kind))}"
        + (f" by {', '.join(md(a) for a in source.authors)}" if source.authors else "")
        + "."
    ]
    addresses = []
    if source.url:
        addresses.append(external_link("Read the original", source.url))
    if source.archive_url:
        addresses.append(external_link("archived copy", source.archive_url))
    if addresses:
        lines.append(", ".join(addresses) + ".")
    elif source.archive_file:
        lines.append(f"{NO_ADDRESS}: the copy we hold is not ours to republish.")
    else:
        lines.append("No web address recorded.")
    if source.accessed:
        lines.append(f"We read it on {date_text(source.accessed)}.")
    if source.derived_from:
        relayed = []
        for origin in source.derived_from:
            if origin in base.sources:
                relayed.append(link(md(base.sources[origin].title), f"{origin}.md"))
            else:
                relayed.append(actor_link(base, origin, PREFIX))
        lines.append(f"It relays material from {and_list(relayed)}.")
    return '!!! info "The source"\n\n' + indent("\n\n".join(lines), "    ")


def _about(source: Source) -> str:
    """Our notes on the publisher, the date, what it relays and the text, folded."""
    parts = []
    if source.publisher == UNKNOWN or source.publisher_note:
        parts.append(
            "**Publisher:** "
            + ("The text does not name its publisher. " if source.publisher == UNKNOWN else "")
            + (md(source.publisher_note) if source.publisher_note else "")
        )
    if source.published_note:
        parts.append(f"**Date:** {md(source.published_note)}")
    if source.derived_from_note:
        parts.append(f"**What it relays:** {md(source.derived_from_note)}")
    if source.notes:
        parts.append(f"**The text as we hold it:** {md(source.notes)}")
    if source.archive_file and source.archive_sha256:
        parts.append(
            "**Our archived copy** is kept outside the site; its SHA-256 fingerprint is "
            f"`{source.archive_sha256}`, so that anyone holding a copy can check it is the same."
        )
    if not parts:
        return ""
    return '??? note "About this source: publisher, date and our notes"\n\n' + indent(
        "\n\n".join(parts), "    "
    )


def _what(base: FactBase, use: Use) -> str:
    """The part of a record a citation supports, in words: 'claim by Anna Neistat'."""
    kind, _, rest = use.part.partition(": ")
    if kind == "claim" and rest in base.claims:
        claim = base.claims[rest]
        who = (
            "an unnamed speaker"
            if claim.claimant == UNKNOWN
            else md(base.actors[claim.claimant].name)
        )
        return link(f"claim by {who}", f"{PREFIX}incidents/{claim.incident}.md#claim-{rest}")
    if kind == "figure" and rest in MEASURE_LABELS:
        return f"figure: {MEASURE_LABELS[Measure(rest)]}"
    if kind == "role":
        return f"role: {md(label(rest))}"
    if kind.startswith("discrepancy"):
        return "a difference between sources"
    return md(use.part)


def _uses(base: FactBase, source: Source) -> str:
    """What the source is cited for, grouped by the record it supports."""
    uses = base.uses.get(source.id, [])
    if not uses:
        return "No fact cites this source yet."
    groups: dict[tuple[RecordKind, str], list[Use]] = {}
    for use in uses:
        groups.setdefault((use.record_kind, use.record_id), []).append(use)
    order = sorted(groups, key=lambda key: (key[0] != RecordKind.INCIDENT, key[1]))
    parts = [f"## What it is cited for ({len(uses)} passages)"]
    for kind, record_id in order:
        if kind == RecordKind.INCIDENT:
            heading = link(md(base.incidents[record_id].title), f"{PREFIX}incidents/{record_id}.md")
        else:
            heading = actor_link(base, record_id, PREFIX)
        items = []
        for use in groups[(kind, record_id)]:
            quote = f": “{md(use.citation.quote)}”" if use.citation.quote else ""
            items.append(f"- {_what(base, use)}{quote}")
        parts.append(f"### {heading}\n\n" + "\n".join(items))
    return "\n\n".join(parts)


def render_source(base: FactBase, source: Source) -> str:
    notes = Footnotes(base, PREFIX)  # only a change's citations become footnotes here
    body = [
        f"# {md(source.title)}",
        _citation_block(base, source),
        *currency_blocks(source, notes, PREFIX),
        _uses(base, source),
        _about(source),
        notes.definitions(sources_section=False),
    ]
    return page(source.title, body, source_meta(base, source))
