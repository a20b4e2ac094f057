"""The fact base: every record with its references resolved both ways and its figures compared.

Render reads only this; it never searches records itself. All lists are sorted
so that the pages do not depend on the order files were found in.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from .collect import Collection
from .dates import try_parse_date
from .figures import Comparison, compare
from .grading import ASSERTING, Grade, GradingInput, grade
from .model import Actor, Affiliation, Citation, Claim, Figure, Incident, Record, Role, Source
from .origins import origins_of, source_origins
from .verify import QuoteStatus


@dataclass(frozen=True, slots=True)
class MeasureReports:
    """All reports of one measure (and scope) in one incident, and how they compare."""

    measure: str
    scope: str | None
    figures: tuple[Figure, ...]
    comparison: Comparison


@dataclass(frozen=True, slots=True)
class Use:
    """One place a source is cited: which record, which part of it, and the citation."""

    record_kind: str
    record_id: str
    part: str
    citation: Citation


@dataclass
class FactBase:
    sources: dict[str, Source]
    actors: dict[str, Actor]
    incidents: dict[str, Incident]
    claims: dict[str, Claim] = field(default_factory=dict)
    responses: dict[str, list[Claim]] = field(default_factory=lambda: defaultdict(list))
    children: dict[str, list[Incident]] = field(default_factory=lambda: defaultdict(list))
    roles_of: dict[str, list[tuple[Incident, Role]]] = field(
        default_factory=lambda: defaultdict(list)
    )
    claims_by: dict[str, list[Claim]] = field(default_factory=lambda: defaultdict(list))
    figures_by: dict[str, list[tuple[Incident, Figure]]] = field(
        default_factory=lambda: defaultdict(list)
    )
    members: dict[str, list[tuple[Actor, Affiliation]]] = field(
        default_factory=lambda: defaultdict(list)
    )
    published_by: dict[str, list[Source]] = field(default_factory=lambda: defaultdict(list))
    uses: dict[str, list[Use]] = field(default_factory=lambda: defaultdict(list))
    mentioned_in: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    measures: dict[str, list[MeasureReports]] = field(default_factory=dict)
    origins: dict[str, frozenset[str]] = field(default_factory=dict)  # by source id
    grades: dict[str, Grade] = field(default_factory=dict)
    quote_status: dict[tuple[str, str], QuoteStatus] = field(default_factory=dict)
    # Render's memo of text derived from this base alone that recurs on many pages (a
    # footnote is repeated on every page citing the same passage). The base is not changed
    # after link(), so an entry never goes stale, and it goes away with the base: nothing
    # carries over to a build of other records.
    render_memo: dict[tuple[str, ...], str] = field(
        default_factory=dict, compare=False, repr=False
    )

    def origins_of(
        self, citations: tuple[Citation, ...], claimant: str | None = None
    ) -> frozenset[str]:
        return origins_of(citations, self.origins, self.sources, claimant)

    def records(self) -> list[Record]:
        """Every record: sources, then actors, then incidents."""
        return [*self.sources.values(), *self.actors.values(), *self.incidents.values()]

    def origin_names(self, origins: frozenset[str]) -> str:
        """'Amnesty International; RFI article ...' in a stable order."""
        names = []
        for origin in sorted(origins):
            if origin in self.actors:
                names.append(self.actors[origin].name)
            elif origin in self.sources:
                names.append(self.sources[origin].title)
            else:
                names.append(origin)
        return "; ".join(names)

    def incident_sort_key(self, incident: Incident) -> tuple[str, str]:
        """Chronological, undated last, then by id."""
        start = try_parse_date(incident.date.start) if incident.date else None
        return (start.earliest.isoformat() if start else "9999", incident.id)

    def outlet_of(self, citation: Citation) -> Source:
        return self.sources[citation.source]


def _compare_figures(incident: Incident) -> list[MeasureReports]:
    groups: dict[tuple[str, str], list[Figure]] = defaultdict(list)
    for fig in incident.figures:
        groups[fig.key].append(fig)
    return [
        MeasureReports(measure, scope or None, tuple(figs), compare([f.interval for f in figs]))
        for (measure, scope), figs in sorted(groups.items())
    ]


def _record_uses(
    base: FactBase,
    kind: str,
    record_id: str,
    part: str,
    citations: tuple[Citation, ...],
    actors: tuple[str, ...] = (),
) -> None:
    for citation in citations:
        base.uses[citation.source].append(Use(kind, record_id, part, citation))
        for actor in actors:
            base.mentioned_in[actor].add(citation.source)


def _grade(base: FactBase, incident: Incident) -> Grade:
    conflicting = tuple(
        g.measure for g in base.measures[incident.id] if g.comparison.verdict == "conflict"
    )
    # Only what asserts the incident corroborates it: not denials, calls or warnings.
    asserting = [(c.citations, c.claimant) for c in incident.claims if c.stance in ASSERTING]
    facts = [(f.citations, f.claimant) for f in incident.figures] + asserting
    origins: frozenset[str] = frozenset().union(*(base.origins_of(*fact) for fact in facts))
    return grade(GradingInput(incident, base.actors, conflicting, origins, base.origin_names))


def link(
    facts: Collection, quote_status: dict[tuple[str, str], QuoteStatus] | None = None
) -> FactBase:
    """Resolve every reference both ways. Assumes validation found no problem."""
    base = FactBase(
        sources=dict(sorted(facts.sources.items())),
        actors=dict(sorted(facts.actors.items())),
        incidents=dict(sorted(facts.incidents.items())),
        quote_status=quote_status or {},
    )
    base.origins = source_origins(base.sources)
    for source in base.sources.values():
        base.published_by[source.publisher].append(source)
    for actor in base.actors.values():
        _record_uses(
            base, "actor", actor.id, "description", actor.description.citations, (actor.id,)
        )
        for aff in actor.affiliations:
            base.members[aff.actor].append((actor, aff))
            _record_uses(
                base, "actor", actor.id, f"role: {aff.role}", aff.citations, (actor.id, aff.actor)
            )
    for incident in base.incidents.values():
        iid = incident.id
        if incident.parent:
            base.children[incident.parent].append(incident)
        base.measures[iid] = _compare_figures(incident)
        if incident.date:
            _record_uses(base, "incident", iid, "date", incident.date.citations)
        if incident.location:
            _record_uses(base, "incident", iid, "place", incident.location.citations)
        _record_uses(base, "incident", iid, "summary", incident.summary.citations)
        for role in incident.actors:
            base.roles_of[role.actor].append((incident, role))
            _record_uses(base, "incident", iid, f"role: {role.role}", role.citations, (role.actor,))
        for fig in incident.figures:
            base.figures_by[fig.claimant].append((incident, fig))
            _record_uses(
                base, "incident", iid, f"figure: {fig.measure}", fig.citations, (fig.claimant,)
            )
        for claim in incident.claims:
            base.claims[claim.id] = claim
            base.claims_by[claim.claimant].append(claim)
            _record_uses(
                base, "incident", iid, f"claim: {claim.id}", claim.citations, (claim.claimant,)
            )
        for i, disc in enumerate(incident.discrepancies):
            _record_uses(base, "incident", iid, f"discrepancy {i + 1}", disc.citations)
    for claim in base.claims.values():
        if claim.responds_to:
            base.responses[claim.responds_to].append(claim)
    for children in base.children.values():
        children.sort(key=base.incident_sort_key)
    for incident in base.incidents.values():
        base.grades[incident.id] = _grade(base, incident)
    return base
