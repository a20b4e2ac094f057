"""The lead box: an incident's answer in plain words, first on its page.

Each measure's reports with claimant and outlet ("49 civilians killed, according to
Amnesty International (reported by RFI and one article of unknown publisher)"), how
the other reports compare with the first, the accused side's response, and the status
in one line. Every name in it comes from a record field; nothing is computed into a
figure nobody reported.
"""

from __future__ import annotations

from textwrap import indent

from ..domain.figures import MEASURE_LABELS, compare
from ..domain.grading import ASSERTING, CONFIRMING, DENYING, STATUS_LABELS, Grade, accused_party
from ..domain.model import UNKNOWN, Claim, Figure, Incident
from ..domain.vocab import Stance, Verdict
from ..factbase import FactBase, MeasureReports
from .links import actor_link, label, reported_value
from .text import first_upper, md

# Different words for the same range ("hundreds", "at least 200") are consistent, not the same.
RELATION: dict[Verdict, str] = {
    Verdict.AGREE: "consistent with it",
    Verdict.DIFFER: "consistent with it",
    Verdict.CONFLICT: "conflicting",
}


# The lead box is short: a record's caveat on who said something stands in full beside the
# figure or claim further down the page, and the lead box points to it.
CAVEAT_POINTER = " (see the note on who said it below)"


def and_list(items: list[str]) -> str:
    """'A', 'A and B', 'A, B and C'."""
    if len(items) < 2:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def _outlets(base: FactBase, figures: list[Figure]) -> str:
    sources = tuple(dict.fromkeys(c.source for f in figures for c in f.citations))
    return and_list(md(base.outlet_names(sources)).split("; "))


def _as_reported(fig: Figure) -> str:
    """The source's own words when recorded ('“hundreds”'), else the number as given."""
    return f"“{md(fig.stated)}”" if fig.stated else reported_value(fig)


def _according_to(base: FactBase, fig: Figure, prefix: str) -> str:
    """'according to Amnesty International', flagged when the record has a caveat on it."""
    if fig.claimant == UNKNOWN:
        return "with no one named as its source"
    name = actor_link(base, fig.claimant, prefix)
    return f"according to {name}" + (CAVEAT_POINTER if fig.claimant_note else "")


def _reach(figures: list[Figure]) -> int:
    """Minus the number of outlets carrying a report, to sort the widest first."""
    return -len({c.source for f in figures for c in f.citations})


def _reports(group: MeasureReports) -> list[list[Figure]]:
    """Figures giving the same number from the same claimant, as one report each."""
    reports: dict[tuple[str, str], list[Figure]] = {}
    for fig in group.figures:
        reports.setdefault((reported_value(fig), fig.claimant), []).append(fig)
    # the report most outlets carry first; ties keep the records' order
    return sorted(reports.values(), key=_reach)


def reports_in_brief(base: FactBase, group: MeasureReports) -> str:
    """'civilians killed: 49 (Amnesty International); “more than 40” (no one named), consistent'.

    For lists: each report as given with its claimant, never a range we computed.
    """
    what = MEASURE_LABELS[group.measure] + (f" ({md(group.scope)})" if group.scope else "")
    parts = []
    for figs in _reports(group):
        fig = figs[0]
        who = "no one named" if fig.claimant == UNKNOWN else md(base.actors[fig.claimant].name)
        parts.append(f"{_as_reported(fig)} ({who})")
    text = f"{what}: " + "; ".join(parts)
    if len(parts) > 1:
        text += ", conflicting" if group.comparison.verdict == Verdict.CONFLICT else ", consistent"
    return text


