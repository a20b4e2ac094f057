"""Fixtures for the checks in a real browser: the shipped site built once, served on
127.0.0.1, Debian's chromium driven by Playwright, and the npm tools (axe-core, vnu-jar).

Every tool these tests need is skipped when absent on a developer's machine, but missing in
CI (CI=true) it is a failure: `.ci/run` installs chromium, and the npm packages pinned in
package.json / package-lock.json are installed by `npm_tools` into .cache/npm (gitignored).
"""

from __future__ import annotations

import contextlib
import functools
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler
from pathlib import Path
from typing import Any, NoReturn
from urllib.parse import urlsplit

import pytest
from conftest import copy_site_inputs, mkdocs_build, serving
from conftest import missing as missing_here

from bench.search import CHROMIUM, chromium, missing_tool

REPO = Path(__file__).resolve().parents[2]
NPM_DIR = REPO / ".cache" / "npm"
LOCAL_HOSTS = frozenset({"127.0.0.1", "localhost"})


def missing(what: str) -> NoReturn:
    """A tool these tests need is not installed: skipped here, a failure in CI."""
    missing_here(what, ".ci/run installs it")


def build_site(root: Path, *, env: dict[str, str] | None = None) -> Path:
    """Copy the project's inputs into ROOT, run build.py, `mkdocs build --strict` and
    factsheet.site.offline: the steps of `make site`."""
    copy_site_inputs(root)
    full_env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})}
    full_env.pop("FACTSHEET_ARCHIVE", None)
    build = subprocess.run(
        [sys.executable, str(REPO / "build.py"), "build", "--root", str(root)],
        capture_output=True, text=True, check=False, env=full_env, timeout=600,
    )
    assert build.returncode == 0, build.stderr
    mkdocs = mkdocs_build(root, full_env)
    assert mkdocs.returncode == 0, mkdocs.stderr
    offline = subprocess.run(
        [sys.executable, "-m", "factsheet.site.offline", "site"],
        cwd=root, capture_output=True, text=True, check=False, env=full_env, timeout=600,
    )
    assert offline.returncode == 0, offline.stderr
    return root / "site"


@pytest.fixture(scope="session")
def site_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shipped data built once into a temporary site/ (the same steps as `make site`)."""
    return build_site(tmp_path_factory.mktemp("browser") / "project")


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture(scope="session")
def base_url(site_dir: Path) -> Iterator[str]:
    """site/ served over HTTP on 127.0.0.1 (a free port), for the session."""
    with serving(functools.partial(_QuietHandler, directory=str(site_dir))) as url:
        yield url


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """Debian's chromium, headless, launched by Playwright (never a downloaded browser)."""
    tool = missing_tool()
    if tool is not None:
        if tool == str(CHROMIUM):
            tool += " (FACTSHEET_CHROMIUM names another Chrome or Chromium)"
        missing(tool)
    with chromium() as launched:
        yield launched


@pytest.fixture
def foreign_requests() -> list[str]:
    """URLs of requests to any host but this machine, collected by `page`'s route."""
    return []


def guard(context: Any, foreign: list[str]) -> None:
    """Route every request of CONTEXT: local ones go on, any other host is recorded and
    aborted (a test then fails on it)."""

    def handle(route: Any) -> None:
        url = route.request.url
        parts = urlsplit(url)
        if parts.scheme in ("data", "blob", "about", "file") or parts.hostname in LOCAL_HOSTS:
            route.continue_()
        else:
            foreign.append(url)
            route.abort()

    context.route("**/*", handle)


@contextlib.contextmanager
def local_page(browser: Any, foreign: list[str], **options: Any) -> Iterator[Any]:
    """A page in a fresh context (OPTIONS: viewport, java_script_enabled...) whose requests
    may only go to this machine; closed afterwards, failing if any other host was asked."""
    context = browser.new_context(**options)
    guard(context, foreign)
    opened = context.new_page()
    opened.set_default_timeout(15_000)
    try:
        yield opened
    finally:
        context.close()
    assert foreign == [], f"requests to third parties: {foreign}"


@pytest.fixture
def page(browser: Any, foreign_requests: list[str]) -> Iterator[Any]:
    """A fresh page whose requests may only go to 127.0.0.1/localhost; the test fails
    afterwards if any other host was asked for anything."""
    with local_page(browser, foreign_requests) as opened:
        yield opened


@pytest.fixture(scope="session")
def npm_tools() -> Path:
    """node_modules with the pinned axe-core and vnu-jar (package-lock.json), installed
    with `npm ci` into .cache/npm when missing or when the lock file changed."""
    npm = shutil.which("npm")
    if npm is None or shutil.which("node") is None:
        missing("node and npm")
    NPM_DIR.mkdir(parents=True, exist_ok=True)
    lock = (REPO / "package-lock.json").read_bytes()
    installed = NPM_DIR / "package-lock.json"
    modules = NPM_DIR / "node_modules"
    if not modules.is_dir() or not installed.exists() or installed.read_bytes() != lock:
        shutil.copy(REPO / "package.json", NPM_DIR / "package.json")
        installed.write_bytes(lock)
        result = subprocess.run(
            [npm, "ci", "--ignore-scripts", "--no-audit", "--no-fund"],
            cwd=NPM_DIR, capture_output=True, text=True, check=False, timeout=600,
        )
        assert result.returncode == 0, result.stdout + result.stderr
    return modules
