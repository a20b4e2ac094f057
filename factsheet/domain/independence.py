"""Independent origins: one top-level body counts once, and the accused never corroborate.

Origins belong to bodies through recorded affiliations (Amnesty International
UK's campaign manager belongs to Amnesty International UK, which belongs to
Amnesty International). Origins whose top-level bodies overlap are one
independent origin. Origins inside the accused party confirm or deny; they never
corroborate an allegation against that party.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from .model import UNKNOWN, Actor, Source


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


@dataclass(frozen=True, slots=True)
class Independence:
    """A fact's established origins, merged by body, with the accused party's set apart."""

    bodies: tuple[tuple[str, ...], ...]  # each: the origin ids of one top-level body
    accused: tuple[str, ...]  # origins inside the accused party: never corroboration

    @property
    def count(self) -> int:
        return len(self.bodies)


class OriginBodies:
    """Which top-level bodies an origin (an actor or a source) belongs to."""

    def __init__(
        self,
        affiliations: Affiliations,
        sources: Mapping[str, Source],
        relayed: Mapping[str, frozenset[str]],
    ) -> None:
        self.affiliations = affiliations
        self.sources = sources
        self.relayed = relayed

    def roots(self, origin: str) -> frozenset[str]:
        if origin in self.affiliations.actors:
            return self.affiliations.roots(origin)
        source = self.sources.get(origin)
        if source is None:
            return frozenset({origin})
        ends = self.relayed.get(origin, frozenset({origin})) - {origin}
        if ends:  # a recorded source that relays others is as independent as they are
            return frozenset().union(*(self.roots(end) for end in sorted(ends)))
        if source.publisher != UNKNOWN and source.publisher in self.affiliations.actors:
            return self.affiliations.roots(source.publisher)
        return frozenset({origin})

    def independence(self, origins: frozenset[str], party: frozenset[str]) -> Independence:
        """Group `origins` by shared top-level body; those of the accused `party` go apart."""
        party_roots = frozenset().union(*(self.affiliations.roots(a) for a in party))
        accused = tuple(sorted(o for o in origins if o in party or self.roots(o) & party_roots))
        groups: list[tuple[set[str], set[str]]] = []  # (roots, origins), merged on overlap
        for origin in sorted(set(origins) - set(accused)):
            roots, members = set(self.roots(origin)), {origin}
            for group in [g for g in groups if g[0] & roots]:
                groups.remove(group)
                roots |= group[0]
                members |= group[1]
            groups.append((roots, members))
        bodies = tuple(sorted(tuple(sorted(members)) for _, members in groups))
        return Independence(bodies, accused)