def _measure_line(base: FactBase, group: MeasureReports, prefix: str) -> str:
    reports = _reports(group)
    first = reports[0][0]
    what = MEASURE_LABELS[group.measure] + (f", {md(group.scope)}" if group.scope else "")
    line = (
        f"**{first_upper(what)}: {_as_reported(first)}**, "
        f"{_according_to(base, first, prefix)} "
        f"(reported by {_outlets(base, reports[0])})."
    )
    for figs in reports[1:]:
        fig = figs[0]
        relation = compare([first.interval, fig.interval]).verdict
        line += (
            f" {first_upper(_outlets(base, figs))}: {_as_reported(fig)}, "
            f"{_according_to(base, fig, prefix)}, {RELATION[relation]}."
        )
    return line


def _claim_ref(base: FactBase, claim: Claim, here: str, prefix: str) -> str:
    target = "" if claim.incident == here else f"{claim.incident}.md"
    if claim.claimant == UNKNOWN:
        who = "An unnamed speaker"
    else:  # the caveat itself stands beside the claim below: here, a pointer to it
        who = actor_link(base, claim.claimant, prefix)
        who += CAVEAT_POINTER if claim.claimant_note else ""
    return f"{who} [{label(claim.stance)}]({target}#claim-{claim.id}): {md(claim.text)}"


def _responses(base: FactBase, incident: Incident, prefix: str) -> list[str]:
    """The accused side's denials and confirmations, here and on the wider incidents."""
    party = accused_party(base.affiliations, incident)
    if not party:
        return []
    answering = CONFIRMING + DENYING
    here = [c for c in incident.claims if c.claimant in party and c.stance in answering]
    for claim in incident.claims:
        here += [
            r
            for r in base.responses.get(claim.id, [])
            if r.claimant in party and r.stance in answering and r not in here
        ]
    lines = [_claim_ref(base, c, incident.id, prefix) for c in here[:3]]
    if len(here) > 3:
        lines.append(f"{len(here) - 3} more under “Claims and responses” below")
    parent = base.incidents.get(incident.parent) if incident.parent else None
    if parent is not None:
        wider = [c for c in parent.claims if c.claimant in party and c.stance in DENYING]
        # first the denials answering someone who speaks here too (the report's author)
        speakers = {f.claimant for f in incident.figures} | {c.claimant for c in incident.claims}
        speakers.discard(UNKNOWN)
        wider.sort(
            key=lambda c: (
                c.stance != Stance.DISMISSES,
                _answered_claimant(base, c) not in speakers,
            )
        )
        if wider:
            lines.append(
                f"on {md(parent.title)} as a whole: "
                + _claim_ref(base, wider[0], incident.id, prefix)
                + (f" ({len(wider) - 1} more there)" if len(wider) > 1 else "")
            )
    if not lines:
        return ["No response from the accused side is recorded."]
    return [_sentence("The accused side: " + lines[0])] + [
        _sentence(f"Also {x}") for x in lines[1:]
    ]


def _sentence(text: str) -> str:
    """End with one full stop, whether or not the record text already has one (escaped)."""
    return text if text.endswith(("&#46;", ".", ")")) else text + "."


def _answered_claimant(base: FactBase, claim: Claim) -> str | None:
    answered = base.claims.get(claim.responds_to) if claim.responds_to else None
    return answered.claimant if answered else None


def _status_line(grade: Grade) -> str:
    reason = grade.decided_by.detail.split(". Not counted:", 1)[0]  # the trace has it all
    return (
        f"**Status: {STATUS_LABELS[grade.status]}** ({md(reason)}). "
        "[How we decide](../methodology.md#incident-status)"
    )


def lead_box(base: FactBase, incident: Incident, prefix: str) -> str:
    """The '!!! abstract' box that opens an incident page."""
    lines = [_measure_line(base, g, prefix) for g in base.measures[incident.id]]
    if not lines:
        allegation = next((c for c in incident.claims if c.stance in ASSERTING), None)
        lines.append(
            _claim_ref(base, allegation, incident.id, prefix) + "."
            if allegation
            else "No figures or allegations are recorded for this incident."
        )
    lines += _responses(base, incident, prefix)
    lines.append(_status_line(base.grades[incident.id]))
    return '!!! abstract "In short"\n\n' + indent("\n\n".join(lines), "    ")
