"""Independent origins: which first-hand sources a fact really rests on.

A source that relays another (`derived_from`: the NGO report, the agency wire)
is not independent of it. Following derived_from to its ends gives each
source's origins; two outlets relaying one report share one origin.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from .model import UNKNOWN, Citation, Source


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


def origins_of(
    citations: Iterable[Citation],
    origins: Mapping[str, frozenset[str]],
    sources: Mapping[str, Source],
    claimant: str | None = None,
) -> frozenset[str]:
    """All origins behind a fact's citations.

    A citation's own `origin` comes first. An outlet's own statement (the claimant
    is the source's publisher) originates in that source, whatever it relays.
    Otherwise the source counts as what it relays: when unsure, never a new origin.
    """
    found: set[str] = set()
    for citation in citations:
        source = sources.get(citation.source)
        own = claimant not in (None, UNKNOWN) and source is not None and (
            source.publisher == claimant
        )
        if citation.origin is None and own:
            found.add(citation.source)
            continue
        start = citation.origin or citation.source
        found |= origins.get(start, frozenset({start}))
    return frozenset(found)
