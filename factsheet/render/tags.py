"""Coarse facets for Material's tags plugin: province and kind of an incident, kind of an actor.

The theme writes tag names into the page without escaping them, so a tag is reduced
to letters, digits, spaces and hyphens here: whatever a record holds, a tag can only be
plain words. Kinds come from the schemas' fixed lists; a province is free text.
"""

from __future__ import annotations

import re
import unicodedata

from ..domain.model import Actor, Incident
from .links import label

_LIMIT = 60
_SPACES = re.compile(r"\s+")


def safe_tag(text: str) -> str:
    """Letters (any script), digits, spaces and hyphens only, folded and capped."""
    normal = unicodedata.normalize("NFKC", text)
    kept = "".join(ch if ch.isalnum() or ch == "-" else " " for ch in normal)
    return _SPACES.sub(" ", kept).strip()[:_LIMIT].strip()


def _tags(*pairs: tuple[str, str | None]) -> list[str]:
    found = []
    for facet, value in pairs:
        cleaned = safe_tag(value) if value else ""
        if cleaned:
            found.append(f"{facet}: {cleaned}")
    return found


def incident_tags(incident: Incident) -> list[str]:
    province = incident.location.province if incident.location else None
    return _tags(("province", province), ("incident", label(incident.kind)))


def actor_tags(actor: Actor) -> list[str]:
    return _tags(("actor", label(actor.kind)))
