"""An incident's status, computed by written rules, with the trace of every rule.

The rules are documented for readers on the methodology page (a test keeps the
two in step). An editor may override the result only with a stated reason,
and the page then shows both the override and what the rules gave.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

from .figures import MEASURE_LABELS
from .model import Actor, Claim, Incident

STATUS_LABELS: dict[str, str] = {
    "confirmed-by-accused": "confirmed by the accused party",
    "denied-by-accused": "denied by the accused party",
    "contested": "contested",
    "corroborated": "corroborated",
    "single-origin": "single origin",
}
ACCUSED_ROLES = ("alleged-perpetrator", "perpetrator")
CONFIRMING = ("confirms", "acknowledges")
DENYING = ("denies", "dismisses", "disputes")
ASSERTING = ("alleges", "states", "confirms", "acknowledges")


@dataclass(frozen=True, slots=True)
class RuleResult:
    rule: str  # stable id, as named on the methodology page
    question: str
    met: bool
    detail: str


@dataclass(frozen=True, slots=True)
class Grade:
    status: str  # a key of STATUS_LABELS
    computed: str  # what the rules gave, before any override
    trace: tuple[RuleResult, ...]
    override_reason: str | None


def affiliation_roots(actors: Mapping[str, Actor], actor_id: str) -> frozenset[str]:
    """The top-level bodies an actor belongs to, following affiliations upward."""
    roots: set[str] = set()
    stack, seen = [actor_id], {actor_id}
    while stack:
        current = stack.pop()
        actor = actors.get(current)
        parents = [a.actor for a in actor.affiliations] if actor else []
        if not parents:
            roots.add(current)
        for parent in parents:
            if parent not in seen:
                seen.add(parent)
                stack.append(parent)
    return frozenset(roots)


class Affiliations:
    """Every actor's roots and every root's members, worked out once for a set of actors.

    Grading asks for the accused party of each incident; walking all actors each time
    made linking O(incidents x actors).
    """

    def __init__(self, actors: Mapping[str, Actor]) -> None:
        self.actors = actors
        self._roots: dict[str, frozenset[str]] = {}
        self._members: dict[str, set[str]] | None = None
        self._parties: dict[frozenset[str], frozenset[str]] = {}

    def roots(self, actor_id: str) -> frozenset[str]:
        found = self._roots.get(actor_id)
        if found is None:
            found = self._roots[actor_id] = affiliation_roots(self.actors, actor_id)
        return found

    def party(self, accused: frozenset[str]) -> frozenset[str]:
        """The accused (those that are actors) and every actor sharing a root with one."""
        if accused not in self._parties:
            if self._members is None:
                self._members = {}
                for actor_id in self.actors:
                    for root in self.roots(actor_id):
                        self._members.setdefault(root, set()).add(actor_id)
            roots = frozenset().union(*(self.roots(a) for a in accused))
            party = {a for a in accused if a in self.actors}
            party.update(*(self._members.get(root, ()) for root in roots))
            self._parties[accused] = frozenset(party)
        return self._parties[accused]


_LAST: list[Affiliations] = []  # the index for the actors of the build in progress


def _affiliations(actors: Mapping[str, Actor]) -> Affiliations:
    # Held by identity (a strong reference, so the id cannot be reused): one build
    # grades every incident against the same, no longer changing, actors mapping.
    if not _LAST or _LAST[0].actors is not actors:
        _LAST[:] = [Affiliations(actors)]
    return _LAST[0]


def accused_party(actors: Mapping[str, Actor], incident: Incident) -> frozenset[str]:
    """Ids of the accused actors and of everyone belonging to the same top-level body."""
    accused = frozenset(r.actor for r in incident.actors if r.role in ACCUSED_ROLES)
    if not accused:
        return frozenset()
    return _affiliations(actors).party(accused)


@dataclass(frozen=True, slots=True)
class GradingInput:
    incident: Incident
    actors: Mapping[str, Actor]
    conflicting_measures: tuple[str, ...]
    origins: frozenset[str]  # independent origins of the incident's figures and claims
    origin_names: Callable[[frozenset[str]], str]


def _claims_by(
    claims: tuple[Claim, ...], who: frozenset[str], stances: tuple[str, ...], inside: bool
) -> list[Claim]:
    return [c for c in claims if (c.claimant in who) == inside and c.stance in stances]


def _describe(claims: list[Claim], actors: Mapping[str, Actor]) -> str:
    """'Igor Konashenkov dismisses; Russian Defence Ministry denies' (claim anchors on the page)."""
    parts = []
    for claim in claims:
        who = actors[claim.claimant].name if claim.claimant in actors else "an unnamed speaker"
        parts.append(f"{who} {claim.stance}")
    return "; ".join(dict.fromkeys(parts))


def grade(data: GradingInput) -> Grade:
    incident = data.incident
    accused = accused_party(data.actors, incident)
    confirms = _claims_by(incident.claims, accused, CONFIRMING, inside=True)
    denies = _claims_by(incident.claims, accused, DENYING, inside=True)
    disputes = _claims_by(incident.claims, accused, DENYING, inside=False)
    count = len(data.origins)
    trace = (
        RuleResult(
            "R1",
            "Does a member of the accused party confirm or acknowledge it?",
            bool(confirms),
            _describe(confirms, data.actors) or "no such statement recorded",
        ),
        RuleResult(
            "R2",
            "Does a member of the accused party deny, dismiss or dispute it?",
            bool(denies),
            _describe(denies, data.actors) or "no such statement recorded",
        ),
        RuleResult(
            "R3",
            "Do reports of any figure conflict?",
            bool(data.conflicting_measures),
            ", ".join(MEASURE_LABELS[m] for m in data.conflicting_measures)
            or "no conflicting figures",
        ),
        RuleResult(
            "R4",
            "Does anyone outside the accused party deny or dispute a claim?",
            bool(disputes),
            _describe(disputes, data.actors) or "no such statement recorded",
        ),
        RuleResult(
            "R5",
            "Do its figures and the claims asserting it rest on two or more independent origins?",
            count >= 2,
            f"{count} independent origin{'s' if count != 1 else ''}"
            + (f": {data.origin_names(data.origins)}" if count else ""),
        ),
    )
    met = {r.rule for r in trace if r.met}
    if "R1" in met:
        computed = "confirmed-by-accused"
    elif "R2" in met:
        computed = "denied-by-accused"
    elif met & {"R3", "R4"}:
        computed = "contested"
    elif "R5" in met:
        computed = "corroborated"
    else:
        computed = "single-origin"
    override = incident.status_override
    if override is not None:
        return Grade(override[0], computed, trace, override[1])
    return Grade(computed, computed, trace, None)
