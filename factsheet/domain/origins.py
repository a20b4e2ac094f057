"""Origins: who first made a statement public, established by a record or said to be unknown.

An origin is never guessed. A citation's statement has an origin only when

1. the citation records it (`origin:`), or
2. the claimant is an actor the source relays (its `derived_from`, followed to its
   ends): an Amnesty figure in an article that relays Amnesty, or
3. the claimant is the source's publisher: the outlet speaking in its own voice.

Anything else (an unnamed speaker, a think tank the article paraphrases, the
article's own account of what others said) has no established origin: pages say
so and name the outlet that relays it, and it counts as no independent origin.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from .model import UNKNOWN, Citation, Source

RECORDED = "recorded"
RELAYED = "relayed"
OWN_VOICE = "own voice"
NOT_ESTABLISHED = "not established"


@dataclass(frozen=True, slots=True)
class CitationOrigin:
    """Where one cited statement came from, and by which rule we know it."""

    source: str  # the source that carries the statement
    origin: str | None  # an actor or source id; None when not established
    rule: str  # RECORDED, RELAYED, OWN_VOICE or NOT_ESTABLISHED


def source_origins(sources: Mapping[str, Source]) -> dict[str, frozenset[str]]:
    """{source id: the ids (sources or actors) at the end of its derived_from chains}.

    A source that relays nothing is its own origin. Cycles (reported by
    validation) are cut where they close, so this always terminates.
    """
    result: dict[str, frozenset[str]] = {}

    def resolve(source_id: str, visiting: frozenset[str]) -> frozenset[str]:
        if source_id in result:
            return result[source_id]
        source = sources.get(source_id)
        if source is None or not source.derived_from:
            result[source_id] = frozenset({source_id})
            return result[source_id]
        found: set[str] = set()
        for parent in source.derived_from:
            if parent in visiting:
                continue
            found |= resolve(parent, visiting | {source_id})
        origins = frozenset(found) or frozenset({source_id})
        result[source_id] = origins
        return origins

    for source_id in sorted(sources):
        resolve(source_id, frozenset())
    return result


def derivation_cycle(sources: Mapping[str, Source], start: str) -> list[str] | None:
    """The derived_from loop through `start`, if there is one (A relays B relays A)."""
    stack: list[tuple[str, list[str]]] = [(start, [start])]
    seen: set[str] = set()
    while stack:
        current, path = stack.pop()
        source = sources.get(current)
        for parent in source.derived_from if source else ():
            if parent == start:
                return [*path, start]
            if parent not in seen:
                seen.add(parent)
                stack.append((parent, [*path, parent]))
    return None


def citation_origin(
    citation: Citation,
    claimant: str | None,
    sources: Mapping[str, Source],
    relayed: Mapping[str, frozenset[str]],
) -> CitationOrigin:
    """The origin of one cited statement by the three rules, or NOT_ESTABLISHED."""
    if citation.origin is not None:
        return CitationOrigin(citation.source, citation.origin, RECORDED)
    source = sources.get(citation.source)
    if claimant is None or claimant == UNKNOWN or source is None:
        return CitationOrigin(citation.source, None, NOT_ESTABLISHED)
    if source.publisher == claimant:
        return CitationOrigin(citation.source, claimant, OWN_VOICE)
    if claimant in relayed.get(citation.source, frozenset()):
        return CitationOrigin(citation.source, claimant, RELAYED)
    return CitationOrigin(citation.source, None, NOT_ESTABLISHED)


def established(found: Iterable[CitationOrigin]) -> frozenset[str]:
    """The origin ids among citation origins (the not-established ones add nothing)."""
    return frozenset(o.origin for o in found if o.origin is not None)


def unestablished_sources(found: Iterable[CitationOrigin]) -> tuple[str, ...]:
    """The sources whose statement has no established origin, in a stable order."""
    return tuple(sorted({o.source for o in found if o.origin is None}))
