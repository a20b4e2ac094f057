"""The fact base: every record with its references resolved both ways and its figures compared.

Render reads only this; it never searches records itself. All lists are sorted
so that the pages do not depend on the order files were found in.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from functools import cached_property, partial
from typing import TypeVar

from .check.verify import QuoteStatus
from .domain.dates import try_parse_date
from .domain.figures import MEASURE_LABELS, Comparison, compare
from .domain.grading import (
    ASSERTING,
    CONFIRMING,
    DENYING,
    WHOLE,
    Grade,
    GradingInput,
    Subject,
    accused_party,
    grade,
)
from .domain.independence import Affiliations, OriginBodies
from .domain.model import (
    UNKNOWN,
    Actor,
    Affiliation,
    Citation,
    Claim,
    Figure,
    Incident,
    Record,
    Role,
    Source,
    Withdrawn,
)
from .domain.origins import (
    CitationOrigin,
    citation_origin,
    established,
    source_origins,
    unestablished_sources,
)
from .domain.vocab import Measure, RecordKind, Status, Verdict
from .load.collect import Collection


@dataclass(frozen=True, slots=True)
class MeasureReports:
    """All reports of one measure (and scope) in one incident, and how they compare."""

    incident: str
    measure: Measure
    scope: str | None
    figures: tuple[Figure, ...]
    comparison: Comparison


@dataclass(frozen=True, slots=True)
class Use:
    """One place a source is cited: which record, which part of it, and the citation."""

    record_kind: RecordKind
    record_id: str
    part: str
    citation: Citation


K = TypeVar("K")
V = TypeVar("V")


class Finished(dict[K, V]):
    """A finished index: a key with no entry reads as empty and is not added.

    link() builds the indexes as defaultdicts; a render reading one for a record with no
    entry must not insert one (renders are pure, and may run in any order).
    """

    def __init__(self, entries: Mapping[K, V], empty: Callable[[], V]) -> None:
        super().__init__(entries)
        self._empty = empty

    def __missing__(self, key: K) -> V:
        return self._empty()


# FactBase's indexes that link() fills by key, each read as empty for a key it lacks.
_INDEXES = (
    "responses",
    "children",
    "roles_of",
    "claims_by",
    "figures_by",
    "members",
    "published_by",
    "uses",
    "mentioned_in",
)


@dataclass(eq=False)  # compared and hashed by identity: render keeps a memo per fact base
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
    origins: dict[str, frozenset[str]] = field(default_factory=dict)  # what each source relays
    grades: dict[str, Grade] = field(default_factory=dict)  # the incident as a whole
    questions: dict[str, tuple[Grade, ...]] = field(default_factory=dict)  # each question in it
    quote_status: dict[tuple[str, str], QuoteStatus] = field(default_factory=dict)
    withdrawn: dict[str, Withdrawn] = field(default_factory=dict)  # pages that say why only

    def _finish(self) -> None:
        """End of link(): the indexes stop growing, so reading them cannot change the base."""
        for name in _INDEXES:
            index = getattr(self, name)
            setattr(self, name, Finished(index, index.default_factory))

    @cached_property
    def affiliations(self) -> Affiliations:
        """Every actor's top-level bodies, worked out once per fact base."""
        return Affiliations(self.actors)

    @cached_property
    def bodies(self) -> OriginBodies:
        """Which top-level bodies an origin belongs to, for counting independent origins."""
        return OriginBodies(self.affiliations, self.sources, self.origins)

    def citation_origins(
        self, citations: tuple[Citation, ...], claimant: str | None
    ) -> tuple[CitationOrigin, ...]:
        """Each citation's origin by the rules of origins.py, or 'not established'."""
        return tuple(citation_origin(c, claimant, self.sources, self.origins) for c in citations)

    def origins_of(
        self, citations: tuple[Citation, ...], claimant: str | None = None
    ) -> frozenset[str]:
        """The established origins of a statement (the unknown ones add nothing)."""
        return established(self.citation_origins(citations, claimant))

    def outlet_names(self, source_ids: tuple[str, ...]) -> str:
        """'RFI; one article of unknown publisher' for the sources given."""
        named: dict[str, None] = {}
        unknown = 0
        for source_id in source_ids:
            publisher = self.sources[source_id].publisher
            if publisher == UNKNOWN or publisher not in self.actors:
                unknown += 1
            else:
                named[self.actors[publisher].name] = None
        parts = list(named)
        if unknown:
            parts.append(
                "one article of unknown publisher"
                if unknown == 1
                else f"{unknown} articles of unknown publisher"
            )
        return "; ".join(parts)

    def records(self) -> list[Record]:
        """Every record: sources, then actors, then incidents."""
        return [*self.sources.values(), *self.actors.values(), *self.incidents.values()]

    def origin_names(self, origins: frozenset[str] | tuple[str, ...]) -> str:
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

    def question_of(self, group: MeasureReports) -> Grade:
        """The status of the question a measure's reports answer."""
        return next(
            q for q in self.questions[group.incident] if group.figures[0] in q.subject.figures
        )

    def incident_sort_key(self, incident: Incident) -> tuple[str, str]:
        """Chronological, undated last, then by id."""
        start = try_parse_date(incident.date.start) if incident.date else None
        return (start.earliest.isoformat() if start else "9999", incident.id)

    def outlet_of(self, citation: Citation) -> Source:
        return self.sources[citation.source]


