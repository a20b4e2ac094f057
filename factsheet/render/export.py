"""Data downloads: the whole fact base as one JSON file, CSV tables and the JSON Schemas,
described by a Frictionless datapackage.json (datapackage.py) with their SHA-256 sums.

Every file is text and deterministic: keys sorted, lists in id order, "\\n" line
ends in JSON and "\\r\\n" in CSV (RFC 4180). The only date is the build day in
datapackage.json (config.today(), which SOURCE_DATE_EPOCH pins). The files are
described field by field on docs/data.md and column by column in datapackage.py; change
them together.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterable, Iterator
from functools import cache
from pathlib import Path
from typing import Any

from ..config import SCHEMA_DIR
from ..domain.dates import try_parse_date
from ..domain.figures import Interval
from ..domain.grading import Grade
from ..domain.model import (
    Actor,
    Citation,
    Claim,
    DateSpan,
    Figure,
    Incident,
    Location,
    Source,
    Withdrawn,
    all_citations,
)
from ..factbase import FactBase, MeasureReports
from .datapackage import DESCRIPTOR, SUMS, Digest, descriptor, sha256_of, sha256sums

FOLDER = "data"
FORMAT_VERSION = 1  # also in FACT_BASE_SCHEMA, as the only value format_version may have
# The shape of factsheet.json, field by field (a download too). Change it with the code.
FACT_BASE_SCHEMA = Path(__file__).resolve().parent.parent / "templates" / "factsheet.schema.json"
# A spreadsheet program runs a cell that starts with one of these as a formula.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _precision(text: str | None) -> str | None:
    parsed = try_parse_date(text)
    return parsed.precision if parsed else None


def _interval(interval: Interval | None) -> dict[str, int | None] | None:
    return None if interval is None else {"low": interval.low, "high": interval.high}


def _citation(base: FactBase, citation: Citation) -> dict[str, Any]:
    verified = None
    if citation.quote is not None:
        status = base.quote_status.get((citation.source, citation.quote))
        verified = status.verified_on if status else None
    return {
        "source": citation.source,
        "quote": citation.quote,
        "quote_verified_on": verified,
        "locator": citation.locator,
        "origin": citation.origin,
    }


def _citations(base: FactBase, citations: Iterable[Citation]) -> list[dict[str, Any]]:
    return [_citation(base, c) for c in citations]


def _currency(base: FactBase, record: Incident | Actor | Source) -> dict[str, Any]:
    """When a record was last changed, its dated corrections and updates, its old ids."""
    return {
        "updated": record.updated,
        "changes": [
            {
                "date": c.date,
                "kind": c.kind,
                "text": c.text,
                "citations": _citations(base, c.citations),
            }
            for c in record.changes
        ],
        "renamed_from": list(record.renamed_from),
    }


def _date(base: FactBase, span: DateSpan | None) -> dict[str, Any] | None:
    if span is None:
        return None
    return {
        "start": span.start,
        "end": span.end,
        "precision": _precision(span.start),
        "approximate": span.approximate,
        "ongoing": span.ongoing,
        "note": span.note,
        "citations": _citations(base, span.citations),
    }


def _location(base: FactBase, loc: Location | None) -> dict[str, Any] | None:
    if loc is None:
        return None
    coords = loc.coordinates
    return {
        "place": loc.place,
        "province": loc.province,
        "country": loc.country,
        "coordinates": None
        if coords is None
        else {"lat": coords.lat, "lon": coords.lon, "precision": coords.precision},
        "note": loc.note,
        "citations": _citations(base, loc.citations),
    }


def _figure(base: FactBase, fig: Figure) -> dict[str, Any]:
    return {
        "index": fig.index,
        "measure": fig.measure,
        "scope": fig.scope,
        "qualifier": fig.qualifier,
        "value": fig.value,
        "min": fig.low,
        "max": fig.high,
        "stated": fig.stated,
        "as_of": fig.as_of,
        "claimant": fig.claimant,
        "claimant_note": fig.claimant_note,
        "note": fig.note,
        "range": _interval(fig.interval),
        "origins": sorted(base.origins_of(fig.citations, fig.claimant)),
        "citations": _citations(base, fig.citations),
    }


def _measure(base: FactBase, group: MeasureReports) -> dict[str, Any]:
    comp = group.comparison
    origins = frozenset().union(*(base.origins_of(f.citations, f.claimant) for f in group.figures))
    return {
        "measure": group.measure,
        "scope": group.scope,
        "figures": [f.index for f in group.figures],
        "verdict": comp.verdict,
        "allowed": _interval(comp.allowed),
        "span": _interval(comp.span),
        "origins": sorted(origins),
    }


def _claim(base: FactBase, claim: Claim) -> dict[str, Any]:
    return {
        "id": claim.id,
        "claimant": claim.claimant,
        "claimant_note": claim.claimant_note,
        "stance": claim.stance,
        "text": claim.text,
        "said": claim.said,
        "said_precision": _precision(claim.said),
        "said_note": claim.said_note,
        "responds_to": claim.responds_to,
        "topic": claim.topic,
        "responses": sorted(r.id for r in base.responses.get(claim.id, [])),
        "origins": sorted(base.origins_of(claim.citations, claim.claimant)),
        "citations": _citations(base, claim.citations),
    }


def _status(grade: Grade) -> dict[str, Any]:
    origins = grade.subject.origins
    return {
        "status": grade.status,
        "computed": grade.computed,
        "override_reason": grade.override_reason,
        "independent_origins": [list(body) for body in origins.bodies],
        "accused_party_origins": list(origins.accused),
        "origin_not_established_in": list(grade.subject.unestablished),
        "rules": [
            {"rule": r.rule, "question": r.question, "met": r.met, "detail": r.detail}
            for r in grade.trace
        ],
    }


def _incident(base: FactBase, incident: Incident) -> dict[str, Any]:
    grade = base.grades[incident.id]
    return {
        "id": incident.id,
        "file": incident.file,
        "title": incident.title,
        "kind": incident.kind,
        "date": _date(base, incident.date),
        "location": _location(base, incident.location),
        "parent": incident.parent,
        "children": sorted(c.id for c in base.children.get(incident.id, [])),
        "summary": {
            "text": incident.summary.text,
            "citations": _citations(base, incident.summary.citations),
        },
        "actors": [
            {
                "actor": r.actor,
                "role": r.role,
                "note": r.note,
                "citations": _citations(base, r.citations),
            }
            for r in incident.actors
        ],
        "figures": [_figure(base, f) for f in incident.figures],
        "measures": [_measure(base, g) for g in base.measures[incident.id]],
        "claims": [_claim(base, c) for c in incident.claims],
        "discrepancies": [
            {"text": d.text, "citations": _citations(base, d.citations)}
            for d in incident.discrepancies
        ],
        "status": _status(grade),
        "questions": [
            {"about": q.subject.about, **_status(q)} for q in base.questions[incident.id]
        ],
        "notes": incident.notes,
        **_currency(base, incident),
    }


def _actor(base: FactBase, actor: Actor) -> dict[str, Any]:
    return {
        "id": actor.id,
        "file": actor.file,
        "name": actor.name,
        "kind": actor.kind,
        "aliases": list(actor.aliases),
        "description": {
            "text": actor.description.text,
            "citations": _citations(base, actor.description.citations),
        },
        "affiliations": [
            {
                "actor": a.actor,
                "role": a.role,
                "from": a.start,
                "to": a.end,
                "citations": _citations(base, a.citations),
            }
            for a in actor.affiliations
        ],
        "members": sorted(m.id for m, _ in base.members.get(actor.id, [])),
        "incidents": sorted({i.id for i, _ in base.roles_of.get(actor.id, [])}),
        "claims": sorted(c.id for c in base.claims_by.get(actor.id, [])),
        "sources_published": sorted(s.id for s in base.published_by.get(actor.id, [])),
        "notes": actor.notes,
        **_currency(base, actor),
    }


def _source(base: FactBase, source: Source) -> dict[str, Any]:
    return {
        "id": source.id,
        "file": source.file,
        "title": source.title,
        "kind": source.kind,
        "publisher": source.publisher,
        "publisher_note": source.publisher_note,
        "url": source.url,
        "archive_url": source.archive_url,
        "published": source.published,
        "published_precision": _precision(source.published),
        "published_note": source.published_note,
        "accessed": source.accessed,
        "language": source.language,
        "authors": list(source.authors),
        "archive_sha256": source.archive_sha256,
        "derived_from": list(source.derived_from),
        "derived_from_note": source.derived_from_note,
        "origins": sorted(base.origins.get(source.id, frozenset({source.id}))),
        "cited_by": sorted({f"{u.record_kind}:{u.record_id}" for u in base.uses[source.id]}),
        "notes": source.notes,
        **_currency(base, source),
    }


def _compact(value: object) -> str:
    # Compact on one line: at thousands of records indentation makes the download about a
    # third bigger, and only the compact form runs in json's C encoder (several times faster).
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=True)


def _withdrawn(record: Withdrawn) -> dict[str, Any]:
    return {
        "id": record.id,
        "kind": record.kind,
        "title": record.title,
        "withdrawn": {"date": record.date, "reason": record.reason},
        "renamed_from": list(record.renamed_from),
    }


def fact_base_json(base: FactBase) -> Iterator[bytes]:
    """The whole fact base as one JSON document, keys sorted, in UTF-8 chunks.

    Encoded one record at a time (joined, the same text json.dumps gives for the whole),
    so that at thousands of records neither all their dicts nor the whole text are ever
    in memory at once.
    """
    lists = {
        "actors": (_actor(base, a) for a in base.actors.values()),
        "incidents": (_incident(base, i) for i in base.incidents.values()),
        "sources": (_source(base, s) for s in base.sources.values()),
        # Records taken off the site: their ids stay reserved, with when and why.
        "withdrawn": (_withdrawn(w) for w in base.withdrawn.values()),
    }
    text = "{"
    for key in sorted([*lists, "format_version"]):
        text += ("" if text == "{" else ",") + _compact(key) + ":"
        if key == "format_version":
            text += _compact(FORMAT_VERSION)
            continue
        text += "["
        for number, record in enumerate(lists[key]):
            yield (text + ("," if number else "") + _compact(record)).encode("utf-8")
            text = ""
        text += "]"
    yield (text + "}\n").encode("utf-8")


def _cell_text(value: object) -> str:
    """A value as the text of one cell: lists joined with `;`, yes/no, empty for none."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, (list, tuple)):
        return ";".join(_cell_text(v) for v in value)
    return str(value)


