"""Builds killed at any step, and builds run at once: docs/ is the old pages or the new ones.

The kill test stops `build.py` with SIGKILL at every step of writing in turn (the fault
hook FACTSHEET_KILL_AT, factsheet/output/faults.py), on a change that rewrites, adds and removes
pages. After each kill, docs/ as the next run finds it once it has recovered must be
exactly the old pages or exactly the new ones, and that next run must finish the build.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import FIXTURE, REPO, copy_project, run_cli

from factsheet.output.write import OUR_PREFIX, recover

PINNED = {"SOURCE_DATE_EPOCH": "1700000000"}
MAX_STEPS = 200  # far more than the change below has; the loop ends at the first clean run


def _pages(root: Path) -> dict[str, bytes]:
    """The pages of docs/: every file but the write machinery's own (temporary, journal)."""
    docs = root / "docs"
    return {
        p.relative_to(docs).as_posix(): p.read_bytes()
        for p in sorted(docs.rglob("*"))
        if p.is_file() and not p.name.startswith(OUR_PREFIX)
    }


def _leftovers(root: Path) -> list[str]:
    return sorted(p.name for p in (root / "docs").rglob(OUR_PREFIX + "*"))


def _edit_to_new(root: Path) -> None:
    """The change under test: a title edited (many pages change) and an incident removed."""
    incident = root / "facts" / "incidents" / "market-strike.yaml"
    text = incident.read_text(encoding="utf-8")
    incident.write_text(text.replace("Strike on a market", "Strike on the market"), "utf-8")
    (root / "facts" / "incidents" / "extra-strike.yaml").unlink()
    # Its address goes too, as a maintainer may do (else check keeps it: test_published).
    published = root / "published-ids.txt"
    published.write_text(published.read_text("utf-8").replace("incidents/extra-strike\n", ""),
                         "utf-8")


@pytest.fixture
def old_project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The fixture with one more incident, built: the old pages."""
    for name, value in PINNED.items():
        monkeypatch.setenv(name, value)
    root = copy_project(FIXTURE, tmp_path / "old")
    incidents = root / "facts" / "incidents"
    text = (incidents / "market-strike.yaml").read_text(encoding="utf-8")
    extra = text.replace("market-strike", "extra-strike").replace("a market", "a bakery")
    (incidents / "extra-strike.yaml").write_text(extra, encoding="utf-8")
    assert run_cli(root, "build").code == 0
    return root


def _build_killed_at(root: Path, step: int) -> int:
    """`build.py build` in a forked child told to SIGKILL itself at `step`; its status.

    A fork of this process has the package imported already: a trial costs the build
    alone, not an interpreter's start, so every step can be tried within seconds.
    """
    pid = os.fork()
    if pid == 0:  # the child: never returns into pytest
        code = 1
        try:
            os.environ["FACTSHEET_KILL_AT"] = str(step)
            null = os.open(os.devnull, os.O_WRONLY)
            os.dup2(null, 1)
            os.dup2(null, 2)
            from factsheet import cli

            code = cli.main(["build", "--root", str(root)])
        finally:
            os._exit(code)
    _, status = os.waitpid(pid, 0)
    return os.waitstatus_to_exitcode(status)


def _new_pages(old: Path, tmp_path: Path) -> dict[str, bytes]:
    root = tmp_path / "reference"
    shutil.copytree(old, root)
    _edit_to_new(root)
    assert run_cli(root, "build").code == 0
    return _pages(root)


@pytest.mark.process  # killed processes
def test_a_build_killed_at_any_step_leaves_old_or_new_pages(
    old_project: Path, tmp_path: Path
) -> None:
    old = _pages(old_project)
    new = _new_pages(old_project, tmp_path)
    assert old != new and set(old) - set(new), "the change must rewrite and remove pages"
    killed = 0
    for step in range(1, MAX_STEPS + 1):
        root = tmp_path / f"trial-{step}"
        shutil.copytree(old_project, root)
        _edit_to_new(root)
        status = _build_killed_at(root, step)
        if status == 0:
            break  # there was no step `step`: the build ran to its end
        assert status == -signal.SIGKILL, f"step {step}: exit status {status}"
        killed += 1
        journal = (root / "docs" / ".factsheet-journal").exists()
        if not journal:  # nothing committed or all done: the pages are old or new as they are
            assert _pages(root) in (old, new), f"mixed pages after a kill at step {step}"
        recover(root / "docs")
        assert _pages(root) in (old, new), f"mixed pages after recovering from step {step}"
        assert _leftovers(root) == []
        assert run_cli(root, "build").code == 0
        assert _pages(root) == new and _leftovers(root) == []
        shutil.rmtree(root)
    else:
        pytest.fail(f"the build was still being killed after {MAX_STEPS} steps")
    # Every kind of step was reached: staging, the commit, moves and removals.
    assert killed >= 2 * len({k for k in new if old.get(k) != new[k]}), killed
    print(f"{killed} kill points, each left old or new pages")


HOLDER = """
import sys, time
from pathlib import Path
from factsheet.output.lock import project_lock
with project_lock(Path(sys.argv[1]), "a test holding the lock"):
    print("held", flush=True)
    time.sleep(float(sys.argv[2]))
"""


def _hold_lock(root: Path, seconds: float) -> subprocess.Popen[str]:
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(root), str(seconds)],
        cwd=REPO, stdout=subprocess.PIPE, text=True,
    )
    assert holder.stdout is not None and holder.stdout.readline() == "held\n"
    return holder


def test_a_second_build_names_the_holder_and_changes_nothing(old_project: Path) -> None:
    _edit_to_new(old_project)
    before = _pages(old_project)
    holder = _hold_lock(old_project, 5)
    try:
        run = run_cli(old_project, "build", env={**PINNED, "FACTSHEET_LOCK_WAIT": "0.5"})
    finally:
        holder.kill()
        holder.wait()
    assert run.code == 1
    assert f"pid {holder.pid} (python" in run.err and "project_lock" in run.err
    assert "another build of this project is running" in run.err
    assert "Traceback" not in run.err
    assert _pages(old_project) == before


def test_a_build_waits_for_the_one_before_it(old_project: Path) -> None:
    _edit_to_new(old_project)
    holder = _hold_lock(old_project, 1.0)
    started = time.monotonic()
    run = run_cli(old_project, "build", env=PINNED)
    holder.wait()
    assert run.code == 0, run.err
    assert "waiting for another build of this project: pid" in run.err
    assert time.monotonic() - started >= 0.9


@pytest.mark.process  # three build.py processes at once
def test_two_builds_at_once_leave_the_new_pages(old_project: Path, tmp_path: Path) -> None:
    new = _new_pages(old_project, tmp_path)
    _edit_to_new(old_project)
    env = {**os.environ, **PINNED}
    command = [sys.executable, str(REPO / "build.py"), "build", "--root", str(old_project)]
    runs = [subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                             text=True) for _ in range(3)]
    results = [(r.wait(timeout=120), *r.communicate()) for r in runs]
    assert [code for code, _, _ in results] == [0, 0, 0], results
    assert _pages(old_project) == new and _leftovers(old_project) == []
    written = sorted(out.split(" pages")[0] for _, out, _ in results)
    assert written[:2] == ["Wrote 0", "Wrote 0"] and written[2] != "Wrote 0", written
