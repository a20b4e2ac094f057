"""The data downloads as a Frictionless Data Package a researcher can check and cite.

`frictionless validate data/datapackage.json` must pass on what a build writes, and must
fail when a file's bytes no longer match their published sum or a row points at a record
that is not there. The descriptor carries the data's version and build day (pinned here
with SOURCE_DATE_EPOCH) and describes every download.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from conftest import FIXTURE, REPO, copy_project, run_cli
from jsonschema import Draft7Validator

from factsheet import pipeline
from factsheet.render import iter_pages

EPOCH = "1800000000"  # 2027-01-15T08:00:00Z
DAY = "2027-01-15"


def _build(project: Path) -> Path:
    result = run_cli(project, "build", env={"SOURCE_DATE_EPOCH": EPOCH})
    assert result.code == 0, result.err
    return project / "docs" / "data"


def _validate(descriptor: Path) -> dict[str, Any]:
    """`frictionless validate --json`, as a researcher would run it."""
    result = subprocess.run(
        [sys.executable, "-m", "frictionless", "validate", "--json", str(descriptor)],
        capture_output=True, text=True, timeout=300, check=False, cwd=descriptor.parent,
    )
    report: dict[str, Any] = json.loads(result.stdout)
    assert (result.returncode == 0) == report["valid"], result.stderr
    return report


def _error_types(report: dict[str, Any]) -> dict[str, set[str]]:
    return {task["name"]: {e["type"] for e in task["errors"]}
            for task in report["tasks"] if task["errors"]}


def _descriptor(data: Path) -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads((data / "datapackage.json").read_text("utf-8"))
    return loaded


@pytest.fixture(scope="module")
def fixture_data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _build(copy_project(FIXTURE, tmp_path_factory.mktemp("fixture") / "project"))


def _shape_errors(data: Path, document: Any = None) -> list[str]:
    """factsheet.json (or `document`) against factsheet.schema.json, as shipped beside it."""
    schema = json.loads((data / "factsheet.schema.json").read_text("utf-8"))
    if document is None:
        document = json.loads((data / "factsheet.json").read_text("utf-8"))
    return [f"{list(e.absolute_path)}: {e.message}"
            for e in Draft7Validator(schema).iter_errors(document)]


def test_the_shipped_data_validates(tmp_path: Path) -> None:
    project = tmp_path / "project"
    for folder in ("facts", "verification"):
        shutil.copytree(REPO / folder, project / folder)
    (project / "docs").mkdir()
    data = _build(project)
    report = _validate(data / "datapackage.json")
    assert report["valid"], _error_types(report)
    checked = {task["place"] for task in report["tasks"]}
    assert {"factsheet.json", "incidents.csv", "schemas/common.schema.json"} <= checked
    assert _shape_errors(data) == []


def test_the_json_schema_gives_every_field_of_factsheet_json(fixture_data: Path) -> None:
    assert _shape_errors(fixture_data) == []
    document = json.loads((fixture_data / "factsheet.json").read_text("utf-8"))
    strike = document["incidents"][1]
    strike["figures"][0]["margin"] = 3  # a field the schema does not name
    del strike["claims"][0]["said"]  # a field left out
    strike["measures"][0]["verdict"] = "unclear"
    errors = "\n".join(_shape_errors(fixture_data, document))
    assert "'margin' was unexpected" in errors
    assert "'said' is a required property" in errors
    assert "'unclear' is not one of" in errors


def test_every_download_is_described_with_its_sum(fixture_data: Path) -> None:
    package = _descriptor(fixture_data)
    assert package["version"] == "1.20270115.0"  # format version 1, built on DAY
    assert package["created"] == f"{DAY}T00:00:00Z"
    described = {r["path"]: r for r in package["resources"]}
    on_disk = {p.relative_to(fixture_data).as_posix() for p in fixture_data.rglob("*")
               if p.is_file()}
    assert set(described) == on_disk - {"datapackage.json", "SHA256SUMS"}
    for path, resource in described.items():
        data = (fixture_data / path).read_bytes()
        assert resource["hash"] == "sha256:" + hashlib.sha256(data).hexdigest(), path
        assert resource["bytes"] == len(data), path
    lines = (fixture_data / "SHA256SUMS").read_text("utf-8").splitlines()
    sums = {name: digest for digest, name in (line.split("  ", 1) for line in lines)}
    assert set(sums) == on_disk - {"SHA256SUMS"}
    for path, digest in sums.items():
        assert digest == hashlib.sha256((fixture_data / path).read_bytes()).hexdigest(), path


def test_each_table_schema_names_its_columns_and_keys(fixture_data: Path) -> None:
    tables = {r["path"]: r for r in _descriptor(fixture_data)["resources"]
              if r.get("type") == "table"}
    assert set(tables) == {p.name for p in fixture_data.glob("*.csv")}
    for path, resource in tables.items():
        header = next(csv.reader(io.StringIO((fixture_data / path).read_text("utf-8"))))
        assert [f["name"] for f in resource["schema"]["fields"]] == header, path
    figures = tables["figures.csv"]["schema"]
    assert figures["primaryKey"] == ["incident", "figure_index"]
    assert {"fields": ["incident"], "reference": {"resource": "incidents", "fields": ["id"]}} \
        in figures["foreignKeys"]
    types = {f["name"]: f["type"] for f in figures["fields"]}
    assert types["value"] == types["range_low"] == "integer"


def _rewrite(data: Path, path: str, change: tuple[str, str], *, fix_sum: bool) -> None:
    """Change a download's text; with fix_sum, also its sum and size in the descriptor."""
    file = data / path
    before = file.read_bytes()
    after = before.replace(change[0].encode(), change[1].encode(), 1)
    assert after != before
    file.write_bytes(after)
    if fix_sum:
        package = _descriptor(data)
        for resource in package["resources"]:
            if resource["path"] == path:
                resource["hash"] = "sha256:" + hashlib.sha256(after).hexdigest()
                resource["bytes"] = len(after)
        (data / "datapackage.json").write_text(json.dumps(package), encoding="utf-8")


