"""The vocabularies in code match the schemas, and every label dict covers its vocabulary.

A value added to a schema's `enum` (a new measure, say) passes `build.py check`, so without
these tests it would first show as an internal error when a page needs its label.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Iterator, Mapping
from enum import StrEnum
from typing import Any

import pytest

from factsheet.config import SCHEMA_DIR
from factsheet.domain import vocab
from factsheet.domain.figures import BREAKDOWN_OF, MEASURE_LABELS, QUALIFIER_LABELS
from factsheet.domain.grading import STATUS_LABELS
from factsheet.domain.vocab import (
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
    Verdict,
    YesNo,
)
from factsheet.render.changes import CHANGE_LABELS
from factsheet.render.lead import RELATION
from factsheet.render.lists import INCIDENT_GROUPS

# Where each closed vocabulary is listed in the schemas, and its class.
SCHEMA_ENUMS: dict[tuple[str, str], type[StrEnum]] = {
    ("actor.schema.json", "/properties/kind"): ActorKind,
    ("common.schema.json", "/definitions/changes/items/properties/kind"): ChangeKind,
    ("incident.schema.json", "/properties/kind"): IncidentKind,
    ("incident.schema.json", "/definitions/figure/properties/measure"): Measure,
    ("incident.schema.json", "/definitions/figure/properties/qualifier"): Qualifier,
    ("incident.schema.json", "/definitions/claim/properties/stance"): Stance,
    ("incident.schema.json", "/properties/actors/items/properties/role"): IncidentRole,
    ("incident.schema.json", "/properties/status_override/properties/status"): Status,
    ("incident.schema.json", "/properties/location/properties/coordinates/properties/precision"): (
        Precision
    ),
    ("incident.schema.json", "/properties/date/properties/approximate"): YesNo,
    ("incident.schema.json", "/properties/date/properties/ongoing"): YesNo,
    ("source.schema.json", "/properties/kind"): SourceKind,
}

# Every dict that maps a vocabulary to words or types for readers, with its vocabulary.
LABELS: list[tuple[type[StrEnum], Mapping[Any, str]]] = [
    (Measure, MEASURE_LABELS),
    (Qualifier, QUALIFIER_LABELS),
    (Status, STATUS_LABELS),
    (ChangeKind, CHANGE_LABELS),
    (Verdict, RELATION),
]


def _schemas() -> dict[str, Any]:
    return {
        path.name: json.loads(path.read_text(encoding="utf-8"))
        for path in sorted(SCHEMA_DIR.glob("*.schema.json"))
    }


def _enums(node: Any, pointer: str = "") -> Iterator[tuple[str, list[Any]]]:
    """(JSON pointer, values) of every `enum` list in a schema document."""
    if isinstance(node, dict):
        if isinstance(node.get("enum"), list):
            yield pointer, node["enum"]
        for key, value in node.items():
            yield from _enums(value, f"{pointer}/{key}")
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _enums(value, f"{pointer}/{index}")


def _mismatches(schemas: Mapping[str, Any]) -> list[str]:
    """What the code's vocabularies miss or add compared with the schemas, in words."""
    found = {
        (name, pointer): values
        for name, schema in schemas.items()
        for pointer, values in _enums(schema)
    }
    wrong = [
        f"{name}#{pointer} has no StrEnum"
        for name, pointer in sorted(set(found) - set(SCHEMA_ENUMS))
    ]
    wrong += [
        f"{name}#{pointer} is gone" for name, pointer in sorted(set(SCHEMA_ENUMS) - set(found))
    ]
    for where, cls in SCHEMA_ENUMS.items():
        listed = found.get(where)
        if listed is None:
            continue
        members = [member.value for member in cls]
        wrong += [
            f"{cls.__name__} lacks {value!r} ({where[0]})"
            for value in listed
            if value not in members
        ]
        wrong += [
            f"{cls.__name__}.{cls(value).name} is not in {where[0]}"
            for value in members
            if value not in listed
        ]
    return wrong


def test_every_schema_vocabulary_is_a_strenum_with_the_same_values() -> None:
    assert _mismatches(_schemas()) == []


def test_a_measure_added_to_the_schema_is_caught() -> None:
    schemas = copy.deepcopy(_schemas())
    figure = schemas["incident.schema.json"]["definitions"]["figure"]["properties"]
    figure["measure"]["enum"].append("hospitals-hit")
    assert _mismatches(schemas) == ["Measure lacks 'hospitals-hit' (incident.schema.json)"]


def test_a_new_vocabulary_in_a_schema_is_caught() -> None:
    schemas = copy.deepcopy(_schemas())
    schemas["source.schema.json"]["properties"]["medium"] = {"enum": ["print", "radio"]}
    assert _mismatches(schemas) == ["source.schema.json#/properties/medium has no StrEnum"]


def test_every_record_kind_has_its_schema() -> None:
    names = {name for name in _schemas() if name != "common.schema.json"}
    assert names == {f"{kind}.schema.json" for kind in RecordKind}
    assert vocab.KIND_OF_FOLDER == {
        "sources": RecordKind.SOURCE,
        "actors": RecordKind.ACTOR,
        "incidents": RecordKind.INCIDENT,
    }


@pytest.mark.parametrize("cls, labels", LABELS, ids=[cls.__name__ for cls, _ in LABELS])
def test_every_value_has_its_label_and_every_label_its_value(
    cls: type[StrEnum], labels: Mapping[Any, str]
) -> None:
    assert set(labels) == set(cls)
    assert all(isinstance(key, cls) for key in labels)


def test_every_incident_kind_is_in_exactly_one_group_of_the_list_page() -> None:
    grouped = [kind for _, kinds in INCIDENT_GROUPS for kind in kinds]
    assert sorted(grouped) == sorted(IncidentKind)


def test_breakdowns_name_measures() -> None:
    assert all(
        isinstance(m, Measure) for part, totals in BREAKDOWN_OF.items() for m in (part, *totals)
    )


def test_members_read_as_the_values_editors_write() -> None:
    """Pages and exports print members; they must show as the plain value."""
    member = Measure.CIVILIANS_KILLED
    assert (str(member), f"{member}", json.dumps(member)) == (
        "civilians-killed",
        "civilians-killed",
        '"civilians-killed"',
    )
    assert {"civilians-killed": 1}[member] == 1  # and look up as their value
