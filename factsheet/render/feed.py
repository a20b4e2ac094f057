"""An Atom feed (RFC 4287) of new and updated records, for readers who follow corrections.

A record is in the feed once it has a date to announce: its `updated` date or
the date of its latest change (an editor sets `updated` on a new record the day it
is added). Every date comes from the records, never from the clock, so the same
records always give the same bytes. The feed's own date is the newest date the records
hold: a change or `updated` date, else the day a source was read (`accessed`), else the
day a quote was last verified. With no date at all there is no feed (render_feed gives
None), and the home page does not offer one. Links are relative to the feed's own address
(docs/feed.xml is served from the site root), so the feed needs no site_url.
"""

from __future__ import annotations

from xml.sax.saxutils import escape, quoteattr

from ..domain.model import Record, display_name, folder_of, last_updated
from ..factbase import FactBase
from .text import date_text, link, md, plain, shortened

# Atom ids must never change, even if the site moves: a tag URI (RFC 4151) with a fixed
# name, not the site's address. It names the feed; it is not a link.
TAG = "tag:factsheet.example.org,2026:"
MAX_ENTRIES = 100


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


def feed_date(base: FactBase) -> str | None:
    """The newest date in the records, for the feed's <updated>; None when there is none."""
    dated = dated_records(base)
    if dated:
        return dated[0][0]
    accessed = [s.accessed for s in base.sources.values() if s.accessed]
    if accessed:
        return max(accessed)
    verified = [q.verified_on for q in base.quote_status.values() if q.verified_on]
    return max(verified) if verified else None


def render_feed(base: FactBase, site_name: str = "Factsheet") -> str | None:
    """The Atom feed, or None when no record holds a date to give it."""
    newest = feed_date(base)
    if newest is None:
        return None
    dated = dated_records(base)[:MAX_ENTRIES]
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
