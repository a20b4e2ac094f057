"""Live preview: saving a record shows on the served page without a restart."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from conftest import REPO

# `build.py serve` and the `mkdocs serve` it starts, as processes of their own.
pytestmark = pytest.mark.process


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return str(response.read().decode("utf-8"))
    except OSError:
        return ""


def _wait_for(url: str, text: str, seconds: float) -> float | None:
    start = time.monotonic()
    while time.monotonic() - start < seconds:
        if text in _fetch(url):
            return time.monotonic() - start
        time.sleep(0.1)
    return None


def _serve(project: Path) -> tuple[subprocess.Popen[bytes], int]:
    """`build.py serve` on a copy of the fixture with the site's pages and theme."""
    shutil.copy(REPO / "mkdocs.yml", project / "mkdocs.yml")
    shutil.copytree(REPO / "overrides", project / "overrides")
    shutil.copytree(REPO / "hooks", project / "hooks")
    for page in ("methodology.md", "corrections.md", "about.md", "tags.md"):
        shutil.copy(REPO / "docs" / page, project / "docs" / page)
    shutil.copytree(REPO / "docs" / "assets", project / "docs" / "assets")
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, str(REPO / "build.py"), "serve", "--root", str(project),
         "--dev-addr", f"127.0.0.1:{port}"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    return server, port


def test_a_saved_edit_appears_in_the_preview(project: Path) -> None:
    server, port = _serve(project)
    try:
        url = f"http://127.0.0.1:{port}/incidents/market-strike/"
        assert _wait_for(url, "Strike on a market", 60) is not None, "preview never came up"
        record = project / "facts" / "incidents" / "market-strike.yaml"
        text = record.read_text(encoding="utf-8")
        record.write_text(text.replace("title: Strike on a market", "title: Renamed strike"),
                          encoding="utf-8")
        took = _wait_for(url, "Renamed strike", 30)
        assert took is not None, "the edit never reached the preview"
        print(f"edit visible in the preview after {took:.2f} s")
    finally:
        server.terminate()
        server.wait(timeout=10)


@pytest.mark.parametrize(
    ("mistake", "message"),
    [
        ("renamed_from:\n  - index\n", "&#x27;index&#x27; is a reserved name"),
        ("title: [unclosed\n", "market-strike.yaml:"),
    ],
    ids=["reserved old id", "broken YAML"],
)
def test_a_record_problem_shows_in_the_browser_until_fixed(
    project: Path, mistake: str, message: str
) -> None:
    server, port = _serve(project)
    page = f"http://127.0.0.1:{port}/incidents/market-strike/"
    home = f"http://127.0.0.1:{port}/"
    try:
        assert _wait_for(page, "Strike on a market", 60) is not None, "preview never came up"
        record = project / "facts" / "incidents" / "market-strike.yaml"
        good = record.read_text(encoding="utf-8")
        record.write_text(good + mistake, encoding="utf-8")
        assert _wait_for(page, "a record has a problem", 30) is not None, _fetch(page)
        assert message in _fetch(page), _fetch(page)
        assert "facts/incidents/market-strike.yaml:" in _fetch(home)
        assert server.poll() is None, "serve stopped on a record problem"
        record.write_text(good, encoding="utf-8")
        assert _wait_for(page, "Strike on a market", 30) is not None, "the fix never showed"
        assert "a record has a problem" not in _fetch(home)
        assert server.poll() is None
    finally:
        server.terminate()
        server.wait(timeout=10)
