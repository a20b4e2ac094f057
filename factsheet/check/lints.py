"""Domain rules beyond shape: what the records say must make sense together.

Each rule reads the records and calls `report(record id, field path, message,
hint)` for every violation; validate.py runs them after the reference checks.
"""

from __future__ import annotations

from collections.abc import Callable
from itertools import combinations

from ..domain.dates import PartialDate, certainly_before, try_parse_date
from ..domain.figures import BREAKDOWN_OF, MEASURE_LABELS
from ..domain.model import Figure, Incident, all_citations
from ..load.collect import Collection
from ..problems import FieldPath
from .dates import check_change_dates

Report = Callable[[str, FieldPath, str, str], None]


def _start(incident: Incident) -> PartialDate | None:
    return try_parse_date(incident.date.start) if incident.date else None


def check_breakdowns(facts: Collection, report: Report) -> None:
    """A breakdown (children killed) may not exceed its total in the same source and scope."""
    for incident in facts.incidents.values():
        for part in incident.figures:
            totals = BREAKDOWN_OF.get(part.measure, ())
            for total in incident.figures:
                if total.measure not in totals or total.scope != part.scope:
                    continue
                shared = {c.source for c in part.citations} & {c.source for c in total.citations}
                high = total.interval.high
                if shared and high is not None and part.interval.low > high:
                    report(
                        incident.id,
                        ("figures", part.index),
                        f"{MEASURE_LABELS[part.measure]} ({part.interval.human()}) is more "
                        f"than the {MEASURE_LABELS[total.measure]} ({high:,}) in the same "
                        f"source",
                        "check both numbers against the source",
                    )


def check_source_dates(facts: Collection, report: Report) -> None:
    """A source cannot report an incident that started after it was published."""
    for incident in facts.incidents.values():
        start = _start(incident)
        if start is None:
            continue
        for citation in _incident_citations(incident):
            source = facts.sources.get(citation[1])
            published = try_parse_date(source.published) if source else None
            if published and certainly_before(published, start):
                report(
                    incident.id,
                    citation[0],
                    f"cites {citation[1]}, published {published.text}, before the incident "
                    f"started ({start.text})",
                    "check the incident's date and the source's",
                )


def _incident_citations(incident: Incident) -> list[tuple[FieldPath, str]]:
    return [((*c.path, "source"), c.source) for c in all_citations(incident)]


def check_claim_dates(facts: Collection, report: Report) -> None:
    """A claim about an incident cannot be made before the incident began."""
    for incident in facts.incidents.values():
        start = _start(incident)
        for claim in incident.claims:
            said = try_parse_date(claim.said)
            if start and said and certainly_before(said, start):
                report(
                    incident.id,
                    ("claims", claim.index, "said"),
                    f"the claim is dated {said.text}, before the incident started ({start.text})",
                    "check the date, or move the claim to the incident it is about",
                )


def check_speaker_roles(facts: Collection, report: Report) -> None:
    """When a speaker's roles are dated, one must cover the date of the statement."""
    for incident in facts.incidents.values():
        for claim in incident.claims:
            actor = facts.actors.get(claim.claimant)
            said = try_parse_date(claim.said)
            dated = [a for a in actor.affiliations if a.start or a.end] if actor else []
            if not said or not actor or not dated or len(dated) != len(actor.affiliations):
                continue
            if not any(_covers(a.start, a.end, said) for a in dated):
                roles = "; ".join(f"{a.role} ({a.start or '…'} to {a.end or '…'})" for a in dated)
                report(
                    incident.id,
                    ("claims", claim.index, "said"),
                    f"{actor.name} held no recorded role on {said.text} (roles: {roles})",
                    f"check the date, or the affiliation dates in {actor.file}",
                )


def _covers(start: str | None, end: str | None, day: PartialDate) -> bool:
    first, last = try_parse_date(start), try_parse_date(end)
    return not (first and certainly_before(day, first)) and not (
        last and certainly_before(last, day)
    )


def _same_report(a: Figure, b: Figure) -> bool:
    return (a.key, a.qualifier, a.value, a.low, a.high, a.claimant, a.as_of) == (
        b.key,
        b.qualifier,
        b.value,
        b.low,
        b.high,
        b.claimant,
        b.as_of,
    )


def check_duplicate_figures(facts: Collection, report: Report) -> None:
    """The same figure from the same source, entered twice."""
    for incident in facts.incidents.values():
        for a, b in combinations(incident.figures, 2):
            shared = {c.source for c in a.citations} & {c.source for c in b.citations}
            if shared and _same_report(a, b):
                report(
                    incident.id,
                    ("figures", b.index),
                    f"repeats figures[{a.index}] from the same source "
                    f"({', '.join(sorted(shared))})",
                    "delete one of the two, or add the second citation to the first",
                )


RULES = (
    check_breakdowns,
    check_source_dates,
    check_claim_dates,
    check_speaker_roles,
    check_duplicate_figures,
    check_change_dates,
)
