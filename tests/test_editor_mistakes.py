"""An editor's mistake is a located problem from `check` and `build`, never an internal error.

Each case runs build.py as an editor would and expects exit status 1, the file named, and
no traceback or "internal error". Unreadable files are made with chmod 000; as root,
where that blocks nothing, build.py runs as the unprivileged user `nobody` instead, so the
permission is really refused.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import FIXTURE, REPO, Run, copy_project, run_cli

RECORD = "facts/incidents/market-strike.yaml"
NOBODY = 65534


def _no_crash(run: Run) -> None:
    assert run.code == 1, (run.out, run.err)
    assert "internal error" not in run.err and "Traceback" not in run.err, run.err


@pytest.mark.parametrize("old", ["index", "con", "lpt1"])
@pytest.mark.parametrize("command", ["check", "build"])
def test_a_reserved_old_id_is_a_located_problem(project: Path, command: str, old: str) -> None:
    record = project / RECORD
    record.write_text(record.read_text("utf-8") + f"renamed_from:\n  - {old}\n", "utf-8")
    run = run_cli(project, command)
    _no_crash(run)
    line = len(record.read_text("utf-8").splitlines())
    assert f"{RECORD}:{line}:5: renamed_from[0]: '{old}' is a reserved name" in run.err
    assert "hint: remove it from renamed_from" in run.err


@pytest.mark.parametrize("name", ["index", "con", "nul", "com1", "lpt9"])
def test_new_refuses_a_reserved_id(project: Path, name: str) -> None:
    run = run_cli(project, "new", "incident", name)
    _no_crash(run)
    assert f"'{name}' is a reserved name" in run.err and f"{name}-2015" in run.err
    assert not (project / "facts" / "incidents" / f"{name}.yaml").exists()


@pytest.fixture
def bad_name(project: Path) -> Path:
    name = os.fsdecode(b"bad\xff-strike.yaml")
    shutil.copy(project / RECORD, project / "facts" / "incidents" / name)
    return project


@pytest.mark.parametrize("command", ["check", "build"])
def test_a_file_name_that_is_not_utf8_is_named(bad_name: Path, command: str) -> None:
    run = run_cli(bad_name, command)
    _no_crash(run)
    assert "facts/incidents/bad\\xff-strike.yaml:1:1: the file name is not a valid id" in run.err


@pytest.mark.process  # the bytes a real process writes to its stderr
def test_json_output_is_valid_utf8_for_a_name_that_is_not(bad_name: Path) -> None:
    proc = subprocess.run(
        [sys.executable, str(REPO / "build.py"), "check", "--format", "json",
         "--root", str(bad_name)],
        capture_output=True, check=False,
    )
    assert proc.returncode == 1
    problems = json.loads(proc.stderr.decode("utf-8", errors="strict"))
    assert b"\\ud" not in proc.stderr  # no lone-surrogate escape either
    assert problems[0]["file"] == "facts/incidents/bad\\xff-strike.yaml"


# ------------------------------------------------------------------- unreadable files


@pytest.fixture
def shared_project() -> Iterator[Path]:
    """A project the unprivileged user may use (pytest's own tmp folders are root's)."""
    folder = Path(tempfile.mkdtemp(prefix="factsheet-perm-"))
    folder.chmod(0o755)
    root = copy_project(FIXTURE, folder / "project")
    if os.geteuid() == 0:
        for path in [root, *root.rglob("*")]:
            os.chown(path, NOBODY, NOBODY, follow_symlinks=False)
    try:
        yield root
    finally:
        for path in [root, *root.rglob("*")]:
            path.chmod(0o755 if path.is_dir() else 0o644)
        shutil.rmtree(folder)


def _unprivileged() -> list[str]:
    """The command prefix that drops root's rights (which read any file); none needed else."""
    if os.geteuid() != 0:
        return []
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        pytest.skip("running as root, and setpriv (util-linux) is not here to drop the rights")
    return [setpriv, f"--reuid={NOBODY}", f"--regid={NOBODY}", "--clear-groups"]


def _run_unprivileged(root: Path, command: str) -> Run:
    proc = subprocess.run(
        [*_unprivileged(), sys.executable, str(REPO / "build.py"), command, "--root", str(root)],
        capture_output=True, text=True, check=False, timeout=120, cwd="/",
        env={**os.environ, "HOME": "/nonexistent"},
    )
    return Run(proc.returncode, proc.stdout, proc.stderr)


UNREADABLE = {
    "record file": (RECORD, f"{RECORD}:1:1: the file cannot be read (Permission denied)"),
    "record folder": ("facts/incidents", "facts/incidents:1:1: the folder cannot be read"),
    "verification file": (
        "verification/wire-story.json",
        "verification file verification/wire-story.json cannot be read (Permission denied)",
    ),
    "verification folder": (
        "verification",
        "verification file verification/wire-story.json cannot be read (Permission denied)",
    ),
}


@pytest.mark.process  # build.py run as an unprivileged user
@pytest.mark.parametrize("case", list(UNREADABLE))
@pytest.mark.parametrize("command", ["check", "build"])
def test_an_unreadable_file_or_folder_is_a_located_problem(
    shared_project: Path, case: str, command: str
) -> None:
    relative, expected = UNREADABLE[case]
    (shared_project / relative).chmod(0)
    run = _run_unprivileged(shared_project, command)
    _no_crash(run)
    assert expected in run.err, run.err
    assert not (shared_project / "docs" / "index.md").exists()


def test_an_unusable_build_lock_is_explained(shared_project: Path) -> None:
    cache = shared_project / ".factsheet-cache"
    cache.mkdir()
    if os.geteuid() == 0:
        os.chown(cache, 0, 0)  # root's: nobody may not create the lock in it
    cache.chmod(0o555)
    run = _run_unprivileged(shared_project, "build")
    _no_crash(run)
    assert "the build lock .factsheet-cache/lock cannot be opened (Permission denied)" in run.err
