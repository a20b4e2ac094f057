"""The quick schema check (fastjsonschema) agrees with jsonschema on every record file here.

It may only skip jsonschema for records jsonschema finds valid; on the test cases
(valid and invalid) and the shipped facts it must give exactly jsonschema's verdict,
else the fast path would either hide problems or never be taken.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import REPO

from bench import synthetic
from factsheet.domain.vocab import KIND_OF_FOLDER, RecordKind
from factsheet.load.schema import quick_check_for, validator_for
from factsheet.load.strict_yaml import load_yaml_file


def _record_files() -> list[Path]:
    found = [p for p in sorted(REPO.glob("**/*.yaml")) if p.parent.name in KIND_OF_FOLDER]
    return [p for p in found if ".venv" not in p.parts and "node_modules" not in p.parts]


FILES = _record_files()


def _verdicts(path: Path) -> tuple[bool, bool] | None:
    loaded, _ = load_yaml_file(path, path.name)
    if loaded is None:
        return None
    kind = KIND_OF_FOLDER[path.parent.name]
    data = loaded.data()
    return quick_check_for(kind)(data), not any(validator_for(kind).iter_errors(data))


def test_there_are_valid_and_invalid_records_to_compare() -> None:
    verdicts = [v for p in FILES if (v := _verdicts(p)) is not None]
    assert {slow for _, slow in verdicts} == {True, False}


@pytest.mark.parametrize("path", FILES, ids=[p.relative_to(REPO).as_posix() for p in FILES])
def test_quick_check_gives_jsonschemas_verdict(path: Path) -> None:
    verdicts = _verdicts(path)
    if verdicts is not None:
        quick, slow = verdicts
        assert quick == slow


def test_synthetic_records_take_the_quick_path(tmp_path: Path) -> None:
    synthetic.generate(tmp_path / "corpus", 60)
    for path in sorted((tmp_path / "corpus" / "facts").glob("*/*.yaml")):
        assert _verdicts(path) == (True, True), path


@pytest.mark.parametrize("kind", sorted(RecordKind))
def test_the_message_validators_resolve_every_ref_once(kind: str) -> None:
    """jsonschema would resolve a `$ref` per list item (13 s for 150,000 aliases): the
    schema it is given has every `$ref` inlined, and still holds the fields' own notes."""
    schema = validator_for(kind).schema
    assert isinstance(schema, dict), "the message validator's schema is a JSON object"
    assert "$ref" not in json.dumps(schema)
    assert schema["properties"]["title" if kind != "actor" else "name"]["description"]
