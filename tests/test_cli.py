"""The command line as editors and CI meet it: formats, help, exit codes."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from conftest import REPO, run_cli

BAD_ACTOR = REPO / "tests" / "cases" / "invalid" / "incidents" / "bad-actor-ref.yaml"


def _with_typo(project: Path) -> Path:
    shutil.copy(BAD_ACTOR, project / "facts" / "incidents" / BAD_ACTOR.name)
    return project


def test_github_format_gives_annotations_with_did_you_mean(project: Path) -> None:
    result = run_cli(_with_typo(project), "check", "--format", "github")
    assert result.code == 1
    assert result.err.strip() == (
        "::error file=facts/incidents/bad-actor-ref.yaml,line=8,col=12::actors[0].actor: "
        "no actor has the id 'defence-ministy' (hint: did you mean 'defence-ministry'?)"
    )


def test_json_format_is_machine_readable(project: Path) -> None:
    result = run_cli(_with_typo(project), "check", "--format", "json")
    assert result.code == 1
    problems = json.loads(result.err)
    assert problems == [{
        "file": "facts/incidents/bad-actor-ref.yaml", "line": 8, "column": 12,
        "field": "actors[0].actor", "message": "no actor has the id 'defence-ministy'",
        "hint": "did you mean 'defence-ministry'?", "severity": "error",
    }]


def test_text_format_is_the_default(project: Path) -> None:
    result = run_cli(_with_typo(project), "check")
    assert result.err.startswith(
        "facts/incidents/bad-actor-ref.yaml:8:12: actors[0].actor: no actor has the id")
    assert result.err.endswith("1 problem found; nothing was written.\n")


def test_build_without_a_command_builds(project: Path) -> None:
    result = run_cli(project)
    assert result.code == 0, result.err
    assert (project / "docs" / "incidents" / "market-strike.md").is_file()
    assert "Wrote" in result.out


def test_usage_errors_exit_2(project: Path) -> None:
    assert run_cli(project, "check", "--format", "xml").code == 2
    assert run_cli(project, "frobnicate").code == 2


def test_missing_facts_folder_is_a_clear_problem(tmp_path: Path) -> None:
    (tmp_path / "docs").mkdir()
    result = run_cli(tmp_path, "check")
    assert result.code == 1
    assert "facts:1:1: the facts folder is missing" in result.err
    assert "Traceback" not in result.err


def test_progress_is_quiet_when_not_a_terminal(project: Path) -> None:
    result = run_cli(project, "build")
    assert result.err == ""
