"""No cell of any CSV download can start a spreadsheet formula, whatever the records say.

A spreadsheet program runs a cell that starts with =, +, -, @, a tab or a carriage return
as a formula (`=HYPERLINK(...)` sends the reader somewhere). The export guards such a cell
with a leading apostrophe; lists (aliases, authors) are joined with `;` first, and the
joined cell is guarded like any other.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from conftest import FIXTURE, copy_project
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from factsheet import pipeline
from factsheet.render.export import export_files

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")

INCIDENT = """title: {0}
kind: airstrike
date:
  start: "2015-11-29"
  citations:
    - source: unsigned-page
location:
  place: {1}
  province: {2}
  country: {3}
  citations:
    - source: unsigned-page
summary:
  text: {4}
  citations:
    - source: unsigned-page
figures:
  - measure: civilians-killed
    scope: {5}
    value: "3"
    qualifier: about
    stated: {6}
    claimant: csv-actor
    citations:
      - source: csv-source
claims:
  - id: csv-claim
    claimant: csv-actor
    stance: states
    text: {7}
    citations:
      - source: csv-source
"""
ACTOR = """name: {8}
kind: person
aliases: [{9}, {10}]
description:
  text: {11}
  citations:
    - source: csv-source
"""
SOURCE = """title: {12}
kind: news-article
publisher: unknown
publisher_note: {13}
published: "2015"
published_note: {14}
language: en
authors: [{15}, {16}]
"""
TEXTS = 17


def _quoted(text: str) -> str:
    """A YAML double-quoted scalar holding exactly `text` (JSON escapes are YAML's)."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"')
    return '"' + escaped.replace("\t", "\\t").replace("\r", "\\r") + '"'


# A formula start (or none) and then ordinary characters, punctuation and spaces.
cell_text = st.builds(
    lambda start, rest: start + rest + "x",
    st.sampled_from([*FORMULA_START, "'", "", "a "]),
    st.text(
        alphabet=st.characters(codec="utf-8", categories=("L", "N", "P", "S", "Zs")),
        max_size=12,
    ),
)


def _csv_files(project: Path, texts: list[str]) -> dict[str, list[list[str]]] | None:
    quoted = [_quoted(text) for text in texts]
    files = {
        "incidents/csv-incident.yaml": INCIDENT,
        "actors/csv-actor.yaml": ACTOR,
        "sources/csv-source.yaml": SOURCE,
    }
    for path, template in files.items():
        (project / "facts" / path).write_text(template.format(*quoted), encoding="utf-8")
    outcome = pipeline.check(project)
    if outcome.base is None:
        return None  # refused: such text never reaches a download
    return {
        name: list(csv.reader(io.StringIO(text, newline="")))
        for name, text in export_files(outcome.base)
        if name.endswith(".csv") and isinstance(text, str)
    }


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return copy_project(FIXTURE, tmp_path_factory.mktemp("csv") / "project")


def _guarded(text: str) -> str:
    return "'" + text if text.startswith(FORMULA_START) else text


@settings(deadline=None, max_examples=60,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(texts=st.lists(cell_text, min_size=TEXTS, max_size=TEXTS))
def test_no_cell_of_any_csv_file_starts_a_formula(project: Path, texts: list[str]) -> None:
    tables = _csv_files(project, texts)
    assume(tables is not None)
    assert tables is not None and len(tables) == 5
    for name, rows in tables.items():
        header, *body = rows
        for row in body:
            assert len(row) == len(header), (name, row)
            for column, cell in zip(header, row, strict=True):
                assert not cell.startswith(FORMULA_START), (name, column, cell)
    actor = next(row for row in tables["data/actors.csv"] if row[0] == "csv-actor")
    source = next(row for row in tables["data/sources.csv"] if row[0] == "csv-source")
    assert actor[3] == _guarded(f"{texts[9]};{texts[10]}")
    assert source[8] == _guarded(f"{texts[15]};{texts[16]}")


def test_a_formula_in_a_list_cell_is_guarded(project: Path) -> None:
    texts = [f"plain text {n}" for n in range(TEXTS)]
    texts[9] = '=HYPERLINK("https://example.org/x","click")'
    texts[15] = "@SUM(1)"
    tables = _csv_files(project, texts)
    assert tables is not None
    actor = next(row for row in tables["data/actors.csv"] if row[0] == "csv-actor")
    assert actor[3] == "'" + texts[9] + ";plain text 10"
    source = next(row for row in tables["data/sources.csv"] if row[0] == "csv-source")
    assert source[8] == "'@SUM(1);plain text 16"
