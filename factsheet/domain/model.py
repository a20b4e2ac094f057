"""Typed records built from schema-valid YAML data.

The schema stage guarantees shape, so these constructors only convert: strings
to numbers and flags, absent optional fields to None or empty tuples. Every
citation remembers where in its record it stands, for messages and footnotes.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from ..problems import FieldPath
from .figures import Interval, figure_interval
from .vocab import (
    ActorKind,
    ChangeKind,
    IncidentKind,
    IncidentRole,
    Measure,
    Precision,
    Qualifier,
    RecordKind,
    SourceKind,
    Stance,
    Status,
    YesNo,
)

UNKNOWN = "unknown"


@dataclass(frozen=True, slots=True)
class Citation:
    source: str
    quote: str | None
    locator: str | None
    origin: str | None  # overrides the source's derived_from for this statement
    path: FieldPath  # where this citation sits in its record, e.g. ("figures", 0, "citations", 1)


@dataclass(frozen=True, slots=True)
class CitedText:
    text: str
    citations: tuple[Citation, ...]


@dataclass(frozen=True, slots=True)
class Change:
    """A dated correction or update, shown to readers in the record's corrections box."""

    index: int  # position in the record's changes list
    date: str
    kind: ChangeKind
    text: str
    citations: tuple[Citation, ...]


@dataclass(frozen=True, slots=True)
class Source:
    id: str
    file: str
    title: str
    kind: SourceKind
    publisher: str
    publisher_note: str | None
    url: str | None
    archive_url: str | None
    published: str
    published_note: str | None
    accessed: str | None
    language: str
    authors: tuple[str, ...]
    archive_file: str | None
    archive_sha256: str | None
    derived_from: tuple[str, ...]
    derived_from_note: str | None
    notes: str | None
    updated: str | None
    changes: tuple[Change, ...] = ()
    renamed_from: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Affiliation:
    actor: str
    role: str
    start: str | None
    end: str | None
    citations: tuple[Citation, ...]


@dataclass(frozen=True, slots=True)
class Actor:
    id: str
    file: str
    name: str
    kind: ActorKind
    aliases: tuple[str, ...]
    description: CitedText
    affiliations: tuple[Affiliation, ...]
    notes: str | None
    updated: str | None
    changes: tuple[Change, ...] = ()
    renamed_from: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class DateSpan:
    start: str
    end: str | None
    approximate: bool
    ongoing: bool
    note: str | None
    citations: tuple[Citation, ...]


@dataclass(frozen=True, slots=True)
class Coordinates:
    lat: str
    lon: str
    precision: Precision


@dataclass(frozen=True, slots=True)
class Location:
    place: str | None
    province: str | None
    country: str
    coordinates: Coordinates | None
    note: str | None
    citations: tuple[Citation, ...]


@dataclass(frozen=True, slots=True)
class Role:
    actor: str
    role: IncidentRole
    note: str | None
    citations: tuple[Citation, ...]


@dataclass(frozen=True, slots=True)
class Figure:
    index: int  # position in the incident's figures list
    measure: Measure
    scope: str | None
    qualifier: Qualifier
    value: int | None
    low: int | None
    high: int | None
    stated: str | None
    as_of: str | None
    claimant: str
    claimant_note: str | None
    note: str | None
    citations: tuple[Citation, ...]

    @property
    def interval(self) -> Interval:
        return figure_interval(self.qualifier, self.value, self.low, self.high)

    @property
    def key(self) -> tuple[Measure, str]:
        """Figures are compared only with figures of the same measure and scope."""
        return (self.measure, self.scope or "")


@dataclass(frozen=True, slots=True)
class Claim:
    index: int
    id: str
    incident: str
    claimant: str
    claimant_note: str | None
    stance: Stance
    text: str
    said: str | None
    said_note: str | None
    responds_to: str | None
    citations: tuple[Citation, ...]
    topic: str | None = None  # what it is about; pages give a status per topic


@dataclass(frozen=True, slots=True)
class Incident:
    id: str
    file: str
    title: str
    kind: IncidentKind
    date: DateSpan | None
    location: Location | None
    parent: str | None
    summary: CitedText
    actors: tuple[Role, ...]
    figures: tuple[Figure, ...]
    claims: tuple[Claim, ...]
    discrepancies: tuple[CitedText, ...]
    status_override: tuple[Status, str] | None  # (status, reason)
    notes: str | None
    updated: str | None
    changes: tuple[Change, ...] = ()
    renamed_from: tuple[str, ...] = ()


