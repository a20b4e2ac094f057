"""Who said what: the pieces the incident page and the "where sources differ" page share.

One report per table row (the number as given, the claimant, the outlet), the
sentence that says how the reports compare, and an incident's recorded
discrepancies. `prefix` is the path from the page to the site root.
"""

from __future__ import annotations

from ..link import FactBase, MeasureReports
from ..model import Incident
from .notes import Footnotes
from .refs import actor_link, measure_title, outlet, reported_value, verdict_sentence
from .text import date_text, md, table

TABLE_INTRO = (
    "Each row is one report: the number as given, who gave it (the claimant) "
    "and where we read it (the outlet)."
)


def origins_sentence(base: FactBase, group: MeasureReports) -> str:
    citations = tuple(c for fig in group.figures for c in fig.citations)
    origins = frozenset().union(*(base.origins_of(f.citations, f.claimant) for f in group.figures))
    sources = {c.source for c in citations}
    text = (
        f"{len(sources)} source{'s' if len(sources) != 1 else ''}, "
        f"{len(origins)} independent origin{'s' if len(origins) != 1 else ''}: "
        f"{md(base.origin_names(origins))}."
    )
    if len(sources) > len(origins):
        text += " Several sources relay the same origin, so they count once."
    return text


def reports_table(base: FactBase, group: MeasureReports, notes: Footnotes, prefix: str) -> str:
    rows = []
    for fig in group.figures:
        outlets = "; ".join(
            dict.fromkeys(outlet(base, base.outlet_of(c), prefix) for c in fig.citations)
        )
        detail = md(fig.note) if fig.note else ""
        rows.append(
            [
                reported_value(fig),
                actor_link(base, fig.claimant, prefix, fig.claimant_note),
                outlets,
                date_text(fig.as_of) if fig.as_of else "",
                md(base.origin_names(base.origins_of(fig.citations, fig.claimant))),
                detail + notes.refs(fig.citations),
            ]
        )
    return table(
        ["Reported", "According to", "Reported by", "As of", "Origin", "Note and sources"], rows
    )


def measure_section(
    base: FactBase, group: MeasureReports, notes: Footnotes, prefix: str, level: int = 3
) -> list[str]:
    """Heading, verdict and origins sentence, and the who-said-what table of one measure."""
    return [
        f"{'#' * level} {measure_title(group)}",
        verdict_sentence(group) + " " + origins_sentence(base, group),
        reports_table(base, group, notes, prefix),
    ]


def discrepancy_list(incident: Incident, notes: Footnotes) -> str:
    """The incident's recorded discrepancies, in our words, as a list with footnotes."""
    return "\n".join(f"- {md(d.text)}{notes.refs(d.citations)}" for d in incident.discrepancies)
