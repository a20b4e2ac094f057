"""The timeline: every incident and every dated claim in date order, undated ones last.

A date is shown as precisely as the sources give it ("2015", "November 2015",
"29 November 2015", "about ..."), and the precision is named in its own column,
so a month-precise date is never read as the first of the month.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from textwrap import indent

from ..domain.dates import PartialDate, try_parse_date
from ..domain.model import Claim, Incident
from ..factbase import FactBase
from .links import actor_link, incident_link, label, place, when
from .paging import Part, paged
from .text import date_text, md

PATH = "timeline.md"
PER_PAGE = 500  # entries: about 200 KB of HTML a page
INTRO = (
    "Every incident and every dated claim, earliest first. Dates are as precise as the "
    "sources make them, and the mark after each date says how precise: a date known only "
    "to the month is shown as the month and sorted at its first day, before the days of "
    "that month. Incidents and claims without a date come last, each claim folded under "
    "its incident. Each claim links to where it stands on its incident's page."
)


@dataclass(frozen=True)
class _Entry:
    start: PartialDate | None
    order: tuple[str, str, int, int, str]  # kind first (incidents before claims), then ids
    date: str
    day: str  # the earliest day alone, which the page list names
    precision: str
    what: Callable[[str], str]  # the entry's text, given the page's prefix to docs/


def _precision(start: PartialDate | None, approximate: bool = False) -> str:
    if start is None:
        return ""
    return start.precision + (", approximate" if approximate else "")


def _incident_entry(base: FactBase, incident: Incident) -> _Entry:
    span = incident.date
    start = try_parse_date(span.start) if span else None
    where = f", {place(incident.location)}" if incident.location else ""
    kind = label(incident.kind)

    def what(prefix: str) -> str:
        return f"Incident: {incident_link(base, incident.id, prefix)} ({kind}{where})"

    return _Entry(
        start,
        ("", incident.id, 0, 0, ""),
        when(span) if span and start else "undated",
        date_text(span.start) if span and start else "undated",
        _precision(start, span.approximate if span else False),
        what,
    )


def _claim_entry(base: FactBase, claim: Claim) -> _Entry:
    start = try_parse_date(claim.said)

    def what(prefix: str) -> str:
        anchor = f"[{label(claim.stance)}]({prefix}incidents/{claim.incident}.md#claim-{claim.id})"
        return (
            f"Claim: {actor_link(base, claim.claimant, prefix, claim.claimant_note)} {anchor}: "
            f"{md(claim.text)} (on {incident_link(base, claim.incident, prefix)})"
        )

    return _Entry(
        start,
        ("", claim.incident, 1, claim.index, claim.id),
        date_text(claim.said) if start else "undated",
        date_text(claim.said) if start else "undated",
        _precision(start),
        what,
    )


def _entries(base: FactBase) -> list[_Entry]:
    entries = [_incident_entry(base, incident) for incident in base.incidents.values()]
    entries += [_claim_entry(base, claim) for claim in base.claims.values()]
    return entries


def _sort_key(entry: _Entry) -> tuple[str, str, tuple[str, str, int, int, str]]:
    """Earliest possible day, then the less precise first, then incidents before claims."""
    assert entry.start is not None
    return (entry.start.earliest.isoformat(), entry.start.latest.isoformat(), entry.order)


def _dated_line(entry: _Entry, prefix: str) -> str:
    """'- **29 November 2015** *known to the day*: Incident: ...'."""
    return f"- **{entry.date}** *(known to the {entry.precision})*: {entry.what(prefix)}"


def _undated_block(base: FactBase, incident_id: str, entries: list[_Entry], prefix: str) -> str:
    """An undated incident, or the undated claims of one, with the claims folded."""
    own = [e for e in entries if e.order[2] == 0]
    claims = [e for e in entries if e.order[2] == 1]
    lines = (
        [f"- {own[0].what(prefix)}"]
        if own
        else [f"- Undated claims on {incident_link(base, incident_id, prefix)}"]
    )
    if claims:
        count = f"{len(claims)} undated claim{'s' if len(claims) != 1 else ''}"
        items = "\n".join(f"- {e.what(prefix)}" for e in claims)
        lines.append(indent(f'??? note "{count}"\n\n' + indent(items, "    "), "    "))
    return "\n\n".join(lines)


def _sections(base: FactBase, part: Part[_Entry]) -> list[str]:
    """The page's dated entries under a heading per year, then the undated by incident."""
    years: dict[str, list[_Entry]] = {}
    undated: dict[str, list[_Entry]] = {}
    for entry in part.entries:
        if entry.start is None:
            undated.setdefault(entry.order[1], []).append(entry)
        else:
            years.setdefault(str(entry.start.earliest.year), []).append(entry)
    body = []
    for year, entries in years.items():
        body.append(f"## {year}")
        body.append("\n".join(_dated_line(e, part.prefix) for e in entries))
    if undated:
        body.append("## Undated")
        body.append("Incidents and claims for which the sources give no date.")
        body += [
            _undated_block(base, incident_id, entries, part.prefix)
            for incident_id, entries in undated.items()
        ]
    return body


def timeline_pages(base: FactBase) -> Iterator[tuple[str, str]]:
    """The timeline, PER_PAGE entries a page, as (path under docs/, text)."""
    entries = _entries(base)
    dated = sorted((e for e in entries if e.start is not None), key=_sort_key)
    undated = sorted((e for e in entries if e.start is None), key=lambda e: e.order)
    return paged(
        PATH,
        "Timeline",
        lambda _: INTRO,
        dated + undated,
        PER_PAGE,
        "entries",
        lambda e: e.day,
        lambda part: _sections(base, part) if entries else ["Nothing recorded yet."],
    )