def _compare_figures(incident: Incident) -> list[MeasureReports]:
    groups: dict[tuple[Measure, str], list[Figure]] = defaultdict(list)
    for fig in incident.figures:
        groups[fig.key].append(fig)
    return [
        MeasureReports(
            incident.id, measure, scope or None, tuple(figs), compare([f.interval for f in figs])
        )
        for (measure, scope), figs in sorted(groups.items())
    ]


def _record_uses(
    base: FactBase,
    kind: RecordKind,
    record_id: str,
    part: str,
    citations: tuple[Citation, ...],
    actors: tuple[str, ...] = (),
) -> None:
    for citation in citations:
        base.uses[citation.source].append(Use(kind, record_id, part, citation))
        for actor in actors:
            base.mentioned_in[actor].add(citation.source)


def _effective_topic(base: FactBase, claim: Claim) -> str | None:
    """A claim's topic, or the topic of the claim it answers (followed up the chain)."""
    seen: set[str] = set()
    current: Claim | None = claim
    while current is not None and current.id not in seen:
        if current.topic:
            return current.topic
        seen.add(current.id)
        current = base.claims.get(current.responds_to) if current.responds_to else None
    return None


def _with_responses(base: FactBase, claims: list[Claim]) -> tuple[Claim, ...]:
    """The claims and every confirmation or denial of them, wherever it is filed."""
    found = dict.fromkeys(claims)
    for claim in claims:
        for response in base.responses.get(claim.id, []):
            if response.stance in CONFIRMING + DENYING:
                found[response] = None
    return tuple(found)


def _subject(
    base: FactBase,
    about: str,
    figures: list[Figure],
    claims: list[Claim],
    party: frozenset[str],
    incident_id: str,
) -> Subject:
    conflicting = tuple(
        dict.fromkeys(
            g.measure
            for g in base.measures[incident_id]
            if g.comparison.verdict == Verdict.CONFLICT and any(f in g.figures for f in figures)
        )
    )
    # Only what asserts corroborates: not denials, calls or warnings.
    facts = [(f.citations, f.claimant) for f in figures]
    facts += [(c.citations, c.claimant) for c in claims if c.stance in ASSERTING]
    found = [o for fact in facts for o in base.citation_origins(*fact)]
    return Subject(
        about,
        tuple(figures),
        _with_responses(base, claims),
        conflicting,
        base.bodies.independence(established(found), party),
        unestablished_sources(found),
    )


