"""Example records that become test cases by sitting in a folder.

tests/cases/invalid/<kind>/<name>.yaml is dropped into a copy of the fixture
project; `build.py check` must fail with exit 1, no traceback, and exactly the
messages in <name>.expected (regenerate with FACTSHEET_REGEN=1 and review the
diff). tests/cases/valid/<kind>/<name>.yaml must pass and get a page.

The CLI runs in this process (run_cli); one case also runs as `python build.py`, so the
exit status and messages of a real process are held to the same expectations.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import FIXTURE, REPO, Run, copy_project, regenerate, run_build_py, run_cli

CASES = REPO / "tests" / "cases"


def _cases(kind: str) -> list[Path]:
    return sorted((CASES / kind).glob("*/*.yaml"))


def _drop_in(case: Path, tmp_path: Path) -> Path:
    root = copy_project(FIXTURE, tmp_path / "project")
    shutil.copyfile(case, root / "facts" / case.parent.name / case.name)
    return root


def _case_id(case: Path) -> str:
    return f"{case.parent.name}/{case.stem}"


def _assert_explained(case: Path, result: Run) -> None:
    assert result.code == 1, result.out + result.err
    assert "Traceback" not in result.err and "internal error" not in result.err
    expected_file = case.with_suffix(".expected")
    if regenerate():
        expected_file.write_text(result.err, encoding="utf-8")
    assert result.err == expected_file.read_text(encoding="utf-8")


@pytest.mark.parametrize("case", _cases("invalid"), ids=_case_id)
def test_invalid_record_is_explained(case: Path, tmp_path: Path) -> None:
    root = _drop_in(case, tmp_path)
    _assert_explained(case, run_cli(root, "check"))
    # `build` on the same input writes nothing at all.
    assert run_cli(root, "build").code == 1
    assert not any((root / "docs").iterdir())


@pytest.mark.process
def test_an_invalid_record_is_explained_by_a_real_process(tmp_path: Path) -> None:
    case = _cases("invalid")[0]
    root = _drop_in(case, tmp_path)
    _assert_explained(case, run_build_py(root, "check"))
    assert run_build_py(root, "build").code == 1
    assert not any((root / "docs").iterdir())


@pytest.mark.parametrize("case", _cases("valid"), ids=_case_id)
def test_valid_record_gets_a_page(case: Path, tmp_path: Path) -> None:
    root = _drop_in(case, tmp_path)
    result = run_cli(root, "build")
    assert result.code == 0, result.err
    assert (root / "docs" / case.parent.name / f"{case.stem}.md").is_file()


def _problem_lines(text: str) -> set[str]:
    return {line for line in text.splitlines() if line.startswith("facts/")}


def test_every_problem_is_reported_in_one_run(tmp_path: Path) -> None:
    """All invalid incident cases together: every one of their messages, in one run."""
    root = copy_project(FIXTURE, tmp_path / "project")
    cases = [c for c in _cases("invalid") if c.parent.name == "incidents"]
    expected: set[str] = set()
    for case in cases:
        shutil.copyfile(case, root / "facts" / "incidents" / case.name)
        expected |= _problem_lines(case.with_suffix(".expected").read_text(encoding="utf-8"))
    result = run_cli(root, "check")
    assert result.code == 1
    assert len(cases) > 1
    assert _problem_lines(result.err) == expected
