"""Who said what: the pieces the incident page and the "where sources differ" page share.

One report per table row (the number as given, the claimant, the outlet), the
sentence that says how the reports compare, and an incident's recorded
discrepancies. `prefix` is the path from the page to the site root.
"""

from __future__ import annotations

from ..domain.model import Incident
from ..factbase import FactBase, MeasureReports
from .chart import range_chart
from .citeline import figure_anchor
from .links import actor_link, measure_title, origin_text, outlet, reported_value, verdict_sentence
from .notes import Footnotes
from .text import date_text, md, table

# The who-said-what table's columns. On phones the table becomes one card per report, each
# value under its label: docs/assets/factsheet.css spells these labels (a test compares).
REPORT_COLUMNS = ["Reported", "According to", "Reported by", "As of", "Origin", "Note and sources"]

TABLE_INTRO = (
    "Each row is one report: the number as given, who gave it (the claimant) "
    "and where we read it (the outlet)."
)


def origins_sentence(base: FactBase, group: MeasureReports) -> str:
    """How many sources and how many independent origins, by the methodology's rules."""
    sources = {c.source for fig in group.figures for c in fig.citations}
    subject = base.question_of(group).subject
    count = subject.origins.count
    text = f"{len(sources)} source{'s' if len(sources) != 1 else ''}, "
    text += f"{count} independent origin{'s' if count != 1 else ''}"
    if count:
        text += ": " + "; ".join(md(base.origin_names(body)) for body in subject.origins.bodies)
    text += "."
    if subject.origins.accused:
        text += f" {md(base.origin_names(subject.origins.accused))} speaks for the accused side"
        text += " and does not count."
    if subject.unestablished:
        text += " Origin not established for what is relayed by "
        text += f"{md(base.outlet_names(subject.unestablished))}."
    if len(sources) > count and count:
        text += " Several sources relay the same origin, so they count once."
    return text


def reports_table(
    base: FactBase, group: MeasureReports, notes: Footnotes, prefix: str, anchors: bool = False
) -> str:
    """One row per report; on the incident page (`anchors`) each row is a link target."""
    incident = base.incidents[group.incident]
    rows = []
    for fig in group.figures:
        anchor = f'<a id="{figure_anchor(incident, fig)}"></a>' if anchors else ""
        outlets = "; ".join(
            dict.fromkeys(outlet(base, base.outlet_of(c), prefix) for c in fig.citations)
        )
        detail = md(fig.note) if fig.note else ""
        rows.append(
            [
                anchor + reported_value(fig),
                actor_link(base, fig.claimant, prefix, fig.claimant_note),
                outlets,
                date_text(fig.as_of) if fig.as_of else "",
                origin_text(base, fig.citations, fig.claimant, column=True),
                detail + notes.refs(fig.citations),
            ]
        )
    return table(REPORT_COLUMNS, rows)


def measure_section(
    base: FactBase,
    group: MeasureReports,
    notes: Footnotes,
    prefix: str,
    level: int = 3,
    anchors: bool = False,
) -> list[str]:
    """Heading, verdict and origins sentence, and the who-said-what table of one measure."""
    chart = range_chart(base, group)
    return [
        f"{'#' * level} {measure_title(group)}",
        verdict_sentence(group, prefix) + " " + origins_sentence(base, group),
        *([chart] if chart else []),
        reports_table(base, group, notes, prefix, anchors),
    ]


def discrepancy_list(incident: Incident, notes: Footnotes) -> str:
    """The incident's recorded discrepancies, in our words, as a list with footnotes."""
    return "\n".join(f"- {md(d.text)}{notes.refs(d.citations)}" for d in incident.discrepancies)
