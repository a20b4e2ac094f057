"""Cross-record checks: unique ids, references that resolve, dates and numbers that make sense.

Runs on records that passed their schema. Each problem points at the field in
its file and, for a reference that does not resolve, suggests the closest id.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from ..config import RESERVED_IDS, today
from ..domain.dates import certainly_before, try_parse_date
from ..domain.model import UNKNOWN, Actor, Citation, Incident, Source, all_citations
from ..domain.origins import derivation_cycle
from ..domain.vocab import RecordKind
from ..load.collect import Collection
from ..load.schema import did_you_mean
from ..problems import FieldPath, Problem, field_name
from .lints import RULES


@dataclass
class _Checker:
    facts: Collection
    problems: list[Problem]

    def report(self, record_id: str, path: FieldPath, message: str, hint: str = "") -> None:
        self.problems.append(self.facts.problem_at(record_id, path, message, hint))

    # --- references -------------------------------------------------------------

    def reference(
        self,
        record_id: str,
        path: FieldPath,
        target: str,
        kinds: Sequence[RecordKind],
        allow_unknown: bool = False,
    ) -> None:
        pools: dict[RecordKind, Mapping[str, object]] = {
            RecordKind.SOURCE: self.facts.sources,
            RecordKind.ACTOR: self.facts.actors,
            RecordKind.INCIDENT: self.facts.incidents,
        }
        if allow_unknown and target == UNKNOWN:
            return
        if any(target in pools[k] for k in kinds):
            return
        gone = self.facts.withdrawn.get(target)
        if gone is not None and gone.kind in kinds:
            self.report(
                record_id,
                path,
                f"the {gone.kind} '{target}' was withdrawn on {gone.date}",
                f"its page only says why ({gone.file}); point to another {gone.kind}, "
                "or remove this reference",
            )
            return
        choices = sorted(i for k in kinds for i in pools[k])
        wanted = " or ".join(kinds)
        folders = ", ".join(f"facts/{k.folder}/" for k in kinds)
        other = [k for k, pool in pools.items() if target in pool]
        if other:
            message = (
                f"'{target}' is a{'n' if other[0][0] in 'aeiou' else ''} {other[0]}, not a {wanted}"
            )
        else:
            message = f"no {wanted} has the id '{target}'"
        hint = did_you_mean(target, choices) or f"create {folders}{target}.yaml first"
        if allow_unknown:
            hint += " Write unknown if the source does not say."
        self.report(record_id, path, message, hint)

    def citations(self, record_id: str, citations: Iterable[Citation]) -> None:
        for citation in citations:
            self.reference(
                record_id, (*citation.path, "source"), citation.source, [RecordKind.SOURCE]
            )

    # --- dates ------------------------------------------------------------------

    def in_order(
        self,
        record_id: str,
        first: tuple[FieldPath, str | None],
        second: tuple[FieldPath, str | None],
        relation: str,
    ) -> None:
        # Date strings are already known to be real dates: the schema checks them.
        start = try_parse_date(first[1])
        end = try_parse_date(second[1])
        if start and end and certainly_before(end, start):
            self.report(
                record_id,
                second[0],
                f"{end.text} is before {field_name(first[0])} ({start.text}); {relation}",
                "check both dates",
            )


def _normal_key(text: str) -> str:
    """Ids that differ only by case or Unicode form collide on some file systems and URLs."""
    return unicodedata.normalize("NFKC", text).casefold()


def _check_unique_ids(c: _Checker) -> None:
    """Every claim whose id collides is reported, naming the other places.

    Record ids are unique by construction: collect refuses a second file with the same name.
    """
    claims: dict[str, list[tuple[Incident, int]]] = {}
    for incident in c.facts.incidents.values():
        for claim in incident.claims:
            claims.setdefault(_normal_key(claim.id), []).append((incident, claim.index))
    for uses in claims.values():
        for incident, index in uses if len(uses) > 1 else []:
            others = ", ".join(sorted({i.file for i, j in uses if (i, j) != (incident, index)}))
            claim_id = incident.claims[index].id
            c.report(
                incident.id,
                ("claims", index, "id"),
                f"the claim id '{claim_id}' is also used in {others}",
                "give each claim an id of its own",
            )


def _check_derivation_cycles(c: _Checker) -> None:
    for source in c.facts.sources.values():
        cycle = derivation_cycle(c.facts.sources, source.id)
        if cycle:
            c.report(
                source.id,
                ("derived_from",),
                "circular reporting: " + " relays ".join(cycle),
                "a source can only relay material published before it; remove one link",
            )


def _check_renames(c: _Checker) -> None:
    """An old id keeps its address alive, so it must not name a record or another rename.

    A clash between two records' old ids is reported on both, naming the other.
    """
    # A withdrawn record keeps its address and its old ids, like any other.
    records = {record.id: record for record in [*c.facts.records(), *c.facts.withdrawn.values()]}
    owners = {_normal_key(record_id): record_id for record_id in records}
    claims: dict[str, list[tuple[str, int]]] = {}
    for record_id, record in sorted(records.items()):
        for i, old in enumerate(record.renamed_from):
            key = _normal_key(old)
            if old in RESERVED_IDS:
                c.report(
                    record_id,
                    ("renamed_from", i),
                    f"'{old}' is a reserved name: its page would replace a generated page "
                    "or break a checkout on Windows, so no record can have had it",
                    "remove it from renamed_from",
                )
            elif key in owners:
                c.report(
                    record_id,
                    ("renamed_from", i),
                    f"'{old}' is the id of {c.facts.files[owners[key]].display}",
                    "an old id can only be kept once no record uses it",
                )
            else:
                claims.setdefault(key, []).append((record_id, i))
    for uses in claims.values():
        for record_id, i in uses if len({r for r, _ in uses}) > 1 else []:
            others = sorted({c.facts.files[r].display for r, _ in uses if r != record_id})
            c.report(
                record_id,
                ("renamed_from", i),
                f"'{records[record_id].renamed_from[i]}' is also an old id of {', '.join(others)}",
                "an old address can send readers to one record only",
            )


def _check_source(c: _Checker, source: Source) -> None:
    c.citations(source.id, all_citations(source))
    if source.publisher != UNKNOWN:
        c.reference(
            source.id, ("publisher",), source.publisher, [RecordKind.ACTOR], allow_unknown=True
        )
    for i, origin in enumerate(source.derived_from):
        if origin == source.id:
            c.report(source.id, ("derived_from", i), "a source cannot be derived from itself")
        else:
            c.reference(
                source.id, ("derived_from", i), origin, [RecordKind.SOURCE, RecordKind.ACTOR]
            )
    c.in_order(
        source.id,
        (("published",), source.published),
        (("accessed",), source.accessed),
        "a source cannot be read before it was published",
    )


def _check_actor(c: _Checker, actor: Actor) -> None:
    c.citations(actor.id, all_citations(actor))
    for i, aff in enumerate(actor.affiliations):
        path: FieldPath = ("affiliations", i)
        if aff.actor == actor.id:
            c.report(actor.id, (*path, "actor"), "an actor cannot be affiliated with itself")
        else:
            c.reference(actor.id, (*path, "actor"), aff.actor, [RecordKind.ACTOR])
        c.in_order(
            actor.id,
            ((*path, "from"), aff.start),
            ((*path, "to"), aff.end),
            "an affiliation cannot end before it starts",
        )


def _claim_ids(facts: Collection) -> dict[str, str]:
    return {claim.id: inc.id for inc in facts.incidents.values() for claim in inc.claims}


def _check_claimant(
    c: _Checker, rid: str, path: FieldPath, claimant: str, note: str | None, what: str
) -> None:
    """A claimant is an actor, or unknown with a note saying what the source shows."""
    c.reference(rid, (*path, "claimant"), claimant, [RecordKind.ACTOR], allow_unknown=True)
    if claimant == UNKNOWN and not note:
        c.report(
            rid,
            (*path, "claimant"),
            "an unknown claimant needs a claimant_note",
            f"add claimant_note: what the source says about who {what}",
        )


def _check_incident(c: _Checker, incident: Incident, claim_ids: dict[str, str]) -> None:
    rid = incident.id
    c.citations(rid, all_citations(incident))
    if incident.date:
        c.in_order(
            rid,
            (("date", "start"), incident.date.start),
            (("date", "end"), incident.date.end),
            "an incident cannot end before it starts",
        )
    if incident.parent is not None:
        if incident.parent == rid:
            c.report(rid, ("parent",), "an incident cannot be its own parent")
        else:
            c.reference(rid, ("parent",), incident.parent, [RecordKind.INCIDENT])
    for i, role in enumerate(incident.actors):
        c.reference(rid, ("actors", i, "actor"), role.actor, [RecordKind.ACTOR])
    for fig in incident.figures:
        path: FieldPath = ("figures", fig.index)
        _check_claimant(c, rid, path, fig.claimant, fig.claimant_note, "gave this figure")
        if fig.low is not None and fig.high is not None and fig.low > fig.high:
            c.report(
                rid,
                (*path, "min"),
                f"min ({fig.low}) is larger than max ({fig.high})",
                "swap the two numbers",
            )
    for claim in incident.claims:
        path = ("claims", claim.index)
        _check_claimant(c, rid, path, claim.claimant, claim.claimant_note, "said this")
        if claim.responds_to is not None:
            if claim.responds_to == claim.id:
                c.report(rid, (*path, "responds_to"), "a claim cannot respond to itself")
            elif claim.responds_to not in claim_ids:
                c.report(
                    rid,
                    (*path, "responds_to"),
                    f"no claim has the id '{claim.responds_to}'",
                    did_you_mean(claim.responds_to, sorted(claim_ids))
                    or "use the id of a claim in any incident",
                )


def _check_parent_cycles(c: _Checker) -> None:
    for incident in c.facts.incidents.values():
        seen = {incident.id}
        current = incident.parent
        while current in c.facts.incidents:
            if current in seen:
                c.report(
                    incident.id,
                    ("parent",),
                    "the parent chain loops back to this incident",
                    "an incident's parent must be a larger, different event",
                )
                break
            seen.add(current)
            current = c.facts.incidents[current].parent


def _check_withdrawn(c: _Checker) -> None:
    now = today()
    for record in c.facts.withdrawn.values():
        if record.date > now:
            c.report(
                record.id,
                ("withdrawn", "date"),
                f"{record.date} is in the future",
                "write the day the record was withdrawn",
            )


def validate(facts: Collection) -> list[Problem]:
    """All cross-record problems of a collection (shape problems are already in it)."""
    checker = _Checker(facts, [])
    _check_unique_ids(checker)
    _check_renames(checker)
    _check_withdrawn(checker)
    for source in facts.sources.values():
        _check_source(checker, source)
    for actor in facts.actors.values():
        _check_actor(checker, actor)
    claim_ids = _claim_ids(facts)
    for incident in facts.incidents.values():
        _check_incident(checker, incident, claim_ids)
    _check_parent_cycles(checker)
    _check_derivation_cycles(checker)
    for rule in RULES:  # each rule skips references that do not resolve
        rule(facts, checker.report)
    return checker.problems
