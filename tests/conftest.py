"""Shared helpers: a throwaway copy of a project, and the real CLI run on it.

`run_cli` calls the CLI's entry point (factsheet.cli.main) in this process: quick, and what
most tests need (messages, exit codes, files written). `run_build_py` starts `python build.py`
as an editor does, for the tests where the process itself is under test (its exit status,
a signal, a crash); mark those `process` so that `make test-fast` leaves them out.
"""

from __future__ import annotations

import contextlib
import io
import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from socketserver import BaseRequestHandler
from typing import NoReturn

import pytest

from bench.search import local_server

REPO = Path(__file__).resolve().parents[1]
FIXTURE = REPO / "tests" / "fixtures" / "project"
SEEDS = REPO.parent / "shared" / "seeds"
TESTS = REPO / "tests"

# Markers given by folder, so a new test file there needs no decorator (see pyproject.toml).
FOLDER_MARKERS = {TESTS / "browser": "browser"}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        for folder, marker in FOLDER_MARKERS.items():
            if item.path.is_relative_to(folder):
                item.add_marker(marker)


def missing(what: str, hint: str = "") -> NoReturn:
    """Something a test needs is not here (a tool, a corpus): skipped on a developer's
    machine, a failure in CI (CI=true), where everything must be installed."""
    if os.environ.get("CI") == "true":
        pytest.fail(f"{what} is missing in CI{f' ({hint})' if hint else ''}")
    pytest.skip(f"{what} is not here")


def require_dir(folder: Path, what: str) -> Path:
    """folder, when it exists; otherwise `missing(what)`."""
    if not folder.is_dir():
        missing(f"{what} {folder}")
    return folder


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--regen-golden", action="store_true",
                     help="rewrite golden files instead of comparing (review them in the diff)")


def pytest_configure(config: pytest.Config) -> None:
    if config.getoption("--regen-golden"):
        os.environ["FACTSHEET_REGEN"] = "1"


def regenerate() -> bool:
    """`pytest --regen-golden` (or FACTSHEET_REGEN=1) rewrites golden files instead of comparing."""
    return os.environ.get("FACTSHEET_REGEN") == "1"


def require_seeds() -> Path:
    """The archived seed articles (see `missing` when they are not here)."""
    return require_dir(SEEDS, "the seed archive")


@dataclass
class Run:
    code: int
    out: str
    err: str


def run_build_py(root: Path, *args: str, env: dict[str, str] | None = None) -> Run:
    """Run `python build.py ARGS --root ROOT` in a new process, the way an editor would."""
    full_env = {**os.environ, **(env or {})}
    full_env.pop("FACTSHEET_ARCHIVE", None)
    proc = subprocess.run(
        [sys.executable, str(REPO / "build.py"), *args, "--root", str(root)],
        capture_output=True,
        text=True,
        env=full_env,
        timeout=300,
        check=False,
    )
    return Run(proc.returncode, proc.stdout, proc.stderr)


# Variables that mean something only to a new process: read once when it starts (the hash
# seed, the time zone, the locale), or, for the fault hook, fatal to this one
# (factsheet/output/faults.py). A test that sets them runs build.py with run_build_py.
CHILD_ONLY_ENV = frozenset(
    {"PYTHONHASHSEED", "TZ", "LC_ALL", "LC_CTYPE", "LANG", "FACTSHEET_KILL_AT"}
)


@contextlib.contextmanager
def _environment(env: dict[str, str] | None) -> Iterator[None]:
    """os.environ with env added and $FACTSHEET_ARCHIVE removed, as run_build_py's child
    sees it; restored afterwards."""
    changes: dict[str, str | None] = {"FACTSHEET_ARCHIVE": None, **(env or {})}
    child_only = sorted(CHILD_ONLY_ENV & set(changes))
    assert not child_only, f"{child_only} take effect in a new process only: use run_build_py"
    saved = {name: os.environ.get(name) for name in changes}
    try:
        for name, value in changes.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value
        yield
    finally:
        for name, old in saved.items():
            if old is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = old


