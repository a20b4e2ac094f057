"""Pure functions from the fact base to Markdown pages, keyed by path under docs/."""

from __future__ import annotations

from ..export import export_files
from ..link import FactBase
from .actor import render_actor
from .data_page import render_data_page
from .differences import render_differences
from .feed import render_feed
from .incident import render_incident
from .lists import render_actor_list, render_home, render_incident_list, render_source_list
from .redirect import redirect_pages
from .source import render_source
from .timeline import render_timeline


def render_site(base: FactBase) -> dict[str, str]:
    """Every generated file, as {path relative to docs/: text}: pages and data downloads."""
    pages = {
        "index.md": render_home(base),
        "timeline.md": render_timeline(base),
        "differences.md": render_differences(base),
        "data.md": render_data_page(),
        "feed.xml": render_feed(base),
        "incidents/index.md": render_incident_list(base),
        "actors/index.md": render_actor_list(base),
        "sources/index.md": render_source_list(base),
    }
    for incident in base.incidents.values():
        pages[f"incidents/{incident.id}.md"] = render_incident(base, incident)
    for actor in base.actors.values():
        pages[f"actors/{actor.id}.md"] = render_actor(base, actor)
    for source in base.sources.values():
        pages[f"sources/{source.id}.md"] = render_source(base, source)
    pages.update(redirect_pages(base))
    pages.update(export_files(base))
    return dict(sorted(pages.items()))
