"""An Atom feed (RFC 4287) of new and updated records, for readers who follow corrections.

A record is in the feed once it has a date to announce: its `updated` date or
the date of its latest change (an editor sets `updated` on a new record the day it
is added). Every date comes from the records, never from the clock, so the same
records always give the same bytes. Links are relative to the feed's own address
(docs/feed.xml is served from the site root), so the feed needs no site_url.
"""

from __future__ import annotations

from xml.sax.saxutils import escape, quoteattr

from ..link import FactBase
from ..model import Record, display_name, folder_of, last_updated
from .text import date_text, link, md, plain, shortened

# Atom ids must never change, even if the site moves: a tag URI (RFC 4151) with a fixed
# name, not the site's address. It names the feed; it is not a link.
TAG = "tag:factsheet.example.org,2026:"
MAX_ENTRIES = 100
# Used only when no record has a date yet: Atom requires a feed-level <updated>.
_NO_DATE = "1970-01-01"


def _summary(record: Record) -> str:
    if not record.changes:
        return "Record updated."
    latest = max(record.changes, key=lambda c: (c.date, c.index))
    return f"{latest.kind.capitalize()}: {shortened(latest.text)}"


def _stamp(day: str) -> str:
    return f"{day}T00:00:00Z"


def _entry(record: Record, day: str) -> str:
    folder = folder_of(record)
    kind = folder[:-1]
    href = quoteattr(f"{folder}/{record.id}/")
    return "\n".join(
        [
            "  <entry>",
            f"    <id>{escape(TAG + folder + '/' + record.id)}</id>",
            f"    <title>{escape(plain(display_name(record)))}</title>",
            f'    <link rel="alternate" type="text/html" href={href}/>',
            f"    <updated>{_stamp(day)}</updated>",
            f"    <category term={quoteattr(kind)}/>",
            f"    <summary>{escape(plain(_summary(record)))}</summary>",
            "  </entry>",
        ]
    )


def dated_records(base: FactBase) -> list[tuple[str, Record]]:
    """(day, record) for every record with a date to announce, newest first."""
    dated = [(day, record) for record in base.records() if (day := last_updated(record))]
    # Ties in a fixed order, so the bytes never depend on dict order.
    dated.sort(key=lambda pair: (pair[0], folder_of(pair[1]), pair[1].id), reverse=True)
    return dated


def latest_changes(base: FactBase, prefix: str, count: int = 5) -> str:
    """A short Markdown list of the newest dated records, for the home page."""
    lines = []
    for day, record in dated_records(base)[:count]:
        folder = folder_of(record)
        name = link(md(display_name(record)), f"{prefix}{folder}/{record.id}.md")
        lines.append(f"- {date_text(day)}: {name} ({folder[:-1]}) — {md(_summary(record))}")
    return "\n".join(lines)


def render_feed(base: FactBase, site_name: str = "Factsheet") -> str:
    dated = dated_records(base)[:MAX_ENTRIES]
    newest = dated[0][0] if dated else _NO_DATE
    lines = [
        '<?xml version="1.0" encoding="utf-8"?>',
        '<feed xmlns="http://www.w3.org/2005/Atom">',
        f"  <id>{escape(TAG + 'feed')}</id>",
        f"  <title>{escape(site_name)}: new and updated records</title>",
        '  <link rel="self" type="application/atom+xml" href="feed.xml"/>',
        '  <link rel="alternate" type="text/html" href="./"/>',
        f"  <updated>{_stamp(newest)}</updated>",
        "  <author><name>Factsheet editors</name></author>",
        *(_entry(record, day) for day, record in dated),
        "</feed>",
    ]
    return "\n".join(lines) + "\n"
