"""`build.py site`: the MkDocs site built aside and put in place only when it is whole.

MkDocs empties its site folder before it writes, so a build that fails half-way (a full
disk, a strict-mode warning) would leave a partial site where the last good one was.
Here it builds into a fresh folder beside the target, adds the offline copy, runs the
site checks, and only then swaps the new folder in: the target holds the previous site
or the new one. A folder left by a run that was killed is removed by the next run.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from .offline import build_offline
from .sitecheck import scan_site

PREFIX = ".factsheet-site-"


def _mkdocs(root: Path, out: Path) -> bool:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(out)]
    return subprocess.run(command, cwd=root, env=env, check=False).returncode == 0


def _remove_leftovers(parent: Path) -> None:
    for leftover in parent.glob(PREFIX + "*"):
        if leftover.is_dir() and not leftover.is_symlink():
            shutil.rmtree(leftover, ignore_errors=True)


def _swap(new: Path, target: Path) -> None:
    """Put new at target; the old site is moved aside first and deleted after."""
    old = target.with_name(f"{PREFIX}old-{os.getpid()}")
    if os.path.lexists(target):
        os.replace(target, old)
    os.replace(new, target)
    if os.path.lexists(old):
        shutil.rmtree(old, ignore_errors=True)


def _built(root: Path, out: Path) -> str | None:
    """Build, add the offline copy, check; None when all went well, else what failed."""
    if not _mkdocs(root, out):
        return "mkdocs build --strict failed"
    build_offline(root, out)
    findings = scan_site(out)
    for finding in findings:
        print(finding)
    return f"{len(findings)} finding(s) in the built site" if findings else None


def publish(root: Path, target: Path) -> int:
    """Build the site of root into target, replacing it only on success; an exit status."""
    target.parent.mkdir(parents=True, exist_ok=True)
    _remove_leftovers(target.parent)
    new = Path(tempfile.mkdtemp(prefix=f"{PREFIX}new-", dir=target.parent))
    try:
        new.chmod(0o755)  # mkdtemp's 0700 would be the published folder's mode
        failure = _built(root, new)
        if failure is None:
            _swap(new, target)
            print(f"The site is in {target}.")
            return 0
    except (OSError, subprocess.SubprocessError) as error:
        failure = str(error)
    finally:
        with contextlib.suppress(OSError):
            if new.exists():
                shutil.rmtree(new)
    sys.stderr.write(f"error: {failure}; {target.name}/ was left as it was\n")
    return 1
