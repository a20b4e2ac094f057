"""The list page of each record kind, and the home page."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from typing import TypeVar

from ..domain.model import Incident
from ..domain.vocab import IncidentKind, IncidentRole, Verdict
from ..factbase import FactBase
from .differences import denial_pairs, pair_lines
from .feed import feed_date, latest_changes
from .lead import reports_in_brief
from .links import actor_link, date_of, incident_link, label, place, source_link, start_of
from .notes import publisher_name
from .paging import Part, paged
from .text import date_text, md, page, table

# Rows a list page holds before it is split (see paging): about 200 KB of HTML a page.
INCIDENTS_PER_PAGE = 500
OTHERS_PER_PAGE = 1000

_R = TypeVar("_R")

# Roles shown in the incidents table: the parties an incident is about.
_KEY_ROLES = (
    IncidentRole.ALLEGED_PERPETRATOR,
    IncidentRole.PERPETRATOR,
    IncidentRole.TARGET,
    IncidentRole.VICTIM,
    IncidentRole.INVESTIGATOR,
)


def _incident_row(base: FactBase, incident: Incident, prefix: str) -> list[str]:
    actors = [actor_link(base, r.actor, prefix) for r in incident.actors if r.role in _KEY_ROLES]
    figures = [reports_in_brief(base, g) for g in base.measures[incident.id]]
    return [
        date_of(incident),
        incident_link(base, incident.id, prefix),
        place(incident.location),
        "<br>".join(figures),
        ", ".join(dict.fromkeys(actors)),
    ]


def _list_pages(
    path: str,
    name: str,
    intro: str,
    header: list[str],
    records: Sequence[_R],
    row: Callable[[_R], list[str]],
    per_page: int,
    label: Callable[[_R], str],
    noun: str,
) -> Iterator[tuple[str, str]]:
    """A list page of one record kind: a table, split every `per_page` rows (see paging)."""
    return paged(
        path,
        name,
        lambda _: intro,
        records,
        per_page,
        noun,
        label,
        lambda part: [table(header, [row(record) for record in part.entries])],
    )


# The incident list in three parts, so that a single strike is not lost among campaigns.
INCIDENT_GROUPS: tuple[tuple[str, tuple[IncidentKind, ...]], ...] = (
    (
        "Attacks and other single events",
        (IncidentKind.AIRSTRIKE, IncidentKind.INVESTIGATION, IncidentKind.OTHER),
    ),
    ("Campaigns and wars", (IncidentKind.AIR_CAMPAIGN, IncidentKind.ARMED_CONFLICT)),
    (
        "Reports, statements and resolutions",
        (
            IncidentKind.REPORT_PUBLICATION,
            IncidentKind.STATEMENT,
            IncidentKind.BRIEFING,
            IncidentKind.RESOLUTION,
        ),
    ),
)


def _group_of(incident: Incident) -> int:
    return next(
        (i for i, (_, kinds) in enumerate(INCIDENT_GROUPS) if incident.kind in kinds),
        0,
    )


def incident_list_pages(base: FactBase) -> Iterator[tuple[str, str]]:
    incidents = sorted(
        base.incidents.values(), key=lambda i: (_group_of(i), base.incident_sort_key(i))
    )
    header = ["Date", "Incident", "Place", "Key figures", "Actors"]

    def body(part: Part[Incident]) -> list[str]:
        blocks = []
        for number, (heading, _) in enumerate(INCIDENT_GROUPS):
            rows = [_incident_row(base, i, "../") for i in part.entries if _group_of(i) == number]
            if rows:
                blocks += [f"## {heading}", table(header, rows)]
        return blocks

    return paged(
        "incidents/index.md",
        "Incidents",
        lambda _: (
            f"{len(base.incidents)} incidents: single events first, then campaigns "
            "and wars, then reports, statements and resolutions, each earliest first. Key "
            "figures show each report as the source gave it, with who gave it."
        ),
        incidents,
        INCIDENTS_PER_PAGE,
        "incidents",
        start_of,
        body,
    )


def actor_list_pages(base: FactBase) -> Iterator[tuple[str, str]]:
    actors = sorted(base.actors.values(), key=lambda a: (a.name.casefold(), a.id))
    return _list_pages(
        "actors/index.md",
        "Actors",
        f"{len(base.actors)} people, organisations, governments, forces and media outlets.",
        ["Name", "Kind", "Incidents", "Statements and figures"],
        actors,
        lambda a: [
            actor_link(base, a.id, "../"),
            label(a.kind),
            str(len(base.roles_of.get(a.id, []))),
            str(len(base.claims_by.get(a.id, [])) + len(base.figures_by.get(a.id, []))),
        ],
        OTHERS_PER_PAGE,
        lambda a: md(a.name),
        "actors",
    )


def source_list_pages(base: FactBase) -> Iterator[tuple[str, str]]:
    return _list_pages(
        "sources/index.md",
        "Sources",
        f"{len(base.sources)} sources. An unknown publisher is shown as unknown: we never guess.",
        ["Title", "Publisher", "Published", "Kind", "Citations"],
        list(base.sources.values()),
        lambda s: [
            source_link(s, "../"),
            publisher_name(base, s.publisher),
            date_text(s.published),
            label(s.kind),
            str(len(base.uses.get(s.id, []))),
        ],
        OTHERS_PER_PAGE,
        lambda s: md(s.title),
        "sources",
    )


# Rows per table on the home page: readers on slow links open it first, so its weight must
# not grow with the corpus (at 10,000 incidents the full tables made it 2.4 MB of Markdown).
HOME_ROWS = 20

_T = TypeVar("_T")


def _most_reported(items: list[_T], reports: Callable[[_T], int]) -> list[_T]:
    """The HOME_ROWS items with the most reports, in their given order (ties: the earlier)."""
    if len(items) <= HOME_ROWS:
        return items
    ranked = sorted(range(len(items)), key=lambda n: (-reports(items[n]), n))[:HOME_ROWS]
    return [items[n] for n in sorted(ranked)]


def _shown_of(shown: list[_T], every: list[_T], most: str, of_what: str, where: str) -> str:
    """Say that a home-page table is cut, and where the whole list is; "" when it is whole."""
    if len(shown) == len(every):
        return ""
    return (
        f"Shown here: the {len(shown)} {most}, of {len(every):,} {of_what}. "
        f"All of them are {where}."
    )


def _latest_updates(base: FactBase) -> list[str]:
    """The home page's newest dated records; nothing at all while no record has a date."""
    latest = latest_changes(base, "")
    return ["## Latest updates", latest] if latest else []


