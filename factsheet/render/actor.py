"""The page of one actor: who they are, their roles, what they said, who mentions them."""

from __future__ import annotations

from ..domain.model import Actor, Citation, all_citations
from ..factbase import FactBase
from .changes import currency_blocks
from .jsonld import actor_meta
from .links import (
    actor_link,
    incident_link,
    label,
    measure_title,
    origin_text,
    reported_value,
    source_link,
)
from .notes import Footnotes
from .tags import actor_tags
from .text import date_text, md, page, table

PREFIX = "../"


def _affiliations(base: FactBase, actor: Actor, notes: Footnotes) -> str:
    lines = []
    for aff in actor.affiliations:
        period = ""
        if aff.start or aff.end:
            period = f" ({date_text(aff.start) if aff.start else '…'} to "
            period += f"{date_text(aff.end) if aff.end else '…'})"
        lines.append(
            f"- {md(aff.role)}, {actor_link(base, aff.actor, PREFIX)}{period}"
            f"{notes.refs(aff.citations)}"
        )
    for member, aff in sorted(base.members.get(actor.id, []), key=lambda m: m[0].id):
        lines.append(
            f"- {actor_link(base, member.id, PREFIX)}: {md(aff.role)}{notes.refs(aff.citations)}"
        )
    return "## Affiliations and people\n\n" + "\n".join(lines) if lines else ""


def _incidents(base: FactBase, actor: Actor, notes: Footnotes) -> str:
    roles = sorted(
        base.roles_of.get(actor.id, []), key=lambda pair: base.incident_sort_key(pair[0])
    )
    if not roles:
        return ""
    rows = [
        [incident_link(base, inc.id, PREFIX), label(role.role), notes.refs(role.citations)]
        for inc, role in roles
    ]
    return "## Incidents by role\n\n" + table(["Incident", "Role", "Sources"], rows)


def _reported_by(base: FactBase, citations: tuple[Citation, ...]) -> str:
    sources = tuple(dict.fromkeys(c.source for c in citations))
    return "reported by " + md(base.outlet_names(sources))


def _statements(base: FactBase, actor: Actor, notes: Footnotes) -> str:
    claims = base.claims_by.get(actor.id, [])
    figures = base.figures_by.get(actor.id, [])
    if not claims and not figures:
        return ""
    lines = []
    for claim in claims:
        when = f" ({date_text(claim.said)})" if claim.said else ""
        lines.append(
            f"- [{label(claim.stance)}]({PREFIX}incidents/{claim.incident}.md#claim-{claim.id})"
            f"{when}: {md(claim.text)} — {incident_link(base, claim.incident, PREFIX)}"
            f"{notes.refs(claim.citations)} *({_reported_by(base, claim.citations)}; "
            f"{origin_text(base, claim.citations, claim.claimant)})*"
        )
    for incident, fig in figures:
        lines.append(
            f"- {measure_title(fig)}: {reported_value(fig)} — "
            f"{incident_link(base, incident.id, PREFIX)}{notes.refs(fig.citations)} "
            f"*({_reported_by(base, fig.citations)})*"
        )
    return "## What they said\n\n" + "\n".join(lines)


def _sources(base: FactBase, actor: Actor) -> str:
    parts = []
    published = base.published_by.get(actor.id, [])
    if published:
        parts.append(
            "## Sources published\n\n"
            + "\n".join(
                f"- {source_link(s, PREFIX)}" for s in sorted(published, key=lambda s: s.id)
            )
        )
    mentioned = sorted(base.mentioned_in.get(actor.id, set()))
    if mentioned:
        parts.append(
            "## Sources that mention this actor\n\n"
            + "\n".join(f"- {source_link(base.sources[s], PREFIX)}" for s in mentioned)
        )
    return "\n\n".join(parts)


def render_actor(base: FactBase, actor: Actor) -> str:
    notes = Footnotes(base, PREFIX)
    meta = [f"**Kind:** {label(actor.kind)}"]
    if actor.aliases:
        meta.append("**Also called:** " + ", ".join(md(a) for a in actor.aliases))
    body = [
        f"# {md(actor.name)}",
        "  \n".join(meta),
        *currency_blocks(actor, notes, PREFIX),
        md(actor.description.text) + notes.refs(actor.description.citations),
        _statements(base, actor, notes),
        _affiliations(base, actor, notes),
        _incidents(base, actor, notes),
        _sources(base, actor),
        ("## Notes\n\n" + md(actor.notes)) if actor.notes else "",
        notes.definitions(),
    ]
    front = {**actor_meta(base, actor, all_citations(actor)), "tags": actor_tags(actor)}
    return page(actor.name, body, front)
