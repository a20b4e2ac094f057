"""The one switch that lets a CI run lack something (FACTSHEET_MAY_LACK): it covers only the
names it lists, and only those in conftest.MAY_LACK."""

from __future__ import annotations

import pytest
from conftest import missing


def test_in_ci_a_missing_tool_fails(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CI", "true")
    monkeypatch.delenv("FACTSHEET_MAY_LACK", raising=False)
    with pytest.raises(pytest.fail.Exception, match="missing in CI"):
        missing("the seed archive", "seed-archive")
    with pytest.raises(pytest.fail.Exception):
        missing("zizmor")


def test_the_switch_covers_only_the_names_it_lists(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CI", "true")
    monkeypatch.setenv("FACTSHEET_MAY_LACK", "seed-archive")
    with pytest.raises(pytest.skip.Exception):
        missing("the seed archive", "seed-archive")
    with pytest.raises(pytest.fail.Exception):
        missing("actionlint", "actionlint")
    with pytest.raises(pytest.fail.Exception):
        missing("zizmor")  # a tool without a name can never be excused


def test_an_unknown_name_is_a_mistake_in_the_tests(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CI", "true")
    monkeypatch.setenv("FACTSHEET_MAY_LACK", "chromium")
    with pytest.raises(AssertionError):
        missing("chromium", "chromium")


def test_outside_ci_a_missing_tool_skips(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(pytest.skip.Exception):
        missing("zizmor")
