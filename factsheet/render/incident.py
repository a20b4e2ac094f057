"""The page of one incident: when, where, who, who said what, claims and responses."""

from __future__ import annotations

from textwrap import indent

from ..domain.grading import STATUS_LABELS, WHOLE, Grade
from ..domain.model import Claim, DateSpan, Incident, Location, all_citations
from ..factbase import FactBase
from .changes import currency_blocks
from .citeline import cite_block
from .jsonld import incident_meta
from .lead import lead_box
from .links import actor_link, date_span, incident_link, label, origin_text, place
from .notes import Footnotes
from .tags import incident_tags
from .text import date_text, first_upper, md, page, table
from .whosaid import TABLE_INTRO, discrepancy_list, measure_section

PREFIX = "../"


def _annotated(text: str, part: DateSpan | Location | None, notes: Footnotes) -> str:
    """A date or place followed by its citations and its note."""
    if part is None:
        return text
    text += notes.refs(part.citations)
    if part.note:
        text += " (see [About the date and place](#about-the-date-and-place))"
    return text


def _facts_block(base: FactBase, incident: Incident, notes: Footnotes) -> str:
    """Kind, when, where and what it is part of, in four short lines (notes come later)."""
    lines = [f"**Kind:** {label(incident.kind)}"]
    lines.append(f"**When:** {_annotated(date_span(incident.date), incident.date, notes)}")
    lines.append(f"**Where:** {_annotated(place(incident.location), incident.location, notes)}")
    if incident.parent:
        lines.append(f"**Part of:** {incident_link(base, incident.parent, PREFIX)}")
    return "  \n".join(lines)


def _details_block(incident: Incident) -> str:
    """The editors' notes on the date and the place, under their own heading."""
    parts = [
        f"**{name}:** {md(part.note)}"
        for name, part in (("Date", incident.date), ("Place", incident.location))
        if part is not None and part.note
    ]
    return "## About the date and place\n\n" + "\n\n".join(parts) if parts else ""


def _summary_block(base: FactBase, incident: Incident, notes: Footnotes) -> str:
    """The summary in our words, then the outlets it rests on, so no sentence stands unsourced."""
    summary = incident.summary
    outlets = base.outlet_names(tuple(dict.fromkeys(c.source for c in summary.citations)))
    return (
        f"## Summary\n\n{md(summary.text)}{notes.refs(summary.citations)}\n\n"
        f"*Based on: {md(outlets)}.*"
    )


def _actors_block(base: FactBase, incident: Incident, notes: Footnotes) -> str:
    if not incident.actors:
        return ""
    rows = [
        [
            actor_link(base, role.actor, PREFIX),
            label(role.role),
            (md(role.note) if role.note else "") + notes.refs(role.citations),
        ]
        for role in incident.actors
    ]
    return "## Actors and roles\n\n" + table(["Actor", "Role", "Note and sources"], rows)


def _reason(result: Grade) -> str:
    """The one rule that decided a status, in a line: 'Russian Defence Ministry denies'."""
    return md(result.decided_by.detail)


def _trace_table(result: Grade) -> str:
    rows = [[r.rule, r.question, "yes" if r.met else "no", md(r.detail)] for r in result.trace]
    return table(["Rule", "Question", "Met", "Why"], rows)


def _status_block(base: FactBase, incident: Incident) -> str:
    whole = base.grades[incident.id]
    questions = base.questions[incident.id]
    lines = ["## Status"]
    if questions:
        lines.append("What the sources establish, question by question:")
        rows = [
            [first_upper(md(q.subject.about)), STATUS_LABELS[q.status], _reason(q)]
            for q in questions
        ]
        lines.append(table(["Question", "Status", "Why"], rows))
    overall = f"**Overall: {STATUS_LABELS[whole.status]}.** {_reason(whole)}."
    if whole.override_reason is not None:
        overall = (
            f"**Overall: {STATUS_LABELS[whole.status]}.** An editor set this status. "
            f"Reason: {md(whole.override_reason)} "
            f"The rules below give: {STATUS_LABELS[whole.computed]}."
        )
    lines.append(overall)
    traces = [f"**{first_upper(WHOLE)}**", _trace_table(whole)]
    for q in questions:
        traces += [f"**{first_upper(md(q.subject.about))}**", _trace_table(q)]
    folded = (
        "Each status comes from the rules on the "
        "[methodology page](../methodology.md#incident-status), asked in order; "
        "the first rule met decides.\n\n" + "\n\n".join(traces)
    )
    lines.append('??? note "How the rules decided"\n\n' + indent(folded, "    "))
    return "\n\n".join(lines)


def _figures_block(base: FactBase, incident: Incident, notes: Footnotes) -> str:
    groups = base.measures[incident.id]
    if not groups:
        return ""
    parts = ["## Figures: who said what", TABLE_INTRO]
    for group in groups:
        parts += measure_section(base, group, notes, PREFIX, anchors=True)
    return "\n\n".join(parts)


def _claim_line(base: FactBase, claim: Claim, notes: Footnotes, here: str) -> str:
    who = actor_link(base, claim.claimant, PREFIX, claim.claimant_note)
    when = f" ({date_text(claim.said)})" if claim.said else ""
    target = "" if claim.incident == here else f"{claim.incident}.md"
    anchor = f"[{label(claim.stance)}]({target}#claim-{claim.id})"
    return f"{who} {anchor}{when}: {md(claim.text)}{notes.refs(claim.citations)}"


def _claims_block(base: FactBase, incident: Incident, notes: Footnotes) -> str:
    if not incident.claims:
        return ""
    items = []
    for claim in incident.claims:
        item = (
            f'- <a id="claim-{claim.id}"></a>'
            + _claim_line(base, claim, notes, incident.id)
            + f" *({origin_text(base, claim.citations, claim.claimant)})*"
        )
        if claim.responds_to in base.claims:
            answered = base.claims[claim.responds_to]
            item += "\n    - In response to: " + _claim_line(base, answered, notes, incident.id)
        for response in base.responses.get(claim.id, []):
            item += "\n    - Response: " + _claim_line(base, response, notes, incident.id)
        items.append(item)
    return "## Claims and responses\n\n" + "\n".join(items)


def _discrepancies_block(incident: Incident, notes: Footnotes) -> str:
    if not incident.discrepancies:
        return ""
    return "## Where the sources differ\n\n" + discrepancy_list(incident, notes)


def _children_block(base: FactBase, incident: Incident) -> str:
    children = base.children.get(incident.id, [])
    if not children:
        return ""
    items = [
        f"- {incident_link(base, child.id, PREFIX)} ({date_span(child.date)})" for child in children
    ]
    return "## Incidents within this one\n\n" + "\n".join(items)


def render_incident(base: FactBase, incident: Incident) -> str:
    notes = Footnotes(base, PREFIX)
    body = [
        f"# {md(incident.title)}",
        lead_box(base, incident, PREFIX),
        _facts_block(base, incident, notes),
        *currency_blocks(incident, notes, PREFIX),
        _summary_block(base, incident, notes),
        _figures_block(base, incident, notes),
        _claims_block(base, incident, notes),
        _discrepancies_block(incident, notes),
        _status_block(base, incident),
        _actors_block(base, incident, notes),
        _details_block(incident),
        _children_block(base, incident),
        cite_block(base, incident),
        ("## Notes\n\n" + md(incident.notes)) if incident.notes else "",
        notes.definitions(),
    ]
    meta = {
        **incident_meta(base, incident, all_citations(incident)),
        "tags": incident_tags(incident),
    }
    return page(incident.title, body, meta)