Record = Source | Actor | Incident


def kind_of(record: Record) -> RecordKind:
    if isinstance(record, Source):
        return RecordKind.SOURCE
    return RecordKind.ACTOR if isinstance(record, Actor) else RecordKind.INCIDENT


@dataclass(frozen=True, slots=True)
class Withdrawn:
    """A record taken off the site for good: its page stays, saying when and why, and no more.

    Kept apart from the records (not a `Record`), so nothing that counts, compares, lists
    or links records ever meets one; only its own page and the published addresses do.
    """

    id: str
    file: str
    kind: RecordKind  # from its folder
    title: str  # the title (or an actor's name) the page had
    date: str  # YYYY-MM-DD
    reason: str
    renamed_from: tuple[str, ...] = ()

    @property
    def folder(self) -> str:
        return self.kind.folder


def build_withdrawn(
    kind: RecordKind, record_id: str, file: str, data: dict[str, Any]
) -> Withdrawn:
    withdrawn = data["withdrawn"]
    return Withdrawn(
        id=record_id,
        file=file,
        kind=kind,
        title=data["name"] if kind is RecordKind.ACTOR else data["title"],
        date=withdrawn["date"],
        reason=withdrawn["reason"],
        renamed_from=tuple(data.get("renamed_from", ())),
    )


def folder_of(record: Record) -> str:
    """The folder of a record's kind, in facts/ and docs/ alike ("incidents")."""
    return kind_of(record).folder


def display_name(record: Record) -> str:
    """What a record is called on pages: an actor's name, a source's or incident's title."""
    return record.name if isinstance(record, Actor) else record.title


@dataclass
class _Reader:
    """Reads one record's plain data, tracking the path for citations."""

    data: dict[str, Any]
    path: FieldPath = field(default=())

    def at(self, *keys: str | int) -> _Reader:
        node: Any = self.data
        for key in keys:
            node = node[key]
        return _Reader(node, self.path + keys)

    def opt(self, key: str) -> str | None:
        value = self.data.get(key)
        return value if isinstance(value, str) else None

    def number(self, key: str) -> int | None:
        value = self.opt(key)
        return int(value) if value is not None else None

    def strings(self, key: str) -> tuple[str, ...]:
        return tuple(self.data.get(key, ()))

    def items(self, key: str) -> list[_Reader]:
        return [self.at(key, i) for i in range(len(self.data.get(key, ())))]

    def citations(self, key: str = "citations") -> tuple[Citation, ...]:
        return tuple(
            Citation(c.data["source"], c.opt("quote"), c.opt("locator"), c.opt("origin"), c.path)
            for c in self.items(key)
        )

    def changes(self) -> tuple[Change, ...]:
        return tuple(
            Change(i, c.data["date"], ChangeKind(c.data["kind"]), c.data["text"], c.citations())
            for i, c in enumerate(self.items("changes"))
        )

    def cited_text(self, key: str) -> CitedText:
        part = self.at(key)
        return CitedText(part.data["text"], part.citations())


def build_source(record_id: str, file: str, data: dict[str, Any]) -> Source:
    r = _Reader(data)
    archive = data.get("archive") or {}
    return Source(
        id=record_id,
        file=file,
        title=data["title"],
        kind=SourceKind(data["kind"]),
        publisher=data["publisher"],
        publisher_note=r.opt("publisher_note"),
        url=r.opt("url"),
        archive_url=r.opt("archive_url"),
        published=data["published"],
        published_note=r.opt("published_note"),
        accessed=r.opt("accessed"),
        language=data["language"],
        authors=r.strings("authors"),
        archive_file=archive.get("file"),
        archive_sha256=archive.get("sha256"),
        derived_from=r.strings("derived_from"),
        derived_from_note=r.opt("derived_from_note"),
        notes=r.opt("notes"),
        updated=r.opt("updated"),
        changes=r.changes(),
        renamed_from=r.strings("renamed_from"),
    )


def build_actor(record_id: str, file: str, data: dict[str, Any]) -> Actor:
    r = _Reader(data)
    return Actor(
        id=record_id,
        file=file,
        name=data["name"],
        kind=ActorKind(data["kind"]),
        aliases=r.strings("aliases"),
        description=r.cited_text("description"),
        affiliations=tuple(
            Affiliation(a.data["actor"], a.data["role"], a.opt("from"), a.opt("to"), a.citations())
            for a in r.items("affiliations")
        ),
        notes=r.opt("notes"),
        updated=r.opt("updated"),
        changes=r.changes(),
        renamed_from=r.strings("renamed_from"),
    )


