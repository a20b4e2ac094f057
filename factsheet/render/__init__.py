"""Pure functions from the fact base to Markdown pages, keyed by path under docs/."""

from __future__ import annotations

from ..link import FactBase
from .actor import render_actor
from .incident import render_incident
from .lists import render_actor_list, render_home, render_incident_list, render_source_list
from .source import render_source


def render_site(base: FactBase) -> dict[str, str]:
    """Every generated page, as {path relative to docs/: Markdown text}."""
    pages = {
        "index.md": render_home(base),
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
    return dict(sorted(pages.items()))
