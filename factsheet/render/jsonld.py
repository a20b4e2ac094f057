"""schema.org JSON-LD and a short description for each record page, as front-matter values.

The overrides/main.html template puts `jsonld` into a
<script type="application/ld+json"> block and uses `description` for the page's
description, Open Graph and Twitter card tags. Record text in the JSON-LD is plain
(it is data, not Markdown) and script_json() makes the whole block unable to end
the script element; the description goes through md() like any text on a page.
"""

from __future__ import annotations

from typing import Any

from ..domain.model import (
    UNKNOWN,
    Actor,
    Citation,
    Incident,
    Record,
    Source,
    folder_of,
    last_updated,
)
from ..domain.vocab import ActorKind, SourceKind
from ..factbase import FactBase
from .links import label
from .text import md, plain, script_json, shortened

CONTEXT = "https://schema.org"

_ACTOR_TYPES: dict[ActorKind, str] = {
    ActorKind.PERSON: "Person",
    ActorKind.NGO: "NGO",
    ActorKind.GOVERNMENT_BODY: "GovernmentOrganization",
    ActorKind.MEDIA_OUTLET: "NewsMediaOrganization",
    ActorKind.STATE: "Country",
}
_SOURCE_TYPES: dict[SourceKind, str] = {
    SourceKind.NEWS_ARTICLE: "NewsArticle",
    SourceKind.NGO_REPORT: "Report",
    SourceKind.SOCIAL_MEDIA_POST: "SocialMediaPosting",
}
_ARTICLES = ("NewsArticle", "Report", "SocialMediaPosting")


def actor_type(actor: Actor) -> str:
    """Person for people, the closest kind of Organization (or Country) for the rest."""
    return _ACTOR_TYPES.get(actor.kind, "Organization")


def source_type(source: Source) -> str:
    return _SOURCE_TYPES.get(source.kind, "CreativeWork")


def _actor_ref(base: FactBase, actor_id: str) -> dict[str, Any] | None:
    actor = base.actors.get(actor_id)
    if actor is None:
        return None
    return {"@type": actor_type(actor), "name": plain(actor.name)}


def _work_ref(source: Source) -> dict[str, Any]:
    work: dict[str, Any] = {"@type": source_type(source), "name": plain(source.title)}
    if source.url:
        work["url"] = source.url
    if source.published != UNKNOWN:
        work["datePublished"] = source.published
    return work


def _cited_works(base: FactBase, citations: list[Citation]) -> list[dict[str, Any]]:
    ids = sorted({c.source for c in citations})
    return [_work_ref(base.sources[source_id]) for source_id in ids]


def _meta(data: dict[str, Any], description: str, record: Record) -> dict[str, str]:
    data["dateModified"] = last_updated(record)
    data = {"@context": CONTEXT, **{k: v for k, v in data.items() if v not in (None, [], "")}}
    folder = folder_of(record)
    return {
        "description": md(shortened(description)),
        "jsonld": script_json(data),
        # The YAML file behind the page, for the "Edit this record" link (overrides/main.html).
        # Built from the id, which the schema keeps to [a-z0-9-], never from record text.
        "record_file": f"facts/{folder}/{record.id}.yaml",
    }


def incident_meta(base: FactBase, incident: Incident, citations: list[Citation]) -> dict[str, str]:
    data: dict[str, Any] = {
        "@type": "Event",
        "identifier": incident.id,
        "name": plain(incident.title),
        "description": plain(incident.summary.text),
        "subjectOf": _cited_works(base, citations),
    }
    if incident.date:
        data["startDate"] = incident.date.start
        data["endDate"] = incident.date.end
    if incident.location:
        loc = incident.location
        place: dict[str, Any] = {
            "@type": "Place",
            "name": ", ".join(plain(p) for p in (loc.place, loc.province, loc.country) if p),
            "address": {
                "@type": "PostalAddress",
                "addressCountry": plain(loc.country),
                **({"addressRegion": plain(loc.province)} if loc.province else {}),
                **({"addressLocality": plain(loc.place)} if loc.place else {}),
            },
        }
        if loc.coordinates:
            place["geo"] = {
                "@type": "GeoCoordinates",
                "latitude": loc.coordinates.lat,
                "longitude": loc.coordinates.lon,
            }
        data["location"] = place
    if incident.parent:
        parent = base.incidents[incident.parent]
        data["superEvent"] = {"@type": "Event", "name": plain(parent.title)}
    return _meta(data, incident.summary.text, incident)


def actor_meta(base: FactBase, actor: Actor, citations: list[Citation]) -> dict[str, str]:
    kind = actor_type(actor)
    data: dict[str, Any] = {
        "@type": kind,
        "identifier": actor.id,
        "name": plain(actor.name),
        "alternateName": [plain(a) for a in actor.aliases],
        "description": plain(actor.description.text),
        "subjectOf": _cited_works(base, citations),
    }
    links = [ref for aff in actor.affiliations if (ref := _actor_ref(base, aff.actor))]
    if kind == "Person":
        data["affiliation"] = links
    elif kind != "Country":
        data["memberOf"] = links
    return _meta(data, actor.description.text, actor)


def source_meta(base: FactBase, source: Source) -> dict[str, str]:
    kind = source_type(source)
    data: dict[str, Any] = {
        "@type": kind,
        "identifier": source.id,
        "headline" if kind in _ARTICLES else "name": plain(source.title),
        "url": source.url,
        "archivedAt": source.archive_url,
        "inLanguage": plain(source.language),
        "datePublished": None if source.published == UNKNOWN else source.published,
        "publisher": _actor_ref(base, source.publisher),
        "author": [{"@type": "Person", "name": plain(a)} for a in source.authors],
        "isBasedOn": [
            ref
            for o in source.derived_from
            if (ref := _work_ref(base.sources[o]) if o in base.sources else _actor_ref(base, o))
        ],
    }
    publisher = base.actors[source.publisher].name if source.publisher in base.actors else None
    description = f"{label(source.kind).capitalize()}: {source.title}"
    if publisher:
        description += f" ({publisher})"
    return _meta(data, description, source)
