"""Pure functions from the fact base to Markdown pages, keyed by path under docs/."""

from __future__ import annotations

from collections.abc import Iterator

from ..factbase import FactBase
from .actor import render_actor
from .data_page import render_data_page
from .differences import differences_pages
from .export import export_files
from .feed import render_feed
from .incident import render_incident
from .lists import actor_list_pages, incident_list_pages, render_home, source_list_pages
from .redirect import redirect_pages
from .source import render_source
from .timeline import timeline_pages
from .withdrawn import render_withdrawn


def iter_pages(base: FactBase) -> Iterator[tuple[str, str | Iterator[bytes]]]:
    """Every generated file as (path relative to docs/, text), one at a time.

    A build writes each page as it comes, so memory holds one page, not the whole site.
    The order is fixed (the records' order), though not sorted by path. The large JSON
    download comes as a stream of UTF-8 chunks, everything else as text.
    """
    yield "index.md", render_home(base)
    yield from timeline_pages(base)
    yield from differences_pages(base)
    yield "data.md", render_data_page()
    feed = render_feed(base)
    if feed is not None:
        yield "feed.xml", feed
    yield from incident_list_pages(base)
    yield from actor_list_pages(base)
    yield from source_list_pages(base)
    for incident in base.incidents.values():
        yield f"incidents/{incident.id}.md", render_incident(base, incident)
    for actor in base.actors.values():
        yield f"actors/{actor.id}.md", render_actor(base, actor)
    for source in base.sources.values():
        yield f"sources/{source.id}.md", render_source(base, source)
    for gone in base.withdrawn.values():
        yield f"{gone.folder}/{gone.id}.md", render_withdrawn(gone)
    yield from redirect_pages(base).items()
    yield from export_files(base)

