"""The "where sources differ" page: every measure whose reports differ or conflict, every
claim with the denials answering it, and every discrepancy an editor recorded, incident by
incident."""

from __future__ import annotations

from collections.abc import Iterator

from ..domain.grading import DENYING
from ..domain.model import Claim, Incident
from ..domain.vocab import Verdict
from ..factbase import FactBase, MeasureReports
from .links import actor_link, incident_link, label, start_of
from .notes import Footnotes
from .paging import Part, paged
from .text import md
from .whosaid import TABLE_INTRO, discrepancy_list, measure_section

PATH = "differences.md"
PER_PAGE = 50  # incidents: about 300 KB of HTML a page (their tables and footnotes)
SHOWN = (Verdict.DIFFER, Verdict.CONFLICT)
METHOD = "methodology.md#comparing-reports-of-the-same-measure"
INTRO = (
    "Every figure whose reports do not all say the same thing, every claim beside the "
    "denial that answers it, and every other difference between sources that we noted, "
    "incident by incident. Reports that differ can still "
    "all be true together (49 and more than 40); reports that conflict cannot. How "
    "figures are compared is explained on the "
)


def differing(base: FactBase, incident: Incident) -> list[MeasureReports]:
    """The measures of an incident whose reports do not all allow the same range."""
    return [g for g in base.measures[incident.id] if g.comparison.verdict in SHOWN]


def denial_pairs(base: FactBase, incident: Incident) -> list[tuple[Claim, list[Claim]]]:
    """Each of the incident's claims that is denied or disputed, with the answers to it."""
    pairs = []
    for claim in incident.claims:
        answers = [r for r in base.responses.get(claim.id, []) if r.stance in DENYING]
        if answers:
            pairs.append((claim, answers))
    return pairs


def pair_lines(
    base: FactBase, pairs: list[tuple[Claim, list[Claim]]], prefix: str, answers: int = 0
) -> str:
    """Each claim with the denials beside it (the first `answers` of them, if given)."""

    def one(claim: Claim) -> str:
        who = actor_link(base, claim.claimant, prefix, claim.claimant_note)
        anchor = f"{prefix}incidents/{claim.incident}.md#claim-{claim.id}"
        outlets = md(base.outlet_names(tuple(dict.fromkeys(c.source for c in claim.citations))))
        return (
            f"{who} [{label(claim.stance)}]({anchor}): {md(claim.text)} *(reported by {outlets})*"
        )

    items = []
    for claim, responses in pairs:
        shown = responses[:answers] if answers else responses
        lines = [f"- **Said:** {one(claim)}"]
        lines += [f"    - **Answer:** {one(response)}" for response in shown]
        if len(shown) < len(responses):
            more = len(responses) - len(shown)
            lines.append(f"    - and {more} more answer{'s' if more != 1 else ''}")
        items.append("\n".join(lines))
    return "\n".join(items)


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
    pairs = denial_pairs(base, incident)
    if pairs:
        parts += ["### Claims and the denials that answer them", pair_lines(base, pairs, prefix)]
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
        if differing(base, incident) or incident.discrepancies or denial_pairs(base, incident)
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
