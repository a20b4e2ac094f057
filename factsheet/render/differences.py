"""The "where sources differ" page: every measure whose reports differ or conflict, and
every discrepancy an editor recorded, incident by incident."""

from __future__ import annotations

from collections.abc import Iterator

from ..link import FactBase, MeasureReports
from ..model import Incident
from .notes import Footnotes
from .paging import Part, paged
from .refs import incident_link, start_of
from .text import md
from .whosaid import TABLE_INTRO, discrepancy_list, measure_section

PATH = "differences.md"
PER_PAGE = 50  # incidents: about 300 KB of HTML a page (their tables and footnotes)
SHOWN = ("differ", "conflict")
METHOD = "methodology.md#comparing-reports-of-the-same-measure"
INTRO = (
    "Every figure whose reports do not all say the same thing, and every other difference "
    "between sources that we noted, incident by incident. Reports that differ can still "
    "all be true together (49 and more than 40); reports that conflict cannot. How "
    "figures are compared is explained on the "
)


def differing(base: FactBase, incident: Incident) -> list[MeasureReports]:
    """The measures of an incident whose reports do not all allow the same range."""
    return [g for g in base.measures[incident.id] if g.comparison.verdict in SHOWN]


def _incident_section(
    base: FactBase, incident: Incident, notes: Footnotes, prefix: str
) -> list[str]:
    groups = differing(base, incident)
    parts = [
        f"## {md(incident.title)}",
        f"Incident page: {incident_link(base, incident.id, prefix)}.",
    ]
    for group in groups:
        parts += measure_section(base, group, notes, prefix)
    if incident.discrepancies:
        parts += ["### Other differences between the sources", discrepancy_list(incident, notes)]
    return parts


def _page_body(base: FactBase, part: Part[Incident], shown: bool) -> list[str]:
    notes = Footnotes(base, part.prefix)  # each page numbers its own footnotes
    body = [
        TABLE_INTRO
        if shown
        else "All reports of each measure agree, and no other difference is recorded."
    ]
    for incident in part.entries:
        body += _incident_section(base, incident, notes, part.prefix)
    return [*body, notes.definitions()]


def differences_pages(base: FactBase) -> Iterator[tuple[str, str]]:
    """The page (PER_PAGE incidents a page) as (path under docs/, text)."""
    shown = [
        incident
        for incident in sorted(base.incidents.values(), key=base.incident_sort_key)
        if differing(base, incident) or incident.discrepancies
    ]
    return paged(
        PATH,
        "Where sources differ",
        lambda part: INTRO + f"[methodology page]({part.prefix}{METHOD}).",
        shown,
        PER_PAGE,
        "incidents",
        start_of,
        lambda part: _page_body(base, part, bool(shown)),
    )
