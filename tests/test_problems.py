"""One way to report a problem: the per-file cap, the reporters by name, the error tree."""

from __future__ import annotations

import json

import pytest

from factsheet.check.trust import GitError
from factsheet.domain.dates import DateError, parse_date
from factsheet.output.lock import Busy
from factsheet.output.write import UnsafeOutput
from factsheet.problems import (
    MAX_PER_FILE,
    REPORTERS,
    EditorError,
    FactsheetError,
    Problem,
    capped,
    reporter,
    sort_problems,
)


def _problems(file: str, count: int) -> list[Problem]:
    return [Problem(file, line, 1, "title", "is wrong") for line in range(1, count + 1)]


def test_a_file_lists_its_first_problems_then_says_more_were_left_out() -> None:
    shown = capped(_problems("a.yaml", MAX_PER_FILE + 5))
    assert len(shown) == MAX_PER_FILE + 1
    assert shown[-1] == Problem(
        "a.yaml",
        MAX_PER_FILE + 1,
        1,
        "",
        "more problems from here on are not listed",
        "fix the problems above and check the file again",
    )
    assert capped(_problems("a.yaml", MAX_PER_FILE)) == _problems("a.yaml", MAX_PER_FILE)


def test_sorting_caps_each_file_on_its_own() -> None:
    mixed = _problems("b.yaml", MAX_PER_FILE + 3) + _problems("a.yaml", 2) * 2
    shown = sort_problems(mixed)
    assert [p.file for p in shown] == ["a.yaml"] * 2 + ["b.yaml"] * (MAX_PER_FILE + 1)
    assert shown[-1].message == "more problems from here on are not listed"


def test_each_format_name_has_its_reporter() -> None:
    assert list(REPORTERS) == ["text", "github", "json"]
    problems = [Problem("a.yaml", 3, 5, "kind", "'x' is not an allowed value", "write one of: y")]
    assert reporter("text").format(problems) == (
        "a.yaml:3:5: kind: 'x' is not an allowed value\n"
        "    hint: write one of: y\n"
        "1 problem found; nothing was written.\n"
    )
    assert reporter("github").format(problems) == (
        "::error file=a.yaml,line=3,col=5::kind: 'x' is not an allowed value "
        "(hint: write one of: y)\n"
    )
    assert json.loads(reporter("json").format(problems)) == [
        {
            "file": "a.yaml",
            "line": 3,
            "column": 5,
            "field": "kind",
            "message": "'x' is not an allowed value",
            "hint": "write one of: y",
            "severity": "error",
        }
    ]


def test_an_editors_mistake_is_told_from_other_expected_errors() -> None:
    with pytest.raises(EditorError, match="month 13 does not exist"):
        parse_date("2015-13-01")
    assert issubclass(DateError, ValueError)  # jsonschema's format check catches it as one
    assert issubclass(UnsafeOutput, EditorError) and issubclass(UnsafeOutput, OSError)
    for expected in (Busy, GitError):  # not the editor's doing, but not a bug of ours either
        assert issubclass(expected, FactsheetError) and not issubclass(expected, EditorError)