def _date_span(r: _Reader) -> DateSpan | None:
    if "date" not in r.data:
        return None
    d = r.at("date")
    return DateSpan(
        start=d.data["start"],
        end=d.opt("end"),
        approximate=d.opt("approximate") == YesNo.YES,
        ongoing=d.opt("ongoing") == YesNo.YES,
        note=d.opt("note"),
        citations=d.citations(),
    )


def _location(r: _Reader) -> Location | None:
    if "location" not in r.data:
        return None
    loc = r.at("location")
    coords = loc.data.get("coordinates")
    return Location(
        place=loc.opt("place"),
        province=loc.opt("province"),
        country=loc.data["country"],
        coordinates=Coordinates(coords["lat"], coords["lon"], Precision(coords["precision"]))
        if coords
        else None,
        note=loc.opt("note"),
        citations=loc.citations(),
    )


def build_incident(record_id: str, file: str, data: dict[str, Any]) -> Incident:
    r = _Reader(data)
    return Incident(
        id=record_id,
        file=file,
        title=data["title"],
        kind=IncidentKind(data["kind"]),
        date=_date_span(r),
        location=_location(r),
        parent=r.opt("parent"),
        summary=r.cited_text("summary"),
        actors=tuple(
            Role(a.data["actor"], IncidentRole(a.data["role"]), a.opt("note"), a.citations())
            for a in r.items("actors")
        ),
        figures=tuple(
            Figure(
                index=i,
                measure=Measure(f.data["measure"]),
                scope=f.opt("scope"),
                qualifier=Qualifier(f.data["qualifier"]),
                value=f.number("value"),
                low=f.number("min"),
                high=f.number("max"),
                stated=f.opt("stated"),
                as_of=f.opt("as_of"),
                claimant=f.data["claimant"],
                claimant_note=f.opt("claimant_note"),
                note=f.opt("note"),
                citations=f.citations(),
            )
            for i, f in enumerate(r.items("figures"))
        ),
        claims=tuple(
            Claim(
                index=i,
                id=c.data["id"],
                incident=record_id,
                claimant=c.data["claimant"],
                claimant_note=c.opt("claimant_note"),
                stance=Stance(c.data["stance"]),
                text=c.data["text"],
                said=c.opt("said"),
                said_note=c.opt("said_note"),
                responds_to=c.opt("responds_to"),
                citations=c.citations(),
                topic=c.opt("topic"),
            )
            for i, c in enumerate(r.items("claims"))
        ),
        discrepancies=tuple(
            CitedText(d.data["text"], d.citations()) for d in r.items("discrepancies")
        ),
        status_override=(
            Status(data["status_override"]["status"]),
            data["status_override"]["reason"],
        )
        if "status_override" in data
        else None,
        notes=r.opt("notes"),
        updated=r.opt("updated"),
        changes=r.changes(),
        renamed_from=r.strings("renamed_from"),
    )


BUILDERS: dict[RecordKind, Callable[[str, str, dict[str, Any]], Record]] = {
    RecordKind.SOURCE: build_source,
    RecordKind.ACTOR: build_actor,
    RecordKind.INCIDENT: build_incident,
}


def all_citations(record: Record) -> list[Citation]:
    """Every citation in a record, in the order it appears, those of its changes last."""
    later = [c for change in record.changes for c in change.citations]
    if isinstance(record, Source):
        return later
    if isinstance(record, Actor):
        found = list(record.description.citations)
        for aff in record.affiliations:
            found.extend(aff.citations)
        return found + later
    found = []
    if record.date:
        found.extend(record.date.citations)
    if record.location:
        found.extend(record.location.citations)
    found.extend(record.summary.citations)
    for role in record.actors:
        found.extend(role.citations)
    for fig in record.figures:
        found.extend(fig.citations)
    for claim in record.claims:
        found.extend(claim.citations)
    for disc in record.discrepancies:
        found.extend(disc.citations)
    return found + later


def last_updated(record: Record) -> str | None:
    """The record's `updated` date, else the date of its latest change, else None.

    Deliberately not the git commit date: a fresh clone, a shallow checkout or a
    rebase gives different dates, and pages must be byte-identical for the same records.
    """
    dates = [change.date for change in record.changes]
    if record.updated:
        dates.append(record.updated)
    return max(dates) if dates else None