def _cell(value: object) -> str:
    """One cell, guarded after joining: whatever a cell holds, a spreadsheet shows it as
    text, never runs it as a formula."""
    text = _cell_text(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


def _csv(header: list[str], rows: Iterable[list[object]]) -> str:
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows([_cell(v) for v in row] for row in rows)
    return out.getvalue()


def _source_ids(citations: Iterable[Citation]) -> list[str]:
    return sorted({c.source for c in citations})


def _incidents_csv(base: FactBase) -> str:
    header = [
        "id",
        "title",
        "kind",
        "date_start",
        "date_end",
        "date_precision",
        "date_approximate",
        "date_ongoing",
        "place",
        "province",
        "country",
        "latitude",
        "longitude",
        "coordinates_precision",
        "parent",
        "status",
        "summary",
        "actors",
        "figures",
        "claims",
        "sources",
        "updated",
    ]
    rows: list[list[object]] = []
    for i in base.incidents.values():
        d, loc = i.date, i.location
        coords = loc.coordinates if loc else None
        rows.append(
            [
                i.id,
                i.title,
                i.kind,
                d.start if d else None,
                d.end if d else None,
                _precision(d.start) if d else None,
                d.approximate if d else None,
                d.ongoing if d else None,
                loc.place if loc else None,
                loc.province if loc else None,
                loc.country if loc else None,
                coords.lat if coords else None,
                coords.lon if coords else None,
                coords.precision if coords else None,
                i.parent,
                base.grades[i.id].status,
                i.summary.text,
                sorted({r.actor for r in i.actors}),
                len(i.figures),
                len(i.claims),
                _source_ids(all_citations(i)),
                i.updated,
            ]
        )
    return _csv(header, rows)


def _figures_csv(base: FactBase) -> str:
    header = [
        "incident",
        "figure_index",
        "measure",
        "scope",
        "qualifier",
        "value",
        "min",
        "max",
        "stated",
        "as_of",
        "claimant",
        "sources",
        "range_low",
        "range_high",
        "measure_verdict",
    ]
    rows: list[list[object]] = []
    for incident in base.incidents.values():
        verdicts = {
            (g.measure, g.scope or ""): g.comparison.verdict for g in base.measures[incident.id]
        }
        for f in incident.figures:
            interval = f.interval
            rows.append(
                [
                    incident.id,
                    f.index,
                    f.measure,
                    f.scope,
                    f.qualifier,
                    f.value,
                    f.low,
                    f.high,
                    f.stated,
                    f.as_of,
                    f.claimant,
                    _source_ids(f.citations),
                    interval.low,
                    interval.high,
                    verdicts[f.key],
                ]
            )
    return _csv(header, rows)


def _claims_csv(base: FactBase) -> str:
    header = [
        "incident",
        "id",
        "claimant",
        "stance",
        "text",
        "said",
        "said_precision",
        "responds_to",
        "sources",
    ]
    rows: list[list[object]] = [
        [
            c.incident,
            c.id,
            c.claimant,
            c.stance,
            c.text,
            c.said,
            _precision(c.said),
            c.responds_to,
            _source_ids(c.citations),
        ]
        for i in base.incidents.values()
        for c in i.claims
    ]
    return _csv(header, rows)


def _actors_csv(base: FactBase) -> str:
    header = [
        "id",
        "name",
        "kind",
        "aliases",
        "description",
        "affiliated_with",
        "incidents",
        "updated",
    ]
    rows: list[list[object]] = [
        [
            a.id,
            a.name,
            a.kind,
            list(a.aliases),
            a.description.text,
            sorted({f.actor for f in a.affiliations}),
            sorted({i.id for i, _ in base.roles_of.get(a.id, [])}),
            a.updated,
        ]
        for a in base.actors.values()
    ]
    return _csv(header, rows)


def _sources_csv(base: FactBase) -> str:
    header = [
        "id",
        "title",
        "kind",
        "publisher",
        "published",
        "published_precision",
        "accessed",
        "language",
        "authors",
        "url",
        "archive_url",
        "archive_sha256",
        "derived_from",
        "origins",
        "citations",
        "updated",
    ]
    rows: list[list[object]] = [
        [
            s.id,
            s.title,
            s.kind,
            s.publisher,
            s.published,
            _precision(s.published),
            s.accessed,
            s.language,
            list(s.authors),
            s.url,
            s.archive_url,
            s.archive_sha256,
            list(s.derived_from),
            sorted(base.origins.get(s.id, frozenset({s.id}))),
            len(base.uses.get(s.id, [])),
            s.updated,
        ]
        for s in base.sources.values()
    ]
    return _csv(header, rows)


def schema_files() -> dict[str, str]:
    """The JSON Schemas the records are checked with, as they are (line ends made "\\n")."""
    return {
        path.name: path.read_text(encoding="utf-8").replace("\r\n", "\n")
        for path in sorted(SCHEMA_DIR.glob("*.schema.json"))
    }


def export_files(base: FactBase) -> Iterator[tuple[str, str | Iterator[bytes]]]:
    """Every download, as (path relative to docs/, text), made one at a time.

    The large JSON file is a stream, hashed as it is written; the descriptor and the sums
    come last and are made when read (Digest says what happens if they are read first).
    """
    fact_base = Digest(lambda: fact_base_json(base))
    yield f"{FOLDER}/factsheet.json", fact_base.stream()
    sums: dict[str, tuple[str, int]] = {}  # each file's sum, kept instead of its text
    for path, text in _texts(base):
        sums[path] = sha256_of(text.encode("utf-8"))
        yield f"{FOLDER}/{path}", text

    @cache
    def described() -> bytes:
        return descriptor(FORMAT_VERSION, fact_base.result(), sums).encode("utf-8")

    def summed() -> bytes:
        every = {**sums, "factsheet.json": fact_base.result(), DESCRIPTOR: sha256_of(described())}
        return sha256sums(every).encode("utf-8")

    yield f"{FOLDER}/{DESCRIPTOR}", _when_read(described)
    yield f"{FOLDER}/{SUMS}", _when_read(summed)


def _texts(base: FactBase) -> Iterator[tuple[str, str]]:
    """The downloads made whole, by path under data/: the CSV files, then the schemas."""
    yield "incidents.csv", _incidents_csv(base)
    yield "figures.csv", _figures_csv(base)
    yield "claims.csv", _claims_csv(base)
    yield "actors.csv", _actors_csv(base)
    yield "sources.csv", _sources_csv(base)
    yield FACT_BASE_SCHEMA.name, FACT_BASE_SCHEMA.read_text(encoding="utf-8").replace("\r\n", "\n")
    for name, text in schema_files().items():
        yield f"schemas/{name}", text


def _when_read(make: Callable[[], bytes]) -> Iterator[bytes]:
    """A file made only when its first chunk is asked for."""
    yield make()