def run_cli(root: Path, *args: str, env: dict[str, str] | None = None) -> Run:
    """`build.py ARGS --root ROOT` through the CLI's entry point in this process: the same
    exit status and output as run_build_py, without an interpreter's start (and
    monkeypatches reach it). Not thread-safe: it swaps sys.stdout and os.environ."""
    from factsheet import cli

    out, err = io.StringIO(), io.StringIO()
    with _environment(env), contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = cli.main([*args, "--root", str(root)])
        except SystemExit as stop:  # argparse: a usage error (2), or --help (0)
            code = stop.code if isinstance(stop.code, int) else 0 if stop.code is None else 1
    return Run(code, out.getvalue(), err.getvalue())


def docs_files(root: Path) -> dict[str, bytes]:
    """Every file under root/docs, by its path there, with its bytes."""
    docs = root / "docs"
    return {
        p.relative_to(docs).as_posix(): p.read_bytes()
        for p in sorted(docs.rglob("*"))
        if p.is_file()
    }


def copy_project(source: Path, target: Path) -> Path:
    shutil.copytree(source, target, symlinks=True)
    (target / "docs").mkdir(exist_ok=True)
    return target


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A copy of the small fixture project (facts + archive), safe to change."""
    return copy_project(FIXTURE, tmp_path / "project")


# What a site build reads from the repository: records, locks, schemas, hand-written pages
# and theme overrides, and the MkDocs configuration.
SITE_INPUTS = ("facts", "verification", "schemas", "docs", "overrides", "mkdocs.yml")


def copy_site_inputs(root: Path, names: tuple[str, ...] = SITE_INPUTS) -> Path:
    """Copy the named inputs of the repository into root; docs/ without a previous build's
    generated pages, so that only what the build under test writes is there."""
    from factsheet.output.write import GENERATED_DIRS, GENERATED_FILES

    root.mkdir(parents=True, exist_ok=True)
    for name in names:
        source = REPO / name
        if name == "docs":
            generated = shutil.ignore_patterns(*GENERATED_DIRS, *GENERATED_FILES)
            shutil.copytree(source, root / name, ignore=generated, dirs_exist_ok=True)
        elif source.is_dir():
            shutil.copytree(source, root / name)
        else:
            shutil.copy(source, root / name)
    return root


@pytest.fixture(scope="session")
def shipped_pages(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the shipped project with its pages written by build.py (no MkDocs), once
    per session: read it, never change it."""
    root = copy_site_inputs(tmp_path_factory.mktemp("shipped"))
    result = run_cli(root, "build")
    assert result.code == 0, result.err
    return root


def mkdocs_build(
    root: Path, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """`mkdocs build --strict` of the project at root into root/site, as `make site` runs it."""
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", "site"],
        cwd=root, capture_output=True, text=True, check=False, timeout=600,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})},
    )


def serving(handler: Callable[..., BaseRequestHandler]) -> contextlib.AbstractContextManager[str]:
    """An HTTP server on 127.0.0.1 (a free port) in a thread; yields its base URL."""
    return local_server(handler)


# A complete site identity (mkdocs.yml extra.factsheet), for builds that need one.
IDENTITY = {
    "publisher": "Test Newsroom & Co",
    "contact": "desk@newsroom.test",
    "data_licence": "CC BY 4.0",
    "code_licence": "MIT",
    "repository": "https://github.com/acme/factsheet",
}


def set_identity(root: Path, identity: dict[str, str], site_url: str | None = None) -> None:
    """Write IDENTITY-like values into root/mkdocs.yml's `extra.factsheet` (shipped empty)."""
    import json

    config = root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert "\n  factsheet: {}\n" in text, "mkdocs.yml ships with extra.factsheet empty"
    lines = "".join(f"    {key}: {json.dumps(value)}\n" for key, value in identity.items())
    text = text.replace("\n  factsheet: {}\n", "\n  factsheet:\n" + lines)
    if site_url is not None:
        text = text.replace("site_url: https://factsheet.example.org/", f"site_url: {site_url}")
    config.write_text(text, encoding="utf-8")
