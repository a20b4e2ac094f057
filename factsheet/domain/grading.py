"""An incident's status, computed by written rules, with the trace of every rule.

The rules are documented for readers on the methodology page (a test keeps the
two in step). An editor may override the result only with a stated reason,
and the page then shows both the override and what the rules gave.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

from .figures import MEASURE_LABELS
from .independence import Affiliations, Independence
from .model import Actor, Claim, Figure, Incident
from .vocab import IncidentRole, Measure, Stance, Status

STATUS_LABELS: dict[Status, str] = {
    Status.CONFIRMED_BY_ACCUSED: "confirmed by the accused party",
    Status.DENIED_BY_ACCUSED: "denied by the accused party",
    Status.CONTESTED: "contested",
    Status.CORROBORATED: "corroborated",
    Status.SINGLE_ORIGIN: "single origin",
    Status.NO_ESTABLISHED_ORIGIN: "no established origin",
}
ACCUSED_ROLES = (IncidentRole.ALLEGED_PERPETRATOR, IncidentRole.PERPETRATOR)
CONFIRMING = (Stance.CONFIRMS, Stance.ACKNOWLEDGES)
DENYING = (Stance.DENIES, Stance.DISMISSES, Stance.DISPUTES)
ASSERTING = (Stance.ALLEGES, Stance.STATES, Stance.CONFIRMS, Stance.ACKNOWLEDGES)
WHOLE = "the incident as a whole"


@dataclass(frozen=True, slots=True)
class RuleResult:
    rule: str  # stable id, as named on the methodology page
    question: str
    met: bool
    detail: str


@dataclass(frozen=True, slots=True)
class Grade:
    status: Status
    computed: Status  # what the rules gave, before any override
    trace: tuple[RuleResult, ...]
    override_reason: str | None
    subject: Subject

    @property
    def decided_by(self) -> RuleResult:
        """The rule that decided the status: the first of R1-R4 met, else R5 (which gives
        corroborated, single origin and no established origin alike)."""
        return next((r for r in self.trace if r.met and r.rule != "R5"), self.trace[-1])


def accused_party(affiliations: Affiliations, incident: Incident) -> frozenset[str]:
    """Ids of the accused actors and of everyone belonging to the same top-level body."""
    accused = frozenset(r.actor for r in incident.actors if r.role in ACCUSED_ROLES)
    if not accused:
        return frozenset()
    return affiliations.party(accused)


@dataclass(frozen=True, slots=True)
class Subject:
    """What one status is about: the incident as a whole, or one question within it."""

    about: str  # "civilians killed", "use of cluster munitions", or WHOLE
    figures: tuple[Figure, ...]
    claims: tuple[Claim, ...]  # the claims on it, responses filed elsewhere included
    conflicting: tuple[Measure, ...]  # measures whose reports conflict
    origins: Independence  # of its figures and asserting claims
    unestablished: tuple[str, ...]  # sources whose statements here have no known origin
    # For the whole incident: the question whose origins R5 counts (origins given for
    # different questions do not add up to corroboration of any one of them).
    origins_of: str | None = None


@dataclass(frozen=True, slots=True)
class GradingInput:
    subject: Subject
    actors: Mapping[str, Actor]
    party: frozenset[str]  # the accused party
    override: tuple[Status, str] | None  # (status, reason)
    origin_names: Callable[[tuple[str, ...]], str]
    source_names: Callable[[tuple[str, ...]], str]


def _claims_by(
    claims: tuple[Claim, ...], who: frozenset[str], stances: tuple[Stance, ...], inside: bool
) -> list[Claim]:
    return [c for c in claims if (c.claimant in who) == inside and c.stance in stances]


def _describe(claims: list[Claim], actors: Mapping[str, Actor]) -> str:
    """'Igor Konashenkov dismisses; Russian Defence Ministry denies'."""
    parts = []
    for claim in claims:
        who = actors[claim.claimant].name if claim.claimant in actors else "an unnamed speaker"
        parts.append(f"{who} {claim.stance}")
    return "; ".join(dict.fromkeys(parts))


def _origins_detail(data: GradingInput) -> str:
    """'2 independent origins: A; B and C (one organisation). Not counted: ...'."""
    found = data.subject.origins
    count = found.count
    text = f"{count} independent origin{'s' if count != 1 else ''}"
    if data.subject.origins_of:
        text += f" for the best-supported question, {data.subject.origins_of}"
    if count:
        names = []
        for body in found.bodies:
            name = data.origin_names(body)
            names.append(f"{name} (one organisation)" if len(body) > 1 else name)
        text += ": " + "; ".join(names)
    left_out = []
    if found.accused:
        left_out.append(f"{data.origin_names(found.accused)} (the accused party's own statements)")
    if data.subject.unestablished:
        left_out.append(
            "statements whose origin is not established, relayed by "
            + data.source_names(data.subject.unestablished)
        )
    return text + (". Not counted: " + "; ".join(left_out) if left_out else "")


def grade(data: GradingInput) -> Grade:
    subject = data.subject
    accused = data.party
    confirms = _claims_by(subject.claims, accused, CONFIRMING, inside=True)
    denies = _claims_by(subject.claims, accused, DENYING, inside=True)
    disputes = _claims_by(subject.claims, accused, DENYING, inside=False)
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
            bool(subject.conflicting),
            ", ".join(MEASURE_LABELS[m] for m in subject.conflicting)
            or ("no conflicting figures" if subject.figures else "no figures on this"),
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
            subject.origins.count >= 2,
            _origins_detail(data),
        ),
    )
    met = {r.rule for r in trace if r.met}
    if "R1" in met:
        computed = Status.CONFIRMED_BY_ACCUSED
    elif "R2" in met:
        computed = Status.DENIED_BY_ACCUSED
    elif met & {"R3", "R4"}:
        computed = Status.CONTESTED
    elif "R5" in met:
        computed = Status.CORROBORATED
    elif subject.origins.count == 1:
        computed = Status.SINGLE_ORIGIN
    else:
        computed = Status.NO_ESTABLISHED_ORIGIN
    override = data.override
    if override is not None:
        return Grade(override[0], computed, trace, override[1], subject)
    return Grade(computed, computed, trace, None, subject)