def render_home(base: FactBase) -> str:
    disputed = [
        (inc, g)
        for inc in base.incidents.values()
        for g in base.measures[inc.id]
        if g.comparison.verdict != Verdict.AGREE and len(g.figures) > 1
    ]
    figures = sum(len(i.figures) for i in base.incidents.values())
    claims = sum(len(i.claims) for i in base.incidents.values())
    with_figures = [
        i
        for i in sorted(base.incidents.values(), key=base.incident_sort_key)
        if base.measures[i.id]
    ]
    top = _most_reported(with_figures, lambda i: sum(len(g.figures) for g in base.measures[i.id]))
    key_rows = [
        [
            incident_link(base, i.id, ""),
            "<br>".join(reports_in_brief(base, g) for g in base.measures[i.id]),
        ]
        for i in top
    ]
    shown_disputed = _most_reported(disputed, lambda pair: len(pair[1].figures))
    differ_rows = [
        [incident_link(base, inc.id, ""), reports_in_brief(base, g), str(len(g.figures))]
        for inc, g in shown_disputed
    ]
    return page(
        "Factsheet",
        [
            "# Who said what",
            "This site collects what published sources report about civilian harm from "
            "Russian air strikes in Syria in 2015, and keeps every figure and statement tied "
            "to who made it and where we read it. Where sources give different numbers, "
            "each is shown side by side with the range they allow together.",
            f"It holds {len(base.incidents)} [incidents](incidents/index.md), "
            f"{len(base.actors)} [actors](actors/index.md) and "
            f"{len(base.sources)} [sources](sources/index.md), with {figures} reported figures "
            f"and {claims} claims, also in date order on the [timeline](timeline.md) and "
            "as [downloadable data](data.md) (JSON and CSV). "
            "How we work: [methodology](methodology.md). When we get something wrong we "
            "say so on the page: see the [corrections policy](corrections.md)"
            + (
                ", and follow new and corrected records in the [Atom feed](feed.xml)."
                if feed_date(base)
                else "."
            ),
            *_latest_updates(base),
            "## Key figures",
            _shown_of(
                top,
                with_figures,
                "incidents with the most reported figures",
                "with figures",
                "in the [incident list](incidents/index.md)",
            ),
            table(["Incident", "Figures as reported, with who gave them"], key_rows)
            if key_rows
            else "No figures yet.",
            "## Where sources differ",
            "Every measure whose reports differ or conflict, with who said what, and every "
            "other difference between the sources we noted: "
            "[where sources differ](differences.md).",
            _shown_of(
                shown_disputed,
                disputed,
                "measures with the most reports",
                "whose reports differ",
                "on the [where sources differ](differences.md) page",
            ),
            table(["Incident", "Measure", "Reports"], differ_rows)
            if differ_rows
            else "All reports of each measure agree.",
            *_denials(base),
        ],
    )


HOME_PAIRS = 3  # denied claims shown on the home page; the rest are one click away


def _denials(base: FactBase) -> list[str]:
    """A few claims with the denial beside them, and how many more the other page holds."""
    pairs = [p for i in base.incidents.values() for p in denial_pairs(base, i)]
    if not pairs:
        return []
    shown = pairs[:HOME_PAIRS]
    more = len(pairs) - len(shown)
    return [
        "### Claims and the denials that answer them",
        pair_lines(base, shown, "", answers=2),
        f"{more} more on the [where sources differ](differences.md) page." if more else "",
    ]