def test_a_file_that_does_not_match_its_sum_is_caught(fixture_data: Path,
                                                      tmp_path: Path) -> None:
    data = shutil.copytree(fixture_data, tmp_path / "data")
    _rewrite(data, "actors.csv", ("rights-watchers", "rights-watcherz"), fix_sum=False)
    _rewrite(data, "factsheet.json", ('"format_version":1', '"format_version":2'),
             fix_sum=False)
    report = _validate(data / "datapackage.json")
    assert not report["valid"]
    errors = _error_types(report)
    assert errors["actors"] == {"hash-count"}
    assert errors["factsheet"] == {"hash-count"}


def test_a_row_pointing_at_a_missing_record_is_caught(fixture_data: Path,
                                                      tmp_path: Path) -> None:
    data = shutil.copytree(fixture_data, tmp_path / "data")
    _rewrite(data, "figures.csv", ("\r\nmarket-strike,", "\r\nmarket-strikes,"), fix_sum=True)
    report = _validate(data / "datapackage.json")
    assert not report["valid"]
    assert _error_types(report) == {"figures": {"foreign-key"}}


def test_the_descriptor_is_the_same_however_the_files_are_read(
    fixture_data: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every page taken first, then read in path order: the descriptor before the JSON it
    sums, the reverse of the order a build writes them in."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    outcome = pipeline.check(fixture_data.parent.parent)
    assert outcome.base is not None
    site = {
        path: content if isinstance(content, str) else b"".join(content).decode("utf-8")
        for path, content in sorted(iter_pages(outcome.base), key=lambda item: item[0])
    }
    for name in ("datapackage.json", "SHA256SUMS", "factsheet.json"):
        assert site[f"data/{name}"] == (fixture_data / name).read_text("utf-8"), name