def _questions(base: FactBase, incident: Incident, party: frozenset[str]) -> list[Subject]:
    """One subject per measure and per claim topic; a topic named like a measure joins it."""
    figures: dict[str, list[Figure]] = defaultdict(list)
    claims: dict[str, list[Claim]] = defaultdict(list)
    labels: dict[str, str] = {}
    for fig in incident.figures:
        name = MEASURE_LABELS[fig.measure] + (f", {fig.scope}" if fig.scope else "")
        labels.setdefault(name.casefold(), name)
        figures[name.casefold()].append(fig)
    for claim in incident.claims:
        topic = _effective_topic(base, claim)
        if topic and claim.stance in ASSERTING + DENYING:
            labels.setdefault(topic.casefold(), topic)
            claims[topic.casefold()].append(claim)
    return [
        _subject(base, labels[key], figures.get(key, []), claims.get(key, []), party, incident.id)
        for key in sorted(labels)
    ]


def _grade(base: FactBase, incident: Incident) -> None:
    party = accused_party(base.affiliations, incident)

    def graded(subject: Subject, override: tuple[Status, str] | None = None) -> Grade:
        return grade(
            GradingInput(
                subject, base.actors, party, override, base.origin_names, base.outlet_names
            )
        )

    questions = tuple(graded(q) for q in _questions(base, incident, party))
    whole = _subject(base, WHOLE, list(incident.figures), list(incident.claims), party, incident.id)
    if questions:  # R5 of the whole counts the best-supported question's origins, not a sum
        best = max(questions, key=lambda q: q.subject.origins.count).subject
        whole = replace(
            whole,
            origins=best.origins,
            unestablished=best.unestablished,
            origins_of=f"“{best.about}”",
        )
    base.grades[incident.id] = graded(whole, incident.status_override)
    base.questions[incident.id] = questions


def link(
    facts: Collection, quote_status: dict[tuple[str, str], QuoteStatus] | None = None
) -> FactBase:
    """Resolve every reference both ways. Assumes validation found no problem."""
    base = FactBase(
        sources=dict(sorted(facts.sources.items())),
        actors=dict(sorted(facts.actors.items())),
        incidents=dict(sorted(facts.incidents.items())),
        quote_status=quote_status or {},
        withdrawn=dict(sorted(facts.withdrawn.items())),
    )
    base.origins = source_origins(base.sources)
    for source in base.sources.values():
        base.published_by[source.publisher].append(source)
    for actor in base.actors.values():
        actor_uses = partial(_record_uses, base, RecordKind.ACTOR, actor.id)
        actor_uses("description", actor.description.citations, (actor.id,))
        for aff in actor.affiliations:
            base.members[aff.actor].append((actor, aff))
            actor_uses(f"role: {aff.role}", aff.citations, (actor.id, aff.actor))
    for incident in base.incidents.values():
        iid = incident.id
        uses = partial(_record_uses, base, RecordKind.INCIDENT, iid)
        if incident.parent:
            base.children[incident.parent].append(incident)
        base.measures[iid] = _compare_figures(incident)
        if incident.date:
            uses("date", incident.date.citations)
        if incident.location:
            uses("place", incident.location.citations)
        uses("summary", incident.summary.citations)
        for role in incident.actors:
            base.roles_of[role.actor].append((incident, role))
            uses(f"role: {role.role}", role.citations, (role.actor,))
        for fig in incident.figures:
            base.figures_by[fig.claimant].append((incident, fig))
            uses(f"figure: {fig.measure}", fig.citations, (fig.claimant,))
        for claim in incident.claims:
            base.claims[claim.id] = claim
            base.claims_by[claim.claimant].append(claim)
            uses(f"claim: {claim.id}", claim.citations, (claim.claimant,))
        for i, disc in enumerate(incident.discrepancies):
            uses(f"discrepancy {i + 1}", disc.citations)
    for claim in base.claims.values():
        if claim.responds_to:
            base.responses[claim.responds_to].append(claim)
    for children in base.children.values():
        children.sort(key=base.incident_sort_key)
    for incident in base.incidents.values():
        _grade(base, incident)
    base._finish()
    return base
