"""A Frictionless Data Package descriptor for the downloads, and their SHA-256 sums.

datapackage.json describes every download: each CSV column with its type (primary and
foreign keys included), the JSON file and the schemas, each with its size and SHA-256 sum,
so that `frictionless validate data/datapackage.json` checks the files as a researcher got
them. SHA256SUMS lists the same sums (and the descriptor's) for `sha256sum -c`.

The data's version and build date come from config.today(), which honours
SOURCE_DATE_EPOCH, so a rebuild on the same day gives the same bytes.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from ..config import today

DESCRIPTOR = "datapackage.json"
SUMS = "SHA256SUMS"

# A date as the records write it: to the day, month or year, or `unknown`.
_DATE = {"pattern": "^(unknown|[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?)$"}
_PRECISION = {"enum": ["day", "month", "year"]}
_LIST = "several values separated by `;`"
# A number that may be negative is a string: a cell starting with `-` gets an apostrophe so
# that spreadsheet programs do not run it as a formula (see data.md).
_SIGNED = "a decimal number, preceded by an apostrophe when it is negative"


@dataclass(frozen=True)
class Column:
    name: str
    type: str = "string"
    constraints: Mapping[str, Any] = field(default_factory=dict)
    description: str | None = None

    def descriptor(self) -> dict[str, Any]:
        out: dict[str, Any] = {"name": self.name, "type": self.type}
        if self.type == "boolean":
            out |= {"trueValues": ["yes"], "falseValues": ["no"]}
        if self.description:
            out["description"] = self.description
        if self.constraints:
            out["constraints"] = dict(self.constraints)
        return out


def _ids(name: str) -> Column:
    return Column(name, description=f"ids, {_LIST}")


@dataclass(frozen=True)
class Table:
    name: str
    description: str
    columns: tuple[Column, ...]
    primary_key: tuple[str, ...]
    # (column, table it refers to, that table's column); "" is this table itself.
    foreign_keys: tuple[tuple[str, str, str], ...] = ()

    @property
    def path(self) -> str:
        return f"{self.name}.csv"


TABLES = (
    Table(
        "incidents",
        "One row per incident.",
        (
            Column("id"), Column("title"), Column("kind"),
            Column("date_start", constraints=_DATE), Column("date_end", constraints=_DATE),
            Column("date_precision", constraints=_PRECISION),
            Column("date_approximate", "boolean"), Column("date_ongoing", "boolean"),
            Column("place"), Column("province"), Column("country"),
            Column("latitude", description=_SIGNED), Column("longitude", description=_SIGNED),
            Column("coordinates_precision"), Column("parent"), Column("status"),
            Column("summary"), _ids("actors"),
            Column("figures", "integer", {"minimum": 0}),
            Column("claims", "integer", {"minimum": 0}),
            _ids("sources"), Column("updated", constraints=_DATE),
        ),
        ("id",),
        (("parent", "", "id"),),
    ),
    Table(
        "figures",
        "One row per reported figure; `incident` and `figure_index` identify it.",
        (
            Column("incident"), Column("figure_index", "integer", {"minimum": 0}),
            Column("measure"), Column("scope"), Column("qualifier"),
            Column("value", "integer"), Column("min", "integer"), Column("max", "integer"),
            Column("stated"), Column("as_of", constraints=_DATE), Column("claimant"),
            _ids("sources"), Column("range_low", "integer"), Column("range_high", "integer"),
            Column("measure_verdict", constraints={"enum": ["agree", "differ", "conflict"]}),
        ),
        ("incident", "figure_index"),
        (("incident", "incidents", "id"),),
    ),
    Table(
        "claims",
        "One row per claim.",
        (
            Column("incident"), Column("id"), Column("claimant"), Column("stance"),
            Column("text"), Column("said", constraints=_DATE),
            Column("said_precision", constraints=_PRECISION), Column("responds_to"),
            _ids("sources"),
        ),
        ("id",),
        (("incident", "incidents", "id"), ("responds_to", "", "id")),
    ),
    Table(
        "actors",
        "One row per actor.",
        (
            Column("id"), Column("name"), Column("kind"),
            Column("aliases", description=_LIST), Column("description"),
            _ids("affiliated_with"), _ids("incidents"), Column("updated", constraints=_DATE),
        ),
        ("id",),
    ),
    Table(
        "sources",
        "One row per source.",
        (
            Column("id"), Column("title"), Column("kind"), Column("publisher"),
            Column("published", constraints=_DATE),
            Column("published_precision", constraints=_PRECISION),
            Column("accessed", constraints=_DATE), Column("language"),
            Column("authors", description=_LIST), Column("url"), Column("archive_url"),
            Column("archive_sha256"), _ids("derived_from"), _ids("origins"),
            Column("citations", "integer", {"minimum": 0}), Column("updated", constraints=_DATE),
        ),
        ("id",),
    ),
)

_SCHEMA_DESCRIPTIONS = {
    "factsheet": "The JSON Schema (draft-07) of factsheet.json: every field and its type.",
    "common": "Definitions the JSON Schemas of the records share.",
}

_CSV_DIALECT = {"delimiter": ",", "lineTerminator": "\r\n", "quoteChar": '"',
                "doubleQuote": True, "header": True}


class Digest:
    """The SHA-256 sum and size of a download streamed in chunks, taken as it is written.

    `stream()` hashes the chunks as they pass. When the sum is asked for before a stream
    has passed whole (a caller that reads the files out of order), it comes from a fresh
    stream of the same bytes instead: the same answer, at the cost of making them twice.
    """

    def __init__(self, make: Callable[[], Iterator[bytes]]) -> None:
        self._make = make
        self._result: tuple[str, int] | None = None

    def stream(self) -> Iterator[bytes]:
        digest, size = hashlib.sha256(), 0
        for chunk in self._make():
            digest.update(chunk)
            size += len(chunk)
            yield chunk
        self._result = (digest.hexdigest(), size)

    def result(self) -> tuple[str, int]:
        if self._result is None:
            for _ in self.stream():
                pass
        assert self._result is not None
        return self._result


def sha256_of(data: bytes) -> tuple[str, int]:
    return hashlib.sha256(data).hexdigest(), len(data)


def version(format_version: int, day: str) -> str:
    """The data's version: the format's version, then the build day (1.20270115.0)."""
    return f"{format_version}.{day.replace('-', '')}.0"


# The records' licence, as LICENSE-DATA.md and mkdocs.yml's extra.factsheet.data_licence
# state it (tests/test_licences.py holds them together).
DATA_LICENCE = {
    "name": "CC-BY-4.0",
    "path": "https://creativecommons.org/licenses/by/4.0/",
    "title": "Creative Commons Attribution 4.0 International",
}


def descriptor(
    format_version: int,
    fact_base: tuple[str, int],
    sums: Mapping[str, tuple[str, int]],
) -> str:
    """datapackage.json's text. `fact_base` is factsheet.json's SHA-256 and size; `sums`
    those of the other downloads, by path under data/ (the CSV files and schemas/...)."""
    day = today()

    def checked(sums: tuple[str, int]) -> dict[str, Any]:
        return {"bytes": sums[1], "hash": f"sha256:{sums[0]}"}

    resources: list[dict[str, Any]] = [
        {
            "name": "factsheet",
            "path": "factsheet.json",
            "title": "The whole fact base",
            "description": "Every incident, actor and source, with all references resolved "
            "and all comparisons worked out. Every field and its type is given by the JSON "
            "Schema factsheet.schema.json, and explained on the data page.",
            "type": "json",
            "format": "json",
            "mediatype": "application/json",
            "encoding": "utf-8",
            **checked(fact_base),
        }
    ]
    for table in TABLES:
        schema: dict[str, Any] = {
            "fields": [c.descriptor() for c in table.columns],
            "missingValues": [""],
            "primaryKey": list(table.primary_key),
        }
        if table.foreign_keys:
            schema["foreignKeys"] = [
                {"fields": [column], "reference": {"resource": target, "fields": [key]}}
                for column, target, key in table.foreign_keys
            ]
        resources.append({
            "name": table.name,
            "path": table.path,
            "profile": "tabular-data-resource",
            "type": "table",
            "description": table.description,
            "format": "csv",
            "mediatype": "text/csv",
            "encoding": "utf-8",
            "dialect": _CSV_DIALECT,
            **checked(sums[table.path]),
            "schema": schema,
        })
    for path in sorted(p for p in sums if p.endswith(".schema.json")):
        kind = path.removeprefix("schemas/").removesuffix(".schema.json")
        resources.append({
            "name": f"{kind}-schema",
            "path": path,
            "description": _SCHEMA_DESCRIPTIONS.get(
                kind, f"The JSON Schema (draft-07) of the {kind} records in facts/."
            ),
            # "json": without it, Frictionless takes a *.schema.json file for a Table Schema.
            "type": "json",
            "format": "json",
            "mediatype": "application/schema+json",
            "encoding": "utf-8",
            **checked(sums[path]),
        })
    package = {
        "profile": "data-package",
        "name": "factsheet-data",
        "title": "Factsheet data: who said what, each figure traced to its source",
        "description": "The records behind the site as data: incidents, the figures and "
        "claims reported about them, the actors who made them and the sources they were "
        "read in. Every fact is attributed to its claimant and source.",
        "version": version(format_version, day),
        "created": f"{day}T00:00:00Z",
        "licenses": [DATA_LICENCE],
        "resources": resources,
    }
    return json.dumps(package, ensure_ascii=False, indent=2) + "\n"


def sha256sums(sums: Mapping[str, tuple[str, int]]) -> str:
    """SHA256SUMS's text: `<sum>  <path>` per download, by path, as `sha256sum -c` reads."""
    return "".join(f"{sums[path][0]}  {path}\n" for path in sorted(sums))
