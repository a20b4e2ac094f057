"""The "where sources differ" page: every measure whose reports differ or conflict, and
every discrepancy an editor recorded, incident by incident."""

from __future__ import annotations

from ..link import FactBase, MeasureReports
from ..model import Incident
from .notes import Footnotes
from .refs import incident_link
from .text import NOT_IN_SEARCH, md, page
from .whosaid import TABLE_INTRO, discrepancy_list, measure_section

PREFIX = ""
SHOWN = ("differ", "conflict")


def differing(base: FactBase, incident: Incident) -> list[MeasureReports]:
    """The measures of an incident whose reports do not all allow the same range."""
    return [g for g in base.measures[incident.id] if g.comparison.verdict in SHOWN]


def _incident_section(base: FactBase, incident: Incident, notes: Footnotes) -> list[str]:
    groups = differing(base, incident)
    parts = [f"## {md(incident.title)}", f"Incident page: {incident_link(base, incident.id, '')}."]
    for group in groups:
        parts += measure_section(base, group, notes, PREFIX)
    if incident.discrepancies:
        parts += ["### Other differences between the sources", discrepancy_list(incident, notes)]
    return parts


def render_differences(base: FactBase) -> str:
    notes = Footnotes(base, PREFIX)
    shown = [
        incident
        for incident in sorted(base.incidents.values(), key=base.incident_sort_key)
        if differing(base, incident) or incident.discrepancies
    ]
    body = [
        "# Where sources differ",
        "Every figure whose reports do not all say the same thing, and every other difference "
        "between sources that we noted, incident by incident. Reports that differ can still "
        "all be true together (49 and more than 40); reports that conflict cannot. How "
        "figures are compared is explained on the "
        "[methodology page](methodology.md#comparing-reports-of-the-same-measure).",
    ]
    if shown:
        body.append(TABLE_INTRO)
    else:
        body.append("All reports of each measure agree, and no other difference is recorded.")
    for incident in shown:
        body += _incident_section(base, incident, notes)
    body.append(notes.definitions())
    return page("Where sources differ", body, NOT_IN_SEARCH)
