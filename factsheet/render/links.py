"""Links to other records and the short phrases pages share (claimant, outlet, date)."""

from __future__ import annotations

from ..domain.figures import MEASURE_LABELS, format_reported
from ..domain.model import UNKNOWN, Citation, DateSpan, Figure, Incident, Location, Source
from ..domain.origins import established, unestablished_sources
from ..domain.vocab import Verdict
from ..factbase import FactBase, MeasureReports
from .notes import publisher_name
from .text import date_text, link, md, precision_text


def actor_link(base: FactBase, actor_id: str, prefix: str, note: str | None = None) -> str:
    """The actor's name linked to its page, or 'unknown', with the record's caveat if any."""
    caveat = f" ({md(note)})" if note else ""
    if actor_id == UNKNOWN:
        return "unknown" + caveat
    return link(md(base.actors[actor_id].name), f"{prefix}actors/{actor_id}.md") + caveat


def origin_text(
    base: FactBase, citations: tuple[Citation, ...], claimant: str | None, column: bool = False
) -> str:
    """'origin: Amnesty International', or 'origin not established: relayed by RFI'.

    In an Origin column (`column`) the known origin is given by name alone.

    Only what origins.py establishes from the records is named; see the methodology page.
    """
    found = base.citation_origins(citations, claimant)
    known = established(found)
    unknown = unestablished_sources(found)
    parts = []
    if known:
        names = md(base.origin_names(known))
        parts.append(names if column else f"origin: {names}")
    if unknown:
        relayed = f"relayed by {md(base.outlet_names(unknown))}"
        parts.append(
            f"origin not established where {relayed}"
            if known
            else f"{'not established' if column else 'origin not established'}: {relayed}"
        )
    return "; ".join(parts)


def isolated(text: str) -> str:
    """Record text in its own bidirectional run, so its direction cannot reorder neighbours."""
    return f"<bdi>{md(text)}</bdi>"


def incident_link(base: FactBase, incident_id: str, prefix: str) -> str:
    return link(md(base.incidents[incident_id].title), f"{prefix}incidents/{incident_id}.md")


def date_of(incident: Incident) -> str:
    """An incident's date as list pages show it."""
    return when(incident.date) if incident.date else "not given"


def start_of(incident: Incident) -> str:
    """When an incident began, as the page lists of the date-ordered lists name it."""
    return date_text(incident.date.start) if incident.date else "undated"


def source_link(source: Source, prefix: str) -> str:
    return link(md(source.title), f"{prefix}sources/{source.id}.md")


def outlet(base: FactBase, source: Source, prefix: str) -> str:
    """'RFI (Russia airstrikes ...)' or 'unknown publisher (...)', linked to the source page."""
    return f"{publisher_name(base, source.publisher)} ({source_link(source, prefix)})"


def label(text: str) -> str:
    return text.replace("-", " ")


def measure_title(group: MeasureReports | Figure) -> str:
    name = MEASURE_LABELS[group.measure].capitalize()
    return f"{name}, {md(group.scope)}" if group.scope else name


def reported_value(fig: Figure) -> str:
    text = format_reported(fig.qualifier, fig.value, fig.low, fig.high)
    if fig.stated:
        text += f" (stated as “{md(fig.stated)}”)"
    return text


def when(span: DateSpan) -> str:
    """'29 November 2015', 'about November 2015', '30 September 2015 to 2016'."""
    text = date_text(span.start)
    if span.end:
        text += f" to {date_text(span.end)}"
    elif span.ongoing:
        text += " onwards (ongoing at the time of the sources)"
    return ("about " if span.approximate else "") + text


def date_span(span: DateSpan | None) -> str:
    if span is None:
        return "not given in the sources"
    text = when(span)
    precision = precision_text(span.start)
    return f"{text} (date {precision}{', approximate' if span.approximate else ''})"


def place(location: Location | None) -> str:
    if location is None:
        return "not given in the sources"
    # Each name isolated (<bdi>): two right-to-left names side by side would otherwise be
    # read as one run and swap places ("place, province" shown as "province ,place").
    parts = [
        isolated(location.place) if location.place else None,
        f"{isolated(location.province)} province" if location.province else None,
        isolated(location.country),
    ]
    text = ", ".join(p for p in parts if p)
    if location.coordinates:
        c = location.coordinates
        text += f" (coordinates {md(c.lat)}, {md(c.lon)}, precise to the {md(c.precision)})"
    return text


GLOSSARY = "methodology.md#words-we-use"


def verdict_sentence(group: MeasureReports, prefix: str = "../") -> str:
    """How the reports compare, in plain words, with our computed range labelled as ours."""
    comp = group.comparison
    count = len(group.figures)
    consistent = link("consistent", f"{prefix}{GLOSSARY}")
    if count == 1:
        return "One report."
    if comp.verdict == Verdict.AGREE:
        return f"**The {count} reports agree.**"
    if comp.verdict == Verdict.DIFFER:
        assert comp.allowed is not None
        return (
            f"**The {count} reports are {consistent}**: worded differently, they can all be "
            f"true. A number that fits all of them (our reading): {comp.allowed.human()}."
        )
    conflicting = link("conflict", f"{prefix}{GLOSSARY}")
    return (
        f"**The {count} reports {conflicting}**: no single number fits all of them. "
        f"They run from {comp.span.low:,} to "
        + (f"{comp.span.high:,}." if comp.span.high is not None else "no stated upper limit.")
    )
